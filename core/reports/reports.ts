/**
 * The manager's reports, as rows ready for a table, a chart or CSV. Dates are
 * ISO; money is cents. Each report takes an optional period [from, to] (dates inclusive).
 * `front-desk report` prints these rows; the app's Reports page adds chart figures (views.ts).
 */
import type { ReportName, ReportRow } from '../../shared/api/reports';
import { DEFAULT_MARGIN_POINTS, REPORT_NAMES } from '../../shared/api/reports';
import type { Db } from '../db/connection';
import type { ConsistencyFigures } from './consistency';
import { consistencyFigures } from './consistency';
import type { Period } from './period';
import { sqlRange } from './period';

export type { ReportName, ReportRow };
export type { Period };
export { REPORT_NAMES };

export interface Report {
  name: ReportName;
  title: string;
  columns: string[];
  rows: ReportRow[];
}

/** The bands of the carried-forward report, youngest first. */
export const CARRIED_AGE_BANDS = ['0-30 days', '31-60 days', '61-90 days', '91-180 days', 'over 180 days'] as const;

/** Days after a statement in which a payment on its items counts as an answer to it. */
export const STATEMENT_WINDOW_DAYS = 30;

/** Write-offs by rule and month. */
function writeOffs(db: Db, period: Period): Report {
  const rows = db
    .prepare(
      `SELECT substr(posted_at, 1, 7) AS month, coalesce(rule, 'unspecified') AS rule, count(*) AS count, -sum(amount_cents) AS amount_cents
         FROM ledger_entries WHERE kind = 'write_off' AND posted_at >= ? AND posted_at <= ?
        GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(...sqlRange(period)) as ReportRow[];
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

/**
 * Statements sent per month, what they asked for, what was paid on their items within the window after
 * each, and how many statements were answered by a payment (some of it, or all of it).
 */
function collectionEffort(db: Db, period: Period): Report {
  const rows = db
    .prepare(
      `WITH sent AS (
         SELECT substr(a.attempted_on, 1, 7) AS month, a.amount_cents,
                coalesce((SELECT -sum(e.amount_cents) FROM collection_attempt_items ai JOIN ledger_entries e ON e.item_id = ai.item_id
                           WHERE ai.attempt_id = a.id AND e.kind = 'payment'
                             AND substr(e.posted_at, 1, 10) > a.attempted_on AND julianday(substr(e.posted_at, 1, 10)) - julianday(a.attempted_on) <= ${STATEMENT_WINDOW_DAYS}), 0) AS paid_cents
           FROM collection_attempts a WHERE a.kind = 'statement' AND a.attempted_on >= ? AND a.attempted_on <= ?)
       SELECT month, count(*) AS statements, sum(amount_cents) AS billed_cents, sum(paid_cents) AS paid_within_30_days_cents,
              sum(paid_cents > 0) AS statements_followed_by_payment, sum(amount_cents > 0 AND paid_cents >= amount_cents) AS statements_paid_in_full
         FROM sent GROUP BY month ORDER BY month`,
    )
    .all(...sqlRange(period)) as ReportRow[];
  return {
    name: 'collection-effort',
    title: 'Collection effort: statements and payments after them',
    columns: ['month', 'statements', 'billed_cents', 'paid_within_30_days_cents', 'statements_followed_by_payment', 'statements_paid_in_full'],
    rows,
  };
}

/** The consistency audit as a table: one row per group, then all patients (see consistency.ts). */
export function consistencyTable(figures: ConsistencyFigures): Report {
  const { marginPoints } = figures;
  const flag = (writeOff: boolean, exception: boolean) => [writeOff && 'write-off rate differs', exception && 'exception rate differs'].filter(Boolean).join('; ');
  const { overall } = figures;
  return {
    name: 'consistency',
    title: `Consistency audit: write-off and exception rates by group (flag beyond ${marginPoints} percentage points from the other patients)`,
    columns: ['dimension', 'group', 'items', 'charged_cents', 'written_off_cents', 'write_off_rate_pct', 'exception_requests', 'exception_rate_pct', 'flag'],
    rows: [
      ...figures.groups.map((g) => ({
        dimension: g.dimension,
        group: g.group,
        items: g.items,
        charged_cents: g.chargedCents,
        written_off_cents: g.writtenOffCents,
        write_off_rate_pct: g.writeOffRatePct,
        exception_requests: g.exceptionRequests,
        exception_rate_pct: g.exceptionRatePct,
        flag: flag(g.writeOffFlagged, g.exceptionFlagged),
      })),
      {
        dimension: 'all',
        group: 'all patients',
        items: overall.items,
        charged_cents: overall.chargedCents,
        written_off_cents: overall.writtenOffCents,
        write_off_rate_pct: overall.writeOffRatePct,
        exception_requests: overall.exceptionRequests,
        exception_rate_pct: overall.exceptionRatePct,
        flag: '',
      },
    ],
  };
}

export interface ReportOptions extends Period {
  today: string;
  marginPoints?: number;
}

export function runReport(db: Db, name: ReportName, options: ReportOptions): Report {
  switch (name) {
    case 'write-offs':
      return writeOffs(db, options);
    case 'carried-forward':
      return carriedForward(db, options.today);
    case 'collection-effort':
      return collectionEffort(db, options);
    case 'consistency':
      return consistencyTable(consistencyFigures(db, options, options.today, options.marginPoints ?? DEFAULT_MARGIN_POINTS));
  }
}
