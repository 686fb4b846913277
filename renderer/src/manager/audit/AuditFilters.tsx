import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AuditFilterChoices } from '../../../../shared/api/audit';
import type { AuditSearch } from './use-audit-pages';
import { whoLabel } from './who';

interface FilterForm {
  patient: string;
  actor: string | null;
  action: string | null;
  from: string;
  to: string;
}

const EMPTY: FilterForm = { patient: '', actor: null, action: null, from: '', to: '' };

export const PAGE_SIZE = 50;

function toSearch(form: FilterForm): AuditSearch {
  return {
    limit: PAGE_SIZE,
    ...(form.patient.trim() ? { patient: form.patient.trim() } : {}),
    ...(form.actor ? { actor: form.actor } : {}),
    ...(form.action ? { action: form.action } : {}),
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
  };
}

/** The audit trail's filters; applied on Search (or Enter), so typing a name does not search on every key. */
export function AuditFilters({ choices, onSearch }: { choices: AuditFilterChoices | null; onSearch: (search: AuditSearch) => void }) {
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const set = (patch: Partial<FilterForm>) => setForm((f) => ({ ...f, ...patch }));
  const rangeError = form.from && form.to && form.from > form.to ? 'The last day must be on or after the first day.' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rangeError) onSearch(toSearch(form));
  };

  return (
    <form onSubmit={submit} aria-label="Filter the audit trail">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
        <TextInput label="Patient" description="MRN or name" value={form.patient} onChange={(e) => set({ patient: e.currentTarget.value })} autoComplete="off" />
        <Select
          label="User"
          description="Who acted"
          placeholder="Anyone"
          data={(choices?.actors ?? []).map((a) => ({ value: a.actor, label: whoLabel(a.actor, a.name) }))}
          value={form.actor}
          onChange={(value) => set({ actor: value })}
          searchable
          clearable
          nothingFoundMessage="No such user in the audit trail"
        />
        <Select
          label="Action"
          description="What was done"
          placeholder="Any action"
          data={(choices?.actions ?? []).map((a) => ({ value: a.action, label: a.label }))}
          value={form.action}
          onChange={(value) => set({ action: value })}
          searchable
          clearable
          nothingFoundMessage="No such action in the audit trail"
        />
        <TextInput type="date" label="From" description="First day" value={form.from} onChange={(e) => set({ from: e.currentTarget.value })} />
        <TextInput type="date" label="To" description="Last day" value={form.to} onChange={(e) => set({ to: e.currentTarget.value })} error={rangeError} />
      </SimpleGrid>
      <Group gap="sm" mt="sm">
        <Button type="submit">Search</Button>
        <Button
          variant="default"
          onClick={() => {
            setForm(EMPTY);
            onSearch(toSearch(EMPTY));
          }}
        >
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
