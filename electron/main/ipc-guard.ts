/**
 * The checks in front of the one IPC channel, as pure functions (no Electron import).
 * Whatever arrives, the answer is an ApiResult: a foreign sender is refused before its payload is
 * looked at, a malformed payload is invalid_input, and the core (dispatch) validates the rest.
 */
import type { ApiResult } from '../../shared/errors';
import type { InvokeRequest } from '../../shared/host-protocol';
import { isSameOrigin } from './url-policy';

/** What the check reads from Electron's WebFrameMain; structural so tests need no Electron. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Only the top frame of a page from the trusted origin may call the core. */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigin: string): boolean {
  return frame != null && frame.parent === null && isSameOrigin(frame.url, trustedOrigin);
}

export const REFUSED_SENDER: ApiResult<never> = {
  ok: false,
  error: { code: 'refused', message: 'This request did not come from the Front Desk Balances window.' },
};

export const MALFORMED_REQUEST: ApiResult<never> = {
  ok: false,
  error: { code: 'invalid_input', message: 'Malformed request: expected { method, input, session? }.' },
};

const INTERNAL_FAILURE: ApiResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong on this computer. Try again; if it keeps happening, tell your manager.' },
};

export type ParsedRequest = { ok: true; request: InvokeRequest } | { ok: false; result: ApiResult<never> };

export function parseInvokeRequest(payload: unknown): ParsedRequest {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, result: MALFORMED_REQUEST };
  }
  const { method, input, session } = payload as Record<string, unknown>;
  if (typeof method !== 'string') return { ok: false, result: MALFORMED_REQUEST };
  if (session !== undefined && typeof session !== 'string') return { ok: false, result: MALFORMED_REQUEST };
  return { ok: true, request: { method, input, session } };
}

export type Dispatch = (method: string, input: unknown, session: string | undefined) => ApiResult<unknown>;

/**
 * Sender check first, then shape check, then the core. `getFrame` is a function because reading
 * `event.senderFrame` can throw once the frame is gone; that counts as a foreign sender.
 */
export function guardInvoke(
  getFrame: () => SenderFrame | null | undefined,
  payload: unknown,
  trustedOrigin: string,
  run: Dispatch,
): ApiResult<unknown> {
  let trusted: boolean;
  try {
    trusted = isTrustedSender(getFrame(), trustedOrigin);
  } catch {
    trusted = false;
  }
  if (!trusted) return REFUSED_SENDER;
  const parsed = parseInvokeRequest(payload);
  if (!parsed.ok) return parsed.result;
  try {
    return run(parsed.request.method, parsed.request.input, parsed.request.session);
  } catch {
    // dispatch never throws; this only keeps a rejected promise from reaching the renderer.
    return INTERNAL_FAILURE;
  }
}
