/**
 * Starts the sync worker (worker-entry.ts) for one job and reads what it sends, with back-pressure: the
 * worker sends only while it holds a credit and gets one back for each message read, so at most `window`
 * messages wait in memory however far ahead it could run. Errors come back as the same class with the
 * same message (wire-errors.ts).
 *
 * The worker's code: run from the TypeScript sources (tests, the bench), dev-bootstrap.mjs loads it
 * through tsx; in the built app it is `sync-worker.js`, which the build writes beside the app's entry
 * points. When neither is there, or the worker cannot start, `startWorkerJob` answers null and the
 * caller does the job on its own thread: the worker makes sync faster, never possible.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Credit, FromWorker, Job } from './jobs';
import { fromWire, toWire } from './wire-errors';

export interface WorkerStream<T> extends AsyncIterable<T> {
  /** Stops the worker (also when the reading stopped early). */
  close(): Promise<void>;
}

function workerScript(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./dev-bootstrap.mjs', here);
  // Built: this module is in the entry file or in a chunk folder beside the entries.
  for (const candidate of ['./sync-worker.js', '../sync-worker.js']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/**
 * The worker's space for new objects. Its jobs make objects by the million that die within a page (parsed
 * JSON, mapped records): a larger young generation collects them before they are copied out of it. Measured
 * fetching and mapping a 40,000-patient sync (semi-spaces of 32 MB): about 8% less CPU than V8's default.
 */
const YOUNG_GENERATION_MB = 96;

/** Set FRONT_DESK_SYNC_WORKER=off to do every job on the calling thread (a fallback, and a way to compare). */
export const workerDisabled = () => process.env.FRONT_DESK_SYNC_WORKER === 'off';

export async function startWorkerJob<T>(job: Job, window: number): Promise<WorkerStream<T> | null> {
  const script = workerDisabled() ? null : workerScript();
  if (!script) return null;
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { job, window }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  } catch {
    return null;
  }
  const inbox: (FromWorker | { kind: 'exit'; code: number })[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: FromWorker | { kind: 'exit'; code: number }) => {
    inbox.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ kind: 'error', error: toWire(error) }));
  worker.on('exit', (code) => deliver({ kind: 'exit', code }));
  const next = async () => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift()!;
  };
  const close = async () => {
    await worker.terminate();
  };

  if ((await next()).kind !== 'ready') {
    await close();
    return null; // it could not even load: the caller does the job itself
  }
  return {
    close,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const message = await next();
        if (message.kind === 'data') {
          worker.postMessage({ kind: 'credit' } satisfies Credit);
          yield message.data as T;
        } else if (message.kind === 'done') return;
        else if (message.kind === 'error') throw fromWire(message.error);
        else if (message.kind === 'exit') throw new Error(`The sync worker stopped before finishing (exit code ${message.code}).`);
      }
    },
  };
}
