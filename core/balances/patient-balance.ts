import type { AppointmentView, CheckInItem, PatientBalance, TodaysCopay } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { evaluateItems, todaysCopayReason } from '../../shared/policy/engine';
import type { Clock } from '../clock';
import { localDate } from '../clock';
import type { Db } from '../db/connection';
import { showsRecentWriteOff } from '../decisions/desk-view';
import { hardshipDiscountPercent } from '../hardship/queries';
import { getPatientById, toPatientSummary } from '../patients/queries';
import { currentPolicy } from '../policy/queries';
import { lastSyncedAt } from '../settings/queries';
import type { LoadedItem } from './item-facts';
import { loadItems, toBalanceItem } from './item-facts';
import type { CoverageRow } from './queries';
import { activeCoverageRows, findAppointmentOn, toCoverageView } from './queries';

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
  const coverageRows = activeCoverageRows(db, patientId, today);
  const loaded = loadItems(db, patientId);
  const verdicts = evaluateItems(loaded, { today, hardshipDiscountPercent: hardshipDiscountPercent(db, patientId, today) }, policy.document);

  const items: CheckInItem[] = [];
  loaded.forEach((item, i) => {
    const verdict = verdicts[i]!;
    if (item.openCents === 0 && verdict.refundCents === 0 && !showsRecentWriteOff(item, today)) return;
    items.push({
      ...toBalanceItem(item),
      verdict,
      collection: { statementsSent: item.statementsSent, firstStatementDate: item.firstStatementDate },
      carriedForward: item.carriedSince && item.carriedUntil ? { since: item.carriedSince, until: item.carriedUntil } : null,
    });
  });

  const { appointment, expectedCopayCents, todaysCopay } = todaysVisit(db, patientId, today, loaded, coverageRows[0]);

  const collectible = items.filter((item) => item.verdict.collectible);
  const sum = (list: CheckInItem[], cents: (item: CheckInItem) => number) => list.reduce((total, item) => total + cents(item), 0);
  return {
    patient: toPatientSummary(row),
    coverages: coverageRows.map(toCoverageView),
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

export interface TodaysVisit {
  appointment: Omit<AppointmentView, 'expectedCopayCents'> | null;
  expectedCopayCents: number;
  todaysCopay: TodaysCopay | null;
}

/** Today's appointment and its copay: expected from the primary coverage, less what the desk already took. */
export function todaysVisit(db: Db, patientId: number, today: string, items: LoadedItem[], primary: CoverageRow | undefined): TodaysVisit {
  const appointment = findAppointmentOn(db, patientId, today);
  const expectedCopayCents = primary && !NO_COPAY_PROGRAMS.has(primary.program) ? primary.copay_cents : 0;
  if (!appointment) return { appointment, expectedCopayCents, todaysCopay: null };
  const collectedCents = items.filter((i) => i.appointmentId === appointment.id).reduce((sum, i) => sum + i.paidCents, 0);
  const todaysCopay: TodaysCopay = {
    appointmentId: appointment.id,
    expectedCents: expectedCopayCents,
    collectedCents,
    dueCents: Math.max(0, expectedCopayCents - collectedCents),
    reason: todaysCopayReason(primary?.program ?? null),
  };
  return { appointment, expectedCopayCents, todaysCopay };
}
