import { Alert, Button, Group, PasswordInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Role } from '../../../../shared/api/access';
import { ROLE_LABELS, ROLES } from '../../../../shared/api/access';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/api/auth';
import { api } from '../../api/client';
import { actionErrorMessage } from '../../store/errors';

const EMPTY = { displayName: '', username: '', role: 'front_desk' as Role, password: '' };

/** Adds a staff account; the person changes nothing else here (passwords are only ever hashed in the core). */
export function AddStaffForm({ onAdded }: { onAdded(): void }) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      const user = await api('createUser', form);
      setForm(EMPTY);
      setError(null);
      setNotice(`${user.displayName} can now sign in as “${user.username}”.`);
      onAdded();
    } catch (failure) {
      setError(actionErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form aria-label="Add a staff account" onSubmit={(event) => void submit(event)}>
      <Stack gap="xs" maw={520}>
        <Title order={2} size="h3">
          Add a staff account
        </Title>
        {error && (
          <Alert role="alert" color="red" variant="light">
            {error}
          </Alert>
        )}
        {notice && (
          <Alert role="status" color="green" variant="light">
            {notice}
          </Alert>
        )}
        <TextInput label="Name" required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
        <Group grow align="flex-start">
          <TextInput label="User name" required autoComplete="off" value={form.username} onChange={(e) => setForm({ ...form, username: e.currentTarget.value })} />
          <Select
            label="Role"
            allowDeselect={false}
            data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
            value={form.role}
            onChange={(value) => value && setForm({ ...form, role: value as Role })}
          />
        </Group>
        <PasswordInput
          label="First password"
          description={`${MIN_PASSWORD_LENGTH} characters at least; give it to the person in private`}
          required
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
        />
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          Add account
        </Button>
      </Stack>
    </form>
  );
}
