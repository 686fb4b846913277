import type { ApiParsedInput } from '../../shared/contract';
import type { CoreContext } from '../api/handlers';
import { runOnce } from './idempotent';
import { enqueueOutbox, recordAudit } from './journal';
import { describe, itemWithVerdict, loadPatientState, refuse, ruleText } from './patient-state';

/**
 * Records a statement, letter, call or portal message about open items: the
 * evidence of reasonable collection effort. Never for money the practice may not bill.
 */
export function recordCollectionAttempt(ctx: CoreContext, input: ApiParsedInput<'recordCollectionAttempt'>): { attemptId: number; policyVersion: number } {
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'collection_attempt', input.patientId, at, () => {
    const state = loadPatientState(ctx, input.patientId);
    const items = input.itemIds.map((id) => itemWithVerdict(state, id));
    for (const { item, verdict } of items) {
      if (!verdict.collectible || item.openCents <= 0) refuse(`${describe(item)} may not be billed to the patient: ${item.openCents <= 0 ? 'nothing is owed on it.' : ruleText(verdict)}`);
    }
    const amountCents = items.reduce((sum, { item }) => sum + item.openCents, 0);
    const attemptId = Number(
      ctx.db
        .prepare('INSERT INTO collection_attempts (patient_id, kind, attempted_on, amount_cents, actor, note, policy_version) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.patientId, input.kind, state.today, amountCents, ctx.actor, input.note ?? null, state.policy.version).lastInsertRowid,
    );
    const link = ctx.db.prepare('INSERT INTO collection_attempt_items (attempt_id, item_id) VALUES (?, ?)');
    for (const { item } of items) link.run(attemptId, item.id);
    const detail = { kind: input.kind, itemIds: input.itemIds, amountCents, note: input.note ?? null };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'collection.attempted', patientId: input.patientId, entity: 'collection_attempt', entityId: attemptId, policyVersion: state.policy.version, detail });
    enqueueOutbox(ctx.db, { at, kind: 'collection.attempted', idempotencyKey: `${input.idempotencyKey}:attempt`, payload: { ...detail, mrn: state.mrn, attemptId, attemptedOn: state.today } });
    return { attemptId, policyVersion: state.policy.version };
  });
}
