import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../shared/api/auth';
import { appStore, useAppStore } from '../store';
import { AuthCard } from './SignInScreen';

/** First run on a new store: no account exists yet, so the first person sets up the manager account. */
export function FirstManagerScreen() {
  const error = useAppStore((s) => s.signInError);
  const busy = useAppStore((s) => s.signingIn);
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const mismatch = repeat.length > 0 && repeat !== password ? 'The two passwords differ.' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    void appStore.getState().createFirstManager({ username, displayName, password });
  };

  return (
    <AuthCard title="Set up the manager account" intro="This computer has no accounts yet. The office manager creates theirs first, then adds the front-desk staff.">
      <form aria-label="First manager account" onSubmit={submit}>
        <Stack gap="sm">
          {error && (
            <Alert role="alert" color="red" variant="light">
              {error}
            </Alert>
          )}
          <TextInput label="Your name" autoComplete="name" autoFocus required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
          <TextInput label="User name" description="Letters, digits, dots or dashes" autoComplete="username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
          <PasswordInput
            label="Password"
            description={`${MIN_PASSWORD_LENGTH} characters at least`}
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <PasswordInput label="Password again" autoComplete="new-password" required value={repeat} error={mismatch} onChange={(e) => setRepeat(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            Create and sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
