/**
 * Pulls what changed in the main system since the last run, type by type
 * (Patient, Coverage, ExplanationOfBenefit, ClaimResponse, Appointment), page by
 * page. When there is more than a page of changes, the sync worker fetches and
 * maps the pages (worker/pull-job.ts) while this thread writes them; otherwise
 * this thread does both. Pages are applied several at a time (about
 * RESOURCES_PER_TRANSACTION resources) in one transaction. A record that cannot
 * be stored is quarantined alone and the rest applies: when one fails, the
 * transaction is rolled back and applied again with its pages under savepoints
 * (apply-batch.ts). The cursor a later run starts from moves only in the
 * transaction of a type's last page, after every earlier page is committed: a
 * crash mid-run restarts from the old cursor and re-applies pages, which changes
 * nothing (claims are idempotent), so nothing is lost or doubled even when the
 * server serves pages out of order.
 */
import type { Db } from '../../db/connection';
import { recordAudit } from '../../ledger/journal';
import { recordSync } from '../../settings/queries';
import type { SyncStats } from '../../../shared/sync';
import type { ApplyContext } from '../apply-claim';
import { applyClaim, applyPatient } from '../apply-claim';
import { applyBatch } from '../apply-batch';
import type { FetchUpdatesOptions } from '../fhir-client';
import { DEFAULT_PAGE_SIZE, fetchUpdates } from '../fhir-client';
import { PatientCache } from '../patient-cache';
import { quarantine } from '../quarantine';
import { emptyStats } from '../sync-log';
import type { PullJob } from '../worker/jobs';
import type { WorkerStream } from '../worker/start-worker';
import { startWorkerJob } from '../worker/start-worker';
import { applyAppointment } from './appointments';
import type { PulledPage, PulledType, Work } from './page-work';
import { PULLED_TYPES, recordOf, resourceReader, workOfPage } from './page-work';

export { PULLED_TYPES };
export type { PulledType };

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
  /** For tests of crash recovery: called for each page once the transaction holding it is committed. */
  afterPage?: (type: PulledType, pageNumber: number) => void;
  /** Resources applied in one transaction, at least a page (default RESOURCES_PER_TRANSACTION). */
  resourcesPerTransaction?: number;
  /**
   * Where pages are fetched and mapped: by default in the sync worker once a type has more than
   * HAND_OVER_AFTER changes (a smaller pull would only wait for the worker to start); true: as soon as a
   * second page follows; false: always on this thread.
   */
  inWorker?: boolean;
}

type Json = Record<string, unknown>;

/**
 * Resources applied in one transaction. A commit writes every page of the store it changed (and the
 * checkpoint after it copies them again), and a page of patients or claims changes pages all over the
 * store's indexes, so fewer, larger commits write far less. Replaying the Patient pages of a
 * 200,000-patient full sync: 1,000 resources a transaction spent 10 s committing, 4,000 spent 3.3 s
 * (8,000: 2.2 s). A transaction holds the store and this thread: about 0.1 to 0.4 s at 4,000.
 */
export const RESOURCES_PER_TRANSACTION = 4_000;
/** Pages the worker may have fetched and mapped ahead of the ones being written: two transactions' worth and two more, so it never waits for a commit. */
function workerWindow(options: PullOptions): number {
  const perTransaction = options.resourcesPerTransaction ?? RESOURCES_PER_TRANSACTION;
  return 2 * Math.ceil(perTransaction / (options.pageSize ?? DEFAULT_PAGE_SIZE)) + 2;
}
/** Changes of a type fetched here before the worker takes over the rest. */
export const HAND_OVER_AFTER = 1_000;

/** The pages from the sync worker; a run that is called off stops the worker and ends with the signal's reason. */
async function* pagesFromWorker(stream: WorkerStream<PulledPage>, signal: AbortSignal | undefined): AsyncGenerator<PulledPage> {
  const stop = () => void stream.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const page of stream) {
      signal?.throwIfAborted();
      yield page;
    }
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    await stream.close();
  }
}

