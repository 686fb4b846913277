/** The one core call behind each reason dialog; resolves with the core's summary of what happened. */
import type { PendingEntry } from '../../../../shared/api/decisions';
import { api } from '../../api/client';
import type { ReasonAction } from './pending-view';

export async function decide(entry: PendingEntry, action: ReasonAction, reason: string, idempotencyKey: string): Promise<string> {
  switch (entry.kind) {
    case 'write_off_request':
      return (await api('decideRequest', { requestId: entry.id, decision: action === 'approve' ? 'approve' : 'deny', reason, idempotencyKey })).summary;
    case 'bad_debt_candidate':
      return (await api('decideBadDebt', { itemId: entry.id, decision: action === 'approve' ? 'approve' : 'deny', reason, idempotencyKey })).summary;
    case 'sync_conflict':
    case 'quarantined':
      return (await api('resolveSyncIssue', { kind: entry.kind, id: entry.id, reason, idempotencyKey })).summary;
    default:
      throw new Error(`No decision is made here for ${entry.kind}.`);
  }
}
