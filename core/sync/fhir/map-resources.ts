/**
 * FHIR R4 resources -> the normalized records of core/sync/records.ts. Pure functions: no I/O, no clock.
 * Input is untrusted JSON (payer drafts, server test fixtures, Synthea float artifacts), so every field
 * is read defensively; a resource that cannot be mapped throws MappingProblem, which mapResource turns
 * into a RejectedRecord while the rest of the file applies. Amounts go through decimalToCents exactly
 * once (the JSON number or string as given); an amount it cannot read ("12,00", 1e30, true) or in another
 * currency than USD rejects the resource, as does a string over 100,000 characters anywhere in it, or a
 * name/identifier over 200 (a code over 64) characters.
 *
 * Patient -> ImportedPatient
 * | FHIR                                   | record                                                          |
 * |----------------------------------------|-----------------------------------------------------------------|
 * | identifier[] system/value              | identifiers (system default `fhir:patient-identifier`); SSN, driver's licence and passport identifiers are dropped |
 * | id (not for contained resources)       | identifier `fhir:Patient` = id, or `fhir:<base>/Patient` when the server base is known |
 * | identifier with type v2-0203 MR        | mrn                                                             |
 * | name (use official, else the first)    | familyName = family; givenName = given[] joined by spaces       |
 * | birthDate (full YYYY-MM-DD only)       | dob                                                             |
 * | telecom phone (lowest rank first)      | phone: 10 digits (a leading US 1 dropped), else null            |
 *
 * Coverage -> ImportedCoverage (+ the beneficiary as ImportedPatient)
 * | FHIR                                   | record                                                          |
 * |----------------------------------------|-----------------------------------------------------------------|
 * | payor[0]: display, resolved Organization.name, identifier.value | payerName (else the claim's insurer, else `Unknown payer`) |
 * | type, class[], payor, insurer (see programOf) | program                                                  |
 * | identifier typed MB, else subscriberId when relationship is self/absent | memberId (a dependent never gets the subscriber's ID) |
 * | order                                  | priority (default 1)                                            |
 * | costToBeneficiary type copay (else gpvisit) valueMoney | copayCents                                      |
 * | id (not contained)                     | externalId `fhir:Coverage/<id>` (`fhir:<base>/Coverage/<id>`)   |
 *
 * programOf, first match wins: the project's own code system `urn:front-desk:payer-program`;
 * self_pay (type code `pay`, SOPT 8x, payor is a Patient/RelatedPerson, text self-pay / no insurance /
 * uninsured); qmb (text QMB / Qualified Medicare Beneficiary, or the latest CMS dual_NN code 01/02);
 * medicare_advantage (text Medicare Advantage / Part C / Medicare HMO|PPO|PFFS|SNP, SOPT 11x);
 * medicaid (text Medicaid / Medi-Cal / CHIP / dual eligible, SOPT 2x); medicare (text Medicare / CMS,
 * SOPT 1x; "Centers for Medicare & Medicaid Services" counts as Medicare); else commercial.
 *
 * ExplanationOfBenefit, ClaimResponse -> ImportedClaim
 * | FHIR                                   | record                                                          |
 * |----------------------------------------|-----------------------------------------------------------------|
 * | id (else identifier[0])                | externalId `fhir:<Type>/<id>` (`fhir:<base>/<Type>/<id>`; `fhir:<Type>?identifier=<system>|<value>`) |
 * | patient -> contained / bundled Patient | patient; unresolved `Patient/<id>` -> identifier-only patient (names '', dob null); also `Patient?identifier=s|v` and a logical reference's identifier |
 * | insurance (focal, else [0]).coverage   | coverage (resolved); unresolved -> payer from insurer, externalId from the reference |
 * | identifier (first), else id            | claimNumber                                                     |
 * | identifier typed `uc` or system containing "payer", else null | payerClaimNumber                  |
 * | created, else payment.date             | adjudicatedOn (invalid dates such as BFD's IGNORED_FIELD -> null) |
 * | status                                 | draft -> rejected; cancelled / entered-in-error -> `reversed`   |
 * | extension urn:front-desk:fhir:extension:claim-status | status as given (the project's reference server) |
 * | coverage program self_pay              | `self_pay` (line: billed = memberliability when present; no PR adjustments) |
 * | outcome error / queued / partial       | `denied` / `partially_paid` / `partially_paid`                  |
 * | outcome complete                       | by lines with a paid amount: all > 0 `paid`, some `partially_paid`, none: `paid` if the patient has cost-sharing (applied to deductible etc.) else `denied`; no paid amount on any line: the claim's benefit total / payment.amount decides the same way; none at all -> `paid` |
 * | use preauthorization / predetermination | rejected (not an adjudicated claim)                            |
 *
 * Lines: item[] and addItem[] (sequence, else itemSequence, else position -> lineNumber; addItem numbered after
 * the items); items without any amount are skipped; when no item has an amount, ONE line is built from total[]
 * (else the claim-level adjudication[]), dated and coded like the first item (else billablePeriod.start / `TOTAL`;
 * Synthea's billablePeriod starts at the claim's creation, not at the service). ClaimResponse items take
 * date/code/modifiers/quantity from the Claim they answer when it is in the file. A line whose amounts are the
 * exact negation of an earlier line with the same code, date and modifiers cancels it (a payer's reversal and
 * re-adjudication inside one EOB): both are dropped. If every line cancels, the claim is `reversed`.
 * | item field                             | line                                                            |
 * |----------------------------------------|-----------------------------------------------------------------|
 * | servicedDate / servicedPeriod.start    | serviceDate (else the answered Claim's item, billablePeriod.start, created; none -> rejected) |
 * | productOrService coding (CPT/HCPCS first) | serviceCode (else revenue code, else `UNKNOWN`)               |
 * | modifier[].coding[0].code              | modifiers joined by `,`                                         |
 * | quantity.value                         | units, rounded, at least 1                                      |
 *
 * Adjudication categories (coding code, case-insensitive; a CMS variable URI
 * https://bluebutton.cms.gov/resources/variables/<name> in a coding's code or system takes precedence over the
 * CARIN/base code beside it, because BFD sometimes mislabels the CARIN code). Per slot, billed/allowed/paid take
 * the highest-ranked entry (first among equals); the cost-sharing slots add up their entries.
 * | category code / CMS variable                                              | slot                               |
 * |---------------------------------------------------------------------------|------------------------------------|
 * | line_sbmtd_chrg_amt, rev_cntr_tot_chrg_amt, clm_tot_chrg_amt > submitted, submittedamount > drugcost, tot_rx_cst_amt > item.net | billedCents |
 * | line_alowd_chrg_amt > eligible, allowed, allowedamount > line_prmry_alowd_chrg_amt | allowedCents              |
 * | line_nch_pmt_amt, rev_cntr_pmt_amt_amt, cvrd_d_plan_pd_amt > benefit > line_prvdr_pmt_amt, rev_cntr_prvdr_pmt_amt > paidtoprovider | payerPaidCents |
 * | deductible, line_bene_ptb_ddctbl_amt, rev_cntr_cash_ddctbl_amt            | PR-1 (deductible)                  |
 * | rev_cntr_blood_ddctbl_amt                                                 | PR-66 (blood deductible)           |
 * | coinsurance, line_coinsrnc_amt; rev_cntr_rdcd_coinsrnc_amt when > 0, else rev_cntr_coinsrnc_wge_adjstd_c (alternatives, never added) | PR-2 (coinsurance) |
 * | copay                                                                     | PR-3 (copay)                       |
 * | noncovered, rev_cntr_ncvrd_chrg_amt                                       | see "noncovered" below             |
 * | memberliability                                                           | see "memberliability" below        |
 * | unallocdeduct (claim-level adjudication)                                  | PR-1 on the first line             |
 * | reason codings: of the noncovered entries first, then denialreason and other entries | the noncovered amount's CARC/group (first CARC found) |
 * | paidtopatient, paidbypatient, priorpayerpaid, discount, tax, eligpercent, line_bene_pmt_amt, rev_cntr_bene_pmt_amt, line_bene_prmry_pyr_pd_amt, rev_cntr_1st/2nd_msp_pd_amt, rev_cntr_ptnt_rspnsblty_pmt, rev_cntr_rate_amt, line_dme_prchs_price_amt, gdc_blw/abv_oopt_amt (drug-cost bands BFD tags "coinsurance"), ptnt_pay_amt, othr_troop_amt, plro_amt, lics_amt, rptd_gap_dscnt_num, anything unknown | ignored |
 *
 * Adjustments of a line (amounts of 0 are left out):
 * - An entry carrying the extension urn:front-desk:fhir:extension:adjustment-group (X12 group) with a CARC reason
 *   (else its category's: copay 3, deductible 1, coinsurance 2, noncovered 96; else rejected) and optionally
 *   urn:front-desk:fhir:extension:remark-code (RARC) is an explicit adjustment. If a line has any, its
 *   adjustments are exactly those (835-grade data): nothing below is inferred for it.
 * - CO-45 = billed - allowed when both are > 0 and billed > allowed.
 * - PR-1 / PR-66 / PR-2 / PR-3 from the cost-sharing slots (the "breakdown", B).
 * - noncovered NC, reason R (CARC from a reason coding: `CO120` -> group CO, CARC 120; `96` -> CARC 96; `0` and
 *   non-CARC codes ignored; RARCs N/M/MA kept as rarc), memberliability ML:
 *   patient's part P = NC if R has group PR; 0 if R has another group; min(max(ML - B, 0), NC) if ML is given;
 *   NC if R is a bare CARC; else 0. P -> PR-<R or 96>. The rest NC - P -> R's group if it has one, else CO when
 *   ML says the member does not owe it, else OA (liability not stated: kept on the line, never billed).
 * - memberliability beyond B + P -> PR-`other` (patient responsibility without a breakdown). When ML < B the
 *   breakdown wins (no double counting).
 */
