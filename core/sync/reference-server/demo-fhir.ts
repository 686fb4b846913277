/**
 * The demo practice as the main system would serve it over FHIR R4: one
 * generated patient (core/demo/patient-generator.ts) becomes a Patient, its
 * Coverages, today's Appointments and one ExplanationOfBenefit per adjudicated
 * claim. Pure: no server, no clock.
 *
 * Shapes (what a FHIR importer reads):
 * - Patient: identifier[system=DEMO_MAIN_SYSTEM] = main-system ID ("PM-00000001"); identifier with
 *   type v2-0203#MR (system MRN_SYSTEM) = MRN; name[0].family/given[0]; birthDate; telecom phone.
 * - Coverage: type.coding with PROGRAM_SYSTEM#<PayerProgram> (plus the PHDSC Source of Payment
 *   Typology code); payor[0].display = payer name; subscriberId = member ID; order = priority;
 *   costToBeneficiary[type=coverage-copay-type#copay].valueMoney = office-visit copay (decimal USD).
 * - Appointment (today's only): start = the practice's local wall time with its UTC offset (its first
 *   16 characters are the desk's appointments.starts_at); participant Patient + provider (display);
 *   serviceType[0].text = visit type; status booked | arrived.
 * - ExplanationOfBenefit: identifier[CLAIM_SYSTEM] = claim number, identifier[PAYER_CLAIM_SYSTEM] =
 *   payer claim number; insurance[0].coverage -> Coverage; extension CLAIM_STATUS_EXTENSION = paid |
 *   partially_paid | denied | self_pay. Per item (one claim line): sequence = line number,
 *   productOrService = CPT/HCPCS code, modifier[], servicedDate, and adjudication entries in CARIN
 *   Blue Button categories, amounts as decimals in USD:
 *     submitted (billed), eligible (allowed; absent on self-pay lines), benefit (payer paid),
 *     one entry per claim adjustment: copay | deductible (HL7 adjudication), coinsurance | noncovered
 *     (C4BBAdjudication) for patient-responsibility CARCs 3, 1, 2 and 49/50/96/204, otherwise
 *     C4BBAdjudicationDiscriminator#adjustmentreason; each with reason = the X12 CARC, extension
 *     ADJUSTMENT_GROUP_EXTENSION = the X12 group code (CO, PR, OA, ...) and, when there is one,
 *     REMARK_CODE_EXTENSION = the RARC,
 *     memberliability (what the patient owes on the line: the PR amounts, or the self-pay charge).
 */
import type {
  Appointment,
  Coverage,
  ExplanationOfBenefit,
  ExplanationOfBenefitItem,
  ExplanationOfBenefitItemAdjudication,
  Money,
  Patient,
} from '@medplum/fhirtypes';
import type { PayerProgram } from '../../../shared/domain';
import { PROGRAM_LABELS, categoryForPatientAdjustment } from '../../../shared/domain';
import { DEMO_MAIN_SYSTEM, PRACTICE_NAME } from '../../demo/catalog';
import type { DemoAppointment, DemoClaim, DemoCoverage, DemoLine, DemoPatient } from '../../demo/patient-generator';

export const MAIN_SYSTEM_PATIENT = DEMO_MAIN_SYSTEM;
export const MRN_SYSTEM = 'urn:front-desk:demo-main-system:mrn';
export const COVERAGE_SYSTEM = 'urn:front-desk:demo-main-system:coverage';
export const APPOINTMENT_SYSTEM = 'urn:front-desk:demo-main-system:appointment';
export const CLAIM_SYSTEM = 'urn:front-desk:demo-main-system:claim';
export const PAYER_CLAIM_SYSTEM = 'urn:front-desk:demo-main-system:payer-claim';
/** The project's own payer-program codes (shared/domain.ts PAYER_PROGRAMS). */
export const PROGRAM_SYSTEM = 'urn:front-desk:payer-program';
export const CLAIM_STATUS_EXTENSION = 'urn:front-desk:fhir:extension:claim-status';
export const ADJUSTMENT_GROUP_EXTENSION = 'urn:front-desk:fhir:extension:adjustment-group';
export const REMARK_CODE_EXTENSION = 'urn:front-desk:fhir:extension:remark-code';

export const HL7_ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';
export const C4BB_ADJUDICATION = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication';
export const C4BB_DISCRIMINATOR = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator';
export const CARC_SYSTEM = 'https://x12.org/codes/claim-adjustment-reason-codes';
export const RARC_SYSTEM = 'https://x12.org/codes/remittance-advice-remark-codes';
const CPT_SYSTEM = 'http://www.ama-assn.org/go/cpt';
const HCPCS_SYSTEM = 'urn:oid:2.16.840.1.113883.6.285';
const SOPT_SYSTEM = 'urn:oid:2.16.840.1.113883.3.221.5';

/** PHDSC Source of Payment Typology code per program, for readers that know no project codes. */
const SOPT: Record<PayerProgram, [string, string]> = {
  commercial: ['5', 'Private Health Insurance'],
  medicare: ['12', 'Medicare (Non-managed Care)'],
  medicare_advantage: ['11', 'Medicare Managed Care'],
  medicaid: ['2', 'Medicaid'],
  qmb: ['14', 'Dual Eligibility Medicare/Medicaid Organization'],
  self_pay: ['81', 'Self-pay'],
};

