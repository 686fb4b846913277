/** The fast readers of untrusted FHIR JSON give exactly what the plain rules give. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToCents } from '../../../shared/decimal-cents';
import { MAX_STRING, MappingProblem, checkStrings, codesOf, isoDate, moneyCents, objects } from './json';

/** The reference: the date through Date, as the mapping first read it. */
function isoDateByDate(value: unknown): string | null {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${y}-${m}-${d}` ? `${y}-${m}-${d}` : null;
}

describe('moneyCents', () => {
  it('turns any JSON number into the cents decimalToCents gives (or refuses it the same way)', () => {
    const amounts = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 100),
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 1000),
      fc.constantFrom(0, -0, 224.83200000000002, 0.1 + 0.2, 1.005, 9999999999999.99, 1e13, -1e13, 1e-7, 5e-3, -5e-3),
    );
    fc.assert(
      fc.property(amounts, (value) => {
        const expected = decimalToCents(value);
        if (expected === null) expect(() => moneyCents({ value }, 'test')).toThrow(MappingProblem);
        else expect(Object.is(moneyCents({ value }, 'test'), expected)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('isoDate', () => {
  it('reads a date exactly as the Date-based check did', () => {
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    const dates = fc.oneof(
      fc.tuple(digits(4), digits(2), digits(2), fc.constantFrom('', 'T10:00:00Z', 'x')).map(([y, m, d, rest]) => `${y}-${m}-${d}${rest}`),
      fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc.string(),
    );
    fc.assert(
      fc.property(dates, (value) => {
        expect(isoDate(value)).toBe(isoDateByDate(value));
      }),
      { numRuns: 20_000 },
    );
    for (const value of ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '0000-01-01', '2026-04-31', '2026-12-31', 12, null]) expect(isoDate(value), String(value)).toBe(isoDateByDate(value));
  });
});

describe('checkStrings', () => {
  it('rejects a long text anywhere, however deep, and nothing else', () => {
    const long = 'x'.repeat(MAX_STRING + 1);
    expect(() => checkStrings({ a: [{ b: [1, null, { c: long }] }] })).toThrow(`a text of ${MAX_STRING + 1} characters`);
    expect(() => checkStrings([long])).toThrow(MappingProblem);
    expect(() => checkStrings(long)).toThrow(MappingProblem);
    expect(() => checkStrings({ a: 'x'.repeat(MAX_STRING), b: [true, 1, null, { c: [[['ok']]] }] })).not.toThrow();
    let deep: unknown = long;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => checkStrings(deep)).toThrow(MappingProblem); // no recursion limit
  });
});

describe('objects and codesOf', () => {
  it('keep only objects and codes, without copying an array that holds nothing else', () => {
    const all = [{ a: 1 }, { b: 2 }];
    expect(objects(all)).toBe(all);
    expect(objects([{ a: 1 }, 'x', null, [1], { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(objects('x')).toEqual([]);
    expect(codesOf({ coding: [{ code: ' A ' }, { code: '' }, { system: 's' }, 'junk', { code: 7 }, { code: 'b' }] })).toEqual(['A', 'b']);
    expect(codesOf(null)).toEqual([]);
  });
});
