/**
 * The browser host's gatekeeping, as pure functions: it answers only to this
 * machine (Host and Origin must name the loopback address it listens on, which
 * defeats DNS rebinding and cross-site requests) and only to the page that was
 * given this launch's token.
 */
import { timingSafeEqual } from 'node:crypto';

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).includes(hostHeader.toLowerCase());
}

/** No Origin (same-origin GET, curl) is fine; a present Origin must be this host's own. */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  return allowedHosts(port).some((host) => originHeader.toLowerCase() === `http://${host}`);
}

export function hasValidToken(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
