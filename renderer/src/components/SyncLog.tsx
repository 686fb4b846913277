import { Alert, Badge, Button, Drawer, Group, Loader, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Fragment, useId } from 'react';
import type { ReactNode } from 'react';
import { formatCents } from '../../../shared/money';
import type { SyncLog, SyncRunView } from '../../../shared/sync';
import { formatInstant, formatUsDate } from '../format/dates';
import { changeKindLabel, localActionLabel, refusalText, runCounts, runDuration, runKindLabel, syncErrorReason } from '../format/sync';
import { appStore, useAppStore } from '../store';
import classes from './SyncLog.module.css';

export const SYNC_LOG_TITLE = 'Sync log';

/** The office manager's view of sync: recent runs and everything that waits for a person. */
export function SyncLogDrawer() {
  const opened = useAppStore((s) => s.syncLogOpen);
  return (
    <Drawer
      opened={opened}
      onClose={() => appStore.getState().closeSyncLog()}
      title={SYNC_LOG_TITLE}
      position="right"
      size="min(100%, 50rem)"
      padding="md"
      closeButtonProps={{ 'aria-label': 'Close' }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-xl)' } }}
    >
      <SyncLogBody />
    </Drawer>
  );
}

function SyncLogBody() {
  const log = useAppStore((s) => s.syncLog);
  const status = useAppStore((s) => s.syncLogStatus);
  const error = useAppStore((s) => s.syncLogError);

  if (status === 'error') {
    return (
      <Alert role="alert" color="red" variant="light" title="Could not read the sync log">
        {error}
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" onClick={() => void appStore.getState().loadSyncLog()}>
            Try again
          </Button>
        </Group>
      </Alert>
    );
  }
  if (!log) {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">Reading the sync log…</Text>
      </Group>
    );
  }
  return (
    <Stack gap="xl">
      <QuarantinedList items={log.quarantined} />
      <RejectedList items={log.rejected} />
      <ConflictList items={log.conflicts} />
      <RunsTable runs={log.runs} />
    </Stack>
  );
}

/** A part of the log: a heading with its count, then the list or a plain "none". */
function LogSection({ title, count, empty, children }: { title: string; count: number; empty: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId} mb="xs">
        {title} ({count})
      </Title>
      {count === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        children
      )}
    </section>
  );
}

function When({ iso }: { iso: string }) {
  const at = new Date(iso);
  return (
    <time dateTime={iso} className={classes.when}>
      {Number.isNaN(at.getTime()) ? iso : formatInstant(at)}
    </time>
  );
}

function QuarantinedList({ items }: { items: SyncLog['quarantined'] }) {
  return (
    <LogSection title="Records the main system sent that could not be applied" count={items.length} empty="None. Everything the main system sent was applied.">
      <ul className={classes.list}>
        {items.map((item) => (
          <li key={item.id} className={classes.entry}>
            <Group justify="space-between" gap="xs" align="baseline">
              <Text size="sm" fw={600} className={classes.code}>
                {item.location}
              </Text>
              <Text size="xs" c="dimmed">
                <When iso={item.createdAt} />
              </Text>
            </Group>
            <Text size="sm" className={classes.wrap}>
              {item.reason}
            </Text>
            <Text size="xs" c="dimmed" className={classes.wrap}>
              From {item.source}
            </Text>
          </li>
        ))}
      </ul>
    </LogSection>
  );
}

function RejectedList({ items }: { items: SyncLog['rejected'] }) {
  return (
    <LogSection title="Changes the main system refused" count={items.length} empty="None. The main system accepted every change sent to it.">
      <ul className={classes.list}>
        {items.map((item) => (
          <li key={item.id} className={classes.entry}>
            <Group justify="space-between" gap="xs" align="baseline">
              <Text size="sm" fw={600}>
                {changeKindLabel(item.kind)}
              </Text>
              <Text size="xs" c="dimmed">
                Recorded <When iso={item.createdAt} />
              </Text>
            </Group>
            <Text size="sm" c="red.8" className={classes.wrap} title={item.error ?? undefined}>
              {refusalText(item.error)}
            </Text>
          </li>
        ))}
      </ul>
    </LogSection>
  );
}

