import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareInstants, isInstant, laterInstant } from './instants';

/** The reference: laterInstant by parsing both sides. */
const byParsing = (a: string | null, b: string | null) => (!isInstant(b) ? a : a === null ? b : compareInstants(b, a) > 0 ? b : a);

describe('laterInstant', () => {
  it('picks the later moment whether or not both are written as UTC milliseconds', () => {
    const moment = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true });
    const written = fc.oneof(
      moment.map((d) => d.toISOString()),
      moment.map((d) => d.toISOString().replace('Z', '+00:00')),
      fc.tuple(moment, fc.constantFrom('+02:00', '-05:00')).map(([d, zone]) => d.toISOString().replace('Z', zone)),
      moment.map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')),
      moment.map((d) => d.toISOString().replace('Z', '4567Z')),
    );
    fc.assert(
      fc.property(fc.option(written, { nil: null }), fc.oneof(written, fc.constant('not an instant'), fc.constant(null)), (a, b) => {
        expect(laterInstant(a, b)).toBe(byParsing(a, b));
      }),
      { numRuns: 5_000 },
    );
  });
});
