/**
 * Playwright fixtures: each test file gets its own demo practice (a fresh temp
 * folder, `front-desk demo`) served by its own `front-desk serve` process, which
 * is stopped when the worker moves on to another file or finishes.
 *
 * With `test.use({ mainSystem: true })` the practice syncs with its own
 * reference main system (core/sync/reference-server: FHIR R4 with faults to
 * arm), started before the host and stopped with it.
 */
import { DEMO_ACCOUNTS } from '../core/demo/demo-accounts';
import type { Role } from '../shared/api/access';
import type { FaultPlan } from '../core/sync/reference-server/faults';
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test as base, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

const execFileAsync = promisify(execFile);

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'front-desk.js');

export const DEMO = { patients: 300, seed: 7 } as const;

export interface DemoOptions {
  patients: number;
  seed: number;
}


/** The practice's main system: a reference FHIR R4 server the host syncs with. */
export interface MainSystem {
  /** The FHIR base URL it printed, e.g. http://127.0.0.1:41051/fhir/R4 */
  baseUrl: string;
  /** Arms (or, with `{ reset: true }`, clears) faults for the requests that follow. */
  faults(plan: FaultPlan): Promise<void>;
}

export interface DemoHost {
  /** The URL the host printed, with the access token in the fragment: what a person opens. */
  appUrl: string;
  /** The same address without the fragment, e.g. http://127.0.0.1:41051/ */
  baseUrl: string;
  token: string;
  dbPath: string;
  /** The main system the host syncs with (option `mainSystem`), or null when none is configured. */
  mainSystem: MainSystem | null;
  /** Runs `front-desk ARGS` (with `--db` added) and parses its JSON output. */
  cliJson<T>(args: string[]): Promise<T>;
}

interface RunningHost extends DemoHost {
  stop(): Promise<void>;
}

/** Runs the CLI and returns its stdout; a failure carries the CLI's stderr. */
async function runCli(args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`front-desk ${args.join(' ')} failed: ${stderr.trim() || String(error)}`);
  }
}

/** Resolves with the first line the process writes to stdout (the host and the main system print their URL first). */
function firstStdoutLine(child: ChildProcess, timeoutMs: number, what = 'front-desk serve'): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`${what} printed no URL within ${timeoutMs} ms. ${stderr}`)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      lines.close();
      reject(error);
    }
    lines.once('line', (line) => {
      clearTimeout(timer);
      // Keep draining stdout so the server never blocks on a full pipe.
      child.stdout?.resume();
      resolve(line.trim());
    });
    child.once('error', (error) => fail(error));
    child.once('exit', (code, signal) => fail(new Error(`${what} exited early (${signal ?? code}). ${stderr}`)));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killTimer);
}

/** What a host is started with; tests in a file that ask for the same share one host. */
export interface HostOptions {
  demo: DemoOptions;
  mainSystem: boolean;
}

/** The seeded main system takes a few seconds to load the FHIR definitions; give it time on a slow machine. */
const MAIN_SYSTEM_START_MS = 60_000;

/** Starts the reference main system with as many patients as the demo practice has. */
async function startMainSystem(patients: number): Promise<{ child: ChildProcess; baseUrl: string }> {
  // node --import tsx, not npx: one process to stop, with no wrapper in between.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'core', 'sync', 'reference-server', 'main.ts'), '--patients', String(patients), '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const baseUrl = await firstStdoutLine(child, MAIN_SYSTEM_START_MS, 'The reference main system');
    if (!/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/.test(baseUrl)) throw new Error(`The reference main system printed "${baseUrl}", not its FHIR base URL.`);
    // Keep draining stderr (progress) so the server never blocks on a full pipe.
    child.stderr?.resume();
    return { child, baseUrl };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

function mainSystemClient(baseUrl: string): MainSystem {
  const faultsUrl = new URL('/__faults', baseUrl);
  return {
    baseUrl,
    async faults(plan) {
      const response = await fetch(faultsUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(plan) });
      if (!response.ok) throw new Error(`POST ${faultsUrl.href} answered ${response.status}: ${await response.text()}`);
    },
  };
}

