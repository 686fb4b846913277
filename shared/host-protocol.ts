/**
 * How the renderer reaches the core, for both hosts.
 *  - Electron: the preload exposes `window.frontDesk.invoke(method, input)` over one IPC channel.
 *  - Browser host: POST {method, input} as JSON to API_PATH with the per-launch token as a bearer
 *    token. The token reaches the page in the URL fragment (#token=...), which browsers never send
 *    to servers, so it stays out of logs and Referer headers.
 * Both answer with an ApiResult.
 */
export const IPC_CHANNEL = 'front-desk:invoke';
export const API_PATH = '/api/invoke';
export const TOKEN_FRAGMENT_KEY = 'token';

export interface InvokeRequest {
  method: string;
  input: unknown;
}

/** Content-Security-Policy for the renderer, sent by both hosts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine writes its theme variables into a <style> element at runtime.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
