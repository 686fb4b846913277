import type { ApiParsedInput } from '../../shared/contract';
import type { CoreContext } from '../api/handlers';
import { runOnce } from './idempotent';
import { enqueueOutbox, recordAudit } from './journal';
import { describe, itemWithVerdict, loadPatientState, patientOfItem, refuse } from './patient-state';

/**
 * Gives back money the patient does not owe (OA-209 collected, QMB or
 * Medicaid cost-sharing paid). If the item still shows it as owed, the
 * not-billable write-off is posted first, so the item ends at zero.
 */
export function recordRefund(ctx: CoreContext, input: ApiParsedInput<'recordRefund'>): { entryId: number; amountCents: number; policyVersion: number } {
  const patientId = patientOfItem(ctx, input.itemId);
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'refund', patientId, at, () => {
    const state = loadPatientState(ctx, patientId);
    const { item, verdict } = itemWithVerdict(state, input.itemId);
    const amountCents = verdict.refundCents;
    if (amountCents <= 0) refuse(`Nothing is due back to the patient on ${describe(item)}.`);
    const version = state.policy.version;
    const insert = ctx.db.prepare(
      `INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, reference, posted_at, actor, rule, policy_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const notBillable = item.openCents + amountCents;
    if (notBillable > 0) insert.run(patientId, item.id, 'write_off', -notBillable, null, null, at, ctx.actor, 'not_billable', version);
    const entryId = Number(insert.run(patientId, item.id, 'refund', amountCents, input.method, input.reference || null, at, ctx.actor, null, version).lastInsertRowid);
    const outcome = { entryId, amountCents, policyVersion: version };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'refund.recorded', patientId, entity: 'patient_item', entityId: item.id, policyVersion: version, detail: { ...outcome, method: input.method } });
    enqueueOutbox(ctx.db, { at, kind: 'refund.recorded', idempotencyKey: `${input.idempotencyKey}:refund`, payload: { ...outcome, mrn: state.mrn, itemId: item.id, method: input.method, reference: input.reference ?? null } });
    return outcome;
  });
}
