import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PATIENT_MATCH_LIMIT } from '../../../../shared/api/audit';
import { AuditFilters, PAGE_SIZE } from './AuditFilters';
import { AuditTable } from './AuditTable';
import type { AuditSearch } from './use-audit-pages';
import { useAuditPages } from './use-audit-pages';
import { VerifyAudit } from './VerifyAudit';

/** The audit trail: every recorded action, searchable by patient, user, action and day, and a check that nothing was altered. */
export function AuditPage() {
  const [search, setSearch] = useState<AuditSearch>({ limit: PAGE_SIZE });
  const pages = useAuditPages(search);
  const { page } = pages;

  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        Audit trail
      </Title>
      <VerifyAudit />
      <AuditFilters choices={page?.choices ?? null} onSearch={setSearch} />
      {pages.error && (
        <Alert role="alert" color="red" variant="light" title="Could not read the audit trail">
          {pages.error}
        </Alert>
      )}
      {!page ? (
        !pages.error && (
          <Group gap="xs" role="status">
            <Loader size="sm" aria-hidden />
            <Text c="dimmed">Reading the audit trail…</Text>
          </Group>
        )
      ) : (
        <Stack gap="sm" aria-busy={pages.loading}>
          <Text size="sm" role="status">
            {resultsText(search, page.patientsMatched, pages.records.length, pages.nextBefore !== null)}
          </Text>
          {pages.records.length > 0 && <AuditTable records={pages.records} caption="Audit records, newest first" />}
          {pages.nextBefore !== null && (
            <Button variant="default" onClick={() => void pages.loadMore()} loading={pages.loadingMore} style={{ alignSelf: 'flex-start' }}>
              Load more
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function resultsText(search: AuditSearch, patientsMatched: number | null, shown: number, more: boolean): string {
  if (search.patient && patientsMatched === 0) return `No patient matches “${search.patient}”.`;
  const count = `${shown.toLocaleString('en-US')} record${shown === 1 ? '' : 's'}${more ? ' so far (newest first)' : ''}`;
  if (shown === 0) return 'No records match these filters.';
  const wide = patientsMatched !== null && patientsMatched >= PATIENT_MATCH_LIMIT ? ` Only the first ${PATIENT_MATCH_LIMIT} matching patients are included: type more of the name or the MRN.` : '';
  return `Showing ${count}.${wide}`;
}
