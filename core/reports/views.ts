/**
 * A report as the Reports page shows it: the figures a chart needs, taken from the same rows
 * `front-desk report` prints (so the chart, its table and the CSV can never disagree), plus the CSV.
 */
import type {
  CarriedForwardReport,
  CollectionEffortReport,
  ConsistencyReport,
  ReportName,
  ReportView,
  WriteOffMonth,
  WriteOffRuleTotal,
  WriteOffsReport,
} from '../../shared/api/reports';
import { DEFAULT_MARGIN_POINTS } from '../../shared/api/reports';
import type { WriteOffRule } from '../../shared/policy/verdict';
import { WRITE_OFF_RULE_LABELS } from '../../shared/policy/verdict';
import type { Db } from '../db/connection';
import { consistencyFigures, flagSentences } from './consistency';
import { reportCsv } from './csv';
import type { Report, ReportOptions } from './reports';
import { CARRIED_AGE_BANDS, consistencyTable, runReport, STATEMENT_WINDOW_DAYS } from './reports';

type Base = Omit<ReportView, 'name'>;

const num = (value: string | number | undefined) => Number(value ?? 0);
const text = (value: string | number | undefined) => String(value ?? '');

export function writeOffRuleLabel(rule: string): string {
  return WRITE_OFF_RULE_LABELS[rule as WriteOffRule] ?? (rule === 'unspecified' ? 'No rule recorded' : rule);
}

function periodWords(options: ReportOptions): string {
  if (options.from && options.to) return `from ${options.from} to ${options.to}`;
  if (options.from) return `from ${options.from} on`;
  if (options.to) return `up to ${options.to}`;
  return 'on any date';
}

function base(report: Report, options: ReportOptions, periodNote: string): Base {
  const span = [options.from ?? 'start', options.to ?? options.today].join('_');
  return {
    title: report.title,
    from: options.from ?? null,
    to: options.to ?? null,
    periodNote,
    columns: report.columns,
    rows: report.rows,
    csv: reportCsv(report),
    csvFileName: `${report.name}_${span}.csv`,
  };
}

function writeOffsView(report: Report, options: ReportOptions): WriteOffsReport {
  const rules = new Map<string, WriteOffRuleTotal>();
  const months = new Map<string, WriteOffMonth>();
  for (const row of report.rows) {
    const rule = text(row.rule);
    const month = text(row.month);
    const count = num(row.count);
    const cents = num(row.amount_cents);
    const total = rules.get(rule) ?? { rule, label: writeOffRuleLabel(rule), count: 0, amountCents: 0 };
    total.count += count;
    total.amountCents += cents;
    rules.set(rule, total);
    const inMonth = months.get(month) ?? { month, count: 0, amountCents: 0, byRule: {} };
    inMonth.count += count;
    inMonth.amountCents += cents;
    inMonth.byRule[rule] = (inMonth.byRule[rule] ?? 0) + cents;
    months.set(month, inMonth);
  }
  return {
    ...base(report, options, `Write-offs posted ${periodWords(options)}, by the month they were posted.`),
    name: 'write-offs',
    rules: [...rules.values()].sort((a, b) => b.amountCents - a.amountCents || a.rule.localeCompare(b.rule)),
    months: [...months.values()],
  };
}

function carriedForwardView(report: Report, options: ReportOptions): CarriedForwardReport {
  const byBand = new Map(report.rows.map((row) => [text(row.age), row]));
  return {
    ...base(report, options, `Balances carried forward and still open today (${options.today}), by how long ago they were billed; the dates chosen do not apply.`),
    name: 'carried-forward',
    asOf: options.today,
    bands: CARRIED_AGE_BANDS.map((band) => ({ band, items: num(byBand.get(band)?.items), openCents: num(byBand.get(band)?.open_cents) })),
  };
}

function collectionEffortView(report: Report, options: ReportOptions): CollectionEffortReport {
  return {
    ...base(report, options, `Statements sent ${periodWords(options)}, by month, and what was paid on their items in the ${STATEMENT_WINDOW_DAYS} days after each.`),
    name: 'collection-effort',
    windowDays: STATEMENT_WINDOW_DAYS,
    months: report.rows.map((row) => ({
      month: text(row.month),
      statements: num(row.statements),
      billedCents: num(row.billed_cents),
      paidWithinWindowCents: num(row.paid_within_30_days_cents),
      followedByPayment: num(row.statements_followed_by_payment),
      paidInFull: num(row.statements_paid_in_full),
    })),
  };
}

function consistencyView(db: Db, options: ReportOptions): ConsistencyReport {
  const figures = consistencyFigures(db, options, options.today, options.marginPoints ?? DEFAULT_MARGIN_POINTS);
  const report = consistencyTable(figures);
  return {
    ...base(report, options, `Patient items billed ${periodWords(options)}; write-offs the law requires (not billable to the patient) are left out.`),
    name: 'consistency',
    marginPoints: figures.marginPoints,
    overall: figures.overall,
    groups: figures.groups,
    flags: flagSentences(figures),
  };
}

/** One report for the app: its rows and CSV exactly as the CLI has them, and the figures for its charts. */
export function reportView(db: Db, name: ReportName, options: ReportOptions): ReportView {
  // One read transaction, so the table, the chart figures and the CSV come from the same moment.
  return db.transaction(() => {
    switch (name) {
      case 'write-offs':
        return writeOffsView(runReport(db, name, options), options);
      case 'carried-forward':
        return carriedForwardView(runReport(db, name, options), options);
      case 'collection-effort':
        return collectionEffortView(runReport(db, name, options), options);
      case 'consistency':
        return consistencyView(db, options);
    }
  })();
}
