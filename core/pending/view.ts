/** The pending queue as the manager's page asks for it: one kind or all, sorted, with a count per kind. */
import type { PendingEntry, PendingKind, PendingQueueView, PendingSort } from '../../shared/api/decisions';
import { PENDING_KINDS } from '../../shared/api/decisions';

/** Dates and ISO timestamps compare as text; a bare date sorts before the same day's times. */
const bySince = (a: PendingEntry, b: PendingEntry) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0);

const COMPARE: Record<PendingSort, (a: PendingEntry, b: PendingEntry) => number> = {
  oldest: bySince,
  // Largest first; entries without an amount (quarantined records, applications) last.
  amount: (a, b) => (b.amountCents ?? -1) - (a.amountCents ?? -1) || bySince(a, b),
  // By name; entries without a patient last.
  patient: (a, b) => {
    if (a.patientName === b.patientName) return bySince(a, b);
    if (a.patientName === null) return 1;
    if (b.patientName === null) return -1;
    return a.patientName.localeCompare(b.patientName, 'en-US', { sensitivity: 'base' }) || bySince(a, b);
  },
};

export function pendingQueueView(all: readonly PendingEntry[], options: { kind?: PendingKind; sort?: PendingSort } = {}): PendingQueueView {
  const counts = Object.fromEntries(PENDING_KINDS.map((kind) => [kind, 0])) as Record<PendingKind, number>;
  for (const entry of all) counts[entry.kind] += 1;
  const entries = all.filter((entry) => !options.kind || entry.kind === options.kind);
  entries.sort(COMPARE[options.sort ?? 'oldest']);
  return { entries, counts, total: all.length };
}
