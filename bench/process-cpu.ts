/**
 * CPU seconds a process and its children have used so far, as Linux counts them (/proc): the reference
 * server runs in a child process (which may restart itself with a larger heap), and shares the machine's
 * cores with the sync it serves, so the bench prints its share. Null where /proc is not there.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the bench runs on

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone meanwhile
  }
}

export function processTreeCpuSeconds(root: number): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    ticks.set(pid, s.ticks);
    let siblings = children.get(s.ppid);
    if (!siblings) children.set(s.ppid, (siblings = []));
    siblings.push(pid);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += ticks.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / TICKS_PER_SECOND;
}
