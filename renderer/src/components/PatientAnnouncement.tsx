import { VisuallyHidden } from '@mantine/core';
import { formatCents } from '../../../shared/money';
import { useAppStore } from '../store';

/**
 * Focus stays in the search box after a patient is opened (ready for the next
 * one), so screen-reader users are told here who opened and what they owe.
 */
export function PatientAnnouncement() {
  const status = useAppStore((s) => s.patientStatus);
  const name = useAppStore((s) => s.balance?.patient.name);
  const total = useAppStore((s) => s.balance?.totalDueCents);
  const message = status === 'ready' && name !== undefined && total !== undefined ? `Opened ${name}. Total owed ${formatCents(total)}.` : '';
  return (
    <VisuallyHidden role="status" aria-live="polite">
      {message}
    </VisuallyHidden>
  );
}
