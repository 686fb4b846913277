/**
 * The sync worker thread: parses files and fetches and maps FHIR pages while the thread that started it
 * writes to the store (the worker never opens the store). It says 'ready' once loaded, then runs its one
 * job, sending a message only while it holds a credit (start-worker.ts gives one back per message taken),
 * then 'done' or the error, as plain data (wire-errors.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Credit, FromWorker, Job } from './jobs';
import { parseFileJob } from './parse-file-job';
import { pullJob } from './pull-job';
import { toWire } from './wire-errors';

const port = parentPort!;
const { job, window } = workerData as { job: Job; window: number };
let credits = window;
let resume: (() => void) | null = null;
port.on('message', (message: Credit) => {
  if (message.kind !== 'credit') return;
  credits += 1;
  resume?.();
  resume = null;
});

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function send(data: Extract<FromWorker, { kind: 'data' }>['data'], transfer: ArrayBuffer[] = []): Promise<void> {
  while (credits === 0) await new Promise<void>((wake) => (resume = wake));
  credits -= 1;
  post({ kind: 'data', data }, transfer);
}

post({ kind: 'ready' });
try {
  if (job.kind === 'parse-file') await parseFileJob(job, send);
  else await pullJob(job, send);
  post({ kind: 'done' });
} catch (error) {
  post({ kind: 'error', error: toWire(error) });
}
port.unref(); // nothing more to wait for: let the thread end
