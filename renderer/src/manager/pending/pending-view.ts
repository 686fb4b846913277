/**
 * How the pending page reads the queue: what a manager may do with each kind of entry, the words of
 * each decision dialog, the kind filter with its counts and the "since" date. Pure, so it is
 * unit-tested without a browser.
 */
import type { PendingEntry, PendingKind, PendingQueueView } from '../../../../shared/api/decisions';
import { PENDING_KINDS, PENDING_KIND_LABELS } from '../../../../shared/api/decisions';
import { formatCents } from '../../../../shared/money';
import { formatUsDate } from '../../format/dates';

export type RowAction = 'approve' | 'deny' | 'resolve' | 'review_hardship';

/** Approve/Deny for requests and bad-debt candidates, Resolve for sync issues, Review for hardship. */
export function actionsFor(kind: PendingKind): RowAction[] {
  switch (kind) {
    case 'write_off_request':
    case 'bad_debt_candidate':
      return ['approve', 'deny'];
    case 'sync_conflict':
    case 'quarantined':
      return ['resolve'];
    case 'hardship_application':
      return ['review_hardship'];
    case 'carry_forward_ended':
      // The desk collects it or it goes on a statement: nothing for a manager to decide.
      return [];
  }
}

export type ReasonAction = Exclude<RowAction, 'review_hardship'>;

export interface ReasonDialogText {
  title: string;
  /** What will happen, in one or two sentences. */
  explanation: string;
  confirm: string;
  reasonDescription: string;
}

const amount = (entry: PendingEntry) => (entry.amountCents === null ? '' : formatCents(entry.amountCents));

export function reasonDialogText(entry: PendingEntry, action: ReasonAction): ReasonDialogText {
  const reasonDescription = 'Recorded with your name, the date and the policy version; the desk sees it on the item.';
  if (entry.kind === 'write_off_request') {
    return action === 'approve'
      ? { title: 'Approve the write-off', explanation: `${amount(entry)} is written off now (at most what is still open), as an exception approved by you.`, confirm: 'Approve and write off', reasonDescription }
      : { title: 'Deny the write-off', explanation: 'The desk collects the balance as usual and sees your reason on the item.', confirm: 'Deny the request', reasonDescription };
  }
  if (entry.kind === 'bad_debt_candidate') {
    return action === 'approve'
      ? { title: 'Write off as bad debt', explanation: `Collection effort is complete: ${amount(entry)} is written off as bad debt now.`, confirm: 'Write off as bad debt', reasonDescription }
      : {
          title: 'Keep collecting',
          explanation: 'The balance stays to be collected. It leaves this list until a statement, letter or call is recorded or the amount changes.',
          confirm: 'Keep collecting',
          reasonDescription,
        };
  }
  return entry.kind === 'sync_conflict'
    ? {
        title: 'Resolve the sync conflict',
        explanation: `The main system's amount, ${amount(entry)}, is accepted (it is already in the ledger) and the desk may act on the item again.`,
        confirm: 'Accept and resolve',
        reasonDescription: 'Recorded with your name and the date.',
      }
    : {
        title: 'Resolve the quarantined record',
        explanation: 'The record is marked as dealt with (fixed in the main system, which sends it again, or not needed). Nothing is imported.',
        confirm: 'Mark resolved',
        reasonDescription: 'Recorded with your name and the date.',
      };
}

export const ACTION_LABELS: Record<RowAction, string> = { approve: 'Approve', deny: 'Deny', resolve: 'Resolve', review_hardship: 'Review' };

/** The kind filter: every kind with how many wait, whatever is shown now. */
export function kindOptions(view: Pick<PendingQueueView, 'counts' | 'total'> | null): { value: string; label: string }[] {
  const count = (n: number | undefined) => (view ? ` (${n ?? 0})` : '');
  return [{ value: 'all', label: `All kinds${count(view?.total)}` }, ...PENDING_KINDS.map((kind) => ({ value: kind, label: `${PENDING_KIND_LABELS[kind]}${count(view?.counts[kind])}` }))];
}

/** "Since" as the desk reads dates: a calendar date as is, an instant in this computer's local date. */
export function sinceLabel(since: string): string {
  if (!since.includes('T')) return formatUsDate(since);
  const at = new Date(since);
  return Number.isNaN(at.getTime()) ? since : at.toLocaleDateString('en-US', { month: '2-digit', day: '2-digit', year: 'numeric' });
}

/** A stable key per entry: ids are per kind. */
export const entryKey = (entry: Pick<PendingEntry, 'kind' | 'id'>) => `${entry.kind}:${entry.id}`;

/** What the notice says after a decision: whose, and what happened. */
export function decidedNotice(entry: PendingEntry, summary: string): string {
  return entry.patientName ? `${entry.patientName}: ${summary}` : summary;
}
