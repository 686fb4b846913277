/**
 * Faults a reference server injects, per instance, armed at run time by tests
 * (or over HTTP with POST /__faults): each arms a count of requests or pages
 * and is used up as they are served.
 *
 * - failNext(n, status): the next n requests are answered with an HTTP error (500 by default), unprocessed.
 * - delayNext(n, ms): the next n responses wait ms before they are sent (the request is processed first).
 * - dropNext(n): the next n responses are cut: headers and half the body are sent, then the connection is destroyed.
 *   The request was processed (a POST did create): exactly the case a retry with conditional create must survive.
 * - duplicateNextPage(n): the next n search pages that have a next page link to themselves first, so the
 *   client receives the same page twice before the real next page.
 * - reorderNextPages(n): the next n search pages with at least two pages after them link past the next page,
 *   which then follows the one after it: pages arrive k, k+2, k+1, k+3.
 */

export interface FaultCounts {
  failed: number;
  delayed: number;
  dropped: number;
  duplicated: number;
  reordered: number;
}

export interface FaultPlan {
  fail?: number;
  failStatus?: number;
  delay?: number;
  delayMs?: number;
  drop?: number;
  duplicate?: number;
  reorder?: number;
  reset?: boolean;
}

const count = (n: number) => {
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new RangeError(`A fault count must be an integer from 0 to 1,000,000 (got ${n}).`);
  return n;
};

export class Faults {
  private fail = 0;
  private failStatus = 500;
  private delay = 0;
  private delayMs = 0;
  private drop = 0;
  private duplicate = 0;
  private reorder = 0;
  /** What was injected so far. */
  readonly injected: FaultCounts = { failed: 0, delayed: 0, dropped: 0, duplicated: 0, reordered: 0 };

  failNext(n: number, status = 500): this {
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError(`Not an HTTP error status: ${status}`);
    this.fail = count(n);
    this.failStatus = status;
    return this;
  }

  delayNext(n: number, ms: number): this {
    if (!Number.isFinite(ms) || ms < 0 || ms > 600_000) throw new RangeError(`A delay must be 0 to 600,000 ms (got ${ms}).`);
    this.delay = count(n);
    this.delayMs = ms;
    return this;
  }

  dropNext(n: number): this {
    this.drop = count(n);
    return this;
  }

  duplicateNextPage(n = 1): this {
    this.duplicate = count(n);
    return this;
  }

  reorderNextPages(n = 1): this {
    this.reorder = count(n);
    return this;
  }

  reset(): this {
    this.fail = this.delay = this.drop = this.duplicate = this.reorder = 0;
    return this;
  }

  /** Applies a plan as POST /__faults sends it. */
  apply(plan: FaultPlan): this {
    if (plan.reset) this.reset();
    if (plan.fail !== undefined) this.failNext(plan.fail, plan.failStatus);
    if (plan.delay !== undefined) this.delayNext(plan.delay, plan.delayMs ?? 0);
    if (plan.drop !== undefined) this.dropNext(plan.drop);
    if (plan.duplicate !== undefined) this.duplicateNextPage(plan.duplicate);
    if (plan.reorder !== undefined) this.reorderNextPages(plan.reorder);
    return this;
  }

  /** What is still armed. */
  pending(): Required<Omit<FaultPlan, 'reset'>> {
    return { fail: this.fail, failStatus: this.failStatus, delay: this.delay, delayMs: this.delayMs, drop: this.drop, duplicate: this.duplicate, reorder: this.reorder };
  }

  // The server's side: each take* uses one armed fault up, if any.

  takeFailure(): number | null {
    if (this.fail === 0) return null;
    this.fail--;
    this.injected.failed++;
    return this.failStatus;
  }

  takeDelay(): number | null {
    if (this.delay === 0) return null;
    this.delay--;
    this.injected.delayed++;
    return this.delayMs;
  }

  takeDrop(): boolean {
    if (this.drop === 0) return false;
    this.drop--;
    this.injected.dropped++;
    return true;
  }

  takeDuplicate(): boolean {
    if (this.duplicate === 0) return false;
    this.duplicate--;
    this.injected.duplicated++;
    return true;
  }

  /** Reordering needs two pages after this one: peek first, take once it can be done. */
  wantsReorder(): boolean {
    return this.reorder > 0;
  }

  takeReorder(): void {
    if (this.reorder === 0) return;
    this.reorder--;
    this.injected.reordered++;
  }
}
