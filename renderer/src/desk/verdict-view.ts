/**
 * How the desk reads a policy verdict: the status badge of an item, its reasons
 * in plain words, and why an action is not available for it. Pure, so it is
 * unit-tested without a browser.
 */
import type { CheckInItem, PatientBalance } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import { CLAUSES } from '../../../shared/policy/clauses';
import type { Reason } from '../../../shared/policy/clauses';
import { formatUsDate } from '../format/dates';

export type StatusTone = 'collect' | 'carried' | 'noCollect' | 'refund' | 'review' | 'waiting' | 'paid';

export interface ItemStatus {
  label: string;
  tone: StatusTone;
  /** Whether the item's open amount counts toward Total owed. */
  counted: boolean;
}

/** A write-off or exception request for a collectible item is waiting: the engine stops offering another one. */
export function isWaitingForManager(item: CheckInItem): boolean {
  return item.verdict.collectible && !item.verdict.allowedActions.includes('request_exception');
}

/** The one status badge of an item: what the desk does with it. */
export function itemStatus(item: CheckInItem): ItemStatus {
  const { verdict } = item;
  if (verdict.requiredAction === 'refund') return { label: 'Refund due', tone: 'refund', counted: false };
  if (verdict.requiredAction === 'review') return { label: 'Manager review', tone: 'review', counted: false };
  if (!verdict.collectible && item.openCents > 0) return { label: 'Do not collect', tone: 'noCollect', counted: false };
  // Closed: paid, or written off by a manager's decision (policy 9.1), which the desk tells the patient about.
  if (!verdict.collectible) return verdict.reasons.some(startsWithClause('managerDecision')) ? { label: 'Written off', tone: 'paid', counted: false } : { label: 'Paid', tone: 'paid', counted: false };
  if (isWaitingForManager(item)) return { label: 'Waiting for manager', tone: 'waiting', counted: true };
  if (item.carriedForward && !terminalReason(item)) return { label: `Carried forward until ${formatUsDate(item.carriedForward.until)}`, tone: 'carried', counted: true };
  return { label: 'Collect', tone: 'collect', counted: true };
}

const startsWithClause = (id: keyof typeof CLAUSES) => (reason: Reason) => reason.clause.startsWith(`${CLAUSES[id].section} `);

/** The policy 2.2 reason: a carried balance that must now be collected or statemented. */
function terminalReason(item: CheckInItem): Reason | undefined {
  return item.verdict.reasons.find(startsWithClause('carryForwardTerminal'));
}

/**
 * The reason shown with the badge; the rest are one click away. Usually the
 * verdict's first reason; for a carried item, the one about carrying forward.
 */
export function splitReasons(item: CheckInItem): { main: Reason | null; more: Reason[] } {
  const { reasons } = item.verdict;
  const carried = item.carriedForward ? reasons.find((r) => startsWithClause('carryForwardTerminal')(r) || startsWithClause('statementThreshold')(r)) : undefined;
  const main = carried ?? reasons[0] ?? null;
  return { main, more: reasons.filter((r) => r !== main) };
}

const ISO_DATES = /\b\d{4}-\d{2}-\d{2}\b/g;

/** Policy texts carry ISO dates; the desk reads MM/DD/YYYY. */
export function usDatesIn(text: string): string {
  return text.replace(ISO_DATES, (iso) => formatUsDate(iso));
}

/** A reason as shown: its text in the desk's date format and the clause it comes from ("Policy 2.1 Small balances..."). */
export function reasonView(reason: Reason): { text: string; clause: string } {
  return { text: usDatesIn(reason.text), clause: `Policy ${reason.clause}` };
}

/** "99213 Office visit (09/19/2025)": how dialogs and hints name an item. */
export function itemName(item: Pick<CheckInItem, 'serviceCode' | 'description' | 'serviceDate'>): string {
  return `${item.serviceCode} ${item.description} (${formatUsDate(item.serviceDate)})`;
}

const clauseName = (id: keyof typeof CLAUSES) => `Policy ${CLAUSES[id].section} ${CLAUSES[id].title}`;

function firstReason(item: CheckInItem): string {
  const first = item.verdict.reasons[0];
  return first ? `${usDatesIn(first.text)} (Policy ${first.clause})` : '';
}

/** Why the selected item cannot be carried forward, or null when it can. */
export function carryForwardBlock(item: CheckInItem, balance: Pick<PatientBalance, 'totalDueCents' | 'carryForwardLimitCents'>, today: string | null): string | null {
  const { verdict } = item;
  if (item.carriedForward && item.carriedForward.since === today) {
    return `Already carried forward today: it goes on a statement by ${formatUsDate(item.carriedForward.until)}.`;
  }
  if (verdict.allowedActions.includes('carry_forward') && verdict.carryForwardUntil) return null;
  if (verdict.requiredAction === 'refund') return 'The patient is owed money on this item: refund it instead.';
  if (!verdict.collectible) return `Only what the patient owes can be carried forward. ${firstReason(item)}`;
  const terminal = terminalReason(item);
  if (terminal) return `${usDatesIn(terminal.text)} (Policy ${terminal.clause})`;
  if (balance.totalDueCents >= balance.carryForwardLimitCents) {
    return `The patient's balance is ${formatCents(balance.totalDueCents)}, at or above the ${formatCents(balance.carryForwardLimitCents)} limit for carrying forward: collect it or it goes on a statement (${clauseName('statementThreshold')}).`;
  }
  return `The oldest balance was billed too long ago to carry forward again: collect it or it goes on a statement (${clauseName('carryForwardTerminal')}).`;
}

/** Why a write-off cannot be requested for the selected item, or null when it can. */
export function writeOffRequestBlock(item: CheckInItem): string | null {
  if (item.verdict.allowedActions.includes('request_exception')) return null;
  if (item.verdict.requiredAction === 'refund') return 'The patient is owed money on this item: refund it instead.';
  if (isWaitingForManager(item)) return 'A write-off request for this item is already waiting for a manager.';
  if (!item.verdict.collectible) return `Nothing to request: the patient is not billed for this item. ${firstReason(item)}`;
  return 'The policy does not allow a write-off request for this item.';
}

/** Why the selected item has no refund, or null when it has one. */
export function refundBlock(item: CheckInItem): string | null {
  return item.verdict.refundCents > 0 ? null : 'Nothing is due back to the patient on this item.';
}
