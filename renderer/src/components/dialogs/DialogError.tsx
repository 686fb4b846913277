import { Alert } from '@mantine/core';

/** Why the action did not happen: the core's message, word for word. */
export function DialogError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert role="alert" color="red" variant="light" title="Not done">
      {message}
    </Alert>
  );
}
