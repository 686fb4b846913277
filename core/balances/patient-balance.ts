import type { CheckInItem, PatientBalance, TodaysCopay } from '../../shared/contract';
import type { PayerProgram } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { evaluateItems, todaysCopayReason } from '../../shared/policy/engine';
import type { Clock } from '../clock';
import { localDate } from '../clock';
import type { Db } from '../db/connection';
import { getPatientById, toPatientSummary } from '../patients/queries';
import { currentPolicy } from '../policy/queries';
import { lastSyncedAt } from '../settings/queries';
import type { LoadedItem } from './item-facts';
import { loadItems, toBalanceItem } from './item-facts';
import { findAppointmentOn, listActiveCoverages } from './queries';

/** Programs under which no copay may be taken from the patient. */
const NO_COPAY_PROGRAMS = new Set(['qmb', 'medicaid']);

/** Prepayments kept on account: payment money not applied to any item. */
export function unappliedCreditCents(db: Db, patientId: number): number {
  const row = db.prepare('SELECT coalesce(-sum(amount_cents), 0) AS credit FROM ledger_entries WHERE patient_id = ? AND item_id IS NULL').get(patientId) as { credit: number };
  return row.credit;
}

/**
 * What the desk sees for one patient: every open item with the policy's
 * verdict, the totals the policy allows collecting, today's copay, refunds
 * due and credits. Everything is computed from the ledger; nothing is stored.
 */
export function getPatientBalance(db: Db, clock: Clock, patientId: number): PatientBalance {
  const row = getPatientById(db, patientId);
  if (!row) throw new ApiError('not_found', `No patient with id ${patientId}.`);
  const today = localDate(clock.now());
  const policy = currentPolicy(db);
  const coverages = listActiveCoverages(db, patientId, today);
  const loaded = loadItems(db, patientId);
  const verdicts = evaluateItems(loaded, { today, hardshipDiscountPercent: null }, policy.document);

  const items: CheckInItem[] = [];
  loaded.forEach((item, i) => {
    const verdict = verdicts[i]!;
    if (item.openCents === 0 && verdict.refundCents === 0) return;
    items.push({
      ...toBalanceItem(item),
      verdict,
      collection: { statementsSent: item.statementsSent, firstStatementDate: item.firstStatementDate },
      carriedForward: item.carriedSince && item.carriedUntil ? { since: item.carriedSince, until: item.carriedUntil } : null,
    });
  });

  const appointment = findAppointmentOn(db, patientId, today);
  const primary = coverages[0];
  const expectedCopayCents = primary && !NO_COPAY_PROGRAMS.has(primary.program) ? primary.copayCents : 0;
  const todaysCopay = appointment ? copayFor(appointment.id, expectedCopayCents, loaded, primary?.program ?? null) : null;

  const collectible = items.filter((item) => item.verdict.collectible);
  const sum = (list: CheckInItem[], cents: (item: CheckInItem) => number) => list.reduce((total, item) => total + cents(item), 0);
  return {
    patient: toPatientSummary(row),
    coverages,
    appointmentToday: appointment ? { ...appointment, expectedCopayCents } : null,
    items,
    totalDueCents: sum(collectible, (i) => i.openCents),
    notCollectibleCents: sum(items.filter((i) => !i.verdict.collectible && i.openCents > 0), (i) => i.openCents),
    dueTodayCents: (todaysCopay?.dueCents ?? 0) + sum(collectible.filter((i) => i.carriedForward?.since !== today), (i) => i.openCents),
    todaysCopay,
    refundsDueCents: sum(items, (i) => i.verdict.refundCents),
    unappliedCreditCents: unappliedCreditCents(db, patientId),
    policyVersion: policy.version,
    carryForwardLimitCents: Math.min(policy.document.statementThresholdCents, policy.document.carryForward.maxCarriedTotalCents),
    lastSyncedAt: lastSyncedAt(db),
  };
}

function copayFor(appointmentId: number, expectedCents: number, items: LoadedItem[], program: PayerProgram | null): TodaysCopay {
  const collectedCents = items.filter((i) => i.appointmentId === appointmentId).reduce((sum, i) => sum + i.paidCents, 0);
  return { appointmentId, expectedCents, collectedCents, dueCents: Math.max(0, expectedCents - collectedCents), reason: todaysCopayReason(program) };
}