import { decimalToCents } from '../../../shared/decimal-cents';
import type { GroupCode, PayerProgram } from '../../../shared/domain';
import { GROUP_CODES, PAYER_PROGRAMS } from '../../../shared/domain';
import type { ParsedRecord } from '../source';
import type { Identifier, ImportedAdjustment, ImportedClaim, ImportedCoverage, ImportedLine, ImportedPatient, RejectedRecord } from '../records';

/** The project's own FHIR vocabulary (the same URLs as core/sync/reference-server/demo-fhir.ts; a test checks). */
export const PROGRAM_SYSTEM = 'urn:front-desk:payer-program';
export const CLAIM_STATUS_EXTENSION = 'urn:front-desk:fhir:extension:claim-status';
export const ADJUSTMENT_GROUP_EXTENSION = 'urn:front-desk:fhir:extension:adjustment-group';
export const REMARK_CODE_EXTENSION = 'urn:front-desk:fhir:extension:remark-code';

/** Strings longer than this anywhere in a mapped resource reject it (a 1 MB "name" is not data). */
export const MAX_STRING = 100_000;
/** Quarantined raw JSON is cut to this many characters. */
export const MAX_RAW = 4_000;

export type Json = Record<string, unknown>;

/** Why a resource cannot become a record; mapResource turns it into a RejectedRecord. */
export class MappingProblem extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MappingProblem';
  }
}

const fail = (reason: string): never => {
  throw new MappingProblem(reason);
};

/** Where a resource sits, to resolve its references (FHIR: relative references are relative to its base). */
export interface MapContext {
  /** Namespace of local ids: the server base URL (e.g. https://fhir.example.org/r4), or null when unknown. */
  base: string | null;
  /** Finds a bundled (not contained) resource by reference text, or null. */
  resolve(reference: string): Json | null;
}

export const NO_CONTEXT: MapContext = { base: null, resolve: () => null };

// ---------------------------------------------------------------------------------------------------------
// Reading untrusted JSON

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const codingsOf = (concept: unknown): Json[] => (isObject(concept) ? objects(concept.coding) : []);
const codesOf = (concept: unknown): string[] => codingsOf(concept).flatMap((c) => text(c.code) ?? []);

function bounded(value: string, what: string, max = 200): string {
  return value.length > max ? fail(`${what} is ${value.length} characters long (at most ${max})`) : value;
}

/** Rejects a resource holding an absurd string anywhere (iterative: no recursion limit). */
export function checkStrings(resource: unknown): void {
  const stack: unknown[] = [resource];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length > MAX_STRING) fail(`a text of ${value.length} characters (at most ${MAX_STRING})`);
    } else if (Array.isArray(value)) stack.push(...value);
    else if (isObject(value)) stack.push(...Object.values(value));
  }
}

/** JSON of a resource for quarantine: long strings shortened, the whole cut to MAX_RAW characters. */
export function rawJson(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.length > 1000 ? `${v.slice(0, 1000)}… (${v.length} characters)` : v)) ?? String(value);
  } catch {
    json = String(value);
  }
  return json.length > MAX_RAW ? `${json.slice(0, MAX_RAW)}… (${json.length} characters)` : json;
}

export function rejected(location: string, reason: string, raw: unknown): RejectedRecord {
  return { location, reason, raw: typeof raw === 'string' ? (raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW)}… (${raw.length} characters)` : raw) : rawJson(raw) };
}

/** "Type/id" of a resource for messages and locations. */
export function label(resource: Json): string {
  const type = typeof resource.resourceType === 'string' ? resource.resourceType.slice(0, 40) : '?';
  const id = typeof resource.id === 'string' ? resource.id.slice(0, 64) : null;
  return id ? `${type}/${id}` : type;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The date part of a FHIR date/dateTime, or null (partial dates and placeholders are not dates). */
export function isoDate(value: unknown): string | null {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${y}-${m}-${d}` ? `${y}-${m}-${d}` : null;
}

