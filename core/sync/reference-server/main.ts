/**
 * `npm run main-system -- --patients 2000 --port 8090`: runs the reference
 * main system until interrupted. Its first line on stdout is the FHIR base URL
 * (printed once the server is seeded and listening); progress goes to stderr.
 *
 * Options: --patients N (default 2000), --port P (default 8090, 0 = any free port), --seed S (default 1),
 * --today YYYY-MM-DD (default today, local date), --history-days D (default: the generator's two years).
 * A large seed needs a large heap (about 35 KB a patient with the JSON text it keeps: 200,000 patients take
 * about 7 GB); when the heap limit is too small the CLI restarts itself once with a larger --max-old-space-size
 * and garbage collection set for a big heap (BIG_HEAP_GC_FLAGS).
 */
import { spawn } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { startReferenceServer } from './server';

const RESPAWNED = 'FRONT_DESK_MAIN_SYSTEM_RESPAWNED';
/** Heap per seeded patient, with room to spare, and a floor for everything else. */
const HEAP_MB_PER_PATIENT = 0.055;
const HEAP_MB_BASE = 1_024;
/**
 * Garbage collection for a big seed's heap (gigabytes that stay put while the server serves): a young
 * generation kept at 64 MB semi-spaces and collected when full, instead of shrunk to 1 MB and collected from
 * idle-time tasks, and no memory-reducing full collections. Each young collection of a 7 GB heap costs about
 * 30 ms however little it frees: serving a 200,000-patient full sync, V8's defaults ran 460 to 790 of them
 * (11 to 31 s of CPU, taken from the client on a machine the two share) and a 6 s full collection. 64 MB
 * rather than 16 MB: the server served the same pages with 15% less CPU, and seeded in 98 s instead of 127 s.
 */
const BIG_HEAP_GC_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=64', '--no-minor-gc-task', '--no-memory-reducer'];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function whole(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number (got ${value}).`);
    process.exit(2);
  }
  return n;
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const patients = whole(option(args, 'patients'), 2_000, 'patients');
  const port = whole(option(args, 'port'), 8_090, 'port');
  const seed = whole(option(args, 'seed'), 1, 'seed');
  const historyText = option(args, 'history-days');
  const today = option(args, 'today') ?? localToday();

  const neededMb = Math.ceil(HEAP_MB_BASE + patients * HEAP_MB_PER_PATIENT);
  const limitMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  if (limitMb < neededMb && !process.env[RESPAWNED]) {
    console.error(`Heap limit ${Math.round(limitMb)} MB is too small for ${patients} patients: restarting with --max-old-space-size=${neededMb} ${BIG_HEAP_GC_FLAGS.join(' ')}.`);
    const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${neededMb}`, ...BIG_HEAP_GC_FLAGS, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, [RESPAWNED]: '1' },
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }

  let lastReport = 0;
  const server = await startReferenceServer({
    patients,
    seed,
    today,
    port,
    ...(historyText !== undefined ? { historyDays: whole(historyText, 730, 'history-days') } : {}),
    onProgress: (done, total) => {
      const now = Date.now();
      if (done === total || now - lastReport > 2_000) {
        lastReport = now;
        console.error(`seeded ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} patients`);
      }
    },
  });
  process.stdout.write(`${server.baseUrl}\n`);
  const { seconds, resources } = server.seeded;
  console.error(
    `Reference main system at ${server.baseUrl}: ${patients.toLocaleString('en-US')} patients (${Object.entries(resources)
      .map(([type, n]) => `${n.toLocaleString('en-US')} ${type}`)
      .join(', ')}) seeded in ${seconds.toFixed(1)} s (${Math.round(patients / Math.max(seconds, 0.001)).toLocaleString('en-US')} patients/s), today ${today}.`,
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
