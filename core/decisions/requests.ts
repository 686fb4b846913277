/**
 * A manager decides a desk's write-off request. Approve: the item is written off under
 * `approved_exception` for the amount requested (at most what is still open), in the same
 * transaction as the decision. Deny: the item stays to be collected. Either way the decision
 * (who, when, why, policy version), an audit record and an outbox message are written together.
 */
import type { ApiParsedInput } from '../../shared/contract';
import type { RequestDecisionOutcome } from '../../shared/api/decisions';
import { ApiError } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import type { CoreContext } from '../api/context';
import { runOnce } from '../ledger/idempotent';
import { recordAudit } from '../ledger/journal';
import { describe, itemWithVerdict, loadPatientState, refuse } from '../ledger/patient-state';
import { refuseOwnRequest } from './separation';
import { postWriteOff } from '../ledger/write-offs';
import { currentPolicy } from '../policy/queries';
import { deciderName, fragment, onDate } from './decider';
import { enqueueDecision } from './outbox';

interface RequestRow {
  id: number;
  item_id: number;
  patient_id: number;
  amount_cents: number;
  status: 'pending' | 'approved' | 'denied';
  requested_by: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_reason: string | null;
}

function loadRequest(ctx: CoreContext, requestId: number): RequestRow {
  const row = ctx.db
    .prepare('SELECT id, item_id, patient_id, amount_cents, status, requested_by, decided_by, decided_by_name, decided_at, decision_reason FROM exception_requests WHERE id = ?')
    .get(requestId) as RequestRow | undefined;
  if (!row) throw new ApiError('not_found', `No write-off request with id ${requestId}.`);
  return row;
}

function alreadyDecided(row: RequestRow): string {
  const who = row.decided_by_name ?? row.decided_by ?? 'a manager';
  const when = row.decided_at ? ` on ${onDate(row.decided_at)}` : '';
  const why = row.decision_reason ? `: ${fragment(row.decision_reason)}` : '';
  return `This write-off request was already ${row.status} by ${who}${when}${why}. A decision stands; the desk may send a new request if something changed.`;
}

export function decideRequest(ctx: CoreContext, input: ApiParsedInput<'decideRequest'>): RequestDecisionOutcome {
  const { patient_id: patientId } = loadRequest(ctx, input.requestId);
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'exception_decision', patientId, at, () => {
    // Read again inside the transaction: another manager may have decided it a moment ago.
    const request = loadRequest(ctx, input.requestId);
    if (request.status !== 'pending') refuse(alreadyDecided(request));
    refuseOwnRequest(ctx, request.requested_by, 'this write-off request');
    const outcome = input.decision === 'approve' ? 'approved' : 'denied';
    const decidedBy = deciderName(ctx);
    ctx.db
      .prepare(
        `UPDATE exception_requests SET status = ?, decided_by = ?, decided_by_name = ?, decided_at = ?, decision_reason = ?, decision_policy_version = ?
          WHERE id = ? AND status = 'pending'`,
      )
      .run(outcome, ctx.actor, decidedBy, at, input.reason, currentPolicy(ctx.db).version, request.id);

    // Loaded after the decision, so the verdict offers the approved exception to this write only.
    const state = loadPatientState(ctx, patientId);
    const { item } = itemWithVerdict(state, request.item_id);
    let entryId: number | null = null;
    let writtenOffCents = 0;
    if (outcome === 'approved') {
      if (item.openCents <= 0) refuse(`Nothing is owed on ${describe(item)} any more, so there is nothing to write off: deny the request to close it.`);
      const written = postWriteOff(
        ctx,
        state,
        { itemId: item.id, rule: 'approved_exception', amountCents: Math.min(request.amount_cents, item.openCents), note: `Approved by ${decidedBy}: ${input.reason}`, outboxKey: `${input.idempotencyKey}:write_off` },
        { decision: 'exception_request', decisionId: request.id },
      );
      ({ entryId } = written);
      writtenOffCents = written.amountCents;
      ctx.db.prepare('UPDATE exception_requests SET write_off_entry_id = ? WHERE id = ?').run(entryId, request.id);
    }

    const policyVersion = state.policy.version;
    const detail = { requestId: request.id, itemId: item.id, decision: outcome, reason: input.reason, requestedCents: request.amount_cents, writtenOffCents, entryId, decidedBy };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: `write_off.${outcome}`, patientId, entity: 'exception_request', entityId: request.id, policyVersion, detail });
    enqueueDecision(ctx.db, {
      at,
      idempotencyKey: input.idempotencyKey,
      outcome,
      decisionOf: 'write_off_request',
      recordId: request.id,
      itemId: item.id,
      mrn: state.mrn,
      rule: 'approved_exception',
      amountCents: outcome === 'approved' ? writtenOffCents : request.amount_cents,
      entryId,
      reason: input.reason,
      decidedBy,
      policyVersion,
    });
    const summary =
      outcome === 'approved'
        ? `Approved: ${formatCents(writtenOffCents)} of ${describe(item)} written off as an exception.`
        : `Denied: the desk collects ${describe(item)} as usual.`;
    return { requestId: request.id, outcome, patientId, itemId: item.id, rule: 'approved_exception', writtenOffCents, entryId, policyVersion, decidedAt: at, summary };
  });
}