/** Money -> cents, exactly once; null when there is no value. */
function moneyCents(money: unknown, where: string): number | null {
  if (money === undefined || money === null) return null;
  if (!isObject(money)) return fail(`${where}: the amount is not a Money object`);
  const { value, currency } = money;
  if (value === undefined || value === null) return null;
  if (currency !== undefined && currency !== 'USD') fail(`${where}: an amount in ${String(currency).slice(0, 12)} (only USD is imported)`);
  if (typeof value !== 'number' && typeof value !== 'string') return fail(`${where}: the amount ${JSON.stringify(value).slice(0, 40)} is not a number`);
  const cents = decimalToCents(value);
  return cents ?? fail(`${where}: the amount ${JSON.stringify(value).slice(0, 40)} is not a decimal number`);
}

// ---------------------------------------------------------------------------------------------------------
// References

interface Resolved {
  resource: Json;
  /** Contained resources have ids local to their container: never used as identifiers. */
  contained: boolean;
}

const TYPED_REFERENCE = /(?:^|\/)([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;

/** The type and id a reference names, when it names them (`Patient/1`, `https://x/fhir/Patient/1`, `urn:uuid:…`). */
function referenceParts(reference: string): { type: string | null; id: string } | null {
  const typed = TYPED_REFERENCE.exec(reference);
  if (typed) return { type: typed[1]!, id: typed[2]! };
  const uuid = /^urn:uuid:([A-Za-z0-9\-.]{1,64})$/i.exec(reference);
  return uuid ? { type: null, id: uuid[1]! } : null;
}

function resolveReference(reference: unknown, container: Json, ctx: MapContext): Resolved | null {
  const ref = isObject(reference) ? text(reference.reference) : null;
  if (!ref) return null;
  if (ref.startsWith('#')) {
    const id = ref.slice(1);
    const found = objects(container.contained).find((c) => c.id === id);
    return found ? { resource: found, contained: true } : null;
  }
  const found = ctx.resolve(ref);
  return found ? { resource: found, contained: false } : null;
}

const namespaced = (ctx: MapContext, type: string) => (ctx.base ? `fhir:${ctx.base}/${type}` : `fhir:${type}`);

// ---------------------------------------------------------------------------------------------------------
// Patient

/** Identifiers a front desk must not collect just to match people: SSN, driver's licence, passport. */
const SENSITIVE_TYPES = new Set(['SS', 'SB', 'DL', 'PPN']);
const SENSITIVE_SYSTEMS = /us-ssn|2\.16\.840\.1\.113883\.4\.1$|passport|driver/i;

/** Identifier type codes (v2-0203 MR, MB, SS…; CARIN uc…), whatever the code system. */
const identifierType = (identifier: Json): string[] => codesOf(identifier.type);

function mapName(resource: Json): { familyName: string; givenName: string } {
  const names = objects(resource.name);
  const name = names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'old' && n.use !== 'maiden') ?? names[0];
  if (!name) return { familyName: '', givenName: '' };
  const family = text(name.family) ?? '';
  const given = (Array.isArray(name.given) ? name.given : []).flatMap((g) => text(g) ?? []).join(' ');
  if (!family && !given) return { familyName: bounded(text(name.text) ?? '', 'the name'), givenName: '' };
  return { familyName: bounded(family, 'the family name'), givenName: bounded(given, 'the given name') };
}

function mapPhone(resource: Json): string | null {
  const phones = objects(resource.telecom)
    .filter((t) => t.system === 'phone' && text(t.value))
    .sort((a, b) => (typeof a.rank === 'number' ? a.rank : 1e9) - (typeof b.rank === 'number' ? b.rank : 1e9));
  for (const phone of phones) {
    let digits = String(phone.value).replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length === 10) return digits;
  }
  return null;
}

export function mapPatient(resource: Json, ctx: MapContext, contained = false): ImportedPatient {
  if (resource.resourceType !== 'Patient') fail(`expected a Patient, found ${label(resource)}`);
  const identifiers: Identifier[] = [];
  let mrn: string | null = null;
  for (const identifier of objects(resource.identifier)) {
    const value = text(identifier.value);
    if (!value) continue;
    const types = identifierType(identifier);
    const system = text(identifier.system) ?? 'fhir:patient-identifier';
    if (types.some((t) => SENSITIVE_TYPES.has(t)) || SENSITIVE_SYSTEMS.test(system)) continue;
    identifiers.push({ system: bounded(system, 'an identifier system'), value: bounded(value, 'an identifier') });
    if (!mrn && types.includes('MR')) mrn = value;
  }
  const id = text(resource.id);
  if (id && !contained) identifiers.push({ system: namespaced(ctx, 'Patient'), value: bounded(id, 'the Patient id', 64) });
  // Only a full date: a year or year-month birthDate cannot tell two people apart.
  const dob = typeof resource.birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(resource.birthDate) ? isoDate(resource.birthDate) : null;
  return { identifiers, ...mapName(resource), dob, phone: mapPhone(resource), mrn };
}

/** The patient a claim or coverage points at: the resolved Patient, or only its identifiers when it is elsewhere. */
function referencedPatient(reference: unknown, container: Json, ctx: MapContext, field: string): ImportedPatient {
  if (!isObject(reference)) return fail(`no ${field}: the patient is unknown`);
  const resolved = resolveReference(reference, container, ctx);
  if (resolved) {
    if (resolved.resource.resourceType !== 'Patient') fail(`${field} points at ${label(resolved.resource)}, not a Patient`);
    return mapPatient(resolved.resource, ctx, resolved.contained);
  }
  const identifiers: Identifier[] = [];
  const ref = text(reference.reference);
  const conditional = ref ? /^Patient\?identifier=([^&]+)$/.exec(ref) : null;
  if (conditional) {
    // A transaction Bundle's conditional reference: Patient?identifier=system|value.
    let search: string;
    try {
      search = decodeURIComponent(conditional[1]!);
    } catch {
      search = conditional[1]!;
    }
    const bar = search.indexOf('|');
    const system = bar >= 0 ? search.slice(0, bar) : '';
    const value = bar >= 0 ? search.slice(bar + 1) : search;
    if (value) identifiers.push({ system: bounded(system || 'fhir:patient-identifier', 'an identifier system'), value: bounded(value, 'an identifier') });
  } else if (ref) {
    if (ref.startsWith('#')) fail(`${field} ${ref.slice(0, 80)} names a contained resource that is not there`);
    const parts = referenceParts(ref);
    if (!parts) fail(`${field} '${ref.slice(0, 80)}' is not a reference to a Patient`);
    if (parts!.type !== null && parts!.type !== 'Patient') fail(`${field} '${ref.slice(0, 80)}' is not a Patient`);
    identifiers.push({ system: namespaced(ctx, 'Patient'), value: parts!.id });
  }
  if (isObject(reference.identifier)) {
    const value = text(reference.identifier.value);
    if (value) identifiers.push({ system: bounded(text(reference.identifier.system) ?? 'fhir:patient-identifier', 'an identifier system'), value: bounded(value, 'an identifier') });
  }
  if (!identifiers.length) fail(`${field} names no Patient (no reference, no identifier)`);
  return { identifiers, familyName: '', givenName: '', dob: null, phone: null, mrn: null };
}

