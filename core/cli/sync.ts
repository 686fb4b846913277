/** `front-desk sync`: sync a store with the main system's FHIR API, once or every N minutes. */
import { existsSync } from 'node:fs';
import type { SyncStatusView } from '../../shared/sync';
import { setSetting } from '../settings/queries';
import { recentRuns } from '../sync/sync-log';
import { SyncService } from '../sync/sync-service';
import type { CliIo } from './commands';
import { openStore, validFhirUrl } from './commands';
import { CliError, EXIT } from './exit-codes';

function describe(status: SyncStatusView): string {
  const waiting = status.pendingChanges ? `, ${status.pendingChanges} changes waiting` : '';
  const refused = status.rejectedChanges ? `, ${status.rejectedChanges} refused by the main system` : '';
  switch (status.state) {
    case 'ok':
      return `Synced at ${status.lastSyncedAt}${waiting}${refused}.`;
    case 'offline':
      return `Offline: ${status.lastError}${waiting}.`;
    case 'failed':
      return `Sync failed: ${status.lastError}${waiting}${refused}.`;
    default:
      return `Sync ${status.state}${waiting}.`;
  }
}

export async function syncCommand(io: CliIo, options: { db: string; fhir: string; once: boolean; json: boolean; minutes?: number; onServing?: (stop: () => Promise<void>) => void }): Promise<void> {
  if (!existsSync(options.db)) throw new CliError(EXIT.database, `No database at ${options.db}.`);
  const baseUrl = validFhirUrl(options.fhir);
  const store = openStore(options.db);
  setSetting(store, 'sync.fhir_base_url', baseUrl);
  if (options.minutes) setSetting(store, 'sync.interval_minutes', String(options.minutes));
  store.close();
  let last = '';
  const service = new SyncService({
    file: options.db,
    clock: io.clock,
    baseUrl,
    intervalMinutes: options.minutes,
    onChange: () => {
      const line = describe(service.status());
      if (line !== last && !options.once) io.err((last = line));
    },
  });
  if (!options.once) {
    io.err(`Syncing ${options.db} with ${baseUrl}; stop with Ctrl+C.`);
    service.start();
    options.onServing?.(() => service.stop());
    return;
  }
  const status = await service.syncNow();
  const store2 = openStore(options.db);
  const [run] = recentRuns(store2, 1);
  store2.close();
  await service.stop();
  if (options.json) io.out(JSON.stringify({ status, run }, null, 2));
  if (run?.status === 'ok') {
    const s = run.stats;
    io.err(`Pulled: ${s.created} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.patients} new patients, ${s.quarantined} quarantined, ${s.conflicts} conflicts. Pushed: ${s.sent ?? 0} sent, ${s.rejected ?? 0} refused.`);
  }
  io.err(describe(status));
  if (status.state !== 'ok') throw new CliError(EXIT.notFoundOrRefused, `Sync did not complete: ${status.lastError ?? status.state}`);
}
