import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncScheduler } from './scheduler';

afterEach(() => vi.useRealTimers());

describe('SyncScheduler', () => {
  it('runs one sync at a time: a second request joins the first', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const scheduler = new SyncScheduler({ intervalMs: 60_000, run: () => ((calls += 1), new Promise<void>((r) => (release = r))) });
    const a = scheduler.runNow();
    const b = scheduler.runNow();
    expect(a).toBe(b);
    release();
    await a;
    expect(calls).toBe(1);
    scheduler.stop();
  });

  it('backs off after failures and returns to the interval after a success', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    const results = [new Error('HTTP 500'), new Error('timeout'), null];
    const scheduler = new SyncScheduler({
      intervalMs: 300_000,
      random: () => 0.999_999,
      backoff: { baseDelayMs: 1_000, maxDelayMs: 60_000 },
      run: async () => {
        const next = results.shift();
        if (next) throw next;
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.state).toMatchObject({ consecutiveFailures: 1, lastError: 'HTTP 500', nextRunAt: '2026-11-22T10:00:01.000Z' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(scheduler.state).toMatchObject({ consecutiveFailures: 2, lastError: 'timeout' });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(scheduler.state).toMatchObject({ consecutiveFailures: 0, lastError: null, lastSuccessAt: '2026-11-22T10:00:03.000Z', nextRunAt: '2026-11-22T10:05:03.000Z' });
    scheduler.stop();
  });
});
