import type { ApiParsedInput, WriteOffOutcome } from '../../shared/contract';
import { formatCents } from '../../shared/money';
import type { WriteOffRule } from '../../shared/policy/verdict';
import { WRITE_OFF_RULE_LABELS } from '../../shared/policy/verdict';
import type { CoreContext } from '../api/handlers';
import { runOnce } from './idempotent';
import { enqueueOutbox, recordAudit } from './journal';
import type { PatientState } from './patient-state';
import { describe, itemWithVerdict, loadPatientState, patientOfItem, refuse, ruleText } from './patient-state';

/**
 * Writes off (part of) an item under a named rule of the policy. The core
 * refuses any rule the verdict does not list, any amount above the rule's
 * limit, and rules that need a manager (those go through a request).
 */
export function writeOff(ctx: CoreContext, input: ApiParsedInput<'writeOff'>): WriteOffOutcome {
  const patientId = patientOfItem(ctx, input.itemId);
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'write_off', patientId, at, () =>
    postWriteOff(ctx, loadPatientState(ctx, patientId), { ...input, outboxKey: `${input.idempotencyKey}:write_off` }),
  );
}

/** A manager's recorded decision, which is the approval a rule that needs one asks for (core/decisions). */
export interface ManagerApproval {
  decision: 'exception_request' | 'bad_debt_decision';
  decisionId: number;
}

export interface WriteOffRequest {
  itemId: number;
  rule: WriteOffRule;
  /** Defaults to the most the rule allows. */
  amountCents?: number;
  note?: string;
  outboxKey: string;
}

/**
 * The write-off itself, inside the caller's transaction, against the verdicts in `state`. Only a
 * manager's decision (core/decisions) passes `approval`; the desk's writeOff never does, so a rule
 * that needs approval stays closed to it.
 */
export function postWriteOff(ctx: CoreContext, state: PatientState, request: WriteOffRequest, approval?: ManagerApproval): WriteOffOutcome {
  const { item, verdict } = itemWithVerdict(state, request.itemId);
  const label = WRITE_OFF_RULE_LABELS[request.rule];
  const option = verdict.writeOffs.find((w) => w.rule === request.rule);
  if (!option) {
    refuse(`${describe(item)} may not be written off as "${label}". ${ruleText(verdict)} Request a write-off for a manager to decide instead.`);
  }
  if (option.needsApproval && !approval) refuse(`Writing off ${describe(item)} as "${label}" needs a manager's approval: request a write-off instead.`);
  const amountCents = request.amountCents ?? option.maxCents;
  if (amountCents > option.maxCents) refuse(`At most ${formatCents(option.maxCents)} of ${describe(item)} may be written off as "${label}".`);
  const entryId = Number(
    ctx.db
      .prepare(
        `INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, posted_at, actor, rule, policy_version, note)
         VALUES (?, ?, 'write_off', ?, ?, ?, ?, ?, ?)`,
      )
      .run(state.patientId, item.id, -amountCents, state.at, ctx.actor, request.rule, state.policy.version, request.note ?? null).lastInsertRowid,
  );
  const outcome: WriteOffOutcome = { entryId, rule: request.rule, amountCents, policyVersion: state.policy.version };
  const detail = { ...outcome, note: request.note ?? null, ...(approval ? { approvedBy: approval } : {}) };
  recordAudit(ctx.db, { at: state.at, actor: ctx.actor, action: 'item.written_off', patientId: state.patientId, entity: 'patient_item', entityId: item.id, policyVersion: state.policy.version, detail });
  enqueueOutbox(ctx.db, { at: state.at, kind: 'item.written_off', idempotencyKey: request.outboxKey, payload: { ...outcome, mrn: state.mrn, itemId: item.id, postedAt: state.at } });
  return outcome;
}
