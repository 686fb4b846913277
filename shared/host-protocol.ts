/**
 * How the renderer reaches the core, for both hosts.
 *  - Electron: the preload exposes `window.frontDesk.invoke(method, input)` over one IPC channel.
 *  - Browser host: POST {method, input} as JSON to API_PATH with the per-launch token as a bearer
 *    token. The token reaches the page in the URL fragment (#token=...), which browsers never send
 *    to servers, so it stays out of logs and Referer headers.
 * Both answer with an ApiResult. Each call also carries the staff member's session token (from
 * signIn), kept in the renderer's memory only; the core decides what that session may do.
 */
export const IPC_CHANNEL = 'front-desk:invoke';
export const API_PATH = '/api/invoke';
export const TOKEN_FRAGMENT_KEY = 'token';

export interface InvokeRequest {
  method: string;
  input: unknown;
  session?: string;
}
