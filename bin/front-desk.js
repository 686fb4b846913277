#!/usr/bin/env node
// The `front-desk` command runs the built CLI; it builds the app first when there is no build yet or
// the core's sources changed since (so a checkout never runs stale code).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');

function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  for (const folder of ['core', 'shared']) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

if (!existsSync(cli) || statSync(cli).mtimeMs < newestSource()) {
  process.stderr.write('front-desk: building the app first...\n');
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    process.stderr.write('front-desk: the build failed; run `npm run build` to see why.\n');
    process.exit(70);
  }
}
await import(cli);
