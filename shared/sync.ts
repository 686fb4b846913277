/** What the desk and the manager see of sync with the main system. */

export type SyncState = 'not_configured' | 'never' | 'syncing' | 'ok' | 'offline' | 'failed';

export interface SyncStatusView {
  state: SyncState;
  lastSyncedAt: string | null;
  /** Decisions and payments waiting to reach the main system. */
  pendingChanges: number;
  /** Messages the main system refused: they stay visible until someone resolves them. */
  rejectedChanges: number;
  lastError: string | null;
  nextRunAt: string | null;
}

export interface SyncStats {
  created: number;
  updated: number;
  unchanged: number;
  patients: number;
  quarantined: number;
  conflicts: number;
  sent?: number;
  rejected?: number;
}

export interface SyncRunView {
  id: number;
  source: string;
  kind: 'import' | 'pull' | 'push';
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed';
  stats: SyncStats;
  error: string | null;
}

export interface SyncLog {
  runs: SyncRunView[];
  /** Records from the main system that could not be applied, with the reason (open ones). */
  quarantined: { id: number; source: string; location: string; reason: string; createdAt: string }[];
  /** Outbox messages the main system refused. */
  rejected: { id: number; kind: string; createdAt: string; error: string | null }[];
  /** Items whose main-system amount changed after a desk decision (open ones). */
  conflicts: {
    id: number;
    itemId: number;
    patientId: number;
    /** "Family, Given" and MRN, so the manager knows whom it is about. */
    patientName: string;
    mrn: string;
    serviceDate: string;
    service: string;
    localAction: string;
    previousAmountCents: number;
    newAmountCents: number;
    detectedAt: string;
  }[];
}
