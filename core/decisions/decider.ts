/** Who decides, as the decision records them and the desk reads them. */
import type { CoreContext } from '../api/context';
import { localDate } from '../clock';

/** The signed-in manager's name (e.g. "Morgan Manager"); the operator's actor for the CLI and tests. */
export function deciderName(ctx: CoreContext): string {
  return ctx.user?.displayName ?? ctx.actor;
}

/** An ISO instant as the desk's local date, for messages ("on 2026-11-22"). */
export function onDate(instant: string): string {
  return localDate(new Date(instant));
}

/** The reason as a sentence fragment: no trailing full stop, so it can be followed by more words. */
export function fragment(reason: string): string {
  return reason.trim().replace(/[.\s]+$/, '');
}