async function startDemoHost(options: HostOptions): Promise<RunningHost> {
  for (const built of [join(ROOT, 'out', 'renderer', 'index.html'), join(ROOT, 'out', 'main', 'cli.js')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'front-desk-e2e-'));
  const dbPath = join(dir, 'demo.sqlite');
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    // The host first (it syncs with the main system), then the main system.
    for (const child of [...children].reverse()) await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // The demo practice and the main system start side by side; whichever started is stopped if the other fails.
    const [demo, started] = await Promise.allSettled([
      options.demo.patients === 0
        ? runCli(['init', '--db', dbPath, '--practice-name', 'New Street Clinic'])
        : runCli(['demo', '--db', dbPath, '--patients', String(options.demo.patients), '--seed', String(options.demo.seed)]),
      options.mainSystem ? startMainSystem(options.demo.patients) : Promise.resolve(null),
    ]);
    const main = started.status === 'fulfilled' ? started.value : null;
    if (main) children.push(main.child);
    if (demo.status === 'rejected') throw demo.reason;
    if (started.status === 'rejected') throw started.reason;
    const child = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, '--port', '0', ...(main ? ['--fhir', main.baseUrl] : [])], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const appUrl = await firstStdoutLine(child, 20_000);
    const url = new URL(appUrl);
    const token = new URLSearchParams(url.hash.slice(1)).get('token');
    if (!token) throw new Error(`front-desk serve printed "${appUrl}", which has no #token=...`);
    return {
      appUrl,
      baseUrl: `${url.origin}/`,
      token,
      dbPath,
      mainSystem: main ? mainSystemClient(main.baseUrl) : null,
      cliJson: async <T>(args: string[]) => JSON.parse(await runCli([...args, '--db', dbPath])) as T,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface WorkerFixtures {
  /** The hosts this worker started, by test file (and options); at most one is running at a time. */
  hostsByFile: Map<string, Promise<RunningHost>>;
}

interface TestFixtures {
  /**
   * The demo practice a file's host serves (`test.use({ demo: { patients: 30, seed: 4 } })`);
   * 0 patients: a practice's own new store instead (`front-desk init`: no patients, no accounts).
   */
  demo: DemoOptions;
  /** Whether the host syncs with a reference main system of its own (`test.use({ mainSystem: true })`). */
  mainSystem: boolean;
  /** Who the `checkIn` fixture signs in as (`test.use({ signInAs: 'manager' })`); the front desk by default. */
  signInAs: Role;
  demoHost: DemoHost;
  /** The check-in screen, opened from the host's URL and ready for typing. */
  checkIn: CheckInScreen;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  hostsByFile: [
    // Playwright requires the object pattern even when a fixture uses no other fixture.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const hosts = new Map<string, Promise<RunningHost>>();
      await use(hosts);
      await Promise.allSettled([...hosts.values()].map(async (host) => (await host).stop()));
    },
    { scope: 'worker' },
  ],

  demo: [{ ...DEMO }, { option: true }],
  mainSystem: [false, { option: true }],
  signInAs: ['front_desk', { option: true }],

  demoHost: async ({ hostsByFile, demo, mainSystem }, use, testInfo) => {
    const options: HostOptions = { demo, mainSystem };
    const key = `${testInfo.file}#${JSON.stringify(options)}`;
    // A worker runs one file's tests before the next file's: a host for another file (or other options) is finished with.
    for (const [other, host] of hostsByFile) {
      if (other === key) continue;
      hostsByFile.delete(other);
      await (await host).stop();
    }
    let host = hostsByFile.get(key);
    if (!host) {
      host = startDemoHost(options);
      hostsByFile.set(key, host);
    }
    await use(await host);
  },

  checkIn: async ({ page, demoHost, signInAs }, use) => {
    const screen = new CheckInScreen(page);
    await openApp(page, demoHost, signInAs);
    await expect(screen.search).toBeVisible();
    await use(screen);
  },
});


/** Opens the app and signs in with the demo account of that role. */
export async function openApp(page: Page, host: DemoHost, role: Role): Promise<void> {
  await page.goto(host.appUrl);
  await signIn(page, role);
}

/** Signs in on the sign-in screen the app shows (at start, or after a lock). */
export async function signIn(page: Page, role: Role): Promise<void> {
  const account = DEMO_ACCOUNTS[role];
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('textbox', { name: 'User name', exact: true }).fill(account.username);
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form).toBeHidden();
}

/** Signs in as the demo manager and opens one tab of the manager workspace. */
export async function openManagerWorkspace(page: Page, host: DemoHost, tab: 'Pending' | 'Financial policy' | 'Reports' | 'Audit trail' | 'Staff'): Promise<void> {
  await openApp(page, host, 'manager');
  await page.getByRole('radiogroup', { name: 'Workspace' }).getByText('Manager', { exact: true }).click();
  await page.getByRole('tab', { name: tab }).click();
}

export { DEMO_ACCOUNTS, expect };

/** The check-in screen as a person finds its parts: by role and accessible name. */
export class CheckInScreen {
  readonly search: Locator;
  readonly results: Locator;
  readonly options: Locator;
  readonly openItems: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('combobox', { name: 'Search patients' });
    this.results = page.getByRole('listbox', { name: 'Matching patients' });
    this.options = this.results.getByRole('option');
    this.openItems = page.getByRole('table', { name: 'Open items' });
  }

  /** Waits until the list shows the answer for what is typed now (no search pending). */
  async settledResults(): Promise<Locator> {
    await expect(this.results).toBeVisible();
    await expect(this.results).not.toHaveAttribute('aria-busy', 'true');
    return this.options;
  }

  /** The open patient's heading (their name). */
  patientHeading(name: string): Locator {
    return this.page.getByRole('heading', { level: 2, name });
  }
}
