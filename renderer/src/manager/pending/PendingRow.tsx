import { Button, Group, Stack, Table, Text } from '@mantine/core';
import type { PendingEntry } from '../../../../shared/api/decisions';
import { formatCents } from '../../../../shared/money';
import { appStore } from '../../store';
import { KindBadge } from './KindBadge';
import classes from './PendingPage.module.css';
import type { RowAction } from './pending-view';
import { ACTION_LABELS, actionsFor, sinceLabel } from './pending-view';

export const COLUMNS = { kind: 'Kind', patient: 'Patient', amount: 'Amount', since: 'Since', detail: 'Detail', actions: 'Decide' } as const;

export interface PendingRowProps {
  entry: PendingEntry;
  onAction(entry: PendingEntry, action: RowAction): void;
}

/** One thing waiting: what it is, whose, how much, since when, why, and the manager's buttons. */
export function PendingRow({ entry, onAction }: PendingRowProps) {
  const who = entry.patientName ?? 'the record';
  return (
    <Table.Tr className={classes.row}>
      <Table.Td data-label={COLUMNS.kind} className={classes.kind}>
        <KindBadge kind={entry.kind} />
      </Table.Td>
      <Table.Td data-label={COLUMNS.patient}>
        {entry.patientId !== null ? (
          <Stack gap={2} align="flex-start">
            <Text size="sm" fw={600}>
              {entry.patientName}
            </Text>
            <Text size="xs" c="dimmed">
              MRN {entry.mrn}
            </Text>
            <Button
              variant="subtle"
              size="compact-sm"
              px={0}
              aria-label={`Open patient ${entry.patientName ?? ''} at the desk`}
              onClick={() => void appStore.getState().openPatientAtDesk(entry.patientId!)}
            >
              Open patient
            </Button>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            No patient
          </Text>
        )}
      </Table.Td>
      <Table.Td data-label={COLUMNS.amount} className={classes.amount}>
        {entry.amountCents === null ? '—' : formatCents(entry.amountCents)}
      </Table.Td>
      <Table.Td data-label={COLUMNS.since} className={classes.since}>
        {sinceLabel(entry.since)}
      </Table.Td>
      <Table.Td data-label={COLUMNS.detail} className={classes.detail}>
        <Text size="sm">{entry.detail}</Text>
      </Table.Td>
      <Table.Td data-label={COLUMNS.actions}>
        <Group gap="xs" wrap="wrap">
          {actionsFor(entry.kind).map((action) => (
            <Button key={action} variant="default" size="xs" aria-label={`${ACTION_LABELS[action]}: ${who}`} onClick={() => onAction(entry, action)}>
              {ACTION_LABELS[action]}
            </Button>
          ))}
          {actionsFor(entry.kind).length === 0 && (
            <Text size="xs" c="dimmed">
              The desk collects it or sends a statement
            </Text>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
