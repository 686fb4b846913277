/**
 * The one contract between the renderer (or CLI) and the core.
 * Inputs are zod schemas, parsed on the core side before any handler runs;
 * outputs are plain serialisable types. Both hosts (Electron IPC and the
 * browser host's HTTP API) carry exactly these calls.
 */
import { z } from 'zod';
import type { GroupCode, ItemCategory, PayerProgram } from './domain';
import type { Cents } from './money';

export const SEARCH_RESULT_LIMIT = 50;

export const contractInputs = {
  getAppInfo: z.object({}).strict(),
  searchPatients: z
    .object({
      query: z.string().max(200, 'Search text is too long (200 characters at most).'),
      limit: z.number().int().min(1).max(SEARCH_RESULT_LIMIT).optional(),
    })
    .strict(),
  getPatientBalance: z
    .object({ patientId: z.number({ error: 'patientId must be a number.' }).int().positive() })
    .strict(),
} as const;

export type ApiMethod = keyof typeof contractInputs;
export const API_METHODS = Object.keys(contractInputs) as ApiMethod[];
export type ApiInput<M extends ApiMethod> = z.input<(typeof contractInputs)[M]>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof contractInputs)[M]>;

export interface AppInfo {
  practiceName: string;
  /** ISO date the core treats as today (the desk's local date). */
  today: string;
  host: 'electron' | 'browser';
}

export interface PatientSummary {
  id: number;
  mrn: string;
  /** "Family, Given" as the desk reads it. */
  name: string;
  /** ISO date, YYYY-MM-DD. */
  dob: string;
  /** Ten digits, or null when the main system has none. */
  phone: string | null;
}

export interface CoverageView {
  payer: string;
  program: PayerProgram;
  memberId: string | null;
  priority: number;
  copayCents: Cents;
}

export interface AppointmentView {
  id: number;
  /** Local date-time, YYYY-MM-DDTHH:MM. */
  startsAt: string;
  provider: string;
  visitType: string;
  /** The primary coverage's copay for this visit (0 when none applies). */
  expectedCopayCents: Cents;
}

export interface BalanceItem {
  id: number;
  serviceDate: string;
  serviceCode: string;
  description: string;
  category: ItemCategory;
  group: GroupCode | null;
  carc: string | null;
  rarc: string | null;
  /** What the main system reported the patient owes for this item. */
  amountCents: Cents;
  /** What is still open: the sum of the item's ledger entries. */
  openCents: Cents;
}

export interface PatientBalance {
  patient: PatientSummary;
  coverages: CoverageView[];
  appointmentToday: AppointmentView | null;
  items: BalanceItem[];
  /** Sum of the open items' openCents. */
  totalDueCents: Cents;
  /** Today's expected copay. */
  dueTodayCents: Cents;
  /** When the data last came from the main system (ISO timestamp), or null if never. */
  lastSyncedAt: string | null;
}

export interface ApiOutputs {
  getAppInfo: AppInfo;
  searchPatients: PatientSummary[];
  getPatientBalance: PatientBalance;
}

export type ApiOutput<M extends ApiMethod> = ApiOutputs[M];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(contractInputs, name);
}
