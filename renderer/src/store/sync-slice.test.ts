import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contractInputs } from '../../../shared/contract';
import { ApiError } from '../../../shared/errors';
import type { SyncLog, SyncStatusView } from '../../../shared/sync';
import { createAppStore } from './index';
import { SYNC_LOG_LIMIT } from './sync-slice';
import { balanceFor, controllableApi, flush } from './testing';

const POLL = { idle: 10_000, busy: 1_000 };

const status = (overrides: Partial<SyncStatusView> = {}): SyncStatusView => ({
  state: 'ok',
  lastSyncedAt: '2026-11-22T11:00:00.000Z',
  pendingChanges: 0,
  rejectedChanges: 0,
  lastError: null,
  nextRunAt: '2026-11-22T11:05:00.000Z',
  ...overrides,
});

const emptyLog: SyncLog = { runs: [], quarantined: [], rejected: [], conflicts: [] };

function setup() {
  const { api, calls } = controllableApi();
  const store = createAppStore({ api, searchDebounceMs: 0, syncPollMs: POLL });
  return { store, calls };
}

describe('sync slice', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls every 10 s, every second while a sync runs, and stops when told', async () => {
    const { store, calls } = setup();
    const stop = store.getState().startSyncPolling();
    expect(calls.map((c) => c.method)).toEqual(['getSyncStatus']);
    calls[0]!.resolve(status());
    await flush();
    vi.advanceTimersByTime(POLL.idle - 1);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls).toHaveLength(2);

    calls[1]!.resolve(status({ state: 'syncing' }));
    await flush();
    vi.advanceTimersByTime(POLL.busy);
    expect(calls).toHaveLength(3);
    calls[2]!.resolve(status({ state: 'ok' }));
    await flush();
    vi.advanceTimersByTime(POLL.busy);
    expect(calls).toHaveLength(3);

    stop();
    vi.advanceTimersByTime(POLL.idle * 3);
    expect(calls).toHaveLength(3);
  });

  it('keeps the last status and says why when the core cannot be asked', async () => {
    const { store, calls } = setup();
    store.getState().startSyncPolling();
    calls[0]!.resolve(status());
    await flush();
    vi.advanceTimersByTime(POLL.idle);
    calls[1]!.reject(new ApiError('unavailable', 'The Front Desk service is not reachable. Is it still running?'));
    await flush();
    expect(store.getState()).toMatchObject({ syncStatus: { state: 'ok' }, syncStatusError: 'The Front Desk service is not reachable. Is it still running?' });
    vi.advanceTimersByTime(POLL.idle);
    expect(calls).toHaveLength(3);
  });

  it('Sync now shows the answer at once and then polls every second', async () => {
    const { store, calls } = setup();
    store.getState().startSyncPolling();
    calls[0]!.resolve(status());
    await flush();

    const done = store.getState().syncNow();
    expect(store.getState().syncRequesting).toBe(true);
    expect(calls[1]).toMatchObject({ method: 'syncNow', input: {} });
    calls[1]!.resolve(status({ state: 'syncing', pendingChanges: 1 }));
    await done;
    expect(store.getState()).toMatchObject({ syncRequesting: false, syncStatus: { state: 'syncing', pendingChanges: 1 } });
    vi.advanceTimersByTime(POLL.busy);
    expect(calls[2]).toMatchObject({ method: 'getSyncStatus' });
  });

  it('a second Sync now while one is on its way sends nothing', async () => {
    const { store, calls } = setup();
    void store.getState().syncNow();
    void store.getState().syncNow();
    expect(calls.filter((c) => c.method === 'syncNow')).toHaveLength(1);
    calls[0]!.resolve(status({ state: 'syncing' }));
    await flush();
  });

  it('keeps the reason when Sync now is refused, and reads the status again', async () => {
    const { store, calls } = setup();
    const done = store.getState().syncNow();
    calls[0]!.reject(new ApiError('unavailable', 'No main system is configured for sync on this computer.'));
    await done;
    expect(store.getState().syncNowError).toBe('No main system is configured for sync on this computer.');
    expect(calls[1]).toMatchObject({ method: 'getSyncStatus' });
  });

  it('syncs when the network comes back, only if a main system is configured', async () => {
    const { store, calls } = setup();
    store.getState().syncOnReconnect();
    expect(calls).toHaveLength(0);
    store.setState({ syncStatus: status({ state: 'not_configured' }) });
    store.getState().syncOnReconnect();
    expect(calls).toHaveLength(0);
    store.setState({ syncStatus: status({ state: 'offline' }) });
    store.getState().syncOnReconnect();
    expect(calls.map((c) => c.method)).toEqual(['syncNow']);
    calls[0]!.resolve(status({ state: 'syncing' }));
    await flush();
  });

  it('reads the open patient again when new data came in', async () => {
    const { store, calls } = setup();
    void store.getState().openPatient(7);
    calls[0]!.resolve(balanceFor(7));
    await flush();
    void store.getState().loadSyncStatus();
    calls[1]!.resolve(status({ state: 'syncing' }));
    await flush();
    void store.getState().loadSyncStatus();
    calls[2]!.resolve(status({ state: 'syncing' }));
    await flush();
    expect(calls).toHaveLength(3);
    void store.getState().loadSyncStatus();
    calls[3]!.resolve(status({ state: 'ok', lastSyncedAt: '2026-11-22T11:07:00.000Z' }));
    await flush();
    expect(calls[4]).toMatchObject({ method: 'getPatientBalance', input: { patientId: 7 } });
    calls[4]!.resolve(balanceFor(7));
    await flush();
  });

  it('opens the log, reads it again when a sync finishes, and opens a patient from it', async () => {
    const { store, calls } = setup();
    store.getState().openSyncLog();
    expect(store.getState()).toMatchObject({ syncLogOpen: true, syncLogStatus: 'loading' });
    expect(calls[0]).toMatchObject({ method: 'getSyncLog', input: { limit: SYNC_LOG_LIMIT } });
    expect(contractInputs.getSyncLog.safeParse(calls[0]!.input).success).toBe(true);
    calls[0]!.resolve(emptyLog);
    await flush();
    expect(store.getState()).toMatchObject({ syncLogStatus: 'ready', syncLog: emptyLog });

    void store.getState().loadSyncStatus();
    calls[1]!.resolve(status({ state: 'syncing' }));
    await flush();
    void store.getState().loadSyncStatus();
    calls[2]!.resolve(status({ state: 'failed', lastError: 'HTTP 503' }));
    await flush();
    expect(calls[3]).toMatchObject({ method: 'getSyncLog' });
    expect(store.getState().syncLogStatus).toBe('ready');

    store.getState().openPatientFromSyncLog(12);
    expect(store.getState()).toMatchObject({ syncLogOpen: false, patientId: 12, patientStatus: 'loading' });
    calls[3]!.resolve({ ...emptyLog, runs: [] });
    await flush();
    expect(store.getState().syncLog).toBe(emptyLog);
  });

  it('shows why the log could not be read', async () => {
    const { store, calls } = setup();
    store.getState().openSyncLog();
    calls[0]!.reject(new ApiError('internal', 'Something went wrong on this computer.'));
    await flush();
    expect(store.getState()).toMatchObject({ syncLogStatus: 'error', syncLogError: 'Something went wrong on this computer.' });
  });
});
