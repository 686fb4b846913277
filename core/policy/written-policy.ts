/**
 * The written financial policy a version amounts to: each clause the engine
 * cites (shared/policy/clauses.ts), worded with this version's settings, so an
 * old version reads as the policy staff worked under.
 */
import type { PolicyClauseText } from '../../shared/api/policy-editor';
import type { ClauseId } from '../../shared/policy/clauses';
import { CLAUSES } from '../../shared/policy/clauses';
import type { PolicyDocument } from '../../shared/policy/document';
import { AFTER_EXHAUSTED_CHOICES } from '../../shared/policy/fields';
import { formatCents } from '../../shared/money';

const and = (parts: string[]) => (parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`);

const WORDING: Partial<Record<ClauseId, (p: PolicyDocument) => string>> = {
  costSharing: () => 'Copays, deductibles and coinsurance are collected from every patient alike. They are never waived as a matter of course.',
  todaysCopay: () => "Today's copay is collected at check-in.",
  selfPay: () => 'Self-pay charges are collected at the practice fee schedule.',
  statementThreshold: (p) =>
    `A patient whose collectible balance is under ${formatCents(Math.min(p.statementThresholdCents, p.carryForward.maxCarriedTotalCents))} is not sent a statement: the balance is carried forward and asked for at the next visit.`,
  carryForwardTerminal: (p) =>
    `Carried balances go on a statement once the oldest is ${p.carryForward.maxAgeDays} days old or their total reaches ${formatCents(p.carryForward.maxCarriedTotalCents)}. Carrying forward is billing later, never forgiving.`,
  nonCovered: (p) =>
    p.nonCoveredWithPatientLiability === 'bill_patient'
      ? 'When the plan does not cover a service and says the patient is responsible (PR-49, 50, 96, 204), the patient is billed. The same for every patient.'
      : 'When the plan does not cover a service and says the patient is responsible (PR-49, 50, 96, 204), the practice writes it off. The same for every patient.',
  nominalServices: (p) =>
    p.nominalServices.codes.length
      ? `Nominal services (${p.nominalServices.codes.join(', ')}) that the plan does not cover are charged ${formatCents(p.nominalServices.feeCents)}; the rest may be written off.`
      : 'No service is treated as nominal.',
  contractual: () => 'Amounts the plan assigns to the practice (CO group) are never billed to the patient.',
  providerCannotCollect: () => 'When the plan says the patient may not be billed (OA-209), we do not collect, and refund what was paid.',
  medicaid: () => "Medicaid's payment is payment in full: the rest is not billed to the patient.",
  qmb: () => 'Qualified Medicare Beneficiaries are never billed Medicare deductibles, coinsurance or copays.',
  medicareAfterHours: () => 'Medicare after-hours codes 99050–99054 are not collected from the patient.',
  medicareG0444: () => 'A patient balance on G0444 is a posting error for billing to correct, not a debt.',
  hardship: (p) => {
    const g = p.hardship.povertyGuideline;
    const bands = p.hardship.slidingScale.map((b) => `up to ${b.upToPercentOfGuideline}% of the guideline, ${b.discountPercent}% off`).join('; ');
    return `A patient may apply for a hardship discount. Household income is compared with the ${g.year} HHS poverty guideline (${formatCents(g.firstPersonCents)} for one person, plus ${formatCents(g.additionalPersonCents)} for each additional person): ${bands}. Documentation and a manager's approval are required.`;
  },
  hardshipValidity: (p) => `An approved hardship determination is reused for ${p.hardship.validForDays} days; after that the patient applies again.`,
  collectionEffort: (p) =>
    `After at least ${p.collectionEffort.minStatements} statement${p.collectionEffort.minStatements === 1 ? '' : 's'} over ${p.collectionEffort.minDaysFromFirstStatement} days from the first, a manager may ${and(p.collectionEffort.afterExhausted.map((a) => AFTER_EXHAUSTED_CHOICES[a].toLowerCase()))}.`,
  smallBalanceWriteOff: (p) =>
    p.smallBalanceWriteOff.enabled
      ? `Balances up to ${formatCents(p.smallBalanceWriteOff.maxCents)} may be written off.`
      : 'Small balances are not written off: they are carried forward and billed later.',
  refunds: () => 'Money the patient paid but does not owe is refunded.',
  prepayment: (p) => (p.allowPrepayment ? 'Money beyond what is owed may be kept on account as a prepayment toward future visits.' : 'Money beyond what is owed is not kept as a prepayment.'),
  syncConflict: () => 'When the main system changes an amount after the desk acted on it, a manager reviews it before anyone acts again.',
};

export function writtenPolicy(document: PolicyDocument): PolicyClauseText[] {
  return (Object.keys(CLAUSES) as ClauseId[]).map((id) => {
    const clause = CLAUSES[id];
    return { section: clause.section, title: clause.title, text: WORDING[id]?.(document) ?? clause.title, source: clause.source };
  });
}
