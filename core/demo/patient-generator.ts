/**
 * Generates one demo patient with their coverages, appointments, adjudicated
 * claims, what they owe, what they paid and the statements they were sent.
 * Pure: no database, just a seeded random source and the reference date.
 */
import type { ItemCategory, PayerProgram, PaymentMethod } from '../../shared/domain';
import { categoryForPatientAdjustment } from '../../shared/domain';
import { addDays, daysBetween } from '../../shared/dates';
import type { AdjudicatedLine, LineContext } from './adjudicate';
import { adjudicate } from './adjudicate';
import type { Service } from './catalog';
import { COPAY_CHOICES, PAYERS, PROVIDERS, SERVICES, service } from './catalog';
import type { DemoRandom } from './random';

export interface DemoCoverage {
  payer: string;
  program: PayerProgram;
  memberId: string | null;
  priority: number;
  copayCents: number;
  activeFrom: string;
}

export interface DemoLine extends Omit<AdjudicatedLine, 'allowedCents'> {
  /** Null for a self-pay line, which no payer adjudicated. */
  allowedCents: number | null;
  lineNumber: number;
  serviceCode: string;
  billedCents: number;
}

export interface DemoClaim {
  claimNumber: string;
  /** Index into coverages, or null for self-pay. */
  coverage: number | null;
  serviceDate: string;
  adjudicatedOn: string;
  status: 'paid' | 'partially_paid' | 'denied' | 'self_pay';
  lines: DemoLine[];
}

export interface DemoItem {
  claim: number;
  line: number;
  /** Index into the line's adjustments, or null for a self-pay charge. */
  adjustment: number | null;
  serviceDate: string;
  serviceCode: string;
  category: ItemCategory;
  amountCents: number;
  /** When it was billed to the patient (adjudication, or the visit for self-pay). */
  billedOn: string;
}

export interface DemoPayment {
  /** Index into items, or null for money not yet applied (a credit). */
  item: number | null;
  postedOn: string;
  amountCents: number;
  method: PaymentMethod;
  reference: string | null;
}

/** A correction the main system posted to an item (e.g. OA-209: the patient may not be charged). */
export interface DemoAdjustmentEntry {
  item: number;
  postedOn: string;
  /** Positive: lowers what the patient owes. */
  amountCents: number;
}

export interface DemoStatement {
  attemptedOn: string;
  items: number[];
  amountCents: number;
}

export interface DemoAppointment {
  startsAt: string;
  provider: string;
  visitType: string;
  status: 'booked' | 'arrived' | 'fulfilled';
}

export interface DemoPatient {
  mrn: string;
  mainSystemId: string;
  familyName: string;
  givenName: string;
  dob: string;
  phone: string | null;
  coverages: DemoCoverage[];
  appointments: DemoAppointment[];
  claims: DemoClaim[];
  items: DemoItem[];
  payments: DemoPayment[];
  adjustments: DemoAdjustmentEntry[];
  statements: DemoStatement[];
}

const NOMINAL_CODES = ['99421', '99422', '99423', 'G2012', '98012', '98013', '98014', '98015', '98008', '98009'];
const VISIT_CODES = ['99212', '99213', '99213', '99214', '99214', '99215'];
const LAB_CODES = ['80053', '85025', '81002'];
/** Default span of a patient's history: two years. */
export const DEFAULT_HISTORY_DAYS = 730;
/** A claim comes back from the payer this many days after the visit, at the earliest. */
const ADJUDICATION_DAYS = 14;

function programFor(rng: DemoRandom, age: number): PayerProgram {
  if (age >= 65) return rng.weighted([[55, 'medicare'], [30, 'medicare_advantage'], [10, 'qmb'], [5, 'self_pay']] as const);
  return rng.weighted([[66, 'commercial'], [20, 'medicaid'], [14, 'self_pay']] as const);
}

function coveragesFor(rng: DemoRandom, program: PayerProgram, today: string, historyDays: number): DemoCoverage[] {
  const activeFrom = addDays(today, -historyDays - rng.int(0, 2000));
  const memberId = program === 'self_pay' ? null : rng.faker.string.alphanumeric({ length: 11, casing: 'upper' });
  const primary: DemoCoverage = { payer: rng.pick(PAYERS[program]), program, memberId, priority: 1, copayCents: rng.pick(COPAY_CHOICES[program]), activeFrom };
  if (program !== 'qmb') return [primary];
  // QMB patients have Medicaid as secondary, which pays their Medicare cost-sharing.
  return [primary, { payer: 'State Medicaid', program: 'medicaid', memberId: rng.faker.string.alphanumeric({ length: 10, casing: 'upper' }), priority: 2, copayCents: 0, activeFrom }];
}

