import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { ReportName } from '../reports/reports';
import { REPORT_NAMES } from '../reports/reports';
import type { CliIo } from './commands';
import { userDataDir } from '../app-store/user-data-dir';
import { balanceCommand, demoCommand, initCommand, searchCommand, serveCommand, startCommand } from './commands';
import { CliError, EXIT } from './exit-codes';
import { exportOutboxCommand, importCommand, verifyCommand } from './import';
import { pendingCommand, reportCommand } from './report';
import { syncCommand } from './sync';
import type { RecordTarget } from './record';
import { recordCommand } from './record';

function positiveInt(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}.`);
    return n;
  };
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError('--port must be 0 (any free port) to 65535.');
  return n;
}

function isoDate(value: string, option = '--today'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError(`${option} must be a date like 2026-11-22.`);
  return value;
}

export interface CliEnvironment extends CliIo {
  /** The built renderer the browser host serves. */
  staticDir: string;
  /** Called by `serve` with a stop function once the host listens (main.ts wires signals to it). */
  onServing?: (stop: () => Promise<void>) => void;
}

function buildProgram(env: CliEnvironment): Command {
  const program = new Command('front-desk')
    .description('Front Desk Balances: patient balances and what the financial policy allows, from the command line.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => env.out(s.trimEnd()), writeErr: (s) => env.err(s.trimEnd()) })
    .showHelpAfterError(false);

  program
    .command('demo')
    .description('Create a demo practice database (deterministic: same seed and date, same data).')
    .requiredOption('--db <path>', 'where to create the database (must not exist)')
    .option('--patients <n>', 'number of patients', positiveInt('--patients', 1_000_000), 2_000)
    .option('--seed <s>', 'random seed', positiveInt('--seed'), 1)
    .option('--today <date>', 'reference date (default: today)', isoDate)
    .action((o: { db: string; patients: number; seed: number; today?: string }) => demoCommand(env, o));

  program
    .command('init')
    .description('Create an empty store for a practice: no patients (they come from sync or import) and no accounts (the app asks for the first manager).')
    .requiredOption('--db <path>', 'where to create the database (must not exist)')
    .option('--practice-name <name>', 'the practice name shown in the app')
    .action((o: { db: string; practiceName?: string }) => initCommand(env, o));

  program
    .command('search')
    .description('Find patients by name parts (any order), date of birth, MRN or phone.')
    .requiredOption('--db <path>', 'database file')
    .argument('<text...>', 'what to search for')
    .option('--json', 'print JSON: [{ id, mrn, name, dob }]', false)
    .option('--limit <n>', 'at most this many results (1-50)', positiveInt('--limit', 50))
    .action((text: string[], o: { db: string; json: boolean; limit?: number }) => searchCommand(env, { ...o, text: text.join(' ') }));

  program
    .command('balance')
    .description("A patient's open items and what is owed.")
    .requiredOption('--db <path>', 'database file')
    .option('--mrn <mrn>', 'the patient by MRN')
    .option('--id <id>', 'the patient by the id `search` prints', positiveInt('--id'))
    .option('--json', 'print JSON', false)
    .action((o: { db: string; mrn?: string; id?: number; json: boolean }) => balanceCommand(env, o));

  program
    .command('serve')
    .description('Serve the app to a browser on this computer (127.0.0.1); prints the URL with its access token first.')
    .requiredOption('--db <path>', 'database file')
    .option('--port <n>', 'port (0 = any free port)', port, 0)
    .option('--fhir <url>', "sync with the main system's FHIR R4 API at this address (remembered)")
    .action(async (o: { db: string; port: number; fhir?: string }) => {
      const host = await serveCommand(env, { ...o, staticDir: env.staticDir });
      env.onServing?.(host.stop);
    });

  const record = program
    .command('record')
    .description("Act on a patient's balance as the desk does: pay, carry-forward, request-write-off.")
    .enablePositionalOptions()
    .requiredOption('--db <path>', 'database file')
    .option('--mrn <mrn>', 'the patient by MRN')
    .option('--id <id>', 'the patient by the id `search` prints', positiveInt('--id'))
    .option('--json', 'print JSON: { result, balance }', false)
    .option('--key <key>', 'idempotency key: repeating a command with the same key records it once');
  const target = (): RecordTarget => record.opts<RecordTarget>();

  record
    .command('pay')
    .description("Record a payment (today's copay first, then the oldest balances).")
    .argument('<amount>', 'dollars and cents, e.g. 25 or 25.00')
    .requiredOption('--method <method>', 'cash, check or card', (v: string) => {
      if (v !== 'cash' && v !== 'check' && v !== 'card') throw new InvalidArgumentError('--method must be cash, check or card.');
      return v;
    })
    .option('--ref <reference>', 'check number or card reference (required for check and card)')
    .action((amount: string, o: { method: 'cash' | 'check' | 'card'; ref?: string }) => recordCommand(env, target(), { kind: 'pay', amount, ...o }));

  record
    .command('carry-forward')
    .description('Carry a small balance forward to the next visit instead of a statement.')
    .requiredOption('--item <id>', 'the item id (`balance` lists them)', positiveInt('--item'))
    .action((o: { item: number }) => recordCommand(env, target(), { kind: 'carry-forward', item: o.item }));

  record
    .command('request-write-off')
    .description('Ask a manager to approve writing off an item.')
    .requiredOption('--item <id>', 'the item id', positiveInt('--item'))
    .requiredOption('--reason <text>', 'why, in a few words')
    .option('--doc <reference>', 'where the documentation is (scan id, form number)')
    .action((o: { item: number; reason: string; doc?: string }) => recordCommand(env, target(), { kind: 'request-write-off', ...o }));

  program
    .command('import')
    .description('Import files from the main system: X12 835 remittances (5010, 4010), FHIR R4 JSON/NDJSON bundles, CSV balance exports.')
    .requiredOption('--db <path>', 'database file')
    .argument('<files...>', 'files to import; each is imported whole or refused whole')
    .option('--json', 'print a JSON summary per file on stdout', false)
    .action((files: string[], o: { db: string; json: boolean }) => importCommand(env, { ...o, files }));

  program
    .command('sync')
    .description("Sync with the main system's FHIR R4 API: push decisions and payments, pull what changed.")
    .requiredOption('--db <path>', 'database file')
    .requiredOption('--fhir <url>', 'FHIR R4 base URL of the main system (e.g. http://127.0.0.1:8090/fhir/R4)')
    .option('--once', 'one sync, then exit (non-zero if it failed)', false)
    .option('--minutes <n>', 'minutes between syncs (default 5)', positiveInt('--minutes', 1440))
    .option('--json', 'with --once: print the status and the run as JSON', false)
    .action((o: { db: string; fhir: string; once: boolean; json: boolean; minutes?: number }) => syncCommand(env, { ...o, onServing: env.onServing }));

  program
    .command('pending')
    .description("What waits for a manager: write-off requests, ended carry-forwards, bad-debt candidates, sync conflicts, quarantined records.")
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON', false)
    .action((o: { db: string; json: boolean }) => pendingCommand(env, o));

  program
    .command('report')
    .description('Reports for managers: write-offs, carried-forward, collection-effort, consistency.')
    .requiredOption('--db <path>', 'database file')
    .argument('<name>', 'write-offs | carried-forward | collection-effort | consistency', (v: string) => {
      if (!(REPORT_NAMES as readonly string[]).includes(v)) throw new InvalidArgumentError(`the report must be one of ${REPORT_NAMES.join(', ')}.`);
      return v as ReportName;
    })
    .option('--from <date>', 'first day of the period', (v: string) => isoDate(v, '--from'))
    .option('--to <date>', 'last day of the period', (v: string) => isoDate(v, '--to'))
    .option('--margin <points>', 'consistency: flag groups beyond this many percentage points (default 5)', positiveInt('--margin', 100))
    .option('--csv', 'print CSV', false)
    .action((name: ReportName, o: { db: string; from?: string; to?: string; margin?: number; csv: boolean }) => reportCommand(env, { ...o, name }));

  program
    .command('verify')
    .description('Check that the audit trail is intact (hash chain) and the ledger consistent; names the first broken record.')
    .requiredOption('--db <path>', 'database file')
    .action((o: { db: string }) => verifyCommand(env, o));

  program
    .command('export-outbox')
    .description('Write the decisions and payments waiting for the main system to a CSV file it can import, and mark them sent.')
    .requiredOption('--db <path>', 'database file')
    .requiredOption('--out <file>', 'the CSV file to write')
    .action((o: { db: string; out: string }) => exportOutboxCommand(env, o));

  program
    .command('start')
    .description("Run the app in the browser on this computer's own database (created with the demo practice on first run).")
    .option('--data-dir <dir>', 'folder of the database', userDataDir())
    .option('--port <n>', 'port (0 = any free port)', port, 0)
    .option('--fhir <url>', "sync with the main system's FHIR R4 API at this address (remembered)")
    .action(async (o: { dataDir: string; port: number; fhir?: string }) => {
      const host = await startCommand(env, { ...o, staticDir: env.staticDir });
      env.onServing?.(host.stop);
    });

  return program;
}

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: string[], env: CliEnvironment): Promise<number> {
  try {
    await buildProgram(env).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests are not errors; commander already printed the message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      env.err(`front-desk: ${error.message}`);
      return error.exitCode;
    }
    env.err(`front-desk: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.internal;
  }
}
