import { Group, Select } from '@mantine/core';
import type { PendingKind, PendingQueueView, PendingSort } from '../../../../shared/api/decisions';
import { PENDING_KINDS } from '../../../../shared/api/decisions';
import { kindOptions } from './pending-view';

const SORT_OPTIONS: { value: PendingSort; label: string }[] = [
  { value: 'oldest', label: 'Oldest first' },
  { value: 'amount', label: 'Largest amount first' },
  { value: 'patient', label: 'Patient name' },
];

const isKind = (value: string | null): value is PendingKind => PENDING_KINDS.includes(value as PendingKind);
const isSort = (value: string | null): value is PendingSort => SORT_OPTIONS.some((o) => o.value === value);

export interface PendingFiltersProps {
  view: PendingQueueView | null;
  kind: PendingKind | null;
  sort: PendingSort;
  onKind(kind: PendingKind | null): void;
  onSort(sort: PendingSort): void;
}

/** Which kind to show (with how many wait of each) and in what order. */
export function PendingFilters({ view, kind, sort, onKind, onSort }: PendingFiltersProps) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label="Show"
        data={kindOptions(view)}
        value={kind ?? 'all'}
        onChange={(value) => onKind(isKind(value) ? value : null)}
        allowDeselect={false}
        w={{ base: '100%', xs: 260 }}
      />
      <Select
        label="Sort"
        data={SORT_OPTIONS}
        value={sort}
        onChange={(value) => isSort(value) && onSort(value)}
        allowDeselect={false}
        w={{ base: '100%', xs: 220 }}
      />
    </Group>
  );
}
