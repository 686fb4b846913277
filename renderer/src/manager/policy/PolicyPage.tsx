import { Text } from '@mantine/core';

/** (placeholder: the manager's Financial policy page) */
export function PolicyPage() {
  return <Text c="dimmed">Financial policy — coming soon.</Text>;
}
