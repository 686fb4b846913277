/**
 * A verdict reduced to the one thing a manager compares across policy versions
 * (collect, may be carried forward, may be written off as a small balance…),
 * and the reason that says so.
 */
import type { VerdictOutcome } from '../../shared/api/policy-editor';
import type { Reason } from '../../shared/policy/clauses';
import type { ItemVerdict } from '../../shared/policy/verdict';

const has = (verdict: ItemVerdict, rule: ItemVerdict['writeOffs'][number]['rule']) => verdict.writeOffs.some((w) => w.rule === rule);

/** The outcome of an open item's verdict; the first that applies, most permissive first. */
export function verdictOutcome(verdict: ItemVerdict): VerdictOutcome {
  if (verdict.requiredAction === 'refund') return 'refund';
  if (verdict.requiredAction === 'review') return 'review';
  if (!verdict.collectible) return has(verdict, 'noncovered_policy') ? 'written_off_by_policy' : 'not_billable';
  if (has(verdict, 'small_balance')) return 'small_balance';
  if (verdict.carryForwardUntil) return 'carry_forward';
  if (has(verdict, 'bad_debt')) return 'bad_debt';
  if (has(verdict, 'nominal_fee')) return 'nominal_fee';
  return 'collect';
}

/** The clause section that decides each outcome (policy clauses, shared/policy/clauses.ts). */
const DECIDING_SECTION: Partial<Record<VerdictOutcome, string>> = {
  carry_forward: '2.1',
  small_balance: '6.2',
  bad_debt: '6.1',
  nominal_fee: '3.2',
  written_off_by_policy: '3.1',
};

/** The reason behind the outcome, as "<clause>: <text>". */
export function outcomeReason(verdict: ItemVerdict, outcome: VerdictOutcome): string {
  const section = DECIDING_SECTION[outcome];
  const found: Reason | undefined = (section && verdict.reasons.find((r) => r.clause.startsWith(`${section} `))) || verdict.reasons[0];
  return found ? `${found.clause}: ${found.text}` : '';
}

/** The same outcome can still move: a later statement date, a different write-off limit. */
export function otherDifferences(before: ItemVerdict, after: ItemVerdict): { carryForwardDate: boolean; writeOffLimit: boolean } {
  const limits = (v: ItemVerdict) => v.writeOffs.map((w) => `${w.rule}:${w.maxCents}:${w.needsApproval}`).join('|');
  return { carryForwardDate: before.carryForwardUntil !== after.carryForwardUntil, writeOffLimit: limits(before) !== limits(after) };
}
