import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../shared/contract';
import type { CoreContext } from './context';
import { auditHandlers } from './handlers/audit';
import { authHandlers } from './handlers/auth';
import { decisionHandlers } from './handlers/decisions';
import { deskHandlers } from './handlers/desk';
import { hardshipHandlers } from './handlers/hardship';
import { policyEditorHandlers } from './handlers/policy-editor';
import { reportHandlers } from './handlers/reports';
import { syncHandlers } from './handlers/sync';

export type { CoreContext, SyncControl } from './context';

export type Handlers = { [M in ApiMethod]: (ctx: CoreContext, input: ApiParsedInput<M>) => ApiOutput<M> };

/** One handler per contract method, gathered from one file per area (core/api/handlers/). */
export const handlers: Handlers = {
  ...deskHandlers,
  ...syncHandlers,
  ...authHandlers,
  ...decisionHandlers,
  ...hardshipHandlers,
  ...policyEditorHandlers,
  ...reportHandlers,
  ...auditHandlers,
};
