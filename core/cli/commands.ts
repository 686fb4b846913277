/**
 * The `front-desk` commands. Each opens the store, calls the same core
 * functions the app uses, and prints text or JSON. Failures throw CliError
 * (one line, an exit code); main.ts turns them into stderr + exit status.
 */
import { SessionStore } from '../auth/sessions';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openAppStore } from '../app-store/open-app-store';
import type { PatientBalance } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { call } from '../api/dispatch';
import type { CoreContext } from '../api/handlers';
import type { Clock } from '../clock';
import { localDate } from '../clock';
import type { Db } from '../db/connection';
import { openDatabase } from '../db/connection';
import { StoreError } from '../db/errors';
import { seedDemoWithAccounts } from '../demo/accounts';
import { EMBEDDED_DEMO } from '../demo/seed';
import type { BrowserHost } from '../host/browser-host';
import { startBrowserHost } from '../host/browser-host';
import { getPatientByMrn } from '../patients/queries';
import { setSetting } from '../settings/queries';
import { readSyncSettings, SyncService } from '../sync/sync-service';
import { CliError, EXIT } from './exit-codes';
import { balanceJson, balanceText, searchJson, searchText } from './format';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  clock: Clock;
  /** Who is acting, for the audit log. */
  actor: string;
}

export function openStore(file: string, create = false): Db {
  try {
    return openDatabase(file, { create });
  } catch (error) {
    if (error instanceof StoreError) throw new CliError(EXIT.database, error.message);
    throw error;
  }
}

export function withCore<T>(file: string, io: CliIo, work: (ctx: CoreContext) => T): T {
  const db = openStore(file);
  try {
    return work({ db, clock: io.clock, host: 'browser', actor: io.actor, sessions: 'operator' });
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(error.code === 'invalid_input' ? EXIT.usage : EXIT.notFoundOrRefused, error.message.replace(/\s*\n\s*/g, ' '));
    throw error;
  } finally {
    db.close();
  }
}

const print = (io: CliIo, json: boolean, value: unknown, text: string) => io.out(json ? JSON.stringify(value, null, 2) : text);

