import { Text } from '@mantine/core';

export interface HardshipDecisionPanelProps {
  applicationId: number;
  /** Called after the manager approved or denied, so the queue can refresh. */
  onDecided(): void;
}

/** (placeholder: the manager's review of one hardship application, shown from the pending queue) */
export function HardshipDecisionPanel({ applicationId }: HardshipDecisionPanelProps) {
  return <Text c="dimmed">Hardship application {applicationId}</Text>;
}
