/**
 * Cautions about a valid policy document that do not stop publishing: the
 * manager reads them in the preview before deciding (domain primer §3-§4).
 */
import { formatCents } from '../../shared/money';
import type { PolicyDocument } from '../../shared/policy/document';

export function policyWarnings(document: PolicyDocument, today: string): string[] {
  const warnings: string[] = [];
  if (document.smallBalanceWriteOff.enabled) {
    warnings.push(
      `Writing off every balance up to ${formatCents(document.smallBalanceWriteOff.maxCents)} for every patient is a routine waiver (OIG Advisory Opinion 19-01). Carrying small balances forward is billing later and carries no such risk.`,
    );
  }
  if (document.carryForward.maxAgeDays > 365) {
    warnings.push(`Carried balances would wait ${document.carryForward.maxAgeDays} days before a statement. A balance never statemented silently becomes a routine waiver: keep the terminal rule short.`);
  }
  const { statementThresholdCents: threshold } = document;
  const { maxCarriedTotalCents: carriedLimit } = document.carryForward;
  if (carriedLimit !== threshold) {
    const lower = carriedLimit < threshold ? `the carried-total limit (${formatCents(carriedLimit)})` : `the statement threshold (${formatCents(threshold)})`;
    warnings.push(
      `The statement threshold (${formatCents(threshold)}) and the carried-total limit (${formatCents(carriedLimit)}) differ: a balance is carried forward only while it is under both, so ${lower} decides.`,
    );
  }
  const year = Number(today.slice(0, 4));
  if (document.hardship.povertyGuideline.year < year) {
    warnings.push(`The poverty guideline figures are for ${document.hardship.povertyGuideline.year}. HHS publishes new figures each January: check they are this year's.`);
  }
  return warnings;
}
