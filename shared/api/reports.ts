/** The manager's reports: figures for a chart and its table, and the same report as CSV (what `front-desk report --csv` prints). */
import { z } from 'zod';
import type { AccessMap } from './access';

export const REPORT_NAMES = ['write-offs', 'carried-forward', 'collection-effort', 'consistency'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_LABELS: Record<ReportName, string> = {
  'write-offs': 'Write-offs',
  'carried-forward': 'Carried forward',
  'collection-effort': 'Collection effort',
  consistency: 'Consistency audit',
};

/** How far a group's rate may stand from the other patients' before it is flagged, unless the manager says otherwise. */
export const DEFAULT_MARGIN_POINTS = 5;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as the desk types it in a date field (YYYY-MM-DD), checked to be a real day. */
export const isoDay = (what: string) =>
  z
    .string()
    .regex(ISO_DATE, `The ${what} must look like 2026-11-22.`)
    .refine((text) => !ISO_DATE.test(text) || isRealDay(text), `The ${what} is not a real day.`);

/** 2026-02-30 looks like a date but is not one (Date would roll it over to March). */
function isRealDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(text);
}

/** Inclusive period; both ends optional. Used by reports and the audit trail. */
export const periodRefinement = {
  check: (p: { from?: string; to?: string }) => !p.from || !p.to || p.from <= p.to,
  message: { message: 'The first day must be on or before the last day.', path: ['to'] },
};

export const reportInputs = {
  getReport: z
    .object({
      name: z.enum(REPORT_NAMES, { error: `Choose one of the reports: ${REPORT_NAMES.join(', ')}.` }),
      from: isoDay('first day').optional(),
      to: isoDay('last day').optional(),
      /** Consistency audit: percentage points a group may differ from the other patients before it is flagged. */
      margin: z.number({ error: 'The margin must be a number of percentage points.' }).min(0, 'The margin cannot be negative.').max(100, 'The margin is at most 100 points.').optional(),
    })
    .strict()
    .refine(periodRefinement.check, periodRefinement.message),
} as const;

export const reportAccess: AccessMap<typeof reportInputs> = { getReport: 'manager' };

/** One row of a report's table, as the CLI prints it: column name → text or number (money in cents). */
export type ReportRow = Record<string, string | number>;

interface ReportBase {
  title: string;
  from: string | null;
  to: string | null;
  /** What the period covers, in words (some reports are a snapshot as of today). */
  periodNote: string;
  /** The report's table, exactly as `front-desk report NAME` has it. */
  columns: string[];
  rows: ReportRow[];
  /** The same table as CSV text (header first), identical to `front-desk report NAME --csv`. */
  csv: string;
  /** A file name for the CSV, e.g. write-offs_2026-01-01_2026-11-22.csv */
  csvFileName: string;
}

export interface WriteOffRuleTotal {
  rule: string;
  label: string;
  count: number;
  amountCents: number;
}

export interface WriteOffMonth {
  month: string;
  count: number;
  amountCents: number;
  /** Cents written off per rule code in that month (rules with none are absent). */
  byRule: Record<string, number>;
}

export interface WriteOffsReport extends ReportBase {
  name: 'write-offs';
  /** Every rule that has write-offs in the period, largest amount first. */
  rules: WriteOffRuleTotal[];
  months: WriteOffMonth[];
}

export interface AgeBand {
  band: string;
  items: number;
  openCents: number;
}

export interface CarriedForwardReport extends ReportBase {
  name: 'carried-forward';
  asOf: string;
  /** Every age band, in order, empty ones with zeros (a chart needs them all). */
  bands: AgeBand[];
}

export interface CollectionMonth {
  month: string;
  statements: number;
  billedCents: number;
  paidWithinWindowCents: number;
  /** Statements after which some of their balance was paid within the window. */
  followedByPayment: number;
  /** Statements whose whole balance was paid within the window. */
  paidInFull: number;
}

export interface CollectionEffortReport extends ReportBase {
  name: 'collection-effort';
  /** Days after a statement in which a payment counts as answering it. */
  windowDays: number;
  months: CollectionMonth[];
}

export type ConsistencyDimension = 'program' | 'age band';

export interface ConsistencyGroup {
  dimension: ConsistencyDimension;
  /** The group's code: a payer program or an age band. */
  group: string;
  label: string;
  items: number;
  chargedCents: number;
  writtenOffCents: number;
  writeOffRatePct: number;
  exceptionRequests: number;
  exceptionRatePct: number;
  /** The same rates for all the other patients (null when no other patient is in the period). */
  othersWriteOffRatePct: number | null;
  othersExceptionRatePct: number | null;
  writeOffFlagged: boolean;
  exceptionFlagged: boolean;
}

export interface ConsistencyReport extends ReportBase {
  name: 'consistency';
  marginPoints: number;
  overall: { items: number; chargedCents: number; writtenOffCents: number; writeOffRatePct: number; exceptionRequests: number; exceptionRatePct: number };
  groups: ConsistencyGroup[];
  /** One sentence per flag, for a person to read (empty: no group stands out). */
  flags: string[];
}

export type ReportView = WriteOffsReport | CarriedForwardReport | CollectionEffortReport | ConsistencyReport;

export interface ReportOutputs {
  getReport: ReportView;
}
