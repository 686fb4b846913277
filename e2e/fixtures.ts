/**
 * Playwright fixtures: each test file gets its own demo practice (a fresh temp
 * folder, `front-desk demo`) served by its own `front-desk serve` process, which
 * is stopped when the worker moves on to another file or finishes.
 */
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

export interface DemoHost {
  /** The URL the host printed, with the access token in the fragment: what a person opens. */
  appUrl: string;
  /** The same address without the fragment, e.g. http://127.0.0.1:41051/ */
  baseUrl: string;
  token: string;
  dbPath: string;
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

/** Resolves with the first line the process writes to stdout (the host prints its URL first). */
function firstStdoutLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`front-desk serve printed no URL within ${timeoutMs} ms. ${stderr}`)), timeoutMs);
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
    child.once('exit', (code, signal) => fail(new Error(`front-desk serve exited early (${signal ?? code}). ${stderr}`)));
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

async function startDemoHost(): Promise<RunningHost> {
  for (const built of [join(ROOT, 'out', 'renderer', 'index.html'), join(ROOT, 'out', 'main', 'cli.js')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'front-desk-e2e-'));
  const dbPath = join(dir, 'demo.sqlite');
  let child: ChildProcess | undefined;
  try {
    await runCli(['demo', '--db', dbPath, '--patients', String(DEMO.patients), '--seed', String(DEMO.seed)]);
    child = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const appUrl = await firstStdoutLine(child, 20_000);
    const url = new URL(appUrl);
    const token = new URLSearchParams(url.hash.slice(1)).get('token');
    if (!token) throw new Error(`front-desk serve printed "${appUrl}", which has no #token=...`);
    const server = child;
    return {
      appUrl,
      baseUrl: `${url.origin}/`,
      token,
      dbPath,
      cliJson: async <T>(args: string[]) => JSON.parse(await runCli([...args, '--db', dbPath])) as T,
      async stop() {
        await stopProcess(server);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

interface WorkerFixtures {
  /** The hosts this worker started, by test file; at most one is running at a time. */
  hostsByFile: Map<string, Promise<RunningHost>>;
}

interface TestFixtures {
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

  demoHost: async ({ hostsByFile }, use, testInfo) => {
    // A worker runs one file's tests before the next file's: a host for another file is finished with.
    for (const [file, host] of hostsByFile) {
      if (file === testInfo.file) continue;
      hostsByFile.delete(file);
      await (await host).stop();
    }
    let host = hostsByFile.get(testInfo.file);
    if (!host) {
      host = startDemoHost();
      hostsByFile.set(testInfo.file, host);
    }
    await use(await host);
  },

  checkIn: async ({ page, demoHost }, use) => {
    const screen = new CheckInScreen(page);
    await page.goto(demoHost.appUrl);
    await expect(screen.search).toBeVisible();
    await use(screen);
  },
});

export { expect };

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
