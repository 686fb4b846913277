/**
 * Serves the built renderer over app://renderer/ instead of file://, so the page has a real
 * origin (CSP 'self', same-origin checks) and can read nothing outside out/renderer.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { fileHeaders, securityHeaders } from './static-headers';
import { APP_SCHEME, resolveAppPath } from './url-policy';

/** Must run before app 'ready'. No bypassCSP, no corsEnabled: other origins get nothing from app://. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function emptyResponse(status: number): Response {
  return new Response(null, { status, headers: securityHeaders() });
}

/** Must run after app 'ready'. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return emptyResponse(405);
    const file = resolveAppPath(rendererDir, request.url);
    if (!file) return emptyResponse(404);
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), { status: 200, headers: fileHeaders(file) });
    } catch {
      return emptyResponse(404); // missing file, or a directory
    }
  });
}
