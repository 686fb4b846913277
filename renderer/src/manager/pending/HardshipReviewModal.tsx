import { Modal } from '@mantine/core';
import type { PendingEntry } from '../../../../shared/api/decisions';
import { HardshipDecisionPanel } from '../../hardship/HardshipDecisionPanel';

export interface HardshipReviewModalProps {
  /** The hardship application entry to review; null when closed. */
  entry: PendingEntry | null;
  onClose(): void;
  onDecided(entry: PendingEntry): void;
}

/** A hardship application, reviewed in the hardship panel (its own approve/deny and reason). */
export function HardshipReviewModal({ entry, onClose, onDecided }: HardshipReviewModalProps) {
  return (
    <Modal opened={entry !== null} onClose={onClose} title={entry ? `Hardship application: ${entry.patientName ?? ''}` : undefined} size="xl">
      {entry && <HardshipDecisionPanel applicationId={entry.id} onDecided={() => onDecided(entry)} />}
    </Modal>
  );
}
