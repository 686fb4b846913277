/** What the desk is shown of a manager's decision after the fact. */
import { daysBetween } from '../../shared/dates';
import type { ItemFacts } from '../../shared/policy/engine';

/** How long an item a manager wrote off in full stays on the desk's list, so staff can tell the patient. */
export const WRITTEN_OFF_VISIBLE_DAYS = 30;

/** A closed item (nothing open) still shown because a manager approved writing it off recently. */
export function showsRecentWriteOff(item: Pick<ItemFacts, 'openCents' | 'managerDecision'>, today: string): boolean {
  const decision = item.managerDecision;
  return item.openCents === 0 && decision?.outcome === 'approved' && daysBetween(decision.decidedOn, today) <= WRITTEN_OFF_VISIBLE_DAYS;
}
