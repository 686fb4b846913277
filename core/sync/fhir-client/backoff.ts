/**
 * When to try a request to the main system again. Pure: the caller supplies
 * the random number, so the schedule is testable and the same for a seed.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** Ceiling of the first retry's delay; it doubles with every further failure. */
  baseDelayMs: number;
  /** No delay is longer than this, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8_000 };
/** However a caller configures it, a request is never tried more often than this. */
export const MAX_ATTEMPTS = 10;

/** A complete, bounded policy from defaults and what the caller set. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1 || policy.maxAttempts > MAX_ATTEMPTS) {
    throw new RangeError(`maxAttempts must be a whole number from 1 to ${MAX_ATTEMPTS} (got ${policy.maxAttempts}).`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0 || policy[key] > 600_000) throw new RangeError(`${key} must be 0 to 600,000 ms (got ${policy[key]}).`);
  }
  return policy;
}

/**
 * Milliseconds to wait after the `failures`-th failed attempt (1 after the first): exponential backoff
 * with "equal jitter". The ceiling is min(maxDelayMs, baseDelayMs * 2^(failures - 1)); the delay is half
 * the ceiling plus `random` (in [0, 1)) times the other half, so retries from many desks spread out yet
 * every wait still grows. A server's Retry-After is honoured when longer, up to maxDelayMs.
 */
export function backoffDelay(failures: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: number, retryAfterMs: number | null = null): number {
  const n = Math.max(1, Math.floor(Number.isFinite(failures) ? failures : 1));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(n - 1, 40));
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0;
  const delay = Math.round(ceiling / 2 + (ceiling / 2) * r);
  return retryAfterMs !== null && retryAfterMs > delay ? Math.min(policy.maxDelayMs, Math.round(retryAfterMs)) : delay;
}

/** Statuses worth another try: the server's trouble (5xx, except "not implemented" and "version not supported"), 408 and 429. */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `nowMs`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
