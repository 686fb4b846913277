#!/usr/bin/env node
// Installs what the app and its tests need, on a fresh clone or after package-lock.json changed.
// Electron's own binary is never required: it is fetched (or not) by scripts/launch.mjs, and
// every build and test runs without it.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`setup: \`${command} ${args.join(' ')}\` failed.`);
    process.exit(result.status ?? 1);
  }
}

const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log('setup: installing npm packages (without the Electron binary)...');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

// better-sqlite3 must be built for this Node (a run of the desktop app may have left another ABI).
const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
if (probe.status !== 0) {
  console.log('setup: rebuilding better-sqlite3 for this Node...');
  run(npm, ['rebuild', 'better-sqlite3']);
}
