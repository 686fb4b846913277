import type { DecisionOutputs } from '../../../shared/api/decisions';
import type { decisionInputs } from '../../../shared/api/decisions';
import { decideBadDebt } from '../../decisions/bad-debt';
import { decideRequest } from '../../decisions/requests';
import { resolveSyncIssue } from '../../decisions/sync-issues';
import { pendingQueue } from '../../pending/queue';
import { pendingQueueView } from '../../pending/view';
import type { HandlersFor } from '../context';

export const decisionHandlers: HandlersFor<typeof decisionInputs, DecisionOutputs> = {
  getPendingQueue: (ctx, input) => pendingQueueView(pendingQueue(ctx.db, ctx.clock), input),
  decideRequest: (ctx, input) => decideRequest(ctx, input),
  decideBadDebt: (ctx, input) => decideBadDebt(ctx, input),
  resolveSyncIssue: (ctx, input) => resolveSyncIssue(ctx, input),
};