const jobOf = (baseUrl: string, options: PullOptions): Omit<PullJob, 'types'> => ({ kind: 'pull', baseUrl, pageSize: options.pageSize, timeoutMs: options.timeoutMs, retry: options.retry });

/**
 * Every type's pages in order, mapped. A type's first changes are fetched here: most pulls are a page or
 * a few of changes, which a worker would only slow down. When more follow, the sync worker goes on from
 * the next page (for this type and the ones after) while this thread writes; without a worker, this
 * thread does it all, asking for the next page before it maps this one (the server prepares it meanwhile).
 */
async function* pulledPages(baseUrl: string, types: PullJob['types'], options: PullOptions): AsyncGenerator<PulledPage> {
  const fetchOptions = { pageSize: options.pageSize, signal: options.signal, timeoutMs: options.timeoutMs, retry: options.retry };
  let handOverAfter = options.inWorker === false ? Infinity : options.inWorker ? 0 : HAND_OVER_AFTER;
  for (const [t, { type, since }] of types.entries()) {
    const pages = fetchUpdates(baseUrl, type, since, fetchOptions);
    let fetchedHere = 0;
    const ask = () => {
      const promise = pages.next();
      promise.catch(() => {}); // awaited below; never left as an unhandled rejection if we stop first
      return promise;
    };
    let next = ask();
    for (;;) {
      const result = await next;
      if (result.done) break;
      const page = result.value;
      fetchedHere += page.resources.length;
      const handOver = page.next !== null && fetchedHere >= handOverAfter;
      const rest = [{ type, since, resumeAt: { url: page.next!, pageNumber: page.pageNumber + 1, cursor: page.cursor } }, ...types.slice(t + 1)];
      // The worker starts (and fetches the next page) while this page is mapped and written.
      const starting = handOver ? startWorkerJob<PulledPage>({ ...jobOf(baseUrl, options), types: rest }, workerWindow(options)) : null;
      let stream: WorkerStream<PulledPage> | null = null;
      try {
        if (!page.last && !starting) next = ask();
        const work = workOfPage(page.resources as unknown as Json[], page.entryIndexes, baseUrl, { resources: true, json: false });
        yield { type, pageNumber: page.pageNumber, cursor: page.cursor, last: page.last, count: page.resources.length, work };
        stream = starting && (await starting);
      } finally {
        if (starting && !stream) void starting.then((started) => started?.close()); // the run stopped on this page
      }
      if (stream) {
        yield* pagesFromWorker(stream, options.signal);
        return;
      }
      if (starting) {
        handOverAfter = Infinity; // no worker after all: this thread goes on, and does not ask again
        next = ask();
      } else if (page.last) break;
    }
  }
}

function applyWork(ctx: ApplyContext, baseUrl: string, stats: SyncStats, work: Work): void {
  const { db, at } = ctx;
  if ('appointment' in work) {
    const rejected = applyAppointment(db, work.appointment, baseUrl);
    if (rejected) {
      quarantine(db, SOURCE, rejected, at);
      stats.quarantined += 1;
    }
    return;
  }
  const { record, hash } = recordOf(work);
  if (record.kind === 'rejected') {
    quarantine(db, SOURCE, record.rejected, at);
    stats.quarantined += 1;
  } else if (record.kind === 'patient') {
    if (applyPatient(ctx, record.patient, record.coverage).created) stats.patients += 1;
  } else {
    const result = applyClaim(ctx, record.claim, hash ?? undefined);
    stats[result.outcome] += 1;
    stats.conflicts += result.conflicts;
    if (result.patientCreated) stats.patients += 1;
  }
}

