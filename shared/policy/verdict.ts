/** What the policy allows for one item: the engine's answer, shown at the desk and enforced by the core. */
import type { Reason } from './clauses';

export const REQUIRED_ACTIONS = ['collect', 'none', 'refund', 'review'] as const;
export type RequiredAction = (typeof REQUIRED_ACTIONS)[number];

export const DESK_ACTIONS = ['collect', 'carry_forward', 'write_off', 'request_exception', 'refund'] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** The named rules a write-off can be made under. */
export const WRITE_OFF_RULES = ['not_billable', 'noncovered_policy', 'nominal_fee', 'hardship', 'bad_debt', 'small_balance', 'approved_exception'] as const;
export type WriteOffRule = (typeof WRITE_OFF_RULES)[number];

export const WRITE_OFF_RULE_LABELS: Record<WriteOffRule, string> = {
  not_billable: 'Not billable to the patient',
  noncovered_policy: 'Non-covered service (policy: write off)',
  nominal_fee: 'Above the nominal fee',
  hardship: 'Financial hardship (approved)',
  bad_debt: 'Bad debt after collection effort',
  small_balance: 'Small balance',
  approved_exception: 'Exception approved by a manager',
};

export interface WriteOffOption {
  rule: WriteOffRule;
  /** The most that may be written off under this rule now. */
  maxCents: number;
  /** True when only a manager's approval makes it happen (the desk requests it). */
  needsApproval: boolean;
}

export interface ItemVerdict {
  collectible: boolean;
  requiredAction: RequiredAction;
  allowedActions: DeskAction[];
  /** Something about this item waits for, or can only be done with, a manager. */
  needsApproval: boolean;
  reasons: Reason[];
  /** The write-offs the policy allows for this item (empty: none). */
  writeOffs: WriteOffOption[];
  /** When carrying forward is allowed: the date the balance goes on a statement at the latest. */
  carryForwardUntil: string | null;
  /** Money to give back to the patient for this item. */
  refundCents: number;
}
