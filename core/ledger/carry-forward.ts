import type { ApiParsedInput } from '../../shared/contract';
import { formatCents } from '../../shared/money';
import type { CoreContext } from '../api/handlers';
import { runOnce } from './idempotent';
import { enqueueOutbox, recordAudit } from './journal';
import { describe, itemWithVerdict, loadPatientState, patientOfItem, refuse, ruleText } from './patient-state';

export interface CarryForwardOutcome {
  carryForwardId: number;
  until: string;
  policyVersion: number;
}

/**
 * Carries a small collectible balance to the next visit instead of a
 * statement, with the date it will be statemented at the latest. Refused past
 * the threshold or the terminal rule: carrying forward is billing later, never forgiving.
 */
export function carryForward(ctx: CoreContext, input: ApiParsedInput<'carryForward'>): CarryForwardOutcome {
  const patientId = patientOfItem(ctx, input.itemId);
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'carry_forward', patientId, at, () => {
    const state = loadPatientState(ctx, patientId);
    const { item, verdict } = itemWithVerdict(state, input.itemId);
    if (!verdict.collectible) refuse(`${describe(item)} cannot be carried forward: ${ruleText(verdict)}`);
    if (!verdict.carryForwardUntil) {
      const terminal = verdict.reasons.find((r) => r.clause.startsWith('2.2'));
      const policy = state.policy.document;
      const limit = Math.min(policy.statementThresholdCents, policy.carryForward.maxCarriedTotalCents);
      const total = state.items.reduce((s, i, k) => s + (state.verdicts[k]!.collectible ? i.openCents : 0), 0);
      refuse(
        terminal
          ? `${describe(item)} cannot be carried forward again: ${terminal.clause}: ${terminal.text}`
          : total >= limit
            ? `${describe(item)} cannot be carried forward: the patient's collectible balance is ${formatCents(total)}, at or above the ${formatCents(limit)} limit (2.1 Small balances are carried forward, not statemented).`
            : `${describe(item)} cannot be carried forward: the patient's oldest balance was billed more than ${policy.carryForward.maxAgeDays} days ago, so it goes on a statement now (2.2 Carried balances are statemented in the end).`,
      );
    }
    if (item.carriedSince === state.today) refuse(`${describe(item)} was already carried forward today.`);
    const until = verdict.carryForwardUntil;
    const carryForwardId = Number(
      ctx.db
        .prepare('INSERT INTO carry_forwards (item_id, patient_id, carried_on, statement_by, actor, policy_version) VALUES (?, ?, ?, ?, ?, ?)')
        .run(item.id, patientId, state.today, until, ctx.actor, state.policy.version).lastInsertRowid,
    );
    const outcome = { carryForwardId, until, policyVersion: state.policy.version };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'item.carried_forward', patientId, entity: 'patient_item', entityId: item.id, policyVersion: state.policy.version, detail: { openCents: item.openCents, until } });
    enqueueOutbox(ctx.db, { at, kind: 'item.carried_forward', idempotencyKey: `${input.idempotencyKey}:carry_forward`, payload: { mrn: state.mrn, itemId: item.id, openCents: item.openCents, carriedOn: state.today, statementBy: until, policyVersion: state.policy.version } });
    return outcome;
  });
}
