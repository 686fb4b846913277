import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Maps a URL path to a file inside `root`, or null when the path would leave
 * it (../, encoded or not) or is malformed.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded === '/' ? 'index.html' : decoded));
  const inside = relative(root, candidate);
  if (inside.startsWith('..') || inside.includes(`..${sep}`) || normalize(inside) !== inside) return null;
  return candidate;
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a file of the built renderer; unknown paths get index.html (the app routes itself). */
export async function loadStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const path = resolveStaticPath(root, urlPath);
  if (!path) return null;
  const file = (await isFile(path)) ? path : extname(path) ? null : join(root, 'index.html');
  if (!file) return null;
  return { body: await readFile(file), contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
