import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { appStore, useAppStore } from '../store';

/** The sign-in form, shown at start and whenever the app is locked: no patient data behind it. */
export function SignInScreen() {
  const note = useAppStore((s) => s.signedOutNote);
  const error = useAppStore((s) => s.signInError);
  const busy = useAppStore((s) => s.signingIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void appStore.getState().signIn(username, password).then(() => setPassword(''));
  };

  return (
    <AuthCard title="Sign in" intro={note ?? 'Sign in with your own account to see patients’ balances.'}>
      <form aria-label="Sign in" onSubmit={submit}>
        <Stack gap="sm">
          {error && (
            <Alert role="alert" color="red" variant="light">
              {error}
            </Alert>
          )}
          <TextInput label="User name" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
          <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

/** The narrow card the sign-in and first-run forms sit in. */
export function AuthCard({ title, intro, children }: { title: string; intro: string; children: React.ReactNode }) {
  return (
    <Paper withBorder shadow="xs" p="lg" maw={420} mx="auto" mt="xl" radius="md">
      <Stack gap="sm">
        <Title order={2}>{title}</Title>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}
