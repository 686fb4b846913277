/**
 * Reference data for the demo practice: the services it bills (with plain
 * descriptions, list price and a typical contracted rate) and the payers it
 * sees per program. Codes and their handling follow the domain primer.
 */
import type { PayerProgram } from '../../shared/domain';

export type ServiceKind = 'visit' | 'preventive' | 'lab' | 'procedure' | 'nominal' | 'after_hours';

export interface Service {
  code: string;
  description: string;
  kind: ServiceKind;
  billedCents: number;
  allowedCents: number;
}

export const SERVICES: readonly Service[] = [
  { code: '99203', description: 'Office visit, new patient, 30 minutes', kind: 'visit', billedCents: 18_000, allowedCents: 11_500 },
  { code: '99212', description: 'Office visit, established patient, straightforward', kind: 'visit', billedCents: 9_500, allowedCents: 5_800 },
  { code: '99213', description: 'Office visit, established patient, low complexity', kind: 'visit', billedCents: 14_000, allowedCents: 9_200 },
  { code: '99214', description: 'Office visit, established patient, moderate complexity', kind: 'visit', billedCents: 20_500, allowedCents: 13_100 },
  { code: '99215', description: 'Office visit, established patient, high complexity', kind: 'visit', billedCents: 27_500, allowedCents: 18_400 },
  { code: '99395', description: 'Preventive visit, age 18 to 39', kind: 'preventive', billedCents: 24_000, allowedCents: 15_500 },
  { code: '99396', description: 'Preventive visit, age 40 to 64', kind: 'preventive', billedCents: 26_000, allowedCents: 16_500 },
  { code: '36415', description: 'Blood draw (venipuncture)', kind: 'lab', billedCents: 2_500, allowedCents: 900 },
  { code: '80053', description: 'Comprehensive metabolic panel', kind: 'lab', billedCents: 6_500, allowedCents: 1_400 },
  { code: '85025', description: 'Complete blood count', kind: 'lab', billedCents: 4_500, allowedCents: 1_100 },
  { code: '81002', description: 'Urinalysis', kind: 'lab', billedCents: 1_500, allowedCents: 350 },
  { code: '93000', description: 'Electrocardiogram (ECG)', kind: 'procedure', billedCents: 7_500, allowedCents: 1_700 },
  { code: '90471', description: 'Vaccine administration', kind: 'procedure', billedCents: 4_000, allowedCents: 2_500 },
  { code: '99421', description: 'Patient portal e-visit, 5 to 10 minutes', kind: 'nominal', billedCents: 4_500, allowedCents: 1_600 },
  { code: '99422', description: 'Patient portal e-visit, 11 to 20 minutes', kind: 'nominal', billedCents: 7_500, allowedCents: 3_200 },
  { code: '99423', description: 'Patient portal e-visit, 21 minutes or more', kind: 'nominal', billedCents: 11_000, allowedCents: 5_100 },
  { code: 'G2012', description: 'Virtual check-in, 5 to 10 minutes', kind: 'nominal', billedCents: 2_000, allowedCents: 1_400 },
  { code: '98008', description: 'Telephone visit, new patient, straightforward', kind: 'nominal', billedCents: 6_000, allowedCents: 3_900 },
  { code: '98009', description: 'Telephone visit, new patient, low complexity', kind: 'nominal', billedCents: 9_000, allowedCents: 6_000 },
  { code: '98010', description: 'Telephone visit, new patient, moderate complexity', kind: 'nominal', billedCents: 13_000, allowedCents: 9_400 },
  { code: '98011', description: 'Telephone visit, new patient, high complexity', kind: 'nominal', billedCents: 18_000, allowedCents: 12_500 },
  { code: '98012', description: 'Telephone visit, established patient, straightforward', kind: 'nominal', billedCents: 4_000, allowedCents: 2_300 },
  { code: '98013', description: 'Telephone visit, established patient, low complexity', kind: 'nominal', billedCents: 7_000, allowedCents: 4_600 },
  { code: '98014', description: 'Telephone visit, established patient, moderate complexity', kind: 'nominal', billedCents: 11_000, allowedCents: 7_700 },
  { code: '98015', description: 'Telephone visit, established patient, high complexity', kind: 'nominal', billedCents: 15_000, allowedCents: 10_500 },
  { code: '96127', description: 'Depression screening questionnaire', kind: 'nominal', billedCents: 2_500, allowedCents: 500 },
  { code: 'G0444', description: 'Annual depression screening (Medicare)', kind: 'nominal', billedCents: 3_000, allowedCents: 1_900 },
  { code: '99050', description: 'Services after regular office hours', kind: 'after_hours', billedCents: 4_000, allowedCents: 2_500 },
  { code: '99051', description: 'Services during evening or weekend office hours', kind: 'after_hours', billedCents: 3_500, allowedCents: 2_000 },
];

export const SERVICE_BY_CODE: ReadonlyMap<string, Service> = new Map(SERVICES.map((s) => [s.code, s]));

export function service(code: string): Service {
  const found = SERVICE_BY_CODE.get(code);
  if (!found) throw new Error(`Unknown demo service code ${code}`);
  return found;
}

export const PAYERS: Record<PayerProgram, readonly string[]> = {
  commercial: ['Aetna Choice POS II', 'Blue Cross Blue Shield PPO', 'UnitedHealthcare Choice Plus', 'Cigna Open Access Plus'],
  medicare: ['Medicare Part B'],
  medicare_advantage: ['Humana Gold Plus HMO', 'UnitedHealthcare Medicare Advantage', 'Aetna Medicare Advantage PPO'],
  medicaid: ['State Medicaid', 'Medicaid Managed Care (Molina)'],
  qmb: ['Medicare Part B'],
  self_pay: ['Self-pay'],
};

/** Copays (cents) a plan of the program may carry for an office visit. */
export const COPAY_CHOICES: Record<PayerProgram, readonly number[]> = {
  commercial: [2_000, 2_500, 3_000, 3_500, 4_000, 5_000],
  medicare: [0],
  medicare_advantage: [0, 1_000, 1_500, 2_000],
  medicaid: [0],
  qmb: [0],
  self_pay: [0],
};

export const PROVIDERS = ['Dr. Ana Ortiz', 'Dr. Benjamin Lee', 'Nina Patel, NP', 'Dr. Grace Kim'] as const;

export const PRACTICE_NAME = 'Maple Street Family Medicine';

/** Identifier system of the demo's main system (practice management) patient IDs. */
export const DEMO_MAIN_SYSTEM = 'urn:front-desk:demo-main-system:patient';
