/**
 * The app's sync with the main system's FHIR API: push the outbox, then pull
 * what changed; every N minutes, on "Sync now", and when the network comes back
 * (the renderer calls syncNow on its 'online' event); one at a time; backoff
 * with jitter after failures. It uses its own connection, so a sync waiting on
 * the network never holds the desk's connection.
 */
import type { SyncState, SyncStatusView } from '../../shared/sync';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { openDatabase } from '../db/connection';
import { getSetting, lastSyncedAt } from '../settings/queries';
import { FhirHttpError } from './fhir-client';
import { pullUpdates } from './fhir-sync/pull';
import { pushOutbox } from './fhir-sync/push-outbox';
import { SyncScheduler } from './scheduler';
import { emptyStats, finishRun, startRun } from './sync-log';

export const DEFAULT_INTERVAL_MINUTES = 5;

export interface SyncSettings {
  fhirBaseUrl: string | null;
  intervalMinutes: number;
}

export function readSyncSettings(db: Db): SyncSettings {
  const minutes = Number(getSetting(db, 'sync.interval_minutes') ?? DEFAULT_INTERVAL_MINUTES);
  return { fhirBaseUrl: getSetting(db, 'sync.fhir_base_url') ?? null, intervalMinutes: Number.isFinite(minutes) && minutes >= 1 ? minutes : DEFAULT_INTERVAL_MINUTES };
}

/** The status line's facts that the store alone knows (also without a running sync). */
export function storedSyncStatus(db: Db): Pick<SyncStatusView, 'lastSyncedAt' | 'pendingChanges' | 'rejectedChanges'> {
  const counts = db.prepare("SELECT sum(status = 'pending') AS pending, sum(status = 'rejected') AS rejected FROM outbox").get() as { pending: number | null; rejected: number | null };
  return { lastSyncedAt: lastSyncedAt(db), pendingChanges: counts.pending ?? 0, rejectedChanges: counts.rejected ?? 0 };
}

/** A failure to reach the server at all (as opposed to the server answering with an error). */
function isOffline(error: unknown): boolean {
  if (error instanceof FhirHttpError) return error.status === null;
  return error instanceof TypeError || (error instanceof Error && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|timed? ?out/i.test(error.message));
}

export interface SyncServiceOptions {
  file: string;
  clock: Clock;
  baseUrl: string;
  intervalMinutes?: number;
  nativeBinding?: string;
  onChange?: () => void;
}

export class SyncService {
  private readonly db: Db;
  private readonly scheduler: SyncScheduler;
  private offline = false;

  constructor(private readonly options: SyncServiceOptions) {
    this.db = openDatabase(options.file, { nativeBinding: options.nativeBinding });
    this.scheduler = new SyncScheduler({
      intervalMs: (options.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES) * 60_000,
      now: () => options.clock.now(),
      run: () => this.runOnce(),
      onChange: () => options.onChange?.(),
    });
  }

  /** One push and pull, logged; throws on failure (the scheduler backs off). */
  private async runOnce(): Promise<void> {
    const now = () => this.options.clock.now();
    const runId = startRun(this.db, this.options.baseUrl, 'pull', now().toISOString());
    const stats = emptyStats();
    try {
      const pushed = await pushOutbox(this.db, this.options.baseUrl, now);
      Object.assign(stats, await pullUpdates(this.db, this.options.baseUrl, now), { sent: pushed.sent, rejected: pushed.rejected });
      this.offline = false;
      finishRun(this.db, runId, now().toISOString(), { ok: true, stats });
    } catch (error) {
      this.offline = isOffline(error);
      finishRun(this.db, runId, now().toISOString(), { ok: false, stats, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  start(): void {
    this.scheduler.start();
  }

  async syncNow(): Promise<SyncStatusView> {
    await this.scheduler.runNow();
    return this.status();
  }

  requestSync(): void {
    void this.scheduler.runNow();
  }

  status(): SyncStatusView {
    const stored = storedSyncStatus(this.db);
    const s = this.scheduler.state;
    const state: SyncState = s.running ? 'syncing' : s.lastError ? (this.offline ? 'offline' : 'failed') : stored.lastSyncedAt ? 'ok' : 'never';
    return { ...stored, state, lastError: s.lastError, nextRunAt: s.nextRunAt };
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
    await this.scheduler.idle();
    this.db.close();
  }
}
