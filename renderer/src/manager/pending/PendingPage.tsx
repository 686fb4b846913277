import { Text } from '@mantine/core';

/** (placeholder: the manager's Pending page) */
export function PendingPage() {
  return <Text c="dimmed">Pending — coming soon.</Text>;
}
