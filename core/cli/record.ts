/**
 * `front-desk record`: the desk's actions from the command line, through the
 * same core calls (and the same refusals) as the check-in screen.
 */
import { randomUUID } from 'node:crypto';
import type { ActionOutcome, ApiMethod, PatientBalance } from '../../shared/contract';
import type { PaymentMethod } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { formatCents, parseDollarsToCents } from '../../shared/money';
import { call } from '../api/dispatch';
import type { CoreContext } from '../api/handlers';
import { getPatientById, getPatientByMrn } from '../patients/queries';
import type { CliIo } from './commands';
import { withCore } from './commands';
import { CliError, EXIT } from './exit-codes';
import { balanceJson } from './format';

export interface RecordTarget {
  db: string;
  mrn?: string;
  id?: number;
  json: boolean;
  /** Idempotency key: the same key twice records once. */
  key?: string;
}

type RecordAction =
  | { kind: 'pay'; amount: string; method: PaymentMethod; ref?: string }
  | { kind: 'carry-forward'; item: number }
  | { kind: 'request-write-off'; item: number; reason: string; doc?: string };

function patientId(ctx: CoreContext, target: RecordTarget): number {
  if ((target.mrn === undefined) === (target.id === undefined)) throw new CliError(EXIT.usage, 'Give exactly one of --mrn MRN or --id ID.');
  const row = target.mrn !== undefined ? getPatientByMrn(ctx.db, target.mrn) : getPatientById(ctx.db, target.id!);
  if (!row) throw new ApiError('not_found', target.mrn !== undefined ? `No patient with MRN ${target.mrn}.` : `No patient with id ${target.id}.`);
  return row.id;
}

function ensureItemOf(ctx: CoreContext, item: number, patient: number): void {
  const row = ctx.db.prepare('SELECT patient_id FROM patient_items WHERE id = ?').get(item) as { patient_id: number } | undefined;
  if (!row) throw new ApiError('not_found', `No item with id ${item}.`);
  if (row.patient_id !== patient) throw new ApiError('refused', `Item ${item} belongs to another patient.`);
}

function perform(ctx: CoreContext, target: RecordTarget, action: RecordAction): { method: ApiMethod; outcome: ActionOutcome<unknown>; summary: string } {
  const patient = patientId(ctx, target);
  const idempotencyKey = target.key ?? `cli-${randomUUID()}`;
  switch (action.kind) {
    case 'pay': {
      const amountCents = parseDollarsToCents(action.amount);
      if (amountCents === null) throw new CliError(EXIT.usage, `"${action.amount}" is not an amount in dollars and cents (e.g. 25 or 25.00).`);
      const outcome = call(ctx, 'recordPayment', { patientId: patient, amountCents, method: action.method, reference: action.ref, idempotencyKey });
      const applied = outcome.result.allocations.map((a) => `${formatCents(a.amountCents)} to item ${a.itemId}`);
      if (outcome.result.prepaymentCents) applied.push(`${formatCents(outcome.result.prepaymentCents)} kept as a prepayment`);
      return { method: 'recordPayment', outcome, summary: `Recorded ${formatCents(amountCents)} ${action.method}: ${applied.join(', ')}.` };
    }
    case 'carry-forward': {
      ensureItemOf(ctx, action.item, patient);
      const outcome = call(ctx, 'carryForward', { itemId: action.item, idempotencyKey });
      return { method: 'carryForward', outcome, summary: `Carried item ${action.item} forward; it goes on a statement by ${outcome.result.until} if still open.` };
    }
    case 'request-write-off': {
      ensureItemOf(ctx, action.item, patient);
      const outcome = call(ctx, 'requestWriteOff', { itemId: action.item, reason: action.reason, documentationRef: action.doc, idempotencyKey });
      return { method: 'requestWriteOff', outcome, summary: `Requested a write-off of ${formatCents(outcome.result.amountCents)} on item ${action.item}; it waits for a manager (request ${outcome.result.requestId}).` };
    }
  }
}

export function recordCommand(io: CliIo, target: RecordTarget, action: RecordAction): void {
  const { outcome, summary } = withCore(target.db, io, (ctx) => perform(ctx, target, action));
  const balance = outcome.balance as PatientBalance;
  if (target.json) io.out(JSON.stringify({ result: outcome.result, balance: balanceJson(balance) }, null, 2));
  else io.out(`${summary}\nTotal owed now ${formatCents(balance.totalDueCents)}; due today ${formatCents(balance.dueTodayCents)}.`);
}
