/**
 * What every source (X12 835 files, FHIR R4 bundles and servers, CSV exports) is
 * turned into before it touches the store. Amounts are already integer cents
 * (shared/decimal-cents.ts); dates ISO. One apply step (apply.ts) stores them,
 * so matching, idempotency and conflicts work the same for every source.
 */
import type { GroupCode, PayerProgram } from '../../shared/domain';

export interface Identifier {
  /** e.g. 'urn:front-desk:main-system:patient', 'member:<payer>', 'x12:patient-control-number'. */
  system: string;
  value: string;
}

export interface ImportedPatient {
  identifiers: Identifier[];
  familyName: string;
  givenName: string;
  /** Unknown in an 835 (it carries none). */
  dob: string | null;
  phone?: string | null;
  /** The main system's medical record number, when the source names one. */
  mrn?: string | null;
}

export interface ImportedCoverage {
  payerName: string;
  program: PayerProgram;
  memberId: string | null;
  priority: number;
  copayCents: number | null;
  externalId: string | null;
}

export interface ImportedAdjustment {
  group: GroupCode;
  carc: string;
  rarc: string | null;
  amountCents: number;
}

export interface ImportedLine {
  lineNumber: number;
  serviceDate: string;
  serviceCode: string;
  modifiers: string | null;
  units: number;
  billedCents: number;
  allowedCents: number | null;
  payerPaidCents: number;
  /** Sources without group codes (FHIR) infer them: patient liability PR, contractual CO (primer §2). */
  adjustments: ImportedAdjustment[];
}

export interface ImportedClaim {
  /** Stable across re-imports of the same claim from the same payer. */
  externalId: string;
  patient: ImportedPatient;
  coverage: ImportedCoverage | null;
  claimNumber: string;
  payerClaimNumber: string | null;
  status: 'paid' | 'partially_paid' | 'denied' | 'reversed' | 'self_pay';
  adjudicatedOn: string | null;
  lines: ImportedLine[];
}

/** A record a source could not turn into one of the above: quarantined with the reason. */
export interface RejectedRecord {
  location: string;
  reason: string;
  raw: string;
}