/** Cents as a FHIR decimal in US dollars (2 decimals; JSON prints the shortest exact form). */
export function money(cents: number): Money {
  return { value: cents / 100, currency: 'USD' };
}

export const patientId = (p: DemoPatient) => p.mainSystemId;
const coverageId = (p: DemoPatient, c: DemoCoverage) => `${p.mainSystemId}-c${c.priority}`;
const eobId = (claim: DemoClaim) => `eob-${claim.claimNumber}`;

export function patientResource(p: DemoPatient): Patient {
  return {
    resourceType: 'Patient',
    id: patientId(p),
    identifier: [
      { use: 'usual', system: MAIN_SYSTEM_PATIENT, value: p.mainSystemId },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: MRN_SYSTEM, value: p.mrn },
    ],
    active: true,
    name: [{ family: p.familyName, given: [p.givenName] }],
    birthDate: p.dob,
    ...(p.phone ? { telecom: [{ system: 'phone' as const, value: p.phone, use: 'home' as const }] } : {}),
  };
}

export function coverageResource(p: DemoPatient, c: DemoCoverage): Coverage {
  const [soptCode, soptDisplay] = SOPT[c.program];
  const selfPay = c.program === 'self_pay';
  return {
    resourceType: 'Coverage',
    id: coverageId(p, c),
    identifier: [{ system: COVERAGE_SYSTEM, value: coverageId(p, c) }],
    status: 'active',
    type: {
      coding: [
        { system: PROGRAM_SYSTEM, code: c.program, display: PROGRAM_LABELS[c.program] },
        { system: SOPT_SYSTEM, code: soptCode, display: soptDisplay },
      ],
      text: PROGRAM_LABELS[c.program],
    },
    ...(c.memberId ? { subscriberId: c.memberId } : {}),
    beneficiary: { reference: `Patient/${patientId(p)}` },
    relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }] },
    period: { start: c.activeFrom },
    // FHIR's way to say self-pay: the patient is the payor.
    payor: [selfPay ? { reference: `Patient/${patientId(p)}`, display: c.payer } : { display: c.payer }],
    order: c.priority,
    costToBeneficiary: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-copay-type', code: 'copay' }], text: 'Office visit copay' },
        valueMoney: money(c.copayCents),
      },
    ],
  };
}

