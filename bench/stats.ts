/** Small helpers for the benchmark scripts: timing samples and printing them. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

/** Runs `fn` once per input (after a warm-up pass) and returns latency percentiles in ms. */
export function time<T>(inputs: T[], fn: (input: T) => unknown): Timing {
  for (const input of inputs.slice(0, 50)) fn(input);
  const samples = inputs.map((input) => {
    const start = performance.now();
    fn(input);
    return performance.now() - start;
  });
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1) ?? NaN };
}

export const ms = (value: number) => `${value.toFixed(3)} ms`;

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

export function peakRssMiB(): string {
  return `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;
}

/** Printed under the import and sync tables: how to read their CPU column. */
export const CPU_NOTE =
  '  (CPU s: the step\'s process, worker threads included; seconds well above CPU seconds mean the machine was busy with other work.\n' +
  '   The ratio compares rows per second; both steps run in the same bench run, each in a fresh process.)';

/** One measured import or sync next to its direct insert of the same rows. */
export interface Measured {
  seconds: number;
  cpuSeconds: number;
  rows: number;
  peakMiB: number;
  direct: { seconds: number; cpuSeconds: number; rows: number };
}

/** A row of the ratio table: size, both times (with CPU seconds), rows, both rates, the ratio, peak RSS. */
export function ratioRow(size: number | string, r: Measured): string[] {
  const rate = r.rows / r.seconds;
  const directRate = r.direct.rows / r.direct.seconds;
  return [
    typeof size === 'number' ? size.toLocaleString('en-US') : size,
    `${r.seconds.toFixed(1)} (${r.cpuSeconds.toFixed(1)})`,
    `${r.direct.seconds.toFixed(1)} (${r.direct.cpuSeconds.toFixed(1)})`,
    r.rows.toLocaleString('en-US'),
    Math.round(rate).toLocaleString('en-US'),
    Math.round(directRate).toLocaleString('en-US'),
    `${Math.round((rate / directRate) * 100)}%`,
    `${r.peakMiB} MiB`,
  ];
}
