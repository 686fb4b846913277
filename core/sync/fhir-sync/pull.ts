/**
 * Pulls what changed in the main system since the last run, type by type
 * (Patient, Coverage, ExplanationOfBenefit, ClaimResponse, Appointment), page by
 * page. Each page is applied in one transaction (a record that cannot be stored
 * is quarantined; the rest applies). The cursor a later run starts from moves
 * only in the transaction of the run's last page, after every earlier page is
 * committed: a crash mid-run restarts from the old cursor and re-applies pages,
 * which changes nothing (claims are idempotent), so nothing is lost or doubled
 * even when the server serves pages out of order.
 */
import type { Db } from '../../db/connection';
import { recordAudit } from '../../ledger/journal';
import { recordSync } from '../../settings/queries';
import { applyClaim, applyPatient } from '../apply-claim';
import type { FetchUpdatesOptions } from '../fhir-client';
import { fetchUpdates } from '../fhir-client';
import { recordsOfResource } from '../fhir/parse-bundle';
import { quarantine } from '../quarantine';
import type { SyncStats } from '../../../shared/sync';
import { emptyStats } from '../sync-log';
import { applyAppointment } from './appointments';

export const PULLED_TYPES = ['Patient', 'Coverage', 'ExplanationOfBenefit', 'ClaimResponse', 'Appointment'] as const;
export type PulledType = (typeof PULLED_TYPES)[number];

export const SOURCE = 'fhir';
const cursorKey = (type: PulledType) => `${SOURCE}:${type}`;

export function readCursor(db: Db, type: PulledType): string | null {
  return (db.prepare('SELECT cursor FROM sync_state WHERE source = ?').get(cursorKey(type)) as { cursor: string | null } | undefined)?.cursor ?? null;
}

function writeCursor(db: Db, type: PulledType, cursor: string | null, at: string): void {
  db.prepare('INSERT INTO sync_state (source, last_synced_at, cursor) VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE SET last_synced_at = excluded.last_synced_at, cursor = excluded.cursor').run(
    cursorKey(type),
    at,
    cursor,
  );
}

export interface PullOptions extends Pick<FetchUpdatesOptions, 'pageSize' | 'signal' | 'timeoutMs' | 'retry'> {
  onPage?: (type: PulledType, resources: number) => void;
  /** For tests of crash recovery: called after each page is committed. */
  afterPage?: (type: PulledType, pageNumber: number) => void;
}

type Json = Record<string, unknown>;

function applyResource(db: Db, baseUrl: string, at: string, resource: Json, stats: SyncStats): void {
  if (resource.resourceType === 'Appointment') {
    const rejected = applyAppointment(db, resource, baseUrl);
    if (rejected) {
      quarantine(db, SOURCE, rejected, at);
      stats.quarantined += 1;
    }
    return;
  }
  for (const record of recordsOfResource(resource, { baseUrl })) {
    if (record.kind === 'rejected') {
      quarantine(db, SOURCE, record.rejected, at);
      stats.quarantined += 1;
      continue;
    }
    const location = `${String(resource.resourceType)}/${String(resource.id)}`;
    try {
      db.transaction(() => {
        if (record.kind === 'patient') {
          if (applyPatient({ db, source: SOURCE, at }, record.patient, record.coverage).created) stats.patients += 1;
        } else {
          const result = applyClaim({ db, source: SOURCE, at }, record.claim);
          stats[result.outcome] += 1;
          stats.conflicts += result.conflicts;
          if (result.patientCreated) stats.patients += 1;
        }
      })();
    } catch (error) {
      quarantine(db, SOURCE, { location, reason: error instanceof Error ? error.message : String(error), raw: JSON.stringify(resource).slice(0, 4_000) }, at);
      stats.quarantined += 1;
    }
  }
}

export async function pullUpdates(db: Db, baseUrl: string, now: () => Date, options: PullOptions = {}): Promise<SyncStats> {
  const stats = emptyStats();
  for (const type of PULLED_TYPES) {
    const since = readCursor(db, type);
    const { onPage, afterPage, ...fetchOptions } = options;
    const pages = fetchUpdates(baseUrl, type, since, fetchOptions);
    // Ask for the next page before applying this one: the main system prepares it while we write.
    const prefetch = () => {
      const promise = pages.next();
      promise.catch(() => {}); // awaited below; never left as an unhandled rejection if we stop first
      return promise;
    };
    let next = prefetch();
    for (;;) {
      const result = await next;
      if (result.done) break;
      const page = result.value;
      if (!page.last) next = prefetch();
      const at = now().toISOString();
      db.transaction(() => {
        const before = { ...stats };
        for (const resource of page.resources as unknown as Json[]) applyResource(db, baseUrl, at, resource, stats);
        if (page.last) writeCursor(db, type, page.cursor, at);
        const changed = { created: stats.created - before.created, updated: stats.updated - before.updated, patients: stats.patients - before.patients, quarantined: stats.quarantined - before.quarantined, conflicts: stats.conflicts - before.conflicts };
        if (Object.values(changed).some((n) => n > 0)) {
          recordAudit(db, { at, actor: `sync:${SOURCE}`, action: 'sync.pulled', patientId: null, entity: type, entityId: null, policyVersion: null, detail: { page: page.pageNumber, ...changed } });
        }
      })();
      onPage?.(type, page.resources.length);
      afterPage?.(type, page.pageNumber);
      if (page.last) next = prefetch();
    }
  }
  recordSync(db, SOURCE, now().toISOString());
  return stats;
}
