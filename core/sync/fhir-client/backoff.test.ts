import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, MAX_ATTEMPTS, backoffDelay, isRetryableStatus, parseRetryAfter, retryPolicy } from './backoff';
import { compareInstants, isInstant, laterInstant } from './instants';

const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles its ceiling with every failure, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, 1))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    expect(backoffDelay(3, policy, 0)).toBe(200);
    expect(backoffDelay(3, policy, 0.5)).toBe(300);
    expect(backoffDelay(3, policy, 0.999999)).toBe(400);
    for (let i = 0; i < 200; i++) {
      const r = i / 200;
      const d = backoffDelay(4, policy, r);
      expect(d).toBeGreaterThanOrEqual(400);
      expect(d).toBeLessThanOrEqual(800);
    }
  });

  it('never shrinks from one failure to the next at the same random draw', () => {
    for (const r of [0, 0.3, 0.7, 0.99]) {
      const delays = Array.from({ length: 12 }, (_, i) => backoffDelay(i + 1, policy, r));
      expect(delays).toEqual([...delays].sort((a, b) => a - b));
    }
  });

  it('clamps odd inputs instead of producing NaN or negative waits', () => {
    expect(backoffDelay(0, policy, 0.5)).toBe(75);
    expect(backoffDelay(-3, policy, 0.5)).toBe(75);
    expect(backoffDelay(Number.NaN, policy, 0.5)).toBe(75);
    expect(backoffDelay(2, policy, -1)).toBe(100);
    expect(backoffDelay(2, policy, 7)).toBe(200);
    expect(backoffDelay(2, policy, Number.NaN)).toBe(100);
    expect(backoffDelay(10_000, policy, 1)).toBe(1_000);
  });

  it('honours a longer Retry-After, but never past the maximum', () => {
    expect(backoffDelay(1, policy, 0, 600)).toBe(600);
    expect(backoffDelay(1, policy, 0, 5_000)).toBe(1_000);
    expect(backoffDelay(4, policy, 1, 10)).toBe(800);
  });
});

describe('retry policy', () => {
  it('fills in defaults and refuses unbounded settings', () => {
    expect(retryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
    expect(retryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    expect(() => retryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => retryPolicy({ maxAttempts: MAX_ATTEMPTS + 1 })).toThrow(RangeError);
    expect(() => retryPolicy({ maxAttempts: 2.5 })).toThrow(RangeError);
    expect(() => retryPolicy({ baseDelayMs: -1 })).toThrow(RangeError);
    expect(() => retryPolicy({ maxDelayMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it('retries the server’s trouble, not the client’s mistakes', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [200, 201, 400, 401, 403, 404, 409, 412, 422, 501, 505]) expect(isRetryableStatus(status)).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('instants', () => {
  it('compares by the moment, across offsets and precisions', () => {
    expect(compareInstants('2026-11-22T10:00:00.000Z', '2026-11-22T12:00:00+02:00')).toBe(0);
    expect(compareInstants('2026-11-22T10:00:00.1Z', '2026-11-22T10:00:00.100Z')).toBe(0);
    expect(compareInstants('2026-11-22T10:00:00.1Z', '2026-11-22T10:00:00.123Z')).toBeLessThan(0);
    expect(compareInstants('2026-11-22T10:00:00.1234Z', '2026-11-22T10:00:00.123Z')).toBeGreaterThan(0);
    expect(compareInstants('2026-11-22T10:00:00.123400Z', '2026-11-22T10:00:00.1234Z')).toBe(0);
    expect(compareInstants('2026-11-22T09:59:59Z', '2026-11-22T10:00:00-00:30')).toBeLessThan(0);
    expect(() => compareInstants('2026-11-22', '2026-11-22T10:00:00Z')).toThrow(RangeError);
  });

  it('keeps the later one, ignoring text that is no instant', () => {
    expect(laterInstant(null, '2026-11-22T10:00:00Z')).toBe('2026-11-22T10:00:00Z');
    expect(laterInstant('2026-11-22T10:00:00Z', '2026-11-22T09:00:00Z')).toBe('2026-11-22T10:00:00Z');
    expect(laterInstant('2026-11-22T10:00:00Z', 'yesterday')).toBe('2026-11-22T10:00:00Z');
    expect(laterInstant('2026-11-22T10:00:00Z', undefined)).toBe('2026-11-22T10:00:00Z');
    expect(isInstant('2026-11-22T10:00:00.5+05:30')).toBe(true);
    expect(isInstant('2026-11-22T10:00')).toBe(false);
  });
});
