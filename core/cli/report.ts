/** `front-desk report`: the manager's reports for spreadsheets (CSV) or a quick look (text). */
import { PENDING_KIND_LABELS } from '../../shared/api/decisions';
import { localDate } from '../clock';
import { pendingQueue } from '../pending/queue';
import { reportCsv } from '../reports/csv';
import type { ReportName } from '../reports/reports';
import { runReport } from '../reports/reports';
import type { CliIo } from './commands';
import { openStore } from './commands';

export function reportCommand(io: CliIo, options: { db: string; name: ReportName; from?: string; to?: string; csv: boolean; margin?: number }): void {
  const db = openStore(options.db);
  try {
    const report = runReport(db, options.name, { from: options.from, to: options.to, today: localDate(io.clock.now()), marginPoints: options.margin });
    if (options.csv) {
      io.out(reportCsv(report).trimEnd());
      return;
    }
    const cells = [report.columns, ...report.rows.map((row) => report.columns.map((c) => String(row[c] ?? '')))];
    const widths = report.columns.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
    io.out([report.title, ...cells.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd())].join('\n'));
    if (report.rows.length === 0) io.out('(nothing in this period)');
  } finally {
    db.close();
  }
}


export function pendingCommand(io: CliIo, options: { db: string; json: boolean }): void {
  const db = openStore(options.db);
  try {
    const queue = pendingQueue(db, io.clock);
    if (options.json) {
      io.out(JSON.stringify(queue, null, 2));
      return;
    }
    if (queue.length === 0) io.out('Nothing waits for a manager.');
    for (const e of queue) io.out(`${PENDING_KIND_LABELS[e.kind].padEnd(20)} ${e.since.slice(0, 10)}  ${e.mrn ?? ''} ${e.patientName ?? ''}  ${e.detail}`.replace(/\s+$/, ''));
  } finally {
    db.close();
  }
}
