import { Text } from '@mantine/core';

/** (placeholder: the manager's Reports page) */
export function ReportsPage() {
  return <Text c="dimmed">Reports — coming soon.</Text>;
}
