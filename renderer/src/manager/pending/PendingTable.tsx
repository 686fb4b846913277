import { Table, Text } from '@mantine/core';
import type { PendingEntry } from '../../../../shared/api/decisions';
import classes from './PendingPage.module.css';
import type { RowAction } from './pending-view';
import { entryKey } from './pending-view';
import { COLUMNS, PendingRow } from './PendingRow';

export interface PendingTableProps {
  entries: PendingEntry[];
  /** Whether a kind filter is on (for the empty message). */
  filtered: boolean;
  loading: boolean;
  onAction(entry: PendingEntry, action: RowAction): void;
}

/** The queue as a table; on a narrow window each entry becomes a small card of label/value lines. */
export function PendingTable({ entries, filtered, loading, onAction }: PendingTableProps) {
  if (entries.length === 0) {
    return (
      <Text c="dimmed" role="status">
        {loading ? 'Loading what waits for you…' : filtered ? 'Nothing of this kind waits for you.' : 'Nothing waits for you.'}
      </Text>
    );
  }
  return (
    <Table className={classes.table} verticalSpacing="sm" aria-busy={loading || undefined} captionSide="top">
      <Table.Caption className={classes.visuallyHidden}>Waiting for a manager</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {Object.values(COLUMNS).map((label) => (
            <Table.Th key={label} scope="col">
              {label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <PendingRow key={entryKey(entry)} entry={entry} onAction={onAction} />
        ))}
      </Table.Tbody>
    </Table>
  );
}