/** "2026-03-02T09:30" (local wall time) as a FHIR instant with this process's UTC offset for that moment. */
export function localWallTimeToInstant(wallTime: string): string {
  const local = new Date(`${wallTime}:00`);
  const offsetMinutes = -local.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${wallTime}:00${offset}`;
}

const APPOINTMENT_MINUTES = 20;

export function appointmentResource(p: DemoPatient, a: DemoAppointment, index: number): Appointment {
  const id = `${p.mainSystemId}-a${index + 1}`;
  const start = localWallTimeToInstant(a.startsAt);
  const end = new Date(Date.parse(start) + APPOINTMENT_MINUTES * 60_000);
  const endWall = `${a.startsAt.slice(0, 11)}${String(end.getHours()).padStart(2, '0')}:${String(end.getMinutes()).padStart(2, '0')}`;
  return {
    resourceType: 'Appointment',
    id,
    identifier: [{ system: APPOINTMENT_SYSTEM, value: id }],
    status: a.status,
    serviceType: [{ text: a.visitType }],
    description: a.visitType,
    start,
    end: localWallTimeToInstant(endWall),
    minutesDuration: APPOINTMENT_MINUTES,
    participant: [
      { actor: { reference: `Patient/${patientId(p)}`, display: `${p.givenName} ${p.familyName}` }, status: 'accepted' },
      {
        type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PPRF' }] }],
        actor: { display: a.provider },
        status: 'accepted',
      },
    ],
  };
}

function category(system: string, code: string) {
  return { coding: [{ system, code }] };
}

function adjustmentCategory(group: string, carc: string) {
  if (group !== 'PR') return category(C4BB_DISCRIMINATOR, 'adjustmentreason');
  switch (categoryForPatientAdjustment(carc)) {
    case 'copay':
      return category(HL7_ADJUDICATION, 'copay');
    case 'deductible':
      return category(HL7_ADJUDICATION, 'deductible');
    case 'coinsurance':
      return category(C4BB_ADJUDICATION, 'coinsurance');
    case 'noncovered':
      return category(C4BB_ADJUDICATION, 'noncovered');
    default:
      return category(C4BB_DISCRIMINATOR, 'adjustmentreason');
  }
}

function lineItem(claim: DemoClaim, line: DemoLine, selfPayCents: number): ExplanationOfBenefitItem {
  const adjudication: ExplanationOfBenefitItemAdjudication[] = [{ category: category(HL7_ADJUDICATION, 'submitted'), amount: money(line.billedCents) }];
  if (line.allowedCents !== null) {
    adjudication.push({ category: category(HL7_ADJUDICATION, 'eligible'), amount: money(line.allowedCents) });
    adjudication.push({ category: category(HL7_ADJUDICATION, 'benefit'), amount: money(line.payerPaidCents) });
  }
  let memberLiability = selfPayCents;
  for (const a of line.adjustments) {
    if (a.group === 'PR') memberLiability += a.amountCents;
    adjudication.push({
      extension: [
        { url: ADJUSTMENT_GROUP_EXTENSION, valueCode: a.group },
        ...(a.rarc ? [{ url: REMARK_CODE_EXTENSION, valueCoding: { system: RARC_SYSTEM, code: a.rarc } }] : []),
      ],
      category: adjustmentCategory(a.group, a.carc),
      reason: { coding: [{ system: CARC_SYSTEM, code: a.carc }] },
      amount: money(a.amountCents),
    });
  }
  adjudication.push({ category: category(C4BB_ADJUDICATION, 'memberliability'), amount: money(memberLiability) });
  const modifiers = line.modifiers ? line.modifiers.split(/[^A-Za-z0-9]+/).filter(Boolean) : [];
  const system = (code: string) => (/^[A-Za-z]/.test(code) ? HCPCS_SYSTEM : CPT_SYSTEM);
  return {
    sequence: line.lineNumber,
    productOrService: { coding: [{ system: system(line.serviceCode), code: line.serviceCode }] },
    ...(modifiers.length ? { modifier: modifiers.map((m) => ({ coding: [{ system: HCPCS_SYSTEM, code: m }] })) } : {}),
    servicedDate: claim.serviceDate,
    quantity: { value: 1 },
    net: money(line.billedCents),
    adjudication,
  };
}

const DISPOSITION: Record<DemoClaim['status'], string> = { paid: 'Paid', partially_paid: 'Partially paid', denied: 'Denied', self_pay: 'Self-pay charge' };

export function eobResource(p: DemoPatient, claimIndex: number): ExplanationOfBenefit {
  const claim = p.claims[claimIndex]!;
  // Self-pay claims have no payer coverage; they point at the patient's self-pay Coverage.
  const coverage = p.coverages[claim.coverage ?? 0]!;
  const selfPayByLine = new Map<number, number>();
  for (const item of p.items) {
    if (item.claim === claimIndex && item.category === 'self_pay') selfPayByLine.set(item.line, (selfPayByLine.get(item.line) ?? 0) + item.amountCents);
  }
  const items = claim.lines.map((line, i) => lineItem(claim, line, selfPayByLine.get(i) ?? 0));
  const sum = (f: (l: DemoLine, i: number) => number) => claim.lines.reduce((s, l, i) => s + f(l, i), 0);
  const memberLiability = sum((l, i) => (selfPayByLine.get(i) ?? 0) + l.adjustments.reduce((s, a) => s + (a.group === 'PR' ? a.amountCents : 0), 0));
  const paid = sum((l) => l.payerPaidCents);
  const payerClaimNumber = claim.coverage === null ? null : `PCN${p.mrn.slice(1)}${claimIndex + 1}`;
  return {
    resourceType: 'ExplanationOfBenefit',
    id: eobId(claim),
    extension: [{ url: CLAIM_STATUS_EXTENSION, valueCode: claim.status }],
    identifier: [
      { system: CLAIM_SYSTEM, value: claim.claimNumber },
      ...(payerClaimNumber ? [{ system: PAYER_CLAIM_SYSTEM, value: payerClaimNumber }] : []),
    ],
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    use: 'claim',
    patient: { reference: `Patient/${patientId(p)}` },
    billablePeriod: { start: claim.serviceDate, end: claim.serviceDate },
    created: claim.adjudicatedOn,
    insurer: { display: coverage.payer },
    provider: { display: PRACTICE_NAME },
    outcome: claim.status === 'partially_paid' ? 'partial' : 'complete',
    disposition: DISPOSITION[claim.status],
    insurance: [{ focal: true, coverage: { reference: `Coverage/${coverageId(p, coverage)}` } }],
    item: items,
    total: [
      { category: category(HL7_ADJUDICATION, 'submitted'), amount: money(sum((l) => l.billedCents)) },
      { category: category(HL7_ADJUDICATION, 'benefit'), amount: money(paid) },
      { category: category(C4BB_ADJUDICATION, 'memberliability'), amount: money(memberLiability) },
    ],
    ...(claim.coverage === null ? {} : { payment: { date: claim.adjudicatedOn, amount: money(paid) } }),
  };
}

export interface PatientResources {
  patient: Patient;
  coverages: Coverage[];
  appointments: Appointment[];
  eobs: ExplanationOfBenefit[];
}

/** Everything the main system holds for one demo patient; appointments only for `today`. */
export function demoPatientResources(p: DemoPatient, today: string): PatientResources {
  return {
    patient: patientResource(p),
    coverages: p.coverages.map((c) => coverageResource(p, c)),
    appointments: p.appointments.flatMap((a, i) => (a.startsAt.startsWith(today) ? [appointmentResource(p, a, i)] : [])),
    eobs: p.claims.map((_, i) => eobResource(p, i)),
  };
}