/** The services of one encounter: an office visit with add-ons, or a single nominal service. */
function encounterServices(rng: DemoRandom, program: PayerProgram, age: number): Service[] {
  const medicareLike = program === 'medicare' || program === 'qmb' || program === 'medicare_advantage';
  if (rng.chance(0.22)) return [service(rng.pick(NOMINAL_CODES))];
  const preventive = !medicareLike && age >= 18 && rng.chance(0.12);
  const services = [service(preventive ? (age < 40 ? '99395' : '99396') : rng.chance(0.05) ? '99203' : rng.pick(VISIT_CODES))];
  if (rng.chance(0.3)) services.push(service('36415'), service(rng.pick(LAB_CODES)));
  if (rng.chance(0.05)) services.push(service('93000'));
  if (rng.chance(0.08)) services.push(service('90471'));
  if (rng.chance(0.15)) services.push(service(program === 'medicare' || program === 'qmb' ? 'G0444' : '96127'));
  if (rng.chance(0.06)) services.push(service(rng.pick(['99050', '99051'])));
  return services;
}

function claimStatus(lines: DemoLine[]): DemoClaim['status'] {
  const paid = lines.filter((l) => l.payerPaidCents > 0).length;
  if (paid === lines.length) return 'paid';
  return paid === 0 ? 'denied' : 'partially_paid';
}

const SELF_PAY_RATE = 60; // percent of list price on the self-pay fee schedule

function method(rng: DemoRandom): { method: PaymentMethod; reference: string | null } {
  const kind = rng.weighted([[55, 'card'], [30, 'cash'], [15, 'check']] as const);
  if (kind === 'card') return { method: kind, reference: `AUTH-${rng.faker.string.numeric(6)}` };
  if (kind === 'check') return { method: kind, reference: `CHK ${rng.int(1001, 9999)}` };
  return { method: kind, reference: null };
}

/** Payments on items: copays mostly at the visit; older bills paid, partly paid or not at all. */
function paymentsFor(rng: DemoRandom, items: (DemoItem | null)[], today: string): DemoPayment[] {
  const payments: DemoPayment[] = [];
  items.forEach((item, index) => {
    if (!item) return;
    if (item.category === 'copay' && rng.chance(0.75)) {
      payments.push({ item: index, postedOn: item.serviceDate, amountCents: item.amountCents, ...method(rng) });
      return;
    }
    const age = daysBetween(item.billedOn, today);
    const outcome = age < 25 ? (rng.chance(0.1) ? 'full' : 'none') : rng.weighted([[50, 'full'], [15, 'partial'], [35, 'none']] as const);
    if (outcome === 'none') return;
    const postedOn = addDays(item.billedOn, rng.int(1, Math.max(1, Math.min(age, 60))));
    const partial = Math.floor((item.amountCents * rng.int(3, 7)) / 1000) * 100;
    const amountCents = outcome === 'full' || partial <= 0 ? item.amountCents : partial;
    payments.push({ item: index, postedOn, amountCents, ...method(rng) });
  });
  return payments;
}

/**
 * Statements every 30 days from a week after the first bill, while a balance
 * of $20 or more stays open (smaller balances wait for the next visit), up to 5.
 */
function statementsFor(items: (DemoItem | null)[], payments: DemoPayment[], today: string): DemoStatement[] {
  const open = items.map((item) => item?.amountCents ?? 0);
  for (const p of payments) if (p.item !== null) open[p.item] = (open[p.item] ?? 0) - p.amountCents;
  const openItems = items.flatMap((item, i) => (item && (open[i] ?? 0) > 0 ? [{ item, i }] : []));
  if (openItems.length === 0) return [];
  const first = openItems.map(({ item }) => item.billedOn).sort()[0] as string;
  const statements: DemoStatement[] = [];
  for (let date = addDays(first, 7); date <= today && statements.length < 5; date = addDays(date, 30)) {
    const covered = openItems.filter(({ item }) => item.billedOn <= date);
    const amountCents = covered.reduce((sum, { i }) => sum + (open[i] ?? 0), 0);
    if (amountCents >= 2_000) statements.push({ attemptedOn: date, items: covered.map(({ i }) => i), amountCents });
  }
  return statements;
}

function appointmentsFor(rng: DemoRandom, index: number, today: string, visitDates: string[]): DemoAppointment[] {
  const slot = () => `${String(rng.int(8, 16)).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}`;
  const appointments: DemoAppointment[] = visitDates
    .filter((date) => daysBetween(date, today) <= 60)
    .map((date) => ({ startsAt: `${date}T${slot()}`, provider: rng.pick(PROVIDERS), visitType: 'Office visit', status: 'fulfilled' }));
  if (index % 40 === 0 || rng.chance(0.03)) {
    appointments.push({
      startsAt: `${today}T${slot()}`,
      provider: rng.pick(PROVIDERS),
      visitType: rng.pick(['Office visit', 'Follow-up', 'Annual physical', 'Sick visit']),
      status: rng.chance(0.3) ? 'arrived' : 'booked',
    });
  }
  if (rng.chance(0.05)) {
    appointments.push({ startsAt: `${addDays(today, rng.int(1, 30))}T${slot()}`, provider: rng.pick(PROVIDERS), visitType: 'Follow-up', status: 'booked' });
  }
  return appointments;
}

