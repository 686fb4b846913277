/**
 * The whole surface the renderer gets: one `invoke` that always resolves with an ApiResult.
 * Pure (the IPC call is passed in) so it bundles into the sandboxed preload and is unit-tested.
 */
import type { ApiResult } from '../../shared/errors';
import type { InvokeRequest } from '../../shared/host-protocol';

/** Same shape as FrontDeskBridge in renderer/src/api/client.ts. */
export interface Bridge {
  invoke(method: string, input: unknown, session?: string): Promise<ApiResult<unknown>>;
}

const UNREACHABLE: ApiResult<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'The request could not be sent on this computer. Try again; if it keeps happening, tell your manager.' },
};

export function createBridge(send: (request: InvokeRequest) => Promise<unknown>): Bridge {
  return {
    // A rejection (input that cannot be copied across processes, the main process going away)
    // becomes a typed result, so the renderer only ever handles ApiResults.
    invoke: (method, input, session) => send({ method, input, session }).then((result) => result as ApiResult<unknown>, () => UNREACHABLE),
  };
}
