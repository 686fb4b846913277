import { Text } from '@mantine/core';

/** (placeholder: the manager's Audit trail page) */
export function AuditPage() {
  return <Text c="dimmed">Audit trail — coming soon.</Text>;
}
