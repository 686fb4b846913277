import { describe, expect, it } from 'vitest';
import { formatCents, parseDollarsToCents } from './money';

describe('formatCents', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [1999, '$19.99'],
    [123456789, '$1,234,567.89'],
    [-300, '-$3.00'],
  ])('%i -> %s', (cents, text) => expect(formatCents(cents)).toBe(text));
});

describe('parseDollarsToCents', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.05', 1205],
    ['$1,234.56', 123456],
    [' 0.10 ', 10],
    ['-3', -300],
  ])('%s -> %i', (text, cents) => expect(parseDollarsToCents(text)).toBe(cents));
  it.each(['', 'abc', '1.234', '12.', '1e3', '$', '--1', '0x10'])('refuses %s', (text) => {
    expect(parseDollarsToCents(text)).toBeNull();
  });
  it('never loses a cent to floating point', () => {
    for (let cents = 0; cents < 100_000; cents += 7) {
      expect(parseDollarsToCents(formatCents(cents))).toBe(cents);
    }
  });
});
