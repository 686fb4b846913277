/**
 * The financial policy editor: the versions published so far, one version with
 * its written clauses, a preview of what a proposed document does to every open
 * item, and publishing it as the next version.
 */
import { z } from 'zod';
import type { Cents } from '../money';
import type { PolicyChange } from '../policy/diff';
import type { PolicyDocument } from '../policy/document';
import type { PolicyIssue } from '../policy/issues';
import type { AccessMap } from './access';

/** One per publication the manager starts; a retry or double click publishes once. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9:_-]{8,100}$/, 'idempotencyKey must be 8-100 letters, digits, - _ or :.');
const version = z.number({ error: 'The version must be a number.' }).int().positive();

export const policyEditorInputs = {
  listPolicyVersions: z.object({}).strict(),
  /** Without a version: the one in force (any staff member); another version: managers. */
  getPolicyVersion: z.object({ version: version.optional() }).strict(),
  /** The document is checked by the policy's own schema in the handler, so problems come back at their settings. */
  previewPolicy: z.object({ document: z.unknown() }).strict(),
  publishPolicy: z
    .object({
      document: z.unknown(),
      note: z.string().trim().min(5, 'Say what changed and why, in a few words (5 characters at least).').max(500, 'The note is too long (500 characters at most).'),
      /** The version the manager edited: refused if another was published since. */
      basedOnVersion: version,
      idempotencyKey,
    })
    .strict(),
} as const;

export const policyEditorAccess: AccessMap<typeof policyEditorInputs> = {
  listPolicyVersions: 'manager',
  getPolicyVersion: 'staff',
  previewPolicy: 'manager',
  publishPolicy: 'manager',
};

/** What the policy lets happen to an open item, in one word-group a manager compares across versions. */
export const VERDICT_OUTCOMES = ['collect', 'carry_forward', 'small_balance', 'nominal_fee', 'bad_debt', 'written_off_by_policy', 'not_billable', 'review', 'refund'] as const;
export type VerdictOutcome = (typeof VERDICT_OUTCOMES)[number];

export const VERDICT_OUTCOME_LABELS: Record<VerdictOutcome, string> = {
  collect: 'collect',
  carry_forward: 'may be carried forward',
  small_balance: 'may be written off (small balance)',
  nominal_fee: 'collect the nominal fee (the rest may be written off)',
  bad_debt: 'bad debt or collections, with a manager',
  written_off_by_policy: 'written off by policy (non-covered)',
  not_billable: 'not billable to the patient',
  review: 'a manager reviews it first',
  refund: 'refund',
};

export interface PolicyVersionSummary {
  version: number;
  title: string;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  /** The newest version is the one in force. */
  inForce: boolean;
}

/** One clause of the written policy as this version words it, with the public source of its default. */
export interface PolicyClauseText {
  section: string;
  title: string;
  text: string;
  source: string;
}

export interface PolicyVersionView extends PolicyVersionSummary {
  document: PolicyDocument;
  clauses: PolicyClauseText[];
}

export interface PreviewExample {
  patientId: number;
  patientName: string;
  mrn: string;
  itemId: number;
  serviceDate: string;
  serviceCode: string;
  description: string;
  openCents: Cents;
  /** Why, under the proposed version: "<clause>: <text>". */
  reason: string;
}

export interface PreviewTransition {
  from: VerdictOutcome;
  to: VerdictOutcome;
  /** "12 items: collect → may be carried forward". */
  summary: string;
  items: number;
  patients: number;
  /** The open money of those items. */
  cents: Cents;
  /** A handful, largest first. */
  examples: PreviewExample[];
}

export interface OutcomeTotals {
  outcome: VerdictOutcome;
  label: string;
  before: { items: number; cents: Cents };
  after: { items: number; cents: Cents };
}

export interface PolicyPreviewResult {
  valid: true;
  /** The version in force the proposal is compared with. */
  basedOnVersion: number;
  today: string;
  /** The settings the proposal changes. */
  changes: PolicyChange[];
  patientsEvaluated: number;
  itemsEvaluated: number;
  itemsChanged: number;
  /** Open money of the items whose verdict changes. */
  centsChanged: Cents;
  /** Most items first. */
  transitions: PreviewTransition[];
  /** Items and money per outcome, in force and proposed. */
  outcomes: OutcomeTotals[];
  /** Items whose verdict stays the same but whose dates or limits move. */
  sameVerdictOtherChanges: { carryForwardDates: number; writeOffLimits: number };
  /** Cautions that do not stop publishing (e.g. a small-balance write-off is a routine-waiver risk). */
  warnings: string[];
  elapsedMs: number;
}

export type PolicyPreview = PolicyPreviewResult | { valid: false; issues: PolicyIssue[] };

export interface PublishedPolicyVersion {
  version: number;
  publishedAt: string;
  changes: PolicyChange[];
}

export interface PolicyEditorOutputs {
  listPolicyVersions: PolicyVersionSummary[];
  getPolicyVersion: PolicyVersionView;
  previewPolicy: PolicyPreview;
  publishPolicy: PublishedPolicyVersion;
}
