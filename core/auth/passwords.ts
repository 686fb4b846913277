/**
 * Passwords are kept only as a salted, deliberately slow scrypt hash (node:crypto), encoded with its
 * parameters so they can be raised later without invalidating stored hashes:
 *   scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** ~50 ms on the desk's machines: cheap for one sign-in, expensive for a guessing attack. */
export const DEFAULT_COST: ScryptCost = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const maxmem = (cost: ScryptCost) => 256 * cost.N * cost.r;

export function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: maxmem(cost) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { ...cost, maxmem: maxmem(cost) });
  return timingSafeEqual(actual, expected);
}

let cachedDummyHash: string | undefined;

/**
 * Compared against when the user name is unknown, so a wrong name takes as long as a wrong password.
 * Made on first use: hashing at import would slow the start of every process that loads the core.
 */
export function dummyHash(): string {
  return (cachedDummyHash ??= hashPassword('not-a-real-password'));
}