export function demoCommand(io: CliIo, options: { db: string; patients: number; seed: number; today?: string }): void {
  if (existsSync(options.db)) throw new CliError(EXIT.usage, `${options.db} already exists; choose a new path for the demo database.`);
  const db = openStore(options.db, true);
  const started = performance.now();
  const showProgress = options.patients >= 10_000;
  try {
    seedDemoWithAccounts(db, {
      patients: options.patients,
      seed: options.seed,
      today: options.today ?? localDate(io.clock.now()),
      onProgress: (done, total) => {
        if (showProgress) io.err(`Generating demo practice: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} patients (${Math.round((done / total) * 100)}%)`);
      },
    });
  } finally {
    db.close();
  }
  io.err(`Created ${options.db} with ${options.patients.toLocaleString('en-US')} demo patients (seed ${options.seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

export function initCommand(io: CliIo, options: { db: string; practiceName?: string }): void {
  if (existsSync(options.db)) throw new CliError(EXIT.usage, `${options.db} already exists; choose a new path for the practice's database.`);
  const db = openStore(options.db, true);
  try {
    if (options.practiceName) setSetting(db, 'practice_name', options.practiceName.trim());
  } finally {
    db.close();
  }
  io.err(`Created ${options.db}. Start the app on it (front-desk serve --db ${options.db}); the first person to open it creates the manager account.`);
}

export function searchCommand(io: CliIo, options: { db: string; text: string; json: boolean; limit?: number }): void {
  const patients = withCore(options.db, io, (ctx) => call(ctx, 'searchPatients', { query: options.text, limit: options.limit }));
  print(io, options.json, searchJson(patients), searchText(patients));
}

export function balanceCommand(io: CliIo, options: { db: string; mrn?: string; id?: number; json: boolean }): void {
  if ((options.mrn === undefined) === (options.id === undefined)) throw new CliError(EXIT.usage, 'Give exactly one of --mrn MRN or --id ID.');
  const balance: PatientBalance = withCore(options.db, io, (ctx) => {
    let patientId = options.id;
    if (options.mrn !== undefined) {
      const row = getPatientByMrn(ctx.db, options.mrn);
      if (!row) throw new ApiError('not_found', `No patient with MRN ${options.mrn}.`);
      patientId = row.id;
    }
    return call(ctx, 'getPatientBalance', { patientId });
  });
  print(io, options.json, balanceJson(balance), balanceText(balance));
}

export type RunningHost = BrowserHost & { stop(): Promise<void> };

export interface ServeOptions {
  port: number;
  staticDir: string;
  /** The main system's FHIR base URL; remembered in the store's settings for next time. */
  fhir?: string;
}

async function serveStore(io: CliIo, db: Db, file: string, options: ServeOptions): Promise<RunningHost> {
  let sync: SyncService | null = null;
  try {
    sync = startConfiguredSync(io, db, file, options.fhir);
    const ctx = { db, clock: io.clock, host: 'browser' as const, actor: io.actor, sync: sync ?? undefined, sessions: new SessionStore() };
    const host = await startBrowserHost({ ctx, staticDir: options.staticDir, port: options.port });
    io.out(host.url);
    io.err(`Front Desk Balances is serving ${file} on ${host.url.split('#')[0]} (this computer only). Open the address above; stop with Ctrl+C.`);
    return {
      ...host,
      stop: async () => {
        await host.close();
        await sync?.stop();
        db.close();
      },
    };
  } catch (error) {
    await sync?.stop();
    db.close();
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') throw new CliError(EXIT.usage, `Port ${options.port} is already in use.`);
    throw error;
  }
}

/** Starts sync with the main system when one is given or was configured before. */
function startConfiguredSync(io: CliIo, db: Db, file: string, fhir: string | undefined): SyncService | null {
  if (fhir) setSetting(db, 'sync.fhir_base_url', validFhirUrl(fhir));
  const settings = readSyncSettings(db);
  if (!settings.fhirBaseUrl) return null;
  const service = new SyncService({ file, clock: io.clock, baseUrl: settings.fhirBaseUrl, intervalMinutes: settings.intervalMinutes });
  service.start();
  io.err(`Syncing with ${settings.fhirBaseUrl} every ${settings.intervalMinutes} minutes.`);
  return service;
}

export function validFhirUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(EXIT.usage, `--fhir must be a URL like http://127.0.0.1:8090/fhir/R4 (got "${text}").`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(EXIT.usage, '--fhir must be an http or https URL.');
  return url.href.replace(/\/+$/, '');
}

function requireBuiltRenderer(staticDir: string): void {
  if (!existsSync(staticDir)) throw new CliError(EXIT.usage, `The app is not built (${staticDir} is missing). Run: npm run build`);
}

/** Starts the browser host on a database; resolves once it listens, with a function that stops it. */
export async function serveCommand(io: CliIo, options: ServeOptions & { db: string }): Promise<RunningHost> {
  requireBuiltRenderer(options.staticDir);
  return serveStore(io, openStore(options.db), options.db, options);
}

/**
 * The app without Electron: the store in the user's data folder (the desktop app's own),
 * created and seeded with the demo practice on first run, served to the browser.
 */
export async function startCommand(io: CliIo, options: ServeOptions & { dataDir: string }): Promise<RunningHost> {
  requireBuiltRenderer(options.staticDir);
  const file = join(options.dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) io.err(`First run: creating the demo practice in ${file} ...`);
  let db: Db;
  try {
    db = openAppStore({ dir: options.dataDir, seed: (fresh) => seedDemoWithAccounts(fresh, { ...EMBEDDED_DEMO, today: localDate(io.clock.now()) }) });
  } catch (error) {
    if (error instanceof StoreError) throw new CliError(EXIT.database, error.message);
    throw error;
  }
  return serveStore(io, db, file, options);
}
