import type { ApiParsedInput, WriteOffOutcome } from '../../shared/contract';
import { formatCents } from '../../shared/money';
import { WRITE_OFF_RULE_LABELS } from '../../shared/policy/verdict';
import type { CoreContext } from '../api/handlers';
import { runOnce } from './idempotent';
import { enqueueOutbox, recordAudit } from './journal';
import { describe, itemWithVerdict, loadPatientState, patientOfItem, refuse, ruleText } from './patient-state';

/**
 * Writes off (part of) an item under a named rule of the policy. The core
 * refuses any rule the verdict does not list, any amount above the rule's
 * limit, and rules that need a manager (those go through a request).
 */
export function writeOff(ctx: CoreContext, input: ApiParsedInput<'writeOff'>): WriteOffOutcome {
  const patientId = patientOfItem(ctx, input.itemId);
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'write_off', patientId, at, () => {
    const state = loadPatientState(ctx, patientId);
    const { item, verdict } = itemWithVerdict(state, input.itemId);
    const label = WRITE_OFF_RULE_LABELS[input.rule];
    const option = verdict.writeOffs.find((w) => w.rule === input.rule);
    if (!option) {
      refuse(`${describe(item)} may not be written off as "${label}". ${ruleText(verdict)} Request a write-off for a manager to decide instead.`);
    }
    if (option.needsApproval) refuse(`Writing off ${describe(item)} as "${label}" needs a manager's approval: request a write-off instead.`);
    const amountCents = input.amountCents ?? option.maxCents;
    if (amountCents > option.maxCents) refuse(`At most ${formatCents(option.maxCents)} of ${describe(item)} may be written off as "${label}".`);
    const entryId = Number(
      ctx.db
        .prepare(
          `INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, posted_at, actor, rule, policy_version, note)
           VALUES (?, ?, 'write_off', ?, ?, ?, ?, ?, ?)`,
        )
        .run(patientId, item.id, -amountCents, at, ctx.actor, input.rule, state.policy.version, input.note ?? null).lastInsertRowid,
    );
    const outcome: WriteOffOutcome = { entryId, rule: input.rule, amountCents, policyVersion: state.policy.version };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'item.written_off', patientId, entity: 'patient_item', entityId: item.id, policyVersion: state.policy.version, detail: { ...outcome, note: input.note ?? null } });
    enqueueOutbox(ctx.db, { at, kind: 'item.written_off', idempotencyKey: `${input.idempotencyKey}:write_off`, payload: { ...outcome, mrn: state.mrn, itemId: item.id, postedAt: at } });
    return outcome;
  });
}
