import type { Receipt, ReceiptLine } from '../../shared/contract';
import type { PaymentMethod } from '../../shared/domain';
import type { CoreContext } from '../api/handlers';
import { getPatientBalance } from '../balances/patient-balance';
import { addDays } from '../../shared/dates';
import { localDate } from '../clock';
import { DEFAULT_PRACTICE_NAME, getSetting } from '../settings/queries';

interface PaymentRow {
  id: number;
  received_at: string;
  method: PaymentMethod;
  reference: string | null;
  amount_cents: number;
}

/**
 * What happened at the desk for a patient on one day: payments and where they
 * went, balances carried forward (with their statement dates) and write-off
 * requests, with the balance after. Printed or saved as PDF by the renderer.
 */
export function getReceipt(ctx: CoreContext, patientId: number, date?: string): Receipt {
  const balance = getPatientBalance(ctx.db, ctx.clock, patientId);
  const day = date ?? localDate(ctx.clock.now());
  const onDay = (iso: string) => localDate(new Date(iso)) === day;
  // received_at is UTC; a local day spans at most the UTC days around it.
  const payments = (
    ctx.db
      .prepare('SELECT id, received_at, method, reference, amount_cents FROM payments WHERE patient_id = ? AND received_at >= ? AND received_at < ? ORDER BY id')
      .all(patientId, addDays(day, -1), addDays(day, 2)) as PaymentRow[]
  ).filter((p) => onDay(p.received_at));
  const lines = ctx.db.prepare(
    `SELECT e.amount_cents, e.note, i.service_date, i.service_code, coalesce(sc.description, i.service_code) AS description
       FROM ledger_entries e LEFT JOIN patient_items i ON i.id = e.item_id LEFT JOIN service_codes sc ON sc.code = i.service_code
      WHERE e.payment_id = ? ORDER BY e.id`,
  );
  const carried = ctx.db
    .prepare(
      `SELECT cf.item_id, cf.statement_by, i.service_date, coalesce(sc.description, i.service_code) AS description,
              (SELECT sum(amount_cents) FROM ledger_entries e WHERE e.item_id = cf.item_id) AS open_cents
         FROM carry_forwards cf JOIN patient_items i ON i.id = cf.item_id LEFT JOIN service_codes sc ON sc.code = i.service_code
        WHERE cf.patient_id = ? AND cf.carried_on = ? ORDER BY cf.id`,
    )
    .all(patientId, day) as { item_id: number; statement_by: string; service_date: string; description: string; open_cents: number }[];
  const requests = (
    ctx.db
      .prepare(
        `SELECT r.item_id, r.amount_cents, r.reason, r.requested_at, coalesce(sc.description, i.service_code) AS description
           FROM exception_requests r JOIN patient_items i ON i.id = r.item_id LEFT JOIN service_codes sc ON sc.code = i.service_code
          WHERE r.patient_id = ? AND r.requested_at >= ? AND r.requested_at < ? ORDER BY r.id`,
      )
      .all(patientId, addDays(day, -1), addDays(day, 2)) as { item_id: number; amount_cents: number; reason: string; requested_at: string; description: string }[]
  ).filter((r) => onDay(r.requested_at));

  return {
    practiceName: getSetting(ctx.db, 'practice_name') ?? DEFAULT_PRACTICE_NAME,
    patient: balance.patient,
    date: day,
    payments: payments.map((p) => ({
      id: p.id,
      receivedAt: p.received_at,
      method: p.method,
      reference: p.reference,
      amountCents: p.amount_cents,
      lines: (lines.all(p.id) as { amount_cents: number; note: string | null; service_date: string | null; service_code: string | null; description: string | null }[]).map(
        (l): ReceiptLine => ({
          label: l.description ?? l.note ?? 'Prepayment on account',
          detail: l.service_date ? `${l.service_code} · ${l.service_date}` : 'Kept toward future visits',
          amountCents: -l.amount_cents,
        }),
      ),
    })),
    carriedForward: carried.map((c) => ({ itemId: c.item_id, serviceDate: c.service_date, description: c.description, amountCents: c.open_cents, until: c.statement_by })),
    writeOffRequests: requests.map((r) => ({ itemId: r.item_id, description: r.description, amountCents: r.amount_cents, reason: r.reason })),
    totalPaidCents: payments.reduce((sum, p) => sum + p.amount_cents, 0),
    balanceAfterCents: balance.totalDueCents,
    policyVersion: balance.policyVersion,
  };
}
