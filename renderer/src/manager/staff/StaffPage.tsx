import { Text } from '@mantine/core';

/** (placeholder: the manager's Staff page) */
export function StaffPage() {
  return <Text c="dimmed">Staff — coming soon.</Text>;
}
