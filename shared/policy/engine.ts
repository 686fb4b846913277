/**
 * The policy engine: for each open item, whether the practice may collect it
 * and why not, what must happen, what the desk may do, and the reasons in
 * plain words with the clause they come from. Pure: the same code runs in the
 * renderer (to show) and in the core (to enforce).
 */
import type { GroupCode, ItemCategory, PayerProgram } from '../domain';
import { addDays, daysBetween } from '../dates';
import { formatCents } from '../money';
import type { Reason } from './clauses';
import { reason } from './clauses';
import type { PolicyDocument } from './document';
import type { DeskAction, ItemVerdict, RequiredAction, WriteOffOption } from './verdict';

export interface ItemFacts {
  id: number;
  serviceDate: string;
  /** When the patient was billed (the item's creation). */
  billedOn: string;
  serviceCode: string;
  category: ItemCategory;
  group: GroupCode | null;
  carc: string | null;
  rarc: string | null;
  amountCents: number;
  openCents: number;
  /** What the patient paid toward it (positive). */
  paidCents: number;
  /** Already written off under an approved hardship discount (positive; absent: none). */
  hardshipWrittenOffCents?: number;
  /** The program of the coverage that adjudicated it; null for self-pay. */
  program: PayerProgram | null;
  statementsSent: number;
  firstStatementDate: string | null;
  /** The date it was last carried forward, when a carry-forward is in force. */
  carriedSince: string | null;
  /** A write-off or exception request waiting for a manager. */
  pendingRequest: boolean;
  /** A manager approved writing it off and the write-off is not posted yet (an approval posts it at once). */
  approvedException: boolean;
  /** The main system changed its amount after a desk decision: review before acting again. */
  conflict: boolean;
  /** The latest decision a manager made about writing it off (absent or null: none), worded for the desk. */
  managerDecision?: ManagerDecision | null;
}

/** A manager's decision about an item, as the desk is told of it. */
export interface ManagerDecision {
  /** What was decided: a desk's write-off request, or writing off after collection effort (bad debt). */
  subject: 'write_off_request' | 'bad_debt';
  outcome: 'approved' | 'denied';
  /** The manager's name as shown when they decided. */
  decidedBy: string;
  /** The desk's local date of the decision, YYYY-MM-DD. */
  decidedOn: string;
  reason: string;
  /** Written off by an approval (0 when denied). */
  writtenOffCents: number;
}

export interface PatientFacts {
  today: string;
  /** An approved, unexpired hardship determination. */
  hardshipDiscountPercent: number | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-22" -> "Nov 22, 2026": a decision's date as a person says it. */
function spokenDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const name = MONTHS[(month ?? 0) - 1];
  return name && day && year ? `${name} ${day}, ${year}` : isoDate;
}

/** The manager's decision in the desk's words, citing the clause it was made under. */
export function managerDecisionReason(decision: ManagerDecision): Reason {
  const on = spokenDate(decision.decidedOn);
  const why = decision.reason.trim().replace(/[.\s]+$/, '');
  if (decision.subject === 'write_off_request') {
    return decision.outcome === 'approved'
      ? reason('managerDecision', `Write-off approved by ${decision.decidedBy} on ${on}: ${why}. ${formatCents(decision.writtenOffCents)} written off.`)
      : reason('managerDecision', `A manager denied the write-off request on ${on}: ${why}. Collect as usual.`);
  }
  return decision.outcome === 'approved'
    ? reason('managerDecision', `Written off as bad debt by ${decision.decidedBy} on ${on}, after collection effort: ${why}. ${formatCents(decision.writtenOffCents)} written off.`)
    : reason('managerDecision', `A manager decided on ${on} not to write this off as bad debt: ${why}. Keep collecting as usual.`);
}

const COST_SHARING: ReadonlySet<ItemCategory> = new Set(['copay', 'deductible', 'coinsurance']);
const AFTER_HOURS = new Set(['99050', '99051', '99052', '99053', '99054']);
const MEDICARE: ReadonlySet<PayerProgram | null> = new Set(['medicare', 'qmb']);

