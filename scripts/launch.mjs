#!/usr/bin/env node
// Builds the app and runs it: the desktop window where Electron can run here, otherwise the
// browser host on the same database (it prints the address to open).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 180_000 };

function build() {
  console.log('launch: building the app...');
  const result = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary's path, downloading it once if this machine can; null with a reason otherwise. */
function electronBinary() {
  if (process.env.FRONT_DESK_BROWSER === '1') return { path: null, why: 'FRONT_DESK_BROWSER=1 is set' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { path: null, why: 'there is no display' };
  const locate = () => {
    try {
      return require('electron');
    } catch {
      return null;
    }
  };
  let binary = locate();
  if (!binary) {
    console.log('launch: downloading the Electron binary...');
    spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], quiet);
    binary = locate();
  }
  return binary && existsSync(binary) ? { path: binary, why: '' } : { path: null, why: "Electron's binary could not be downloaded on this machine" };
}

/**
 * better-sqlite3 for Electron's ABI, built beside node_modules (in .native/) so the Node build that
 * the CLI and tests use stays as it is. The main process loads it through better-sqlite3's nativeBinding.
 */
function electronNativeModule() {
  const target = join(root, '.native', 'electron', 'better_sqlite3.node');
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const stamp = join(root, '.native', 'electron', `built-for-${electronVersion}`);
  if (existsSync(target) && existsSync(stamp)) return true;
  console.log(`launch: building better-sqlite3 for Electron ${electronVersion}...`);
  const work = join(root, '.native', 'build', 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  const gyp = spawnSync(
    process.execPath,
    [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
    { ...quiet, cwd: work },
  );
  if (gyp.status !== 0) return false;
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  copyFileSync(join(work, 'package.json'), stamp);
  return true;
}

function runAndForward(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

build();
const electron = electronBinary();
if (electron.path && electronNativeModule()) {
  console.log('launch: opening the desktop app.');
  runAndForward(electron.path, ['.']);
} else {
  const why = electron.path ? 'better-sqlite3 could not be built for Electron' : electron.why;
  console.log(`launch: the desktop window cannot open here (${why}); starting the browser host instead.`);
  runAndForward(process.execPath, [join(root, 'bin', 'front-desk.js'), 'start']);
}
