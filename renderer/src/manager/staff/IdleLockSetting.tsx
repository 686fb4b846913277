import { Alert, Button, Group, NumberInput, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client';
import { appStore, useAppStore } from '../../store';
import { actionErrorMessage } from '../../store/errors';

/** How many minutes an unattended screen stays open before it locks (the core ends the session too). */
export function IdleLockSetting() {
  const current = useAppStore((s) => s.idleLockMinutes);
  const [minutes, setMinutes] = useState<number | string>(current);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await api('setIdleLockMinutes', { minutes: Number(minutes) });
      appStore.setState({ idleLockMinutes: saved.idleLockMinutes });
      setMessage({ ok: true, text: `Screens now lock after ${saved.idleLockMinutes} minutes without use.` });
    } catch (failure) {
      setMessage({ ok: false, text: actionErrorMessage(failure) });
    }
  };

  return (
    <form aria-label="Idle lock" onSubmit={(event) => void submit(event)}>
      <Stack gap="xs" maw={520}>
        <Title order={2} size="h3">
          Idle lock
        </Title>
        {message && (
          <Alert role={message.ok ? 'status' : 'alert'} color={message.ok ? 'green' : 'red'} variant="light">
            {message.text}
          </Alert>
        )}
        <Group align="flex-end">
          <NumberInput label="Lock after (minutes without use)" min={1} max={60} allowDecimal={false} value={minutes} onChange={setMinutes} w={260} />
          <Button type="submit" variant="default">
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