/** Why an item may never be collected from the patient, whatever the practice's settings; null if it may. */
function neverBillable(item: ItemFacts): { reason: Reason; action: RequiredAction } | null {
  const what = `${item.serviceCode} on ${item.serviceDate}`;
  if (item.group === 'CO' || item.group === 'PI') {
    return { reason: reason('contractual', `The plan's contract makes this ${formatCents(item.amountCents)} the practice's adjustment; it is never billed to the patient.`), action: 'none' };
  }
  if (item.group === 'OA' && item.carc === '209') {
    return { reason: reason('providerCannotCollect', `The plan says we may not collect ${what} from the patient. If they paid, refund it.`), action: 'none' };
  }
  if (item.program === 'qmb' && COST_SHARING.has(item.category)) {
    return { reason: reason('qmb', 'This patient is a Qualified Medicare Beneficiary: we may not bill them Medicare deductibles, coinsurance or copays, and they cannot agree to pay.'), action: 'none' };
  }
  if (item.program === 'medicaid') {
    return item.category === 'copay'
      ? { reason: reason('medicaid', "Medicaid's payment is payment in full. A manager checks whether the state allows this copay before anyone asks for it."), action: 'review' }
      : { reason: reason('medicaid', "Medicaid's payment is payment in full: we may not bill the patient for the rest."), action: 'none' };
  }
  if (MEDICARE.has(item.program) && AFTER_HOURS.has(item.serviceCode)) {
    return { reason: reason('medicareAfterHours', 'Medicare bundles after-hours codes into the visit: we may not collect this from the patient.'), action: 'none' };
  }
  if (MEDICARE.has(item.program) && item.serviceCode === 'G0444') {
    return { reason: reason('medicareG0444', 'G0444 (depression screening) has no coinsurance or deductible, so this balance is a posting error: billing must correct it. Do not collect.'), action: 'review' };
  }
  return null;
}

function collectReason(item: ItemFacts): Reason {
  switch (item.category) {
    case 'copay':
      return reason('costSharing', 'Copay. Our contract with the plan requires us to collect it; we may not waive it.');
    case 'deductible':
      return reason('costSharing', 'Deductible the plan applied. We must try to collect it from every patient alike.');
    case 'coinsurance':
      return reason('costSharing', "The patient's share (coinsurance). We must try to collect it from every patient alike.");
    case 'noncovered':
      return reason('nonCovered', 'The plan did not cover this service and says the patient is responsible. Our policy bills the patient for every such denial.');
    case 'self_pay':
      return reason('selfPay', 'Self-pay charge from our fee schedule.');
    case 'other':
      return reason('costSharing', 'The plan says the patient owes this amount.');
  }
}

function isExhausted(item: ItemFacts, policy: PolicyDocument, today: string): boolean {
  const effort = policy.collectionEffort;
  return item.statementsSent >= effort.minStatements && item.firstStatementDate !== null && daysBetween(item.firstStatementDate, today) >= effort.minDaysFromFirstStatement;
}

interface CarryState {
  /** All collectible open money of the patient. */
  collectibleTotalCents: number;
  /** The billing date of the oldest collectible open item. */
  oldestBilledOn: string | null;
}

function refundVerdict(item: ItemFacts, reasons: Reason[], refundCents: number): ItemVerdict {
  return {
    collectible: false,
    requiredAction: 'refund',
    allowedActions: ['refund'],
    needsApproval: false,
    reasons: [...reasons, reason('refunds', `The patient paid ${formatCents(refundCents)} they do not owe for this item: refund it.`)],
    writeOffs: [],
    carryForwardUntil: null,
    refundCents,
  };
}

