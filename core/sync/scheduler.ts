/**
 * When sync runs: every N minutes, on "Sync now", and when the network comes
 * back; never two at once (a request during a run joins it); after a failure,
 * exponential backoff with jitter instead of the regular interval.
 */

import { backoffDelay } from './fhir-client/backoff';

/** Waits between failed syncs: the same exponential backoff with jitter as the FHIR client's retries. */
export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 };

export interface SchedulerState {
  running: boolean;
  consecutiveFailures: number;
  lastError: string | null;
  lastSuccessAt: string | null;
  nextRunAt: string | null;
}

export interface SchedulerOptions {
  run: () => Promise<void>;
  intervalMs: number;
  now?: () => Date;
  random?: () => number;
  backoff?: BackoffPolicy;
  onChange?: (state: SchedulerState) => void;
}

export class SyncScheduler {
  private readonly options: Required<Omit<SchedulerOptions, 'onChange'>> & Pick<SchedulerOptions, 'onChange'>;
  private current: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  readonly state: SchedulerState = { running: false, consecutiveFailures: 0, lastError: null, lastSuccessAt: null, nextRunAt: null };

  constructor(options: SchedulerOptions) {
    this.options = { now: () => new Date(), random: Math.random, backoff: DEFAULT_BACKOFF, ...options };
  }

  start(): void {
    this.stopped = false;
    void this.runNow();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state.nextRunAt = null;
  }

  /** Resolves when no run is in progress (for a clean shutdown). */
  idle(): Promise<void> {
    return this.current ?? Promise.resolve();
  }

  /** Runs now, or joins the run in progress. Never rejects: failures are in `state`. */
  runNow(): Promise<void> {
    if (this.current) return this.current;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state.running = true;
    this.changed();
    this.current = this.options
      .run()
      .then(
        () => {
          this.state.consecutiveFailures = 0;
          this.state.lastError = null;
          this.state.lastSuccessAt = this.options.now().toISOString();
        },
        (error: unknown) => {
          this.state.consecutiveFailures += 1;
          this.state.lastError = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        this.current = null;
        this.state.running = false;
        this.schedule();
        this.changed();
      });
    return this.current;
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.state.consecutiveFailures > 0 ? backoffDelay(this.state.consecutiveFailures, this.options.backoff, this.options.random()) : this.options.intervalMs;
    this.state.nextRunAt = new Date(this.options.now().getTime() + delay).toISOString();
    this.timer = setTimeout(() => void this.runNow(), delay);
    this.timer.unref?.();
  }

  private changed(): void {
    this.options.onChange?.({ ...this.state });
  }
}
