/** Runs one measured step in a fresh process, so its peak memory is its own (not what earlier steps left). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

export async function inChildProcess<T>(script: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`${script} failed with exit code ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}
