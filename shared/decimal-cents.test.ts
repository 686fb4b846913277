import { describe, expect, it } from 'vitest';
import { decimalToCents } from './decimal-cents';

describe('decimalToCents', () => {
  it.each([
    ['224.83', 22483],
    ['224.8', 22480],
    ['224', 22400],
    ['.5', 50],
    ['-13.65', -1365],
    ['+7.10', 710],
    ['0.005', 1],
    ['-0.005', -1],
    ['224.835', 22484],
    ['224.8349999', 22483],
    ['00012.30', 1230],
  ])('%s -> %i cents', (text, cents) => expect(decimalToCents(text)).toBe(cents));

  it('reads JSON numbers with float artifacts once, exactly', () => {
    expect(decimalToCents(224.83200000000002)).toBe(22483);
    expect(decimalToCents(0.1 + 0.2)).toBe(30);
    expect(decimalToCents(1e-7)).toBe(0);
    expect(decimalToCents(129.99)).toBe(12999);
  });

  it.each(['', 'abc', '1.2.3', '1,000.00', '--1', 'NaN', '12e3', '$5'])('refuses %j', (text) => expect(decimalToCents(text)).toBeNull());
  it('refuses non-finite numbers and absurd sizes', () => {
    expect(decimalToCents(Number.NaN)).toBeNull();
    expect(decimalToCents(Number.POSITIVE_INFINITY)).toBeNull();
    expect(decimalToCents('12345678901234567')).toBeNull();
  });
});
