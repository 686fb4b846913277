/**
 * What the desk-flow tests need besides the screen: the real API (as another
 * desk would call it) and a read-only look at the demo database to pick
 * patients that fit a scenario. Nothing here writes to the database directly.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { ApiInput, ApiMethod, ApiOutput, CheckInItem, PatientBalance } from '../shared/contract';
import { addDays } from '../shared/dates';
import type { ApiResult } from '../shared/errors';
import { ApiError } from '../shared/errors';
import { API_PATH } from '../shared/host-protocol';
import type { Role } from '../shared/api/access';
import type { DemoHost } from './fixtures';
import { DEMO_ACCOUNTS } from '../core/demo/demo-accounts';

async function post<M extends ApiMethod>(host: DemoHost, method: M, input: ApiInput<M>, session: string | undefined): Promise<ApiOutput<M>> {
  const response = await fetch(new URL(API_PATH, host.baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ method, input, session }),
  });
  const result = (await response.json()) as ApiResult<ApiOutput<M>>;
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.issues);
  return result.value;
}

const sessions = new Map<string, Promise<string>>();

/** A session of the demo account with that role on that host (signed in once, then reused). */
function sessionOf(host: DemoHost, role: Role): Promise<string> {
  const key = `${host.baseUrl} ${role}`;
  let session = sessions.get(key);
  if (!session) {
    const { username, password } = DEMO_ACCOUNTS[role];
    session = post(host, 'signIn', { username, password }, undefined).then((signedIn) => signedIn.token);
    sessions.set(key, session);
  }
  return session;
}

/**
 * Calls the core through the browser host, as the app does, signed in as the demo account of
 * `role` (another desk, by default); rejects with the core's ApiError.
 */
export async function invoke<M extends ApiMethod>(host: DemoHost, method: M, input: ApiInput<M>, role: Role = 'front_desk'): Promise<ApiOutput<M>> {
  return post(host, method, input, await sessionOf(host, role));
}

/** A fresh idempotency key, as one desk action would have. */
export const newKey = () => `e2e:${randomUUID()}`;

function readOnly<T>(host: DemoHost, read: (db: Database.Database) => T): T {
  const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const collectible = (balance: PatientBalance) => balance.items.filter((item) => item.verdict.collectible && item.openCents > 0);

export interface CarryScenario {
  balance: PatientBalance;
  /** The small collectible item the desk carries forward. */
  item: CheckInItem;
  /** The patient's other collectible items: paid through the API first, so only `item` is left. */
  others: CheckInItem[];
  copayCents: number;
}

/**
 * A patient checking in today with a copay to collect and a small balance that
 * may be carried forward once the other collectible items are paid: the item
 * is under the carry-forward limit and billed recently enough for the
 * terminal rule (policy 2.2). Patients whose balance is at or above the limit
 * come first, so the screen can be seen refusing before the other items are paid.
 */
export async function findCarryScenario(host: DemoHost): Promise<CarryScenario> {
  const { today } = await invoke(host, 'getAppInfo', {});
  const { patients, maxAgeDays, billedOn } = readOnly(host, (db) => {
    const policy = db.prepare('SELECT document FROM policy_versions ORDER BY version DESC LIMIT 1').get() as { document: string };
    const rows = db
      .prepare(
        `SELECT DISTINCT a.patient_id AS id FROM appointments a
          WHERE a.starts_at LIKE ? AND a.status IN ('booked', 'arrived')
            AND (SELECT c.copay_cents FROM coverages c WHERE c.patient_id = a.patient_id ORDER BY c.priority, c.id LIMIT 1) > 0
          ORDER BY a.patient_id`,
      )
      .all(`${today}T%`) as { id: number }[];
    const items = db.prepare('SELECT id, substr(created_at, 1, 10) AS billed_on FROM patient_items').all() as { id: number; billed_on: string }[];
    return {
      patients: rows.map((r) => r.id),
      maxAgeDays: (JSON.parse(policy.document) as { carryForward: { maxAgeDays: number } }).carryForward.maxAgeDays,
      billedOn: new Map(items.map((i) => [i.id, i.billed_on])),
    };
  });

  const scenarios: CarryScenario[] = [];
  for (const patientId of patients) {
    const balance = await invoke(host, 'getPatientBalance', { patientId });
    const copayCents = balance.todaysCopay?.dueCents ?? 0;
    if (copayCents <= 0) continue;
    const open = collectible(balance);
    for (const item of open) {
      const billed = billedOn.get(item.id);
      const recent = billed !== undefined && addDays(billed, maxAgeDays) > today;
      if (item.openCents < balance.carryForwardLimitCents && recent && item.carriedForward === null) {
        scenarios.push({ balance, item, others: open.filter((other) => other.id !== item.id), copayCents });
      }
    }
  }
  const best = scenarios.find((s) => s.others.length > 0) ?? scenarios[0];
  if (!best) {
    throw new Error(
      `No patient checking in on ${today} has a copay and a small balance that may be carried forward. Give this spec a larger demo practice (fixture option \`demo\`).`,
    );
  }
  return best;
}

/** Pays the scenario's other items through the API, as another desk would, and checks the item may now be carried forward. */
export async function leaveOnlyTheSmallItem(host: DemoHost, scenario: CarryScenario): Promise<PatientBalance> {
  let balance = scenario.balance;
  if (scenario.others.length > 0) {
    const amountCents = scenario.others.reduce((sum, item) => sum + item.openCents, 0);
    ({ balance } = await invoke(host, 'recordPayment', {
      patientId: balance.patient.id,
      amountCents,
      method: 'cash',
      itemIds: scenario.others.map((item) => item.id),
      idempotencyKey: newKey(),
    }));
  }
  const item = balance.items.find((i) => i.id === scenario.item.id);
  if (!item?.verdict.carryForwardUntil) throw new Error(`Item ${scenario.item.id} may not be carried forward: ${JSON.stringify(item?.verdict)}`);
  return balance;
}

/** The first patient (by id) whose balance fits, read through the API. */
export async function findPatient(host: DemoHost, fits: (balance: PatientBalance) => boolean, what: string): Promise<PatientBalance> {
  const ids = readOnly(host, (db) => (db.prepare('SELECT id FROM patients ORDER BY id').all() as { id: number }[]).map((r) => r.id));
  for (const patientId of ids) {
    const balance = await invoke(host, 'getPatientBalance', { patientId });
    if (fits(balance)) return balance;
  }
  throw new Error(`The demo practice has no ${what}.`);
}

export const isCollectibleOverLimit = (balance: PatientBalance) => balance.totalDueCents >= balance.carryForwardLimitCents && collectible(balance).length > 0;

/** Whether an item may be carried forward now (and was not today). */
export const mayCarryForward = (item: CheckInItem) => item.verdict.carryForwardUntil !== null && item.carriedForward === null;
