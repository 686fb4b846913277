/**
 * The consistency audit (primer §3: no class of patient may be preferred): discretionary write-off and
 * exception rates by payer program and by age band, each group compared with all the other patients.
 * A group is flagged when its rate stands more than `marginPoints` percentage points from theirs.
 * Write-offs the law requires ("not billable": QMB, Medicaid, CO amounts) are left out: they are not a preference.
 */
import type { ConsistencyDimension, ConsistencyGroup, ConsistencyReport } from '../../shared/api/reports';
import { PROGRAM_LABELS } from '../../shared/domain';
import type { PayerProgram } from '../../shared/domain';
import type { Db } from '../db/connection';
import type { Period } from './period';
import { sqlRange } from './period';

export interface ConsistencyFigures {
  marginPoints: number;
  overall: ConsistencyReport['overall'];
  groups: ConsistencyGroup[];
}

interface GroupRow {
  dimension: ConsistencyDimension;
  grp: string;
  items: number;
  charged_cents: number;
  written_off_cents: number;
  exception_requests: number;
}

/** A percentage with two decimals (0 when there is nothing to divide by). */
export const ratePct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0);

const AGE_BAND_LABELS: Record<string, string> = { '0-17': 'Age 0–17', '18-39': 'Age 18–39', '40-64': 'Age 40–64', '65+': 'Age 65 and over', unknown: 'Age unknown' };

export function groupLabel(dimension: ConsistencyDimension, group: string): string {
  if (dimension === 'program') return PROGRAM_LABELS[group as PayerProgram] ?? group;
  return AGE_BAND_LABELS[group] ?? group;
}

function groupRows(db: Db, period: Period, today: string): GroupRow[] {
  const [from, to] = sqlRange(period);
  return db
    .prepare(
      `WITH items AS (
         SELECT i.id, i.amount_cents,
                coalesce((SELECT cov.program FROM claim_lines l JOIN claims c ON c.id = l.claim_id JOIN coverages cov ON cov.id = c.coverage_id WHERE l.id = i.claim_line_id),
                         (SELECT program FROM coverages WHERE id = i.coverage_id), 'self_pay') AS program,
                CASE WHEN p.dob IS NULL THEN 'unknown'
                     WHEN julianday(@today) - julianday(p.dob) < 18 * 365.25 THEN '0-17'
                     WHEN julianday(@today) - julianday(p.dob) < 40 * 365.25 THEN '18-39'
                     WHEN julianday(@today) - julianday(p.dob) < 65 * 365.25 THEN '40-64' ELSE '65+' END AS age_band,
                (SELECT coalesce(-sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.item_id = i.id AND e.kind = 'write_off' AND coalesce(e.rule, '') != 'not_billable') AS written_off_cents,
                EXISTS (SELECT 1 FROM exception_requests r WHERE r.item_id = i.id) AS requested
           FROM patient_items i JOIN patients p ON p.id = i.patient_id
          WHERE i.amount_cents > 0 AND i.created_at >= @from AND i.created_at <= @to)
       SELECT 'program' AS dimension, program AS grp, count(*) AS items, sum(amount_cents) AS charged_cents, sum(written_off_cents) AS written_off_cents, sum(requested) AS exception_requests FROM items GROUP BY program
       UNION ALL
       SELECT 'age band', age_band, count(*), sum(amount_cents), sum(written_off_cents), sum(requested) FROM items GROUP BY age_band`,
    )
    .all({ today, from, to }) as GroupRow[];
}

export function consistencyFigures(db: Db, period: Period, today: string, marginPoints: number): ConsistencyFigures {
  const rows = groupRows(db, period, today);
  // Every item is in exactly one program, so the programs add up to all patients.
  const programs = rows.filter((r) => r.dimension === 'program');
  const sum = (key: 'items' | 'charged_cents' | 'written_off_cents' | 'exception_requests') => programs.reduce((total, r) => total + r[key], 0);
  const all = { items: sum('items'), charged: sum('charged_cents'), writtenOff: sum('written_off_cents'), requests: sum('exception_requests') };
  const overall = {
    items: all.items,
    chargedCents: all.charged,
    writtenOffCents: all.writtenOff,
    writeOffRatePct: ratePct(all.writtenOff, all.charged),
    exceptionRequests: all.requests,
    exceptionRatePct: ratePct(all.requests, all.items),
  };
  const groups = rows.map((r): ConsistencyGroup => {
    const writeOffRatePct = ratePct(r.written_off_cents, r.charged_cents);
    const exceptionRatePct = ratePct(r.exception_requests, r.items);
    const othersItems = all.items - r.items;
    const othersWriteOffRatePct = othersItems > 0 ? ratePct(all.writtenOff - r.written_off_cents, all.charged - r.charged_cents) : null;
    const othersExceptionRatePct = othersItems > 0 ? ratePct(all.requests - r.exception_requests, othersItems) : null;
    const beyond = (rate: number, others: number | null) => others !== null && Math.abs(rate - others) > marginPoints;
    return {
      dimension: r.dimension,
      group: r.grp,
      label: groupLabel(r.dimension, r.grp),
      items: r.items,
      chargedCents: r.charged_cents,
      writtenOffCents: r.written_off_cents,
      writeOffRatePct,
      exceptionRequests: r.exception_requests,
      exceptionRatePct,
      othersWriteOffRatePct,
      othersExceptionRatePct,
      writeOffFlagged: beyond(writeOffRatePct, othersWriteOffRatePct),
      exceptionFlagged: beyond(exceptionRatePct, othersExceptionRatePct),
    };
  });
  return { marginPoints, overall, groups };
}

const points = (n: number) => `${Math.round(n * 100) / 100}`;

/** The flags as sentences a manager reads. */
export function flagSentences(figures: ConsistencyFigures): string[] {
  const sentences: string[] = [];
  for (const g of figures.groups) {
    const kind = g.dimension === 'program' ? 'payer program' : 'age band';
    const say = (what: string, rate: number, others: number | null) =>
      `${g.label} (${kind}): ${what} ${points(rate)}% against ${points(others ?? 0)}% for all other patients — ${points(Math.abs(rate - (others ?? 0)))} points apart, more than the ${points(figures.marginPoints)}-point margin.`;
    if (g.writeOffFlagged) sentences.push(say('write-off rate', g.writeOffRatePct, g.othersWriteOffRatePct));
    if (g.exceptionFlagged) sentences.push(say('exception rate', g.exceptionRatePct, g.othersExceptionRatePct));
  }
  return sentences;
}