// ---------------------------------------------------------------------------------------------------------
// Coverage and program

const SOPT_SYSTEM = 'urn:oid:2.16.840.1.113883.3.221.5';

/** Texts and codings that say what kind of coverage this is, plus CMS dual-eligibility codes. */
interface ProgramEvidence {
  codings: Json[];
  texts: string[];
  selfPayPayor: boolean;
  dualCodes: string[];
}

function emptyEvidence(): ProgramEvidence {
  return { codings: [], texts: [], selfPayPayor: false, dualCodes: [] };
}

function addConcept(evidence: ProgramEvidence, concept: unknown): void {
  if (!isObject(concept)) return;
  for (const c of codingsOf(concept)) {
    evidence.codings.push(c);
    for (const t of [c.code, c.display]) if (text(t)) evidence.texts.push(String(t));
  }
  if (text(concept.text)) evidence.texts.push(String(concept.text));
}

export function programOf(evidence: ProgramEvidence): PayerProgram {
  const own = evidence.codings.find((c) => c.system === PROGRAM_SYSTEM && (PAYER_PROGRAMS as readonly unknown[]).includes(c.code));
  if (own) return own.code as PayerProgram;
  const sopt = evidence.codings.filter((c) => c.system === SOPT_SYSTEM).flatMap((c) => text(c.code) ?? []);
  const all = evidence.texts.join(' | ').replace(/centers for medicare (?:and|&) medicaid services/gi, 'Medicare');
  const codes = evidence.codings.flatMap((c) => text(c.code) ?? []);
  if (evidence.selfPayPayor || codes.includes('pay') || sopt.some((s) => s.startsWith('8')) || /\bself[\s_-]?pay|\bno[\s_-]?insurance|\buninsured/i.test(all)) return 'self_pay';
  if (/\bqmb\b|qualified medicare beneficiar/i.test(all)) return 'qmb';
  const latestDual = evidence.dualCodes.find((c) => /^\d{2}$/.test(c));
  if (latestDual === '01' || latestDual === '02') return 'qmb';
  if (/medicare advantage|\bpart c\b|medicare (?:hmo|ppo|pffs|snp)|\bma-?pd\b/i.test(all) || sopt.some((s) => s.startsWith('11'))) return 'medicare_advantage';
  if (/medicaid|medi-cal|\bchip\b|dual[\s_-]?eligib/i.test(all) || sopt.some((s) => s.startsWith('2'))) return 'medicaid';
  if (/medicare|\bcms\b/i.test(all) || sopt.some((s) => s.startsWith('1'))) return 'medicare';
  return 'commercial';
}

/** A party (payor, insurer): its name from display, the resolved resource, or its identifier. */
function partyName(reference: unknown, container: Json, ctx: MapContext, evidence: ProgramEvidence): string | null {
  if (!isObject(reference)) return null;
  const resolved = resolveReference(reference, container, ctx);
  const type = resolved ? resolved.resource.resourceType : referenceParts(text(reference.reference) ?? '')?.type;
  if (type === 'Patient' || type === 'RelatedPerson') evidence.selfPayPayor = true;
  const names: string[] = [];
  if (text(reference.display)) names.push(String(reference.display).trim());
  if (resolved && text(resolved.resource.name)) names.push(String(resolved.resource.name).trim());
  if (isObject(reference.identifier) && text(reference.identifier.value)) names.push(String(reference.identifier.value).trim());
  // A pre-standard producer wrote the payer's name where a reference belongs ({"reference": "Medicare"}).
  const ref = text(reference.reference);
  if (ref && !ref.startsWith('#') && !referenceParts(ref) && !/^[a-z]+:/i.test(ref)) names.push(ref);
  evidence.texts.push(...names);
  const first = names[0];
  return first ? bounded(first, 'the payer name') : null;
}

function copayOf(resource: Json): number | null {
  const costs = objects(resource.costToBeneficiary);
  for (const wanted of ['copay', 'gpvisit']) {
    const cost = costs.find((c) => codesOf(c.type).includes(wanted) && isObject(c.valueMoney));
    if (cost) {
      const cents = moneyCents(cost.valueMoney, `costToBeneficiary ${wanted}`);
      if (cents !== null) return cents >= 0 ? cents : fail(`costToBeneficiary ${wanted}: a negative copay`);
    }
  }
  return null;
}

function memberIdOf(resource: Json): string | null {
  const member = objects(resource.identifier).find((i) => identifierType(i).includes('MB') && text(i.value));
  if (member) return bounded(String(member.value).trim(), 'the member ID');
  const relationship = codesOf(resource.relationship);
  const subscriber = text(resource.subscriberId);
  return subscriber && (relationship.length === 0 || relationship.includes('self')) ? bounded(subscriber, 'the subscriber ID') : null;
}

/** CMS BFD Coverage extensions dual_01 … dual_12 (monthly dual-eligibility codes), latest month first. */
function dualCodes(resource: Json): string[] {
  return objects(resource.extension)
    .flatMap((e) => {
      const month = typeof e.url === 'string' ? /\/dual_(\d{2})$/.exec(e.url)?.[1] : undefined;
      const code = isObject(e.valueCoding) ? text(e.valueCoding.code) : null;
      return month && code ? [{ month, code }] : [];
    })
    .sort((a, b) => b.month.localeCompare(a.month))
    .map((d) => d.code);
}

function mapCoverageResource(resource: Json, contained: boolean, ctx: MapContext, insurer: { name: string | null; evidence: ProgramEvidence } | null): ImportedCoverage {
  const evidence = emptyEvidence();
  addConcept(evidence, resource.type);
  for (const c of objects(resource.class)) {
    addConcept(evidence, c.type);
    for (const t of [c.value, c.name]) if (text(t)) evidence.texts.push(String(t));
  }
  evidence.dualCodes = dualCodes(resource);
  const payors = objects(resource.payor);
  const payerName = payors.map((p) => partyName(p, resource, ctx, evidence)).find((n) => n !== null) ?? insurer?.name ?? 'Unknown payer';
  if (insurer) evidence.texts.push(...insurer.evidence.texts);
  const order = resource.order;
  const id = text(resource.id);
  return {
    payerName,
    program: programOf(evidence),
    memberId: memberIdOf(resource),
    priority: typeof order === 'number' && Number.isInteger(order) && order >= 1 ? order : 1,
    copayCents: copayOf(resource),
    externalId: id && !contained ? `${namespaced(ctx, 'Coverage')}/${bounded(id, 'the Coverage id', 64)}` : null,
  };
}

