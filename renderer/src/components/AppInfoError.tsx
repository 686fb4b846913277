import { Alert } from '@mantine/core';
import { useAppStore } from '../store';

/** Shown when the app cannot reach the core at start-up. */
export function AppInfoError() {
  const message = useAppStore((s) => s.appInfoError);
  if (!message) return null;
  return (
    <Alert role="alert" color="red" variant="light" title="Cannot reach Front Desk">
      {message}
    </Alert>
  );
}
