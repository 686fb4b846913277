/**
 * Sync with the main system in the words of the desk and the office manager.
 * The core's errors are written for IT (method, URL, attempts); the header
 * shows a short reason and keeps the full text for the tooltip and the sync log.
 */
import type { SyncRunView, SyncStats, SyncStatusView } from '../../../shared/sync';
import { countLabel } from './labels';

const MAX_REASON = 100;

/** "POST http://…/PaymentReconciliation failed after 5 attempts: HTTP 503: …" -> "the main system had a problem (HTTP 503)". */
export function syncErrorReason(error: string | null): string {
  if (!error?.trim()) return 'reason unknown';
  const http = /\bHTTP (\d{3})\b/.exec(error);
  if (http) {
    const status = Number(http[1]);
    // A no-break space: "(HTTP 503)" stays on one line.
    const code = `(HTTP\u00a0${status})`;
    if (status === 401 || status === 403) return `the main system refused this computer’s access ${code}`;
    if (status === 404) return `the main system’s address was not found ${code}`;
    if (status === 408) return `the main system did not answer in time ${code}`;
    if (status === 429) return `the main system is busy ${code}`;
    if (status >= 500) return `the main system had a problem ${code}`;
    if (status >= 400) return `the main system refused a request ${code}`;
    return `the main system’s answer was not understood ${code}`;
  }
  if (/timed? ?out|TimeoutError/i.test(error)) return 'the main system did not answer in time';
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|fetch failed|socket hang up|terminated/i.test(error)) {
    return 'the main system cannot be reached';
  }
  if (/next link|Expected a Bundle|not a FHIR|pages of/i.test(error)) return 'the main system’s answer was not understood';
  const oneLine = error.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_REASON ? `${oneLine.slice(0, MAX_REASON - 1)}…` : oneLine;
}

/** "1 change waiting" / "3 changes waiting", kept on one line (no-break spaces). */
export const changesWaiting = (count: number) => `${countLabel(count, 'change')} waiting`.replace(/ /g, '\u00a0');

export type SyncTone = 'ok' | 'busy' | 'warn' | 'error' | 'muted';

/**
 * The header's status line, without the time (the component adds "2 min ago" where `since` says):
 * `headline` first, then `details` (each after a "·").
 */
export interface SyncLine {
  tone: SyncTone;
  headline: string;
  /** Where the time the data last came in goes: right after the headline ("Synced 2 min ago") or as a detail. */
  since: 'headline' | 'detail' | null;
  /** Words before the time when it is a detail: "data last came in". */
  sinceLabel: string;
  details: string[];
  /** Changes the main system refused: a warning of its own. */
  refused: string | null;
}

export function syncLine(status: SyncStatusView): SyncLine {
  const waiting = status.pendingChanges > 0 ? [changesWaiting(status.pendingChanges)] : [];
  const refused = status.rejectedChanges > 0 ? `${status.rejectedChanges} refused by the main system` : null;
  const base: Pick<SyncLine, 'since' | 'sinceLabel' | 'details' | 'refused'> = { since: null, sinceLabel: '', details: [], refused };
  switch (status.state) {
    case 'ok':
      return { ...base, tone: 'ok', headline: 'Synced', since: status.lastSyncedAt ? 'headline' : null, details: waiting };
    case 'syncing':
      return { ...base, tone: 'busy', headline: 'Syncing…' };
    case 'offline':
      return {
        ...base,
        tone: 'warn',
        headline: status.pendingChanges > 0 ? `Offline — ${changesWaiting(status.pendingChanges)}` : 'Offline — the main system cannot be reached',
      };
    case 'failed':
      return { ...base, tone: 'error', headline: `Sync failed: ${syncErrorReason(status.lastError)}`, details: waiting };
    case 'never':
      return { ...base, tone: 'muted', headline: 'Not synced yet', details: waiting };
    case 'not_configured':
      return {
        ...base,
        tone: 'muted',
        headline: 'Not connected to the main system',
        since: status.lastSyncedAt ? 'detail' : null,
        sinceLabel: 'data last came in',
      };
  }
}

const KIND_LABELS: Record<SyncRunView['kind'], string> = { pull: 'Sync', push: 'Send', import: 'File import' };

export const runKindLabel = (kind: string) => KIND_LABELS[kind as SyncRunView['kind']] ?? kind;

/** What a run did, non-zero counts only: ["92 created", "1 sent"]; ["No changes"] when nothing moved. */
export function runCounts(stats: SyncStats): string[] {
  const parts = [
    stats.created > 0 && `${stats.created} created`,
    stats.updated > 0 && `${stats.updated} updated`,
    stats.unchanged > 0 && `${stats.unchanged} unchanged`,
    stats.patients > 0 && countLabel(stats.patients, 'patient'),
    (stats.sent ?? 0) > 0 && `${stats.sent} sent`,
    (stats.rejected ?? 0) > 0 && `${stats.rejected} refused`,
    stats.quarantined > 0 && `${stats.quarantined} not applied`,
    stats.conflicts > 0 && countLabel(stats.conflicts, 'amount conflict'),
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts : ['No changes'];
}

/**
 * Why the main system refused a change, without the request line meant for IT:
 * "POST http://…/PaymentReconciliation failed: HTTP 422: Patient M42 is not known" -> "Patient M42 is not known (HTTP 422)".
 */
export function refusalText(error: string | null): string {
  if (!error?.trim()) return 'The main system gave no reason.';
  const afterRequest = /^[A-Z]+ \S+ failed(?: after \d+ attempts)?: ([\s\S]*)$/.exec(error.trim())?.[1] ?? error.trim();
  const http = /^HTTP (\d{3})(?:: ([\s\S]*))?$/.exec(afterRequest);
  if (!http) return afterRequest;
  return http[2] ? `${http[2]} (HTTP ${http[1]})` : `The main system answered HTTP ${http[1]}.`;
}

const OUTBOX_KIND_LABELS: Record<string, string> = {
  'payment.recorded': 'Payment',
  'item.carried_forward': 'Carry forward',
  'item.written_off': 'Write-off',
  'exception.requested': 'Write-off request',
  'collection.attempted': 'Collection attempt',
  'refund.recorded': 'Refund',
};

/** An outbox message's kind as the manager reads it: "payment.recorded" -> "Payment". */
export const changeKindLabel = (kind: string) => OUTBOX_KIND_LABELS[kind] ?? kind;

const LOCAL_ACTION_LABELS: Record<string, string> = {
  payment: 'Payment taken',
  carry_forward: 'Carried forward',
  write_off: 'Written off',
  write_off_request: 'Write-off requested',
  refund: 'Refunded',
  adjustment: 'Adjusted',
  reversal: 'Reversed',
};

/** What the desk had done about an item: "carry_forward" -> "Carried forward". */
export const localActionLabel = (action: string) => LOCAL_ACTION_LABELS[action] ?? action.replace(/_/g, ' ');

/** How long a run took: "0.2 s", "1 min 5 s"; null while it runs or when the times are unreadable. */
export function runDuration(run: Pick<SyncRunView, 'startedAt' | 'finishedAt'>): string | null {
  if (!run.finishedAt) return null;
  const ms = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
  if (!Number.isFinite(ms) || ms < 0) return null;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
