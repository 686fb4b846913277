/**
 * A manager decides a balance whose collection effort is complete (policy 6.1): approve writes it
 * off as bad debt, the decision being the approval that rule needs; deny keeps collecting. A denial
 * holds, and the item stays out of the pending queue, while its collection facts stay the same: the
 * same open amount and no statement, letter, call or message recorded since. When they change, the
 * item is a candidate again.
 */
import type { ApiParsedInput } from '../../shared/contract';
import type { BadDebtDecisionOutcome } from '../../shared/api/decisions';
import { formatCents } from '../../shared/money';
import { CLAUSES } from '../../shared/policy/clauses';
import type { CoreContext } from '../api/context';
import type { Db } from '../db/connection';
import { runOnce } from '../ledger/idempotent';
import { recordAudit } from '../ledger/journal';
import { describe, itemWithVerdict, loadPatientState, patientOfItem, refuse } from '../ledger/patient-state';
import { postWriteOff } from '../ledger/write-offs';
import { deciderName, fragment, onDate } from './decider';
import { enqueueDecision } from './outbox';

interface DecisionRow {
  id: number;
  decision: 'approved' | 'denied';
  reason: string;
  open_cents: number;
  collection_attempts: number;
  decided_by_name: string;
  decided_at: string;
}

function lastDecision(db: Db, itemId: number): DecisionRow | undefined {
  return db
    .prepare('SELECT id, decision, reason, open_cents, collection_attempts, decided_by_name, decided_at FROM bad_debt_decisions WHERE item_id = ? ORDER BY id DESC LIMIT 1')
    .get(itemId) as DecisionRow | undefined;
}

function collectionAttempts(db: Db, itemId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM collection_attempt_items WHERE item_id = ?').get(itemId) as { n: number }).n;
}

/** Whether a manager decided to keep collecting this item and nothing about its collection changed since. */
export function badDebtDenialHolds(db: Db, itemId: number, openCents: number): boolean {
  const last = lastDecision(db, itemId);
  return last?.decision === 'denied' && last.open_cents === openCents && last.collection_attempts === collectionAttempts(db, itemId);
}

const EFFORT = CLAUSES.collectionEffort;

export function decideBadDebt(ctx: CoreContext, input: ApiParsedInput<'decideBadDebt'>): BadDebtDecisionOutcome {
  const patientId = patientOfItem(ctx, input.itemId);
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'bad_debt_decision', patientId, at, () => {
    const state = loadPatientState(ctx, patientId);
    const { item, verdict } = itemWithVerdict(state, input.itemId);
    const last = lastDecision(ctx.db, item.id);
    if (item.openCents <= 0) {
      refuse(
        last?.decision === 'approved'
          ? `${describe(item)} was already written off as bad debt by ${last.decided_by_name} on ${onDate(last.decided_at)}: ${fragment(last.reason)}.`
          : `Nothing is owed on ${describe(item)}, so there is nothing to decide.`,
      );
    }
    const attempts = collectionAttempts(ctx.db, item.id);
    if (last?.decision === 'denied' && last.open_cents === item.openCents && last.collection_attempts === attempts) {
      refuse(
        `${last.decided_by_name} already decided on ${onDate(last.decided_at)} to keep collecting ${describe(item)}: ${fragment(last.reason)}. ` +
          'It comes back to the queue when a statement, letter or call is recorded or the amount changes.',
      );
    }
    if (item.pendingRequest) refuse(`A write-off request for ${describe(item)} is waiting for a manager: decide that request instead.`);
    const option = verdict.writeOffs.find((w) => w.rule === 'bad_debt');
    if (!option) {
      const effort = verdict.reasons.find((r) => r.clause.startsWith(`${EFFORT.section} `));
      refuse(`Collection effort on ${describe(item)} is not complete (policy ${EFFORT.section} ${EFFORT.title}). ${effort ? effort.text : 'No statement has been sent yet.'}`);
    }

    const outcome = input.decision === 'approve' ? 'approved' : 'denied';
    const decidedBy = deciderName(ctx);
    const policyVersion = state.policy.version;
    const decisionId = Number(
      ctx.db
        .prepare(
          `INSERT INTO bad_debt_decisions (item_id, patient_id, decision, reason, open_cents, collection_attempts, decided_by, decided_by_name, decided_at, policy_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(item.id, patientId, outcome, input.reason, item.openCents, attempts, ctx.actor, decidedBy, at, policyVersion).lastInsertRowid,
    );
    let entryId: number | null = null;
    let writtenOffCents = 0;
    if (outcome === 'approved') {
      const written = postWriteOff(
        ctx,
        state,
        { itemId: item.id, rule: 'bad_debt', amountCents: option.maxCents, note: `Bad debt, approved by ${decidedBy}: ${input.reason}`, outboxKey: `${input.idempotencyKey}:write_off` },
        { decision: 'bad_debt_decision', decisionId },
      );
      ({ entryId } = written);
      writtenOffCents = written.amountCents;
      ctx.db.prepare('UPDATE bad_debt_decisions SET write_off_entry_id = ? WHERE id = ?').run(entryId, decisionId);
    }

    const detail = { decisionId, itemId: item.id, decision: outcome, reason: input.reason, openCents: item.openCents, collectionAttempts: attempts, writtenOffCents, entryId, decidedBy };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: `bad_debt.${outcome}`, patientId, entity: 'bad_debt_decision', entityId: decisionId, policyVersion, detail });
    enqueueDecision(ctx.db, {
      at,
      idempotencyKey: input.idempotencyKey,
      outcome,
      decisionOf: 'bad_debt',
      recordId: decisionId,
      itemId: item.id,
      mrn: state.mrn,
      rule: 'bad_debt',
      amountCents: outcome === 'approved' ? writtenOffCents : item.openCents,
      entryId,
      reason: input.reason,
      decidedBy,
      policyVersion,
    });
    const summary =
      outcome === 'approved'
        ? `Approved: ${formatCents(writtenOffCents)} of ${describe(item)} written off as bad debt.`
        : `Denied: ${describe(item)} stays to be collected; it comes back when its collection facts change.`;
    return { decisionId, outcome, patientId, itemId: item.id, rule: 'bad_debt', writtenOffCents, entryId, policyVersion, decidedAt: at, summary };
  });
}