/** A Coverage resource and its beneficiary. */
export function mapCoverage(resource: Json, ctx: MapContext): { patient: ImportedPatient; coverage: ImportedCoverage } {
  if (resource.resourceType !== 'Coverage') fail(`expected a Coverage, found ${label(resource)}`);
  const patient = referencedPatient(resource.beneficiary ?? resource.subscriber, resource, ctx, 'beneficiary');
  return { patient, coverage: mapCoverageResource(resource, false, ctx, null) };
}

/** The coverage of a claim: insurance (focal, else first).coverage resolved; else built from the insurer. */
function claimCoverage(resource: Json, ctx: MapContext): ImportedCoverage | null {
  const evidence = emptyEvidence();
  const insurerName = partyName(resource.insurer, resource, ctx, evidence);
  const insurance = objects(resource.insurance);
  const chosen = insurance.find((i) => i.focal === true) ?? insurance[0];
  const reference = chosen && isObject(chosen.coverage) ? chosen.coverage : null;
  const resolved = reference ? resolveReference(reference, resource, ctx) : null;
  if (resolved && resolved.resource.resourceType === 'Coverage') return mapCoverageResource(resolved.resource, resolved.contained, ctx, { name: insurerName, evidence });
  const ref = reference ? text(reference.reference) : null;
  const parts = ref && !ref.startsWith('#') ? referenceParts(ref) : null;
  if (reference) {
    if (text(reference.display)) evidence.texts.push(String(reference.display));
    // A Coverage given by identifier only (BFD partially adjudicated claims: payers-name "MEDICARE").
    if (isObject(reference.identifier) && text(reference.identifier.value)) evidence.texts.push(String(reference.identifier.value));
  }
  const name = insurerName ?? (reference && text(reference.display)) ?? (reference && isObject(reference.identifier) ? text(reference.identifier.value) : null);
  if (!name && !parts) return null;
  return {
    payerName: bounded(name ?? 'Unknown payer', 'the payer name'),
    program: programOf(evidence),
    memberId: null,
    priority: 1,
    copayCents: null,
    externalId: parts && (parts.type === 'Coverage' || parts.type === null) ? `${namespaced(ctx, 'Coverage')}/${parts.id}` : null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Adjudication

type PickSlot = 'billed' | 'allowed' | 'paid';
type SumSlot = 'copay' | 'deductible' | 'blood' | 'coinsurance' | 'coinsReduced' | 'coinsWage' | 'noncovered' | 'memberliability' | 'unallocdeduct';
type Rule = { pick: PickSlot; rank: number } | { sum: SumSlot } | { reasonOnly: true } | { ignore: true };

const IGNORE: Rule = { ignore: true };
const pick = (slot: PickSlot, rank: number): Rule => ({ pick: slot, rank });
const sum = (slot: SumSlot): Rule => ({ sum: slot });

/** CMS Blue Button variables (https://bluebutton.cms.gov/resources/variables/<name>): they win over the CARIN code beside them. */
const CMS_VARIABLES: Record<string, Rule> = {
  line_sbmtd_chrg_amt: pick('billed', 4),
  rev_cntr_tot_chrg_amt: pick('billed', 4),
  clm_tot_chrg_amt: pick('billed', 4),
  tot_rx_cst_amt: pick('billed', 2),
  line_alowd_chrg_amt: pick('allowed', 4),
  line_prmry_alowd_chrg_amt: pick('allowed', 1),
  line_nch_pmt_amt: pick('paid', 4),
  rev_cntr_pmt_amt_amt: pick('paid', 4),
  cvrd_d_plan_pd_amt: pick('paid', 4),
  line_prvdr_pmt_amt: pick('paid', 2),
  rev_cntr_prvdr_pmt_amt: pick('paid', 2),
  line_bene_ptb_ddctbl_amt: sum('deductible'),
  rev_cntr_cash_ddctbl_amt: sum('deductible'),
  rev_cntr_blood_ddctbl_amt: sum('blood'),
  line_coinsrnc_amt: sum('coinsurance'),
  rev_cntr_rdcd_coinsrnc_amt: sum('coinsReduced'),
  rev_cntr_coinsrnc_wge_adjstd_c: sum('coinsWage'),
  rev_cntr_ncvrd_chrg_amt: sum('noncovered'),
  line_bene_pmt_amt: IGNORE,
  rev_cntr_bene_pmt_amt: IGNORE,
  line_bene_prmry_pyr_pd_amt: IGNORE,
  rev_cntr_1st_msp_pd_amt: IGNORE,
  rev_cntr_2nd_msp_pd_amt: IGNORE,
  rev_cntr_ptnt_rspnsblty_pmt: IGNORE,
  rev_cntr_rate_amt: IGNORE,
  line_dme_prchs_price_amt: IGNORE,
  line_prcsg_ind_cd: IGNORE,
  gdc_blw_oopt_amt: IGNORE,
  gdc_abv_oopt_amt: IGNORE,
  ptnt_pay_amt: IGNORE,
  othr_troop_amt: IGNORE,
  plro_amt: IGNORE,
  lics_amt: IGNORE,
  rptd_gap_dscnt_num: IGNORE,
};

/** Base R4 (terminology.hl7.org adjudication) and CARIN BB (C4BBAdjudication…) codes, plus aliases seen in payer drafts. */
const CATEGORY_CODES: Record<string, Rule> = {
  submitted: pick('billed', 3),
  submittedamount: pick('billed', 3),
  drugcost: pick('billed', 2),
  eligible: pick('allowed', 3),
  allowed: pick('allowed', 3),
  allowedamount: pick('allowed', 3),
  benefit: pick('paid', 3),
  paidtoprovider: pick('paid', 1),
  copay: sum('copay'),
  deductible: sum('deductible'),
  coinsurance: sum('coinsurance'),
  noncovered: sum('noncovered'),
  memberliability: sum('memberliability'),
  unallocdeduct: sum('unallocdeduct'),
  denialreason: { reasonOnly: true },
  adjustmentreason: { reasonOnly: true },
};

const CMS_VARIABLE = /bluebutton\.cms\.gov\/resources\/variables\/([a-z0-9_]+)\/?$/i;

function ruleOf(category: unknown): Rule {
  const codings = codingsOf(category);
  for (const c of codings) {
    for (const v of [c.code, c.system]) {
      const name = typeof v === 'string' ? CMS_VARIABLE.exec(v)?.[1]?.toLowerCase() : undefined;
      if (name && CMS_VARIABLES[name]) return CMS_VARIABLES[name];
    }
  }
  for (const c of codings) {
    const code = text(c.code)?.toLowerCase();
    if (code && CATEGORY_CODES[code]) return CATEGORY_CODES[code];
  }
  return IGNORE;
}

interface Reason {
  group: GroupCode | null;
  carc: string | null;
  rarc: string | null;
}

const GROUPED_CARC = /^(CO|PR|OA|PI|CR)[-\s]?([A-Z]?\d{1,3})$/i;
const BARE_CARC = /^([A-Z]?\d{1,3})$/i;
const RARC = /^(?:MA|N|M)\d{1,3}$/i;

/** CARC (with its group when the code carries one, as BFD's "CO120") or RARC from reason codings. */
function reasonOf(concept: unknown): Reason | null {
  for (const c of codingsOf(concept)) {
    const code = text(c.code);
    if (!code) continue;
    const system = typeof c.system === 'string' ? c.system.toLowerCase() : '';
    if (RARC.test(code) || /remark|rarc/.test(system)) {
      if (RARC.test(code)) return { group: null, carc: null, rarc: code.toUpperCase() };
      continue;
    }
    const grouped = GROUPED_CARC.exec(code);
    if (grouped && !/^0+$/.test(grouped[2]!)) return { group: grouped[1]!.toUpperCase() as GroupCode, carc: grouped[2]!.toUpperCase().replace(/^0+(?=\d)/, ''), rarc: null };
    const bare = BARE_CARC.exec(code);
    if (bare && !/^0+$/.test(code)) return { group: null, carc: code.toUpperCase().replace(/^0+(?=\d)/, ''), rarc: null };
  }
  return null;
}

function extensionValue(entry: Json, url: string): string | null {
  const ext = objects(entry.extension).find((e) => e.url === url);
  if (!ext) return null;
  return text(ext.valueCode) ?? (isObject(ext.valueCoding) ? text(ext.valueCoding.code) : null) ?? text(ext.valueString);
}

const CARC_FOR_CATEGORY: Record<string, string> = { copay: '3', deductible: '1', coinsurance: '2', noncovered: '96' };

/** An adjudication entry that names its X12 group (the project's extension): taken as it is. */
function explicitAdjustment(entry: Json, where: string): ImportedAdjustment | null {
  const group = extensionValue(entry, ADJUSTMENT_GROUP_EXTENSION);
  if (!group) return null;
  const upper = group.toUpperCase();
  if (!(GROUP_CODES as readonly string[]).includes(upper)) fail(`${where}: unknown adjustment group '${group.slice(0, 10)}'`);
  const amount = moneyCents(entry.amount, where);
  if (amount === null) return null;
  const reason = reasonOf(entry.reason);
  const categoryCarc = codesOf(entry.category).map((c) => CARC_FOR_CATEGORY[c.toLowerCase()]).find(Boolean);
  const carc = reason?.carc ?? categoryCarc ?? fail(`${where}: a ${upper} adjustment without a reason code`);
  const rarc = extensionValue(entry, REMARK_CODE_EXTENSION);
  return { group: upper as GroupCode, carc: bounded(carc, 'a CARC', 10), rarc: rarc ? bounded(rarc.toUpperCase(), 'a RARC', 10) : (reason?.rarc ?? null), amountCents: amount };
}

/** What one item (or the totals) says, before any inference. */
interface Amounts {
  picks: Record<PickSlot, { cents: number; rank: number } | null>;
  sums: Partial<Record<SumSlot, number>>;
  reasons: Reason[];
  explicit: ImportedAdjustment[];
  hasAmount: boolean;
}

function readAdjudication(entries: Json[], where: string, net: unknown): Amounts {
  const amounts: Amounts = { picks: { billed: null, allowed: null, paid: null }, sums: {}, reasons: [], explicit: [], hasAmount: false };
  const noncoveredReasons: Reason[] = [];
  entries.forEach((entry, i) => {
    const at = `${where} adjudication ${i + 1}`;
    const explicit = explicitAdjustment(entry, at);
    if (explicit) {
      amounts.explicit.push(explicit);
      amounts.hasAmount = true;
      return;
    }
    const rule = ruleOf(entry.category);
    const reason = reasonOf(entry.reason);
    if ('ignore' in rule) return;
    if ('sum' in rule && rule.sum === 'noncovered' && reason) noncoveredReasons.push(reason);
    else if (reason) amounts.reasons.push(reason);
    if ('reasonOnly' in rule) return;
    const cents = moneyCents(entry.amount, at);
    if (cents === null) return;
    amounts.hasAmount = true;
    if ('pick' in rule) {
      const current = amounts.picks[rule.pick];
      if (!current || rule.rank > current.rank) amounts.picks[rule.pick] = { cents, rank: rule.rank };
    } else {
      amounts.sums[rule.sum] = (amounts.sums[rule.sum] ?? 0) + cents;
    }
  });
  amounts.reasons.unshift(...noncoveredReasons);
  if (!amounts.picks.billed) {
    const cents = moneyCents(net, `${where} net`);
    if (cents !== null) {
      amounts.picks.billed = { cents, rank: 0 };
      amounts.hasAmount = true;
    }
  }
  return amounts;
}

const slot = (a: Amounts, s: SumSlot) => a.sums[s] ?? 0;

/** The cost-sharing the patient owes on a line by category (B in the table). */
function coinsurance(a: Amounts): number {
  const reduced = slot(a, 'coinsReduced');
  return slot(a, 'coinsurance') + (reduced > 0 ? reduced : slot(a, 'coinsWage'));
}

function inferAdjustments(a: Amounts): ImportedAdjustment[] {
  if (a.explicit.length) return a.explicit.filter((x) => x.amountCents !== 0);
  const out: ImportedAdjustment[] = [];
  const add = (group: GroupCode, carc: string, amountCents: number, rarc: string | null = null) => {
    if (amountCents !== 0) out.push({ group, carc, rarc, amountCents });
  };
  const billed = a.picks.billed?.cents ?? null;
  const allowed = a.picks.allowed?.cents ?? null;
  if (billed !== null && allowed !== null && billed > 0 && allowed > 0 && billed > allowed) add('CO', '45', billed - allowed);
  const deductible = slot(a, 'deductible');
  const blood = slot(a, 'blood');
  const coins = coinsurance(a);
  const copay = slot(a, 'copay');
  add('PR', '1', deductible);
  add('PR', '66', blood);
  add('PR', '2', coins);
  add('PR', '3', copay);
  const breakdown = deductible + blood + coins + copay;
  const ml = a.sums.memberliability ?? null;
  const nc = slot(a, 'noncovered');
  const reason = a.reasons.find((r) => r.carc !== null) ?? null;
  const rarc = a.reasons.find((r) => r.rarc !== null)?.rarc ?? null;
  let patientPart = 0;
  if (nc !== 0) {
    if (reason?.group) patientPart = reason.group === 'PR' ? nc : 0;
    else if (ml !== null) patientPart = nc > 0 ? Math.min(Math.max(ml - breakdown, 0), nc) : 0;
    else if (reason?.carc) patientPart = nc;
    const carc = reason?.carc ?? '96';
    add('PR', carc, patientPart, rarc);
    const rest = nc - patientPart;
    // Not the patient's: the reason's group when it has one; CO when memberliability leaves it out; else OA.
    add(reason?.group && reason.group !== 'PR' ? reason.group : ml !== null ? 'CO' : 'OA', carc, rest, rarc);
  }
  if (ml !== null && ml - breakdown - patientPart > 0) add('PR', 'other', ml - breakdown - patientPart);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Claims

const SERVICE_SYSTEMS = /ama-assn|cpt|hcpcs|2\.16\.840\.1\.113883\.6\.(12|285)/i;

function serviceCodeOf(item: Json): string | null {
  const codings = codingsOf(item.productOrService);
  const preferred = codings.find((c) => typeof c.system === 'string' && SERVICE_SYSTEMS.test(c.system) && text(c.code)) ?? codings.find((c) => text(c.code));
  const code = preferred ? text(preferred.code) : (codesOf(item.revenue)[0] ?? null);
  return code ? bounded(code, 'a service code', 64) : null;
}

function serviceDateOf(item: Json): string | null {
  return isoDate(item.servicedDate) ?? (isObject(item.servicedPeriod) ? isoDate(item.servicedPeriod.start) : null);
}

function modifiersOf(item: Json): string | null {
  const codes = objects(item.modifier).flatMap((m) => codesOf(m).slice(0, 1));
  return codes.length ? bounded(codes.join(','), 'the modifiers', 64) : null;
}

function unitsOf(item: Json): number {
  const value = isObject(item.quantity) ? item.quantity.value : undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 1 ? Math.min(Math.round(n), 1_000_000) : 1;
}

interface DraftLine {
  line: Omit<ImportedLine, 'adjustments'>;
  amounts: Amounts;
}

/** Same code, date and modifiers, and every amount of `reversal` the exact negation of `original`'s. */
function cancels(original: DraftLine, reversal: DraftLine): boolean {
  const a = original.line;
  const b = reversal.line;
  if (a.serviceCode !== b.serviceCode || a.serviceDate !== b.serviceDate || a.modifiers !== b.modifiers || hasNegative(original)) return false;
  const negated = (x: number | null | undefined, y: number | null | undefined) => ((x ?? null) === null || (y ?? null) === null ? (x ?? null) === (y ?? null) : x! + y! === 0);
  if (!(['billed', 'allowed', 'paid'] as const).every((s) => negated(original.amounts.picks[s]?.cents, reversal.amounts.picks[s]?.cents))) return false;
  const sums = new Set([...Object.keys(original.amounts.sums), ...Object.keys(reversal.amounts.sums)] as SumSlot[]);
  if (![...sums].every((k) => negated(original.amounts.sums[k], reversal.amounts.sums[k]))) return false;
  const keys = (list: ImportedAdjustment[], sign: number) => list.map((x) => `${x.group}-${x.carc}-${x.rarc ?? ''}:${sign * x.amountCents}`).sort().join('|');
  return keys(original.amounts.explicit, 1) === keys(reversal.amounts.explicit, -1);
}

function hasNegative(d: DraftLine): boolean {
  return [d.line.billedCents, d.line.payerPaidCents, d.line.allowedCents ?? 0, ...Object.values(d.amounts.sums), ...d.amounts.explicit.map((x) => x.amountCents)].some((v) => (v ?? 0) < 0);
}

function dropReversals(lines: DraftLine[]): DraftLine[] {
  const dropped = new Set<number>();
  lines.forEach((line, i) => {
    if (!hasNegative(line)) return;
    const match = lines.findIndex((other, j) => j < i && !dropped.has(j) && cancels(other, line));
    if (match >= 0) {
      dropped.add(match);
      dropped.add(i);
    }
  });
  return lines.filter((_, i) => !dropped.has(i));
}

function claimIdentity(resource: Json, ctx: MapContext, type: string): { externalId: string; claimNumber: string; payerClaimNumber: string | null } {
  const identifiers = objects(resource.identifier).filter((i) => text(i.value));
  const id = text(resource.id);
  const first = identifiers[0];
  const payer = identifiers.find((i) => identifierType(i).includes('uc') || (typeof i.system === 'string' && /payer/i.test(i.system)));
  const value = (i: Json) => bounded(String(i.value).trim(), 'a claim identifier', 100);
  let externalId: string;
  if (id) externalId = `${namespaced(ctx, type)}/${bounded(id, `the ${type} id`, 64)}`;
  else if (first) externalId = `fhir:${type}?identifier=${bounded(text(first.system) ?? '', 'an identifier system')}|${value(first)}`;
  else return fail(`${type} without id or identifier: it could not be recognized when sent again`);
  return { externalId, claimNumber: first ? value(first) : id!, payerClaimNumber: payer ? value(payer) : null };
}

const CLAIM_STATUSES: readonly ImportedClaim['status'][] = ['paid', 'partially_paid', 'denied', 'reversed', 'self_pay'];

function statusFromAmounts(lines: ImportedLine[], drafts: DraftLine[], claimPaid: number | null): ImportedClaim['status'] {
  const costSharing = lines.some((l) => l.adjustments.some((a) => a.group === 'PR' && ['1', '2', '3', '66'].includes(a.carc) && a.amountCents > 0));
  const withPaid = drafts.filter((d) => d.amounts.picks.paid !== null);
  if (!withPaid.length) {
    if (claimPaid === null || claimPaid > 0) return 'paid';
    return costSharing ? 'paid' : 'denied';
  }
  const charged = withPaid.filter((d) => d.line.billedCents > 0);
  const considered = charged.length ? charged : withPaid;
  const paid = considered.filter((d) => d.line.payerPaidCents > 0).length;
  if (paid === considered.length) return 'paid';
  if (paid > 0) return 'partially_paid';
  return costSharing ? 'paid' : 'denied';
}

/** ExplanationOfBenefit or ClaimResponse -> ImportedClaim. */
export function mapClaim(resource: Json, ctx: MapContext): ImportedClaim {
  const type = resource.resourceType;
  if (type !== 'ExplanationOfBenefit' && type !== 'ClaimResponse') return fail(`expected an ExplanationOfBenefit or ClaimResponse, found ${label(resource)}`);
  const status = text(resource.status);
  if (status === 'draft') fail(`${type} status 'draft': not a final adjudication, nothing is owed on it yet`);
  const use = text(resource.use);
  if (use === 'preauthorization' || use === 'predetermination') fail(`${type} use '${use}': an estimate, not an adjudicated claim`);
  const identity = claimIdentity(resource, ctx, type);
  const patient = referencedPatient(resource.patient, resource, ctx, 'patient');
  const coverage = claimCoverage(resource, ctx);
  const created = isoDate(resource.created);
  const payment = isObject(resource.payment) ? resource.payment : null;
  const adjudicatedOn = created ?? (payment ? isoDate(payment.date) : null);
  const billable = isObject(resource.billablePeriod) ? isoDate(resource.billablePeriod.start) : null;

  // The Claim a ClaimResponse answers, for what its items do not repeat (date, code, modifiers, quantity).
  const request = type === 'ClaimResponse' ? resolveReference(resource.request, resource, ctx) : null;
  const requestItems = request && request.resource.resourceType === 'Claim' ? objects(request.resource.item) : [];
  const requestDate = request && isObject(request.resource.billablePeriod) ? isoDate(request.resource.billablePeriod.start) : null;

  const items = objects(resource.item);
  const addItems = objects(resource.addItem);
  const drafts: DraftLine[] = [];
  const numbers = new Set<number>();
  const lineFrom = (item: Json, number: number, where: string, requestItem: Json | undefined): DraftLine | null => {
    const amounts = readAdjudication(objects(item.adjudication), where, item.net ?? requestItem?.net);
    if (!amounts.hasAmount) return null;
    const source = serviceCodeOf(item) || !requestItem ? item : requestItem;
    const serviceDate = serviceDateOf(item) ?? (requestItem ? serviceDateOf(requestItem) : null) ?? billable ?? requestDate ?? created ?? fail(`${where} has no service date`);
    return {
      line: {
        lineNumber: number,
        serviceDate,
        serviceCode: serviceCodeOf(source) ?? 'UNKNOWN',
        modifiers: modifiersOf(item) ?? (requestItem ? modifiersOf(requestItem) : null),
        units: isObject(item.quantity) || !requestItem ? unitsOf(item) : unitsOf(requestItem),
        billedCents: amounts.picks.billed?.cents ?? 0,
        allowedCents: amounts.picks.allowed?.cents ?? null,
        payerPaidCents: amounts.picks.paid?.cents ?? 0,
      },
      amounts,
    };
  };
  const sequenceOf = (item: Json): number | null => {
    const seq = item.sequence ?? (Array.isArray(item.itemSequence) ? item.itemSequence[0] : item.itemSequence);
    return typeof seq === 'number' && Number.isInteger(seq) && seq >= 1 ? seq : null;
  };
  items.forEach((item, i) => {
    const number = sequenceOf(item) ?? i + 1;
    if (numbers.has(number)) fail(`item sequence ${number} appears twice`);
    numbers.add(number);
    const requestItem = requestItems.find((r) => r.sequence === number);
    const draft = lineFrom(item, number, `item ${number}`, requestItem);
    if (draft) drafts.push(draft);
  });
  let next = Math.max(0, ...numbers) + 1;
  addItems.forEach((item, i) => {
    const draft = lineFrom(item, next, `addItem ${i + 1}`, undefined);
    if (draft) {
      drafts.push(draft);
      next += 1;
    }
  });

  // Claim-level amounts: one line from total[] (else adjudication[]) when no item has any.
  const totalEntries = objects(resource.total);
  const headerEntries = objects(resource.adjudication);
  const totals = readAdjudication(totalEntries, 'total', undefined);
  const header = readAdjudication(headerEntries, 'adjudication', undefined);
  const paymentCents = payment ? moneyCents(payment.amount, 'payment') : null;
  if (!drafts.length) {
    const source = totals.hasAmount ? totals : header;
    if (source.hasAmount) {
      if (!source.picks.paid && paymentCents !== null) source.picks.paid = { cents: paymentCents, rank: 0 };
      const firstCode = [...items, ...requestItems].map(serviceCodeOf).find((c) => c !== null) ?? null;
      const firstDate = [...items, ...requestItems].map(serviceDateOf).find((d) => d !== null) ?? null;
      const serviceDate = firstDate ?? billable ?? requestDate ?? created ?? fail('the claim has no service date');
      drafts.push({
        line: {
          lineNumber: 1,
          serviceDate,
          serviceCode: firstCode ?? 'TOTAL',
          modifiers: null,
          units: 1,
          billedCents: source.picks.billed?.cents ?? 0,
          allowedCents: source.picks.allowed?.cents ?? null,
          payerPaidCents: source.picks.paid?.cents ?? 0,
        },
        amounts: source,
      });
    }
  }
  const hadLines = drafts.length > 0;
  const kept = dropReversals(drafts);

  const statusExtension = extensionValue(resource, CLAIM_STATUS_EXTENSION) as ImportedClaim['status'] | null;
  const selfPay = statusExtension === 'self_pay' || (statusExtension === null && coverage?.program === 'self_pay');
  const lines: ImportedLine[] = kept.map((d) => {
    if (selfPay) {
      const ml = d.amounts.sums.memberliability;
      return { ...d.line, billedCents: ml !== undefined ? ml : d.line.billedCents, adjustments: [] };
    }
    return { ...d.line, adjustments: inferAdjustments(d.amounts) };
  });
  const unallocated = slot(header, 'unallocdeduct');
  if (unallocated !== 0 && lines[0] && !selfPay) lines[0].adjustments.push({ group: 'PR', carc: '1', rarc: null, amountCents: unallocated });

  const outcome = text(resource.outcome);
  let claimStatus: ImportedClaim['status'];
  if (status === 'cancelled' || status === 'entered-in-error') claimStatus = 'reversed';
  else if (statusExtension && CLAIM_STATUSES.includes(statusExtension)) claimStatus = statusExtension;
  else if (selfPay) claimStatus = 'self_pay';
  else if (outcome === 'error') claimStatus = 'denied';
  else if (outcome === 'queued' || outcome === 'partial') claimStatus = 'partially_paid';
  else if (hadLines && !kept.length) claimStatus = 'reversed';
  else if (!lines.length) return fail(`${type} outcome '${outcome ?? 'absent'}' but no amounts at all: nothing says what was paid or owed`);
  else claimStatus = statusFromAmounts(lines, kept, totals.picks.paid?.cents ?? paymentCents);

  return { externalId: identity.externalId, patient, coverage, claimNumber: identity.claimNumber, payerClaimNumber: identity.payerClaimNumber, status: claimStatus, adjudicatedOn, lines };
}

// ---------------------------------------------------------------------------------------------------------
// One resource -> records

/** The resource types this import turns into records; any other type is context (or rejected when alone). */
export const IMPORTED_TYPES = new Set(['Patient', 'Coverage', 'ExplanationOfBenefit', 'ClaimResponse']);

/** Maps one resource; a problem becomes a rejected record at `location` and never stops the file. */
export function mapResource(resource: Json, ctx: MapContext, location: string): ParsedRecord {
  try {
    checkStrings(resource);
    switch (resource.resourceType) {
      case 'Patient':
        return { kind: 'patient', patient: mapPatient(resource, ctx), coverage: null };
      case 'Coverage': {
        const { patient, coverage } = mapCoverage(resource, ctx);
        return { kind: 'patient', patient, coverage };
      }
      case 'ExplanationOfBenefit':
      case 'ClaimResponse':
        return { kind: 'claim', claim: mapClaim(resource, ctx) };
      default:
        return fail(`${label(resource).split('/')[0]} resources are not imported (only Patient, Coverage, ExplanationOfBenefit and ClaimResponse)`);
    }
  } catch (error) {
    if (!(error instanceof MappingProblem)) throw error;
    return { kind: 'rejected', rejected: rejected(location, error.message, resource) };
  }
}