/** `careful`: each page under a savepoint, so that a record that fails is quarantined alone (apply-batch.ts). */
function applyPage(db: Db, baseUrl: string, page: PulledPage, at: string, stats: SyncStats, patients: PatientCache, careful: boolean): void {
  const ctx: ApplyContext = { db, source: SOURCE, at, patients };
  const resourceOf = resourceReader(page);
  const quarantineFailed = (work: Work, error: unknown) => {
    const resource = resourceOf(work);
    const location = resource ? `${String(resource.resourceType)}/${String(resource.id)}` : `${page.type} page ${page.pageNumber}`;
    quarantine(db, SOURCE, { location, reason: error instanceof Error ? error.message : String(error), raw: JSON.stringify(resource).slice(0, 4_000) }, at);
    stats.quarantined += 1;
  };
  const before = { ...stats };
  if (careful) applyBatch({ db, stats, patients }, page.work, (work) => applyWork(ctx, baseUrl, stats, work), quarantineFailed);
  else for (const work of page.work) applyWork(ctx, baseUrl, stats, work);
  if (page.last) writeCursor(db, page.type, page.cursor, at);
  const changed = { created: stats.created - before.created, updated: stats.updated - before.updated, patients: stats.patients - before.patients, quarantined: stats.quarantined - before.quarantined, conflicts: stats.conflicts - before.conflicts };
  if (Object.values(changed).some((n) => n > 0)) {
    recordAudit(db, { at, actor: `sync:${SOURCE}`, action: 'sync.pulled', patientId: null, entity: page.type, entityId: null, policyVersion: null, detail: { page: page.pageNumber, ...changed } });
  }
}

/**
 * Pages in one transaction; on failure nothing of them stays, and neither does what the cache learnt from them.
 * Records almost never fail, so the pages are first applied without savepoints: a savepoint copies every page
 * of the store it touches, and patients' search terms touch pages all over their index (replaying the Patient
 * pages of a 200,000-patient sync: 15% of the writing thread's CPU). When a record does fail, that attempt is
 * rolled back whole and the pages are applied again, carefully, with the counts as they were before it.
 */
function applyPages(db: Db, baseUrl: string, pages: readonly PulledPage[], at: string, stats: SyncStats, patients: PatientCache): void {
  const counted = { ...stats };
  // IMMEDIATE: the writes never wait behind a read snapshot that another desk's commit made stale.
  const attempt = (careful: boolean) =>
    db.transaction(() => {
      patients.validate(db);
      for (const page of pages) applyPage(db, baseUrl, page, at, stats, patients, careful);
    }).immediate();
  try {
    attempt(false);
  } catch {
    patients.forget();
    Object.assign(stats, counted);
    try {
      attempt(true);
    } catch (error) {
      patients.forget();
      throw error;
    }
  }
}

/** The pages in runs of about `resources` resources (a run ends with the page that reaches it, or with the pull). */
async function* transactions(pages: AsyncIterable<PulledPage>, resources: number): AsyncGenerator<PulledPage[]> {
  let run: PulledPage[] = [];
  let count = 0;
  for await (const page of pages) {
    run.push(page);
    count += Math.max(page.count, 1);
    if (count >= resources) {
      yield run;
      run = [];
      count = 0;
    }
  }
  if (run.length > 0) yield run;
}

export async function pullUpdates(db: Db, baseUrl: string, now: () => Date, options: PullOptions = {}): Promise<SyncStats> {
  const stats = emptyStats();
  // Kept across pages and types (claims name the Patients pulled before them); checked at each page's start.
  const patients = new PatientCache();
  // Only a pull moves these cursors (one runs at a time), so reading them all first reads what each type would
  // have found at its start; were another pull to run meanwhile, pages applied twice change nothing.
  const types = PULLED_TYPES.map((type) => ({ type, since: readCursor(db, type) }));
  options.signal?.throwIfAborted();
  const pages = pulledPages(baseUrl, types, options);
  try {
    for await (const run of transactions(pages, options.resourcesPerTransaction ?? RESOURCES_PER_TRANSACTION)) {
      applyPages(db, baseUrl, run, now().toISOString(), stats, patients);
      for (const page of run) {
        options.onPage?.(page.type, page.count);
        options.afterPage?.(page.type, page.pageNumber);
      }
      options.signal?.throwIfAborted();
    }
  } finally {
    await pages.return(undefined);
  }
  recordSync(db, SOURCE, now().toISOString());
  return stats;
}
