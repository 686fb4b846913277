import type { SyncLog, SyncStatusView } from '../../../shared/sync';
import { errorMessage } from './errors';
import type { SliceCreator } from './types';

/** How often the header asks for the sync status: every 10 s, every second while a sync runs. */
export const DEFAULT_SYNC_POLL_MS = { idle: 10_000, busy: 1_000 } as const;

/** How many runs (and open problems of each kind) the sync log shows. */
export const SYNC_LOG_LIMIT = 50;

export type SyncLogStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface SyncSlice {
  /** The latest status from the core, or null before the first answer. */
  syncStatus: SyncStatusView | null;
  /** Why the status could not be read (the core itself not reachable); null when it could. */
  syncStatusError: string | null;
  /** A "Sync now" is on its way to the core. */
  syncRequesting: boolean;
  /** Why the last "Sync now" was not started (no main system configured, say). */
  syncNowError: string | null;
  syncLogOpen: boolean;
  syncLog: SyncLog | null;
  syncLogStatus: SyncLogStatus;
  syncLogError: string | null;
  /** Reads the status once (and, while it is polling, schedules the next read). */
  loadSyncStatus(): Promise<void>;
  /**
   * Polls the status until the returned function is called: every `idle` ms,
   * every `busy` ms while a sync runs. One poller at a time; starting again restarts it.
   */
  startSyncPolling(): () => void;
  /** Starts a sync (or joins the one running); the core answers at once and the status is polled closely. */
  syncNow(): Promise<void>;
  /** The network came back: sync once, if a main system is configured. */
  syncOnReconnect(): void;
  openSyncLog(): void;
  closeSyncLog(): void;
  loadSyncLog(): Promise<void>;
  /** Opens a patient from the sync log in the check-in screen (and closes the log). */
  openPatientFromSyncLog(patientId: number): void;
}

export const createSyncSlice: SliceCreator<SyncSlice> = (deps) => (set, get) => {
  const pollMs = deps.syncPollMs ?? DEFAULT_SYNC_POLL_MS;
  let polling = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Only the answer to the most recent status read is used. */
  let latestStatus = 0;
  let latestLog = 0;

  function isBusy(): boolean {
    return get().syncRequesting || get().syncStatus?.state === 'syncing';
  }

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    timer = undefined;
    if (polling) timer = setTimeout(() => void get().loadSyncStatus(), delayMs);
  }

  /** What follows a new status: the open patient and the open log are read again after a sync. */
  function showStatus(next: SyncStatusView): void {
    const previous = get().syncStatus;
    set({ syncStatus: next, syncStatusError: null });
    if (!previous) return;
    if (next.lastSyncedAt !== previous.lastSyncedAt) void get().refreshBalance();
    const finished = previous.state === 'syncing' && next.state !== 'syncing';
    if ((finished || next.rejectedChanges !== previous.rejectedChanges) && get().syncLogOpen) void get().loadSyncLog();
  }

  return {
    syncStatus: null,
    syncStatusError: null,
    syncRequesting: false,
    syncNowError: null,
    syncLogOpen: false,
    syncLog: null,
    syncLogStatus: 'idle',
    syncLogError: null,

    async loadSyncStatus() {
      const mine = ++latestStatus;
      clearTimeout(timer);
      timer = undefined;
      try {
        const status = await deps.api('getSyncStatus', {});
        if (mine !== latestStatus) return;
        showStatus(status);
      } catch (error) {
        if (mine !== latestStatus) return;
        set({ syncStatusError: errorMessage(error) });
      }
      schedule(isBusy() ? pollMs.busy : pollMs.idle);
    },

    startSyncPolling() {
      polling = true;
      void get().loadSyncStatus();
      return () => {
        polling = false;
        clearTimeout(timer);
        timer = undefined;
      };
    },

    async syncNow() {
      if (get().syncRequesting) return;
      set({ syncRequesting: true, syncNowError: null });
      latestStatus += 1;
      try {
        const status = await deps.api('syncNow', {});
        showStatus(status);
      } catch (error) {
        set({ syncNowError: errorMessage(error) });
        void get().loadSyncStatus();
      } finally {
        set({ syncRequesting: false });
      }
      schedule(isBusy() ? pollMs.busy : pollMs.idle);
    },

    syncOnReconnect() {
      const state = get().syncStatus?.state;
      if (state === undefined || state === 'not_configured') return;
      void get().syncNow();
    },

    openSyncLog() {
      set({ syncLogOpen: true });
      void get().loadSyncLog();
    },

    closeSyncLog() {
      latestLog += 1;
      set({ syncLogOpen: false });
    },

    async loadSyncLog() {
      const mine = ++latestLog;
      // Keep what is on screen while it is read again; the placeholder is for the first read only.
      set({ syncLogStatus: get().syncLog ? get().syncLogStatus : 'loading' });
      try {
        const syncLog = await deps.api('getSyncLog', { limit: SYNC_LOG_LIMIT });
        if (mine !== latestLog) return;
        set({ syncLog, syncLogStatus: 'ready', syncLogError: null });
      } catch (error) {
        if (mine !== latestLog) return;
        set({ syncLogStatus: 'error', syncLogError: errorMessage(error) });
      }
    },

    openPatientFromSyncLog(patientId) {
      get().closeSyncLog();
      get().clearSearch();
      void get().openPatient(patientId);
    },
  };
};
