/**
 * Issue 5 figures (no targets set; the manager's screens should answer in about a second):
 * on a demo practice, the pending queue, the policy editor's preview, each report, audit trail
 * searches over a log of a few thousand desk actions, and one password check at sign-in.
 */
import { join } from 'node:path';
import type { PolicyPreview } from '../shared/api/policy-editor';
import { REPORT_NAMES } from '../shared/api/reports';
import { DEFAULT_POLICY } from '../shared/policy/document';
import { call } from '../core/api/dispatch';
import type { CoreContext } from '../core/api/handlers';
import { hashPassword, verifyPassword } from '../core/auth/passwords';
import { fixedClock } from '../core/clock';
import { openDatabase } from '../core/db/connection';
import { seedDemoPractice } from '../core/demo/seed';
import { BENCH_TODAY } from './search';
import { ms, table, time } from './stats';

const once = <T>(work: () => T): number => time([0], () => work()).max;

export function runManagerBench(dir: string, patients = Number(process.env.BENCH_MANAGER_PATIENTS ?? 20_000), payments = 5_000): void {
  const db = openDatabase(join(dir, 'manager.sqlite'), { create: true });
  seedDemoPractice(db, { patients, seed: 3, today: BENCH_TODAY });
  const ctx: CoreContext = { db, clock: fixedClock(`${BENCH_TODAY}T12:00:00`), host: 'browser', actor: 'bench', sessions: 'operator' };

  // A busy audit log: desk payments by a few users.
  const ids = (db.prepare('SELECT id, mrn FROM patients ORDER BY id LIMIT ?').all(payments) as { id: number; mrn: string }[]);
  ids.forEach((p, i) => call({ ...ctx, actor: `desk${i % 4}` }, 'recordPayment', { patientId: p.id, amountCents: 100, method: 'cash', idempotencyKey: `bench-pay-${i}` }));
  const audited = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

  const rows: string[][] = [['what', 'time']];
  let queueLength = 0;
  rows.push(['pending queue (all kinds)', ms(once(() => (queueLength = call(ctx, 'getPendingQueue', {}).entries.length)))]);
  const raised = { ...DEFAULT_POLICY, statementThresholdCents: 5_000, carryForward: { ...DEFAULT_POLICY.carryForward, maxCarriedTotalCents: 5_000 } };
  let changed = 0;
  rows.push(['policy preview: carry-forward limit $20 → $50', ms(once(() => (changed = previewChanges(call(ctx, 'previewPolicy', { document: raised })))))]);
  for (const name of REPORT_NAMES) rows.push([`report: ${name}`, ms(once(() => call(ctx, 'getReport', { name })))]);
  const mrns = ids.slice(0, 50).map((p) => p.mrn);
  const byPatient = time(mrns, (mrn) => call(ctx, 'searchAudit', { patient: mrn }));
  rows.push(['audit search by MRN (p95 of 50)', ms(byPatient.p95)]);
  rows.push(['audit search by user, first page', ms(once(() => call(ctx, 'searchAudit', { actor: 'desk2' })))]);
  rows.push(['audit search by action, first page', ms(once(() => call(ctx, 'searchAudit', { action: 'payment.recorded' })))]);
  rows.push(['audit chain verification', ms(once(() => call(ctx, 'verifyAudit', {})))]);
  const stored = hashPassword('bench-password');
  rows.push(['password check at sign-in (scrypt N=32768)', ms(once(() => verifyPassword('bench-password', stored)))]);

  console.log(`\nManager workspace (${patients.toLocaleString('en-US')} patients; ${queueLength.toLocaleString('en-US')} entries waiting; ${audited.toLocaleString('en-US')} audit records; the preview changes ${changed.toLocaleString('en-US')} verdicts)`);
  console.log(table(rows));
  db.close();
}

function previewChanges(preview: PolicyPreview): number {
  if ('valid' in preview && preview.valid === false) throw new Error('The benchmark policy is not valid.');
  return 'itemsChanged' in preview ? preview.itemsChanged : 0;
}
