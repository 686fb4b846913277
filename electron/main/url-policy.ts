/**
 * Which URLs the app trusts, as pure functions (no Electron import) so they can be unit-tested.
 * The renderer is served from app://renderer/...; in development (electron-vite dev) from the
 * Vite dev server on the loopback interface. Anything else is foreign.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * scheme://host[:port] of a URL, built by hand because WHATWG URL gives custom schemes such as
 * app:// an opaque "null" origin. Null when there is no host to trust (file:, data:, javascript:,
 * about:, blob:) or the URL carries credentials (user@host tricks).
 */
export function originOf(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isSameOrigin(url: string, origin: string): boolean {
  const actual = originOf(url);
  return actual !== null && actual === origin;
}

export function isAppUrl(url: string): boolean {
  return isSameOrigin(url, APP_ORIGIN);
}

/** A page may only navigate (or be redirected) within the origin it was loaded from. */
export function isAllowedNavigation(url: string, trustedOrigin: string): boolean {
  return isSameOrigin(url, trustedOrigin);
}

export interface RendererLocation {
  /** The URL the window loads. */
  entryUrl: string;
  /** The only origin allowed to navigate to and to call the core over IPC. */
  origin: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where the renderer comes from. The dev-server URL (ELECTRON_RENDERER_URL, set by
 * `electron-vite dev`) is honoured only in an unpackaged app and only on loopback http(s), so an
 * environment variable can never point an installed app at a remote page.
 */
export function rendererLocation(devServerUrl: string | undefined, isPackaged: boolean): RendererLocation {
  if (!isPackaged && devServerUrl) {
    const parsed = parseUrl(devServerUrl);
    const origin = originOf(devServerUrl);
    if (parsed && origin && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && LOOPBACK_HOSTS.has(parsed.hostname)) {
      return { entryUrl: parsed.href, origin };
    }
  }
  return { entryUrl: APP_ENTRY_URL, origin: APP_ORIGIN };
}

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * The file under `rootDir` that an app:// request names, or null when the request is not for the
 * app origin or would leave `rootDir`. The URL parser already folds `..` and `%2e%2e` segments;
 * the containment check after decoding also catches encoded separators (`..%2f`, `..%5c`), drive
 * letters and UNC paths. `pathApi` lets tests check Windows rules on any machine.
 */
export function resolveAppPath(rootDir: string, requestUrl: string, pathApi: PathApi = path): string | null {
  const parsed = parseUrl(requestUrl);
  if (!parsed || !isAppUrl(requestUrl)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes('\0')) return null;
  const relativeName = decoded.replace(/^\/+/, '') || 'index.html';
  const root = pathApi.resolve(rootDir);
  const resolved = pathApi.resolve(root, relativeName);
  const inside = pathApi.relative(root, resolved);
  if (inside === '' || inside === '..' || inside.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(inside)) {
    return null;
  }
  return resolved;
}
