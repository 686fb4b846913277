/**
 * Kill the importer (SIGKILL, no chance to clean up) half-way through a large
 * 835, restart it: the store ends exactly as after one clean import.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate835 } from '../sync/x12/generate-835';
import { tempDir } from '../testing/temp-db';

const ROOT = resolve(__dirname, '../..');
let dir: ReturnType<typeof tempDir>;
let file: string;

function cli(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'core/cli/main.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function run(args: string[]): Promise<number> {
  const child = cli(args);
  child.stdout.resume();
  child.stderr.resume();
  const [code] = (await once(child, 'exit')) as [number];
  return code;
}

const TABLES = ['patients', 'patient_identifiers', 'coverages', 'claims', 'claim_lines', 'claim_adjustments', 'patient_items', 'ledger_entries'];
function counts(db: string): number[] {
  const raw = new Database(db, { readonly: true });
  try {
    return TABLES.map((t) => (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
  } finally {
    raw.close();
  }
}

beforeAll(async () => {
  dir = tempDir();
  file = join(dir.dir, 'big.835');
  const out = createWriteStream(file);
  for (const chunk of generate835({ claims: 12_000, linesPerClaim: 4, seed: 11 })) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
});
afterAll(() => dir.cleanup());

describe('killing an import', () => {
  it('leaves nothing half-written, and a restart imports everything exactly once', async () => {
    const killed = join(dir.dir, 'killed.sqlite');
    const clean = join(dir.dir, 'clean.sqlite');
    for (const db of [killed, clean]) expect(await run(['demo', '--db', db, '--patients', '5'])).toBe(0);
    const before = counts(killed);

    const child = cli(['import', '--db', killed, file]);
    child.stdout.resume();
    const progress = createInterface({ input: child.stderr });
    await new Promise<void>((done) => progress.on('line', (line) => /big\.835: \d+%/.test(line) && done()));
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(counts(killed)).toEqual(before); // the file's transaction never committed

    expect(await run(['import', '--db', killed, file])).toBe(0);
    expect(await run(['import', '--db', clean, file])).toBe(0);
    expect(counts(killed)).toEqual(counts(clean));
    expect(await run(['import', '--db', killed, file])).toBe(0); // and once more: nothing doubles
    expect(counts(killed)).toEqual(counts(clean));
  }, 120_000);
});
