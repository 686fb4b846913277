#!/usr/bin/env node
// The `front-desk` command runs the built CLI; on a fresh clone it builds the app once first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('front-desk: building the app first (one time)...\n');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    process.stderr.write('front-desk: the build failed; run `npm run build` to see why.\n');
    process.exit(70);
  }
}
await import(cli);