export function generatePatient(rng: DemoRandom, index: number, today: string, historyDays = DEFAULT_HISTORY_DAYS): DemoPatient {
  const sex = rng.pick(['female', 'male'] as const);
  const age = rng.weighted([[18, rng.int(0, 17)], [47, rng.int(18, 64)], [35, rng.int(65, 95)]] as const);
  const dob = addDays(today, -(age * 365 + rng.int(0, 364)));
  const program = programFor(rng, age);
  const coverages = coveragesFor(rng, program, today, historyDays);
  const primary = coverages[0] as DemoCoverage;
  // Visits per two years, scaled to the history asked for (the benchmark uses ten years).
  const visitCount = Math.round((rng.weighted([[10, 0], [20, 1], [25, 2], [20, 3], [12, 4], [8, 6], [5, 10]] as const) * historyDays) / DEFAULT_HISTORY_DAYS);
  const visitDates = Array.from({ length: visitCount }, () => addDays(today, -rng.int(1, historyDays))).sort();

  const claims: DemoClaim[] = [];
  const items: DemoItem[] = [];
  const collectedAtVisit: DemoPayment[] = [];
  const corrections: DemoAdjustmentEntry[] = [];
  for (const serviceDate of visitDates) {
    if (daysBetween(serviceDate, today) < ADJUDICATION_DAYS) continue; // still with the payer
    const adjudicatedOn = addDays(serviceDate, rng.int(ADJUDICATION_DAYS, 30));
    const claimIndex = claims.length;
    const ctx: LineContext = { program, copayCents: primary.copayCents, deductiblePhase: serviceDate.slice(5, 7) <= '03' && rng.chance(0.6), copayTaken: false };
    const lines: DemoLine[] = encounterServices(rng, program, age).map((svc, i) => {
      const lineNumber = i + 1;
      if (program === 'self_pay') {
        const amountCents = Math.round((svc.billedCents * SELF_PAY_RATE) / 100);
        items.push({ claim: claimIndex, line: i, adjustment: null, serviceDate, serviceCode: svc.code, category: 'self_pay', amountCents, billedOn: serviceDate });
        return { lineNumber, serviceCode: svc.code, billedCents: svc.billedCents, modifiers: null, allowedCents: null, payerPaidCents: 0, adjustments: [] };
      }
      const adjudicated = adjudicate(rng, svc, ctx);
      adjudicated.adjustments.forEach((a, k) => {
        if (a.group === 'PR' && a.amountCents > 0) {
          items.push({ claim: claimIndex, line: i, adjustment: k, serviceDate, serviceCode: svc.code, category: categoryForPatientAdjustment(a.carc), amountCents: a.amountCents, billedOn: adjudicatedOn });
        }
        if (a.group === 'OA' && a.carc === '209') {
          // Collected at the visit as a copay; the payer then said the patient may not be charged: a refund is due.
          const item = items.push({ claim: claimIndex, line: i, adjustment: k, serviceDate, serviceCode: svc.code, category: 'other', amountCents: a.amountCents, billedOn: serviceDate }) - 1;
          collectedAtVisit.push({ item, postedOn: serviceDate, amountCents: a.amountCents, ...method(rng) });
          corrections.push({ item, postedOn: adjudicatedOn, amountCents: a.amountCents });
        }
      });
      return { lineNumber, serviceCode: svc.code, billedCents: svc.billedCents, ...adjudicated };
    });
    claims.push({
      claimNumber: `${index + 1}-${claimIndex + 1}`,
      coverage: program === 'self_pay' ? null : 0,
      serviceDate,
      adjudicatedOn,
      status: program === 'self_pay' ? 'self_pay' : claimStatus(lines),
      lines,
    });
  }
  const corrected = new Set(corrections.map((c) => c.item));
  const payable = items.map((item, i) => (corrected.has(i) ? null : item));
  const payments = [...paymentsFor(rng, payable, today), ...collectedAtVisit];
  // A few patients keep money on account toward future visits.
  if (rng.chance(0.01)) payments.push({ item: null, postedOn: addDays(today, -rng.int(1, 90)), amountCents: 2_500, ...method(rng) });
  return {
    mrn: `M${String(index + 1).padStart(7, '0')}`,
    mainSystemId: `PM-${String(index + 1).padStart(8, '0')}`,
    familyName: rng.faker.person.lastName(),
    givenName: rng.faker.person.firstName(sex),
    dob,
    phone: rng.chance(0.95) ? `${rng.int(201, 989)}${rng.faker.string.numeric(7)}` : null,
    coverages,
    appointments: appointmentsFor(rng, index, today, visitDates),
    claims,
    items,
    payments,
    adjustments: corrections,
    statements: statementsFor(payable, payments, today),
  };
}

/** Every service the demo can bill, for the service_codes table. */
export const DEMO_SERVICES = SERVICES;