function ConflictList({ items }: { items: SyncLog['conflicts'] }) {
  return (
    <LogSection title="Amounts changed after a desk decision" count={items.length} empty="None. No amount changed after the desk had acted on it.">
      <ul className={classes.list}>
        {items.map((item) => (
          <li key={item.id} className={classes.entry}>
            <Group justify="space-between" gap="xs" align="baseline">
              <Text size="sm" fw={600}>
                {item.patientName} · MRN {item.mrn} · {item.service} on {formatUsDate(item.serviceDate)}
              </Text>
              <Text size="xs" c="dimmed">
                <When iso={item.detectedAt} />
              </Text>
            </Group>
            <Group justify="space-between" gap="xs" align="center" wrap="wrap">
              <Stack gap={0}>
                <Text size="sm">
                  <span className={classes.amount}>{formatCents(item.previousAmountCents)}</span>
                  <span aria-hidden> → </span>
                  <VisuallyHidden> changed to </VisuallyHidden>
                  <span className={classes.amount}>{formatCents(item.newAmountCents)}</span>
                </Text>
                <Text size="xs" c="dimmed">
                  Desk decision: {localActionLabel(item.localAction)}
                </Text>
              </Stack>
              <Button
                size="compact-sm"
                variant="light"
                aria-label={`Open patient ${item.patientName}`}
                onClick={() => appStore.getState().openPatientFromSyncLog(item.patientId)}
              >
                Open patient
              </Button>
            </Group>
          </li>
        ))}
      </ul>
    </LogSection>
  );
}

const RESULT: Record<SyncRunView['status'], { label: string; color: string }> = {
  ok: { label: 'OK', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  running: { label: 'Running', color: 'indigo' },
};

const RUN_COLUMNS = { when: 'When', kind: 'Kind', result: 'Result', changes: 'Changes' } as const;

/**
 * Recent runs, newest first. On a narrow window each run is a small card (the
 * column names become labels); the table roles are explicit so it stays a table
 * for a screen reader either way.
 */
function RunsTable({ runs }: { runs: SyncRunView[] }) {
  return (
    <LogSection title="Recent syncs" count={runs.length} empty="No syncs yet.">
      <Table role="table" aria-label="Recent syncs" className={classes.runs} verticalSpacing="xs" horizontalSpacing="xs">
        <Table.Thead role="rowgroup" className={classes.runsHead}>
          <Table.Tr role="row">
            {Object.values(RUN_COLUMNS).map((name) => (
              <Table.Th key={name} role="columnheader" scope="col">
                {name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody role="rowgroup">
          {runs.map((run) => (
            <RunRow key={run.id} run={run} />
          ))}
        </Table.Tbody>
      </Table>
    </LogSection>
  );
}

/** "http://10.0.0.5/fhir/R4" -> "10.0.0.5"; "/home/desk/remit.835" -> "remit.835". */
function sourceName(source: string): string {
  try {
    const url = new URL(source);
    if (url.host) return url.host;
  } catch {
    // Not a URL: a file.
  }
  return source.split(/[\\/]/).filter(Boolean).pop() ?? source;
}

function RunRow({ run }: { run: SyncRunView }) {
  const result = RESULT[run.status] ?? { label: run.status, color: 'gray' };
  const duration = runDuration(run);
  return (
    <Table.Tr role="row" className={classes.run} data-status={run.status}>
      <Table.Td role="cell" data-label={RUN_COLUMNS.when}>
        <Text size="sm" span className={classes.runWhen}>
          <When iso={run.startedAt} />
        </Text>
        {duration && (
          <Text size="xs" c="dimmed">
            took {duration}
          </Text>
        )}
      </Table.Td>
      <Table.Td role="cell" data-label={RUN_COLUMNS.kind}>
        <Text size="sm" span>
          {runKindLabel(run.kind)}
        </Text>
        <Text size="xs" c="dimmed" className={classes.wrap} title={run.source}>
          {sourceName(run.source)}
        </Text>
      </Table.Td>
      <Table.Td role="cell" data-label={RUN_COLUMNS.result}>
        <Badge color={result.color} variant="light" radius="sm" className={classes.badge}>
          {result.label}
        </Badge>
        {run.error && (
          <>
            <Text size="sm" c="red.8" mt={4} className={classes.wrap}>
              {capitalize(syncErrorReason(run.error))}
            </Text>
            <Text size="xs" c="dimmed" className={classes.wrap}>
              {run.error}
            </Text>
          </>
        )}
      </Table.Td>
      <Table.Td role="cell" data-label={RUN_COLUMNS.changes}>
        <Text size="sm" span>
          {run.status === 'running'
            ? 'Still running'
            : runCounts(run.stats).map((part, i) => (
                <Fragment key={part}>
                  {i > 0 && <span aria-hidden> · </span>}
                  {i > 0 && <VisuallyHidden>, </VisuallyHidden>}
                  <span className={classes.count}>{part}</span>
                </Fragment>
              ))}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
