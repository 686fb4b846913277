import type { ApiParsedInput, PaymentOutcome } from '../../shared/contract';
import { formatCents } from '../../shared/money';
import { CLAUSES } from '../../shared/policy/clauses';
import type { CoreContext } from '../api/handlers';
import { todaysVisit } from '../balances/patient-balance';
import { activeCoverageRows } from '../balances/queries';
import { runOnce } from './idempotent';
import { enqueueOutbox, recordAudit } from './journal';
import type { PatientState } from './patient-state';
import { describe, itemWithVerdict, loadPatientState, refuse, ruleText } from './patient-state';

interface Target {
  itemId: number;
  openCents: number;
}

/** Today's copay becomes an item of its own (charged now) so the payment has something to apply to. */
function chargeTodaysCopay(ctx: CoreContext, state: PatientState): Target | null {
  const primary = activeCoverageRows(ctx.db, state.patientId, state.today)[0];
  const copay = todaysVisit(ctx.db, state.patientId, state.today, state.items, primary).todaysCopay;
  if (!copay || copay.dueCents <= 0) return null;
  const itemId = Number(
    ctx.db
      .prepare(
        `INSERT INTO patient_items (patient_id, service_date, service_code, category, amount_cents, created_at, coverage_id, appointment_id)
         VALUES (?, ?, 'COPAY', 'copay', ?, ?, ?, ?)`,
      )
      .run(state.patientId, state.today, copay.dueCents, state.at, primary?.id ?? null, copay.appointmentId).lastInsertRowid,
  );
  ctx.db
    .prepare("INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, posted_at, actor, policy_version, note) VALUES (?, ?, 'charge', ?, ?, ?, ?, ?)")
    .run(state.patientId, itemId, copay.dueCents, state.at, ctx.actor, state.policy.version, "Today's copay");
  return { itemId, openCents: copay.dueCents };
}

/** Where the money goes: the chosen items, or today's copay then the oldest collectible balances. */
function targets(ctx: CoreContext, state: PatientState, itemIds: number[] | undefined): Target[] {
  if (itemIds) {
    if (new Set(itemIds).size !== itemIds.length) refuse('The same item is listed twice.');
    return itemIds.map((id) => {
      const { item, verdict } = itemWithVerdict(state, id);
      if (!verdict.collectible || item.openCents <= 0) {
        refuse(`A payment cannot be applied to ${describe(item)}: ${item.openCents <= 0 ? 'nothing is owed on it.' : ruleText(verdict)}`);
      }
      return { itemId: id, openCents: item.openCents };
    });
  }
  const copay = chargeTodaysCopay(ctx, state);
  const open = state.items
    .filter((item, i) => state.verdicts[i]!.collectible && item.openCents > 0)
    .sort((a, b) => a.billedOn.localeCompare(b.billedOn) || a.id - b.id)
    .map((item) => ({ itemId: item.id, openCents: item.openCents }));
  return copay ? [copay, ...open] : open;
}

/**
 * Records a payment as handed over and applies it: partial payments allowed,
 * oldest first unless items are chosen; money beyond what is owed is kept as
 * a prepayment only where the policy allows. Never applied to an item the
 * practice may not collect.
 */
export function recordPayment(ctx: CoreContext, input: ApiParsedInput<'recordPayment'>): PaymentOutcome {
  const at = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'payment', input.patientId, at, () => {
    const state = loadPatientState(ctx, input.patientId);
    const allocations: PaymentOutcome['allocations'] = [];
    let remaining = input.amountCents;
    for (const target of targets(ctx, state, input.itemIds)) {
      if (remaining === 0) break;
      const amountCents = Math.min(remaining, target.openCents);
      allocations.push({ itemId: target.itemId, amountCents });
      remaining -= amountCents;
    }
    if (remaining > 0 && !state.policy.document.allowPrepayment) {
      const owed = input.amountCents - remaining;
      refuse(`This is ${formatCents(remaining)} more than the patient owes (${formatCents(owed)}), and our policy does not keep prepayments (${CLAUSES.prepayment.section} ${CLAUSES.prepayment.title}).`);
    }
    const reference = input.reference || null;
    const paymentId = Number(
      ctx.db
        .prepare('INSERT INTO payments (patient_id, received_at, amount_cents, method, reference, actor, policy_version) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(state.patientId, at, input.amountCents, input.method, reference, ctx.actor, state.policy.version).lastInsertRowid,
    );
    const entry = ctx.db.prepare(
      `INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, reference, posted_at, actor, payment_id, policy_version, note)
       VALUES (?, ?, 'payment', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of allocations) entry.run(state.patientId, a.itemId, -a.amountCents, input.method, reference, at, ctx.actor, paymentId, state.policy.version, null);
    if (remaining > 0) entry.run(state.patientId, null, -remaining, input.method, reference, at, ctx.actor, paymentId, state.policy.version, 'Prepayment on account');

    const outcome: PaymentOutcome = { paymentId, amountCents: input.amountCents, method: input.method, allocations, prepaymentCents: remaining, policyVersion: state.policy.version };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'payment.recorded', patientId: state.patientId, entity: 'payment', entityId: paymentId, policyVersion: state.policy.version, detail: { ...outcome, reference } });
    enqueueOutbox(ctx.db, { at, kind: 'payment.recorded', idempotencyKey: `${input.idempotencyKey}:payment`, payload: { ...outcome, mrn: state.mrn, receivedAt: at, reference } });
    return outcome;
  });
}
