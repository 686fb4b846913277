import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/contract';
import type { ApiResult } from '../../../shared/errors';
import { ApiError } from '../../../shared/errors';
import { API_PATH, TOKEN_FRAGMENT_KEY } from '../../../shared/host-protocol';

/** What the Electron preload exposes on window (see electron/preload). */
export interface FrontDeskBridge {
  invoke(method: string, input: unknown, session?: string): Promise<ApiResult<unknown>>;
}

declare global {
  interface Window {
    frontDesk?: FrontDeskBridge;
  }
}

const TOKEN_STORAGE_KEY = 'front-desk-token';

/** Takes the browser host's token from the URL fragment once, then keeps it for this tab only. */
function browserToken(): string {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = fragment.get(TOKEN_FRAGMENT_KEY);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

/**
 * The signed-in staff member's session token: in this page's memory only (never storage), so
 * closing or reloading the window signs them out.
 */
let sessionToken: string | undefined;
const signedOutListeners = new Set<(message: string) => void>();

/** What the store uses to hold the session and hear that the core ended it (idle, lock elsewhere). */
export const sessionChannel = {
  setToken(token: string | null): void {
    sessionToken = token ?? undefined;
  },
  onSignedOut(listener: (message: string) => void): () => void {
    signedOutListeners.add(listener);
    return () => signedOutListeners.delete(listener);
  },
};

async function invokeOverHttp(method: string, input: unknown, session: string | undefined): Promise<ApiResult<unknown>> {
  try {
    const response = await fetch(API_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${browserToken()}` },
      body: JSON.stringify({ method, input, session }),
    });
    return (await response.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'The Front Desk service is not reachable. Is it still running?' } };
  }
}

function rawInvoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
  return window.frontDesk ? window.frontDesk.invoke(method, input, sessionToken) : invokeOverHttp(method, input, sessionToken);
}

/** Calls the core; resolves with the typed value or rejects with an ApiError. */
export async function api<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await rawInvoke(method, input);
  if (!result.ok && result.error.code === 'unauthenticated') {
    sessionToken = undefined;
    for (const listener of signedOutListeners) listener(result.error.message);
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.issues);
  return result.value as ApiOutput<M>;
}

/** Capture the token as soon as the app loads, before anything else reads the URL. */
export function initApiClient(): void {
  if (!window.frontDesk) browserToken();
}
