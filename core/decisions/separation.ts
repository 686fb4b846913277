import { ApiError } from '../../shared/errors';
import type { CoreContext } from '../api/context';

/**
 * Separation of duties: a signed-in manager does not decide what they asked for themselves, so every
 * exception has two people behind it (the audit trail shows both).
 */
export function refuseOwnRequest(ctx: CoreContext, requestedBy: string, what: string): void {
  if (ctx.user && requestedBy === ctx.user.username) {
    throw new ApiError('refused', `You sent ${what} yourself, so another manager decides it (one person may not both ask for and approve an exception).`);
  }
}
