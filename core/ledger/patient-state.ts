/**
 * The facts a write is checked against, read inside the write's transaction
 * so two desks acting on the same patient each see the other's committed work.
 */
import type { PublishedPolicy } from '../../shared/policy/document';
import { evaluateItems } from '../../shared/policy/engine';
import type { ItemVerdict } from '../../shared/policy/verdict';
import { ApiError } from '../../shared/errors';
import type { CoreContext } from '../api/handlers';
import type { LoadedItem } from '../balances/item-facts';
import { loadItems } from '../balances/item-facts';
import { localDate } from '../clock';
import { hardshipDiscountPercent } from '../hardship/queries';
import { getPatientById } from '../patients/queries';
import { currentPolicy } from '../policy/queries';

export interface PatientState {
  patientId: number;
  mrn: string;
  today: string;
  /** ISO timestamp of this write. */
  at: string;
  policy: PublishedPolicy;
  items: LoadedItem[];
  verdicts: ItemVerdict[];
}

export function loadPatientState(ctx: CoreContext, patientId: number): PatientState {
  const patient = getPatientById(ctx.db, patientId);
  if (!patient) throw new ApiError('not_found', `No patient with id ${patientId}.`);
  const now = ctx.clock.now();
  const today = localDate(now);
  const policy = currentPolicy(ctx.db);
  const items = loadItems(ctx.db, patientId);
  const verdicts = evaluateItems(items, { today, hardshipDiscountPercent: hardshipDiscountPercent(ctx.db, patientId, today) }, policy.document);
  return { patientId, mrn: patient.mrn, today, at: now.toISOString(), policy, items, verdicts };
}

export function patientOfItem(ctx: CoreContext, itemId: number): number {
  const row = ctx.db.prepare('SELECT patient_id FROM patient_items WHERE id = ?').get(itemId) as { patient_id: number } | undefined;
  if (!row) throw new ApiError('not_found', `No item with id ${itemId}.`);
  return row.patient_id;
}

export function itemWithVerdict(state: PatientState, itemId: number): { item: LoadedItem; verdict: ItemVerdict } {
  const index = state.items.findIndex((i) => i.id === itemId);
  if (index < 0) throw new ApiError('not_found', `Item ${itemId} is not one of this patient's items.`);
  return { item: state.items[index]!, verdict: state.verdicts[index]! };
}

/** A refusal naming the rule: the first reason of the verdict that explains it. */
export function refuse(message: string): never {
  throw new ApiError('refused', message);
}

export function describe(item: LoadedItem): string {
  return `${item.serviceCode} ${item.description} on ${item.serviceDate}`;
}

export function ruleText(verdict: ItemVerdict): string {
  const first = verdict.reasons[0];
  return first ? `${first.clause}: ${first.text}` : '';
}
