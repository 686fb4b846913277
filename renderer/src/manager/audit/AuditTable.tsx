import { Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { AuditRecordView } from '../../../../shared/api/audit';
import { formatCents } from '../../../../shared/money';
import { formatInstant } from '../../format/dates';
import { PolicyVersionButton } from '../policy/PolicyVersionModal';
import classes from '../reports/reports.module.css';
import { whoLabel } from './who';

/**
 * Audit records, newest first: when and who, what was done (in words), for which patient, and the
 * amount. On a narrow window the patient and the amount move into the "What" cell, so two columns
 * stay readable without scrolling sideways.
 */
export function AuditTable({ records, caption }: { records: AuditRecordView[]; caption: string }) {
  const compact = useMediaQuery('(max-width: 40em)') ?? false;
  return (
    <div className={classes.tableScroll} role="region" aria-label={`${caption} (table)`} tabIndex={0}>
      <Table striped withTableBorder verticalSpacing="xs" captionSide="top" className={classes.table}>
        <Table.Caption className={classes.caption}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When and who</Table.Th>
            <Table.Th scope="col">{compact ? 'What, patient and amount' : 'What'}</Table.Th>
            {!compact && <Table.Th scope="col">Patient</Table.Th>}
            {!compact && (
              <Table.Th scope="col" className={classes.numeric}>
                Amount
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text size="sm">{formatInstant(new Date(r.at))}</Text>
                <Text size="sm" c="dimmed">
                  {whoLabel(r.actor, r.actorName)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {r.actionLabel}
                    {compact && r.amountCents !== null ? ` · ${formatCents(r.amountCents)}` : ''}
                  </Text>
                  {r.summary && <Text size="sm">{r.summary}</Text>}
                  {compact && r.patient && <PatientLines patient={r.patient} />}
                  <Group gap="xs">
                    {r.policyVersion !== null && <PolicyVersionButton version={r.policyVersion} />}
                    <Text size="xs" c="dimmed">
                      {[r.entity, `record ${r.id}`].filter(Boolean).join(' · ')}
                    </Text>
                  </Group>
                </Stack>
              </Table.Td>
              {!compact && <Table.Td>{r.patient ? <PatientLines patient={r.patient} /> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>}
              {!compact && <Table.Td className={classes.numeric}>{r.amountCents !== null ? formatCents(r.amountCents) : ''}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function PatientLines({ patient }: { patient: NonNullable<AuditRecordView['patient']> }) {
  return (
    <>
      <Text size="sm">{patient.name}</Text>
      <Text size="sm" c="dimmed">
        MRN {patient.mrn}
      </Text>
    </>
  );
}
