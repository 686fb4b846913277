/**
 * FHIR instants (meta.lastUpdated) compared by the moment they name: any UTC
 * offset, any number of fractional digits. A sync cursor is the largest one
 * seen and is never moved back.
 */

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

interface Moment {
  ms: number;
  /** Fractional digits beyond milliseconds, trailing zeros removed ("" when none). */
  sub: string;
}

function moment(instant: string): Moment | null {
  const match = INSTANT.exec(instant);
  if (!match) return null;
  const [, head, fraction = '', zone] = match;
  const ms = Date.parse(`${head}.${fraction.slice(0, 3).padEnd(3, '0')}${zone}`);
  return Number.isNaN(ms) ? null : { ms, sub: fraction.slice(3).replace(/0+$/, '') };
}

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && moment(value) !== null;
}

/** Negative, zero or positive as a is before, at or after b. Throws on text that is no FHIR instant. */
export function compareInstants(a: string, b: string): number {
  const x = moment(a);
  const y = moment(b);
  if (!x) throw new RangeError(`Not a FHIR instant: ${a}`);
  if (!y) throw new RangeError(`Not a FHIR instant: ${b}`);
  if (x.ms !== y.ms) return x.ms < y.ms ? -1 : 1;
  const width = Math.max(x.sub.length, y.sub.length);
  const xs = x.sub.padEnd(width, '0');
  const ys = y.sub.padEnd(width, '0');
  return xs === ys ? 0 : xs < ys ? -1 : 1;
}

/** UTC with milliseconds ("2026-11-22T13:42:14.834Z"), as servers usually write lastUpdated: such texts sort as their moments do. */
const UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The later of two instants (null means none); text that is no instant never wins. `a` must be an instant or null. */
export function laterInstant(a: string | null, b: string | null | undefined): string | null {
  if (!isInstant(b)) return a;
  if (a === null) return b;
  // Both valid and written the same way: comparing the texts is comparing the moments (no second parse).
  if (UTC_MS.test(a) && UTC_MS.test(b)) return b > a ? b : a;
  return compareInstants(b, a) > 0 ? b : a;
}
