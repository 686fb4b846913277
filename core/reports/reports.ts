/**
 * The manager's reports, as rows ready for a table, a chart or CSV. Dates are
 * ISO; money is cents. Each report takes an optional period [from, to] (dates inclusive).
 */
import type { Db } from '../db/connection';

export interface Period {
  from?: string;
  to?: string;
}

export type ReportRow = Record<string, string | number>;

export interface Report {
  name: ReportName;
  title: string;
  columns: string[];
  rows: ReportRow[];
}

export const REPORT_NAMES = ['write-offs', 'carried-forward', 'collection-effort', 'consistency'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

const range = (period: Period) => [period.from ?? '0000-01-01', period.to ? `${period.to}\uffff` : '9999-12-31'];

/** Write-offs by rule and month. */
function writeOffs(db: Db, period: Period): Report {
  const rows = db
    .prepare(
      `SELECT substr(posted_at, 1, 7) AS month, coalesce(rule, 'unspecified') AS rule, count(*) AS count, -sum(amount_cents) AS amount_cents
         FROM ledger_entries WHERE kind = 'write_off' AND posted_at >= ? AND posted_at <= ?
        GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(...range(period)) as ReportRow[];
  return { name: 'write-offs', title: 'Write-offs by rule and month', columns: ['month', 'rule', 'count', 'amount_cents'], rows };
}

/** Balances carried forward and still open, by how long ago they were billed. */
function carriedForward(db: Db, today: string): Report {
  const rows = db
    .prepare(
      `WITH carried AS (
         SELECT cf.item_id, max(cf.carried_on) AS carried_on, substr(i.created_at, 1, 10) AS billed_on,
                (SELECT sum(e.amount_cents) FROM ledger_entries e WHERE e.item_id = cf.item_id) AS open_cents
           FROM carry_forwards cf JOIN patient_items i ON i.id = cf.item_id GROUP BY cf.item_id)
       SELECT CASE WHEN age <= 30 THEN '0-30 days' WHEN age <= 60 THEN '31-60 days' WHEN age <= 90 THEN '61-90 days'
                   WHEN age <= 180 THEN '91-180 days' ELSE 'over 180 days' END AS age, count(*) AS items, sum(open_cents) AS open_cents
         FROM (SELECT julianday(?) - julianday(billed_on) AS age, open_cents FROM carried WHERE open_cents > 0)
        GROUP BY 1 ORDER BY min(age)`,
    )
    .all(today) as ReportRow[];
  return { name: 'carried-forward', title: 'Carried-forward balances by age', columns: ['age', 'items', 'open_cents'], rows };
}

/** Statements sent per month, what they asked for, and what was paid on their items within 30 days after. */
function collectionEffort(db: Db, period: Period): Report {
  const rows = db
    .prepare(
      `SELECT substr(a.attempted_on, 1, 7) AS month, count(*) AS statements, sum(a.amount_cents) AS billed_cents,
              coalesce(sum((SELECT -sum(e.amount_cents) FROM collection_attempt_items ai JOIN ledger_entries e ON e.item_id = ai.item_id
                             WHERE ai.attempt_id = a.id AND e.kind = 'payment'
                               AND substr(e.posted_at, 1, 10) > a.attempted_on AND julianday(substr(e.posted_at, 1, 10)) - julianday(a.attempted_on) <= 30)), 0) AS paid_within_30_days_cents
         FROM collection_attempts a WHERE a.kind = 'statement' AND a.attempted_on >= ? AND a.attempted_on <= ?
        GROUP BY 1 ORDER BY 1`,
    )
    .all(...range(period)) as ReportRow[];
  return { name: 'collection-effort', title: 'Collection effort: statements and payments after them', columns: ['month', 'statements', 'billed_cents', 'paid_within_30_days_cents'], rows };
}

/**
 * The consistency audit (primer §3): discretionary write-off and exception rates by payer program and
 * by age band, flagged where a group differs from all patients by more than `marginPoints` percentage
 * points. Write-offs the law requires ("not billable": QMB, Medicaid, CO amounts) are left out: they are
 * not a preference.
 */
function consistency(db: Db, period: Period, today: string, marginPoints: number): Report {
  const [from, to] = range(period);
  const rows = db
    .prepare(
      `WITH items AS (
         SELECT i.id, i.amount_cents,
                coalesce((SELECT cov.program FROM claim_lines l JOIN claims c ON c.id = l.claim_id JOIN coverages cov ON cov.id = c.coverage_id WHERE l.id = i.claim_line_id),
                         (SELECT program FROM coverages WHERE id = i.coverage_id), 'self_pay') AS program,
                CASE WHEN p.dob IS NULL THEN 'unknown'
                     WHEN julianday(?) - julianday(p.dob) < 18 * 365.25 THEN '0-17'
                     WHEN julianday(?) - julianday(p.dob) < 40 * 365.25 THEN '18-39'
                     WHEN julianday(?) - julianday(p.dob) < 65 * 365.25 THEN '40-64' ELSE '65+' END AS age_band,
                (SELECT coalesce(-sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.item_id = i.id AND e.kind = 'write_off' AND coalesce(e.rule, '') != 'not_billable') AS written_off_cents,
                EXISTS (SELECT 1 FROM exception_requests r WHERE r.item_id = i.id) AS requested
           FROM patient_items i JOIN patients p ON p.id = i.patient_id
          WHERE i.amount_cents > 0 AND i.created_at >= ? AND i.created_at <= ?)
       SELECT 'program' AS dimension, program AS grp, count(*) AS items, sum(amount_cents) AS charged_cents, sum(written_off_cents) AS written_off_cents, sum(requested) AS exception_requests FROM items GROUP BY program
       UNION ALL
       SELECT 'age band', age_band, count(*), sum(amount_cents), sum(written_off_cents), sum(requested) FROM items GROUP BY age_band
       UNION ALL
       SELECT 'all', 'all patients', count(*), coalesce(sum(amount_cents), 0), coalesce(sum(written_off_cents), 0), coalesce(sum(requested), 0) FROM items`,
    )
    .all(today, today, today, from, to) as { dimension: string; grp: string; items: number; charged_cents: number; written_off_cents: number; exception_requests: number }[];
  const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0);
  const overall = rows.find((r) => r.dimension === 'all');
  const overallWriteOff = overall ? rate(overall.written_off_cents, overall.charged_cents) : 0;
  const overallException = overall ? rate(overall.exception_requests, overall.items) : 0;
  return {
    name: 'consistency',
    title: `Consistency audit: write-off and exception rates by group (flag beyond ${marginPoints} percentage points)`,
    columns: ['dimension', 'group', 'items', 'charged_cents', 'written_off_cents', 'write_off_rate_pct', 'exception_requests', 'exception_rate_pct', 'flag'],
    rows: rows.map((r) => {
      const writeOffRate = rate(r.written_off_cents, r.charged_cents);
      const exceptionRate = rate(r.exception_requests, r.items);
      const flags = [];
      if (r.dimension !== 'all' && Math.abs(writeOffRate - overallWriteOff) > marginPoints) flags.push('write-off rate differs');
      if (r.dimension !== 'all' && Math.abs(exceptionRate - overallException) > marginPoints) flags.push('exception rate differs');
      return {
        dimension: r.dimension,
        group: r.grp,
        items: r.items,
        charged_cents: r.charged_cents,
        written_off_cents: r.written_off_cents,
        write_off_rate_pct: writeOffRate,
        exception_requests: r.exception_requests,
        exception_rate_pct: exceptionRate,
        flag: flags.join('; '),
      };
    }),
  };
}

export function runReport(db: Db, name: ReportName, options: Period & { today: string; marginPoints?: number }): Report {
  switch (name) {
    case 'write-offs':
      return writeOffs(db, options);
    case 'carried-forward':
      return carriedForward(db, options.today);
    case 'collection-effort':
      return collectionEffort(db, options);
    case 'consistency':
      return consistency(db, options, options.today, options.marginPoints ?? 5);
  }
}