/** The verdict for one item, given the patient's other items (for the carry-forward rule). */
function evaluateItem(item: ItemFacts, patient: PatientFacts, policy: PolicyDocument, carry: CarryState): ItemVerdict {
  // A manager's approval is posted in the same transaction as the decision, whatever else the item is.
  const approved: WriteOffOption[] = item.approvedException && item.openCents > 0 ? [{ rule: 'approved_exception', maxCents: item.openCents, needsApproval: false }] : [];
  const decided = item.managerDecision ? managerDecisionReason(item.managerDecision) : null;
  const never = neverBillable(item);
  if (never) {
    const refundCents = Math.max(item.paidCents, -item.openCents, 0);
    if (refundCents > 0) return refundVerdict(item, [never.reason], refundCents);
    const notBillable: WriteOffOption[] = item.openCents > 0 && never.action === 'none' ? [{ rule: 'not_billable', maxCents: item.openCents, needsApproval: false }] : [];
    const writeOffs = [...notBillable, ...approved];
    const allowed: DeskAction[] = writeOffs.length ? ['write_off'] : [];
    if (never.action === 'review') allowed.push('request_exception');
    const reasons = decided ? [never.reason, decided] : [never.reason];
    return { collectible: false, requiredAction: never.action, allowedActions: allowed, needsApproval: never.action === 'review', reasons, writeOffs, carryForwardUntil: null, refundCents: 0 };
  }
  if (item.openCents < 0) return refundVerdict(item, [], -item.openCents);
  if (item.conflict) {
    return {
      collectible: true,
      requiredAction: 'review',
      allowedActions: item.pendingRequest ? [] : ['request_exception'],
      needsApproval: true,
      reasons: [reason('syncConflict', 'The main system changed this amount after someone at the desk acted on it. A manager reviews both amounts before anyone collects, carries or writes it off.')],
      writeOffs: approved,
      carryForwardUntil: null,
      refundCents: 0,
    };
  }
  if (item.openCents === 0) {
    const closedBy = decided && item.managerDecision?.outcome === 'approved' ? decided : reason('costSharing', 'Paid in full.');
    return { collectible: false, requiredAction: 'none', allowedActions: [], needsApproval: false, reasons: [closedBy], writeOffs: [], carryForwardUntil: null, refundCents: 0 };
  }

  // The manager's decision is the news for the desk: first, unless a newer request waits for a manager.
  const reasons: Reason[] = decided && !item.pendingRequest ? [decided, collectReason(item)] : [collectReason(item)];
  if (decided && item.pendingRequest) reasons.push(decided);
  const writeOffs: WriteOffOption[] = [];
  const today = patient.today;
  const isNoncovered = item.category === 'noncovered' && item.group === 'PR';

  if (isNoncovered && policy.nonCoveredWithPatientLiability === 'write_off') {
    return {
      collectible: false,
      requiredAction: 'none',
      allowedActions: ['write_off'],
      needsApproval: false,
      reasons: [reason('nonCovered', 'The plan did not cover this service. Our policy writes off every such denial for every patient: do not collect it.')],
      writeOffs: [{ rule: 'noncovered_policy', maxCents: item.openCents, needsApproval: false }, ...approved],
      carryForwardUntil: null,
      refundCents: 0,
    };
  }
  const nominal = policy.nominalServices;
  if ((isNoncovered || item.category === 'self_pay') && nominal.codes.includes(item.serviceCode) && item.openCents > nominal.feeCents) {
    writeOffs.push({ rule: 'nominal_fee', maxCents: item.openCents - nominal.feeCents, needsApproval: false });
    reasons.push(reason('nominalServices', `${item.serviceCode} is a nominal service: we charge ${formatCents(nominal.feeCents)} for it; the rest may be written off.`));
  }
  if (patient.hardshipDiscountPercent) {
    // The discount is a share of what the patient owed for the item, taken once: what was already
    // written off under it counts, so repeated write-offs cannot creep toward 100%.
    const discountCents = Math.floor((item.amountCents * patient.hardshipDiscountPercent) / 100);
    const maxCents = Math.min(item.openCents, discountCents - (item.hardshipWrittenOffCents ?? 0));
    if (maxCents > 0) {
      writeOffs.push({ rule: 'hardship', maxCents, needsApproval: false });
      reasons.push(reason('hardship', `A manager approved financial hardship for this patient: ${patient.hardshipDiscountPercent}% of this balance may be written off.`));
    }
  }
  if (isExhausted(item, policy, today)) {
    writeOffs.push({ rule: 'bad_debt', maxCents: item.openCents, needsApproval: true });
    reasons.push(reason('collectionEffort', `${item.statementsSent} statements since ${item.firstStatementDate}: collection effort is complete. A manager may write it off as bad debt or send it to collections.`));
  } else if (item.statementsSent > 0) {
    reasons.push(reason('collectionEffort', `${item.statementsSent} statement${item.statementsSent === 1 ? '' : 's'} sent since ${item.firstStatementDate}.`));
  }
  if (policy.smallBalanceWriteOff.enabled && item.openCents <= policy.smallBalanceWriteOff.maxCents) {
    writeOffs.push({ rule: 'small_balance', maxCents: item.openCents, needsApproval: false });
    reasons.push(reason('smallBalanceWriteOff', `Balances up to ${formatCents(policy.smallBalanceWriteOff.maxCents)} may be written off under the practice's small-balance rule.`));
  }
  writeOffs.push(...approved);

  // Carry forward: below the threshold (all collectible money together) and inside the terminal rule.
  let carryForwardUntil: string | null = null;
  const limit = Math.min(policy.statementThresholdCents, policy.carryForward.maxCarriedTotalCents);
  const statementBy = carry.oldestBilledOn ? addDays(carry.oldestBilledOn, policy.carryForward.maxAgeDays) : null;
  if (carry.collectibleTotalCents < limit && statementBy !== null && statementBy > today) {
    carryForwardUntil = statementBy;
    reasons.push(
      item.carriedSince === today
        ? reason('statementThreshold', `Carried forward today to the next visit; it goes on a statement by ${statementBy} if still open.`)
        : item.carriedSince
          ? reason('statementThreshold', `Carried forward since ${item.carriedSince}: ask for it now; it goes on a statement by ${statementBy} if still open.`)
          : reason('statementThreshold', `The patient's balance is under ${formatCents(limit)}: it may be carried forward to the next visit instead of a statement (until ${statementBy}).`),
    );
  } else if (item.carriedSince) {
    const why = carry.collectibleTotalCents >= limit ? `the balance reached ${formatCents(limit)}` : `the oldest carried item is ${policy.carryForward.maxAgeDays} days old`;
    reasons.push(reason('carryForwardTerminal', `Carried forward since ${item.carriedSince}, but ${why}: it must be collected or go on a statement now. Carrying forward is billing later, never forgiving.`));
  }

  const allowedActions: DeskAction[] = ['collect'];
  if (carryForwardUntil) allowedActions.push('carry_forward');
  if (writeOffs.length) allowedActions.push('write_off');
  if (!item.pendingRequest) allowedActions.push('request_exception');
  return {
    collectible: true,
    requiredAction: 'collect',
    allowedActions,
    needsApproval: item.pendingRequest || writeOffs.some((w) => w.needsApproval),
    reasons,
    writeOffs,
    carryForwardUntil,
    refundCents: 0,
  };
}

/** Verdicts for all of a patient's items, in the same order. */
export function evaluateItems(items: readonly ItemFacts[], patient: PatientFacts, policy: PolicyDocument): ItemVerdict[] {
  const collectible = items.filter((i) => i.openCents > 0 && !neverBillable(i) && !(i.category === 'noncovered' && i.group === 'PR' && policy.nonCoveredWithPatientLiability === 'write_off'));
  const carry: CarryState = {
    collectibleTotalCents: collectible.reduce((sum, i) => sum + i.openCents, 0),
    oldestBilledOn: collectible.map((i) => i.billedOn).sort()[0] ?? null,
  };
  return items.map((item) => evaluateItem(item, patient, policy, carry));
}

/** Today's copay, before it is an item: always collected (payer contract). */
export function todaysCopayReason(program: PayerProgram | null): Reason {
  return program === 'qmb' || program === 'medicaid'
    ? reason(program === 'qmb' ? 'qmb' : 'medicaid', 'No copay may be collected from this patient today.')
    : reason('todaysCopay', "Copay for today's visit. Our contract with the plan requires us to collect it.");
}
