import type { ApiParsedInput } from '../../shared/contract';
import { formatCents } from '../../shared/money';
import type { CoreContext } from '../api/handlers';
import { runOnce } from './idempotent';
import { enqueueOutbox, recordAudit } from './journal';
import { describe, itemWithVerdict, loadPatientState, patientOfItem, refuse } from './patient-state';

export interface RequestOutcome {
  requestId: number;
  amountCents: number;
  policyVersion: number;
}

/** Asks a manager to approve writing off an item: pending, with the reason and any documentation. */
export function requestWriteOff(ctx: CoreContext, input: ApiParsedInput<'requestWriteOff'>): RequestOutcome {
  const patientId = patientOfItem(ctx, input.itemId);
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'write_off_request', patientId, at, () => {
    const state = loadPatientState(ctx, patientId);
    const { item } = itemWithVerdict(state, input.itemId);
    if (item.openCents <= 0) refuse(`Nothing is owed on ${describe(item)}, so there is nothing to write off.`);
    if (item.pendingRequest) refuse(`A request for ${describe(item)} is already waiting for a manager.`);
    const amountCents = input.amountCents ?? item.openCents;
    if (amountCents > item.openCents) refuse(`Only ${formatCents(item.openCents)} is open on ${describe(item)}.`);
    const requestId = Number(
      ctx.db
        .prepare(
          `INSERT INTO exception_requests (item_id, patient_id, kind, amount_cents, reason, documentation_ref, requested_by, requested_at, policy_version)
           VALUES (?, ?, 'write_off', ?, ?, ?, ?, ?, ?)`,
        )
        .run(item.id, patientId, amountCents, input.reason, input.documentationRef ?? null, ctx.actor, at, state.policy.version).lastInsertRowid,
    );
    const outcome = { requestId, amountCents, policyVersion: state.policy.version };
    const detail = { ...outcome, reason: input.reason, documentationRef: input.documentationRef ?? null };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'write_off.requested', patientId, entity: 'exception_request', entityId: requestId, policyVersion: state.policy.version, detail });
    enqueueOutbox(ctx.db, { at, kind: 'exception.requested', idempotencyKey: `${input.idempotencyKey}:request`, payload: { ...detail, mrn: state.mrn, itemId: item.id, requestedAt: at } });
    return outcome;
  });
}
