/** How the desk reads a patient's hardship record: one line per determination, dates as the desk writes them. */
import type { HardshipApplicationView, PatientHardship } from '../../../shared/api/hardship';
import { formatCents } from '../../../shared/money';
import { householdWords } from '../../../shared/policy/hardship';
import { formatUsDate } from '../format/dates';

export type HardshipTone = 'active' | 'pending' | 'expired';

export interface HardshipLine {
  tone: HardshipTone;
  /** The headline: what it means for today's balance. */
  title: string;
  /** The facts behind it. */
  detail: string;
}

const submittedOn = (a: HardshipApplicationView) => formatUsDate(a.submittedAt.slice(0, 10));

export function factsLine(a: Pick<HardshipApplicationView, 'householdSize' | 'annualIncomeCents' | 'result'>): string {
  return `Household of ${householdWords(a.householdSize)}, ${formatCents(a.annualIncomeCents)} a year (${a.result.percentOfGuideline}% of the poverty guideline).`;
}

/** "75% off" / "no discount": the sliding-scale result in two words. */
export function discountWords(discountPercent: number): string {
  return discountPercent > 0 ? `${discountPercent}% off` : 'no discount';
}

/** The lines the patient view shows: the determination in force (or the last one, expired) and any application waiting. */
export function hardshipLines(hardship: PatientHardship): HardshipLine[] {
  const lines: HardshipLine[] = [];
  const { active, pending, lastExpired } = hardship;
  if (active) {
    lines.push({
      tone: 'active',
      title: `Financial hardship approved: ${discountWords(active.result.discountPercent)}, expires on ${formatUsDate(active.expiresOn ?? '')}`,
      detail: `${factsLine(active)} Approved by ${active.decidedBy ?? 'a manager'}; the hardship write-off is offered on the items.`,
    });
  } else if (lastExpired) {
    lines.push({
      tone: 'expired',
      title: `Financial hardship expired on ${formatUsDate(lastExpired.expiresOn ?? '')}: a new application is needed`,
      detail: `It was ${discountWords(lastExpired.result.discountPercent)}. ${factsLine(lastExpired)}`,
    });
  }
  if (pending) {
    lines.push({
      tone: 'pending',
      title: `Hardship application waiting for a manager (submitted ${submittedOn(pending)})`,
      detail: `${factsLine(pending)} The sliding scale gives ${discountWords(pending.result.discountPercent)} if approved.`,
    });
  }
  return lines;
}
