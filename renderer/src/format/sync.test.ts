import { describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../../shared/sync';
import { changesWaiting, refusalText, runCounts, runDuration, syncErrorReason, syncLine } from './sync';

const status = (overrides: Partial<SyncStatusView>): SyncStatusView => ({
  state: 'ok',
  lastSyncedAt: '2026-11-22T11:00:00.000Z',
  pendingChanges: 0,
  rejectedChanges: 0,
  lastError: null,
  nextRunAt: null,
  ...overrides,
});

/** What a person reads, with no-break spaces as plain ones. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('sync status line', () => {
  it('says synced (the time follows), with what is still waiting', () => {
    expect(syncLine(status({}))).toMatchObject({ tone: 'ok', headline: 'Synced', since: 'headline', details: [], refused: null });
    expect(syncLine(status({ pendingChanges: 2 })).details.map(plain)).toEqual(['2 changes waiting']);
  });

  it('words offline, failed and not configured as the desk reads them', () => {
    expect(plain(syncLine(status({ state: 'offline', pendingChanges: 3 })).headline)).toBe('Offline — 3 changes waiting');
    expect(syncLine(status({ state: 'offline' })).headline).toBe('Offline — the main system cannot be reached');
    const failed = syncLine(status({ state: 'failed', pendingChanges: 1, lastError: 'POST http://x/fhir/R4/PaymentReconciliation failed after 5 attempts: HTTP 503: Injected failure (HTTP 503)' }));
    expect(failed.tone).toBe('error');
    expect(plain(failed.headline)).toBe('Sync failed: the main system had a problem (HTTP 503)');
    expect(failed.details.map(plain)).toEqual(['1 change waiting']);
    expect(syncLine(status({ state: 'not_configured' }))).toMatchObject({ headline: 'Not connected to the main system', since: 'detail', sinceLabel: 'data last came in' });
    expect(syncLine(status({ state: 'not_configured', lastSyncedAt: null })).since).toBeNull();
    expect(syncLine(status({ state: 'syncing' })).headline).toBe('Syncing…');
  });

  it('warns about changes the main system refused', () => {
    expect(syncLine(status({ rejectedChanges: 2 })).refused).toBe('2 refused by the main system');
  });

  it('keeps "3 changes waiting" on one line', () => {
    expect(changesWaiting(3)).toBe('3\u00a0changes\u00a0waiting');
  });
});

describe('sync error reasons', () => {
  it('turns the client’s errors into a short reason', () => {
    expect(syncErrorReason('GET http://h/fhir/R4/Patient failed after 5 attempts: fetch failed: ECONNREFUSED')).toBe('the main system cannot be reached');
    expect(syncErrorReason('GET http://h/fhir/R4/Patient failed after 5 attempts: timed out')).toBe('the main system did not answer in time');
    expect(plain(syncErrorReason('GET http://h/fhir/R4/Patient failed: HTTP 401: Unauthorized'))).toBe('the main system refused this computer’s access (HTTP 401)');
    expect(plain(syncErrorReason('POST http://h/x failed: HTTP 422: bad'))).toBe('the main system refused a request (HTTP 422)');
    expect(syncErrorReason("The server's next link leaves http://a: http://b/")).toBe('the main system’s answer was not understood');
    expect(syncErrorReason(null)).toBe('reason unknown');
    expect(syncErrorReason('x'.repeat(300))).toHaveLength(100);
  });

  it('shows a refusal without the request line', () => {
    expect(refusalText('POST http://h/fhir/R4/PaymentReconciliation failed: HTTP 422: Patient M42 is not known')).toBe('Patient M42 is not known (HTTP 422)');
    expect(refusalText('POST http://h/fhir/R4/Task failed: HTTP 400')).toBe('The main system answered HTTP 400.');
    expect(refusalText('Unknown outbox kind: mystery.kind')).toBe('Unknown outbox kind: mystery.kind');
    expect(refusalText(null)).toBe('The main system gave no reason.');
  });
});

describe('sync runs', () => {
  it('lists the counts that moved', () => {
    expect(runCounts({ created: 92, updated: 0, unchanged: 0, patients: 30, quarantined: 0, conflicts: 1, sent: 1, rejected: 0 })).toEqual(['92 created', '30 patients', '1 sent', '1 amount conflict']);
    expect(runCounts({ created: 0, updated: 0, unchanged: 0, patients: 0, quarantined: 0, conflicts: 0 })).toEqual(['No changes']);
  });

  it('says how long a run took', () => {
    expect(runDuration({ startedAt: '2026-11-22T11:00:00.000Z', finishedAt: '2026-11-22T11:00:00.250Z' })).toBe('0.3 s');
    expect(runDuration({ startedAt: '2026-11-22T11:00:00.000Z', finishedAt: '2026-11-22T11:01:05.000Z' })).toBe('1 min 5 s');
    expect(runDuration({ startedAt: '2026-11-22T11:00:00.000Z', finishedAt: null })).toBeNull();
  });
});
