import { Alert, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import type { PendingEntry, PendingKind, PendingSort } from '../../../../shared/api/decisions';
import { useApiQuery } from '../../hooks/use-api-query';
import { HardshipReviewModal } from './HardshipReviewModal';
import { PendingFilters } from './PendingFilters';
import { PendingTable } from './PendingTable';
import type { ReasonAction, RowAction } from './pending-view';
import { decidedNotice, entryKey } from './pending-view';
import { ReasonDialog } from './ReasonDialog';

/**
 * The office manager's pending queue: what waits (write-off requests, hardship applications,
 * bad-debt candidates, ended carry-forwards, sync conflicts, quarantined records), filtered and
 * sorted; each decision takes a reason, and the row leaves the queue once the core recorded it.
 */
export function PendingPage() {
  const [kind, setKind] = useState<PendingKind | null>(null);
  const [sort, setSort] = useState<PendingSort>('oldest');
  const query = useApiQuery('getPendingQueue', kind ? { kind, sort } : { sort });
  /** Rows decided since this answer of the queue arrived (a newer answer no longer has them). */
  const [decided, setDecided] = useState<{ answer: unknown; keys: ReadonlySet<string> }>({ answer: null, keys: new Set() });
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const [reasonOpen, setReasonOpen] = useState<{ entry: PendingEntry; action: ReasonAction } | null>(null);
  const [hardship, setHardship] = useState<PendingEntry | null>(null);

  // A decided row leaves at once, before the queue is read again.
  const hidden = decided.answer === query.data ? decided.keys : new Set<string>();
  const entries = (query.data?.entries ?? []).filter((entry) => !hidden.has(entryKey(entry)));

  function open(entry: PendingEntry, action: RowAction): void {
    if (action === 'review_hardship') setHardship(entry);
    else setReasonOpen({ entry, action });
  }

  function done(entry: PendingEntry, message: string): void {
    setDecided({ answer: query.data, keys: new Set(hidden).add(entryKey(entry)) });
    setReasonOpen(null);
    setHardship(null);
    setNotice(message);
    query.reload();
    // The row that had focus is gone: the notice takes it, so keyboard users hear what happened and go on from there.
    requestAnimationFrame(() => noticeRef.current?.focus());
  }

  return (
    <Stack gap="md" component="section" aria-labelledby="pending-heading">
      <Title order={2} size="h3" id="pending-heading">
        Waiting for a manager
      </Title>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert ref={noticeRef} tabIndex={-1} color="teal" variant="light" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
      </div>
      <PendingFilters view={query.data} kind={kind} sort={sort} onKind={setKind} onSort={setSort} />
      {query.error && (
        <Alert color="red" variant="light" title="The queue could not be read" role="alert">
          {query.error}
        </Alert>
      )}
      {query.data && (
        <Text size="sm" c="dimmed">
          {entries.length} of {query.data.total} shown
        </Text>
      )}
      <PendingTable entries={entries} filtered={kind !== null} loading={query.loading} onAction={open} />
      <ReasonDialog open={reasonOpen} onClose={() => setReasonOpen(null)} onDone={(entry, summary) => done(entry, decidedNotice(entry, summary))} />
      <HardshipReviewModal
        entry={hardship}
        onClose={() => setHardship(null)}
        onDecided={(entry) => done(entry, decidedNotice(entry, 'the hardship application was decided.'))}
      />
    </Stack>
  );
}
