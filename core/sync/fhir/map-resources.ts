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
import type { ParsedRecord } from '../source';
import { mapClaim } from './claim';
import { mapCoverage } from './coverage';
import type { Json, MapContext } from './json';
import { MappingProblem, checkStrings, fail, label, rejected } from './json';
import { mapPatient } from './patient';

// The mapping lives in the modules beside this one, one job each: json.ts (reading untrusted JSON),
// references.ts, patient.ts, coverage.ts (and programOf), adjudication.ts, claim.ts; vocabulary.ts holds the
// project's URLs. This file is the entry point: what the rest of the code imports comes from here.
export { ADJUSTMENT_GROUP_EXTENSION, CLAIM_STATUS_EXTENSION, PROGRAM_SYSTEM, REMARK_CODE_EXTENSION } from './vocabulary';
export type { Json, MapContext } from './json';
export { MAX_RAW, MAX_STRING, MappingProblem, NO_CONTEXT, checkStrings, isObject, isoDate, label, rawJson, rejected } from './json';
export { mapPatient } from './patient';
export { mapCoverage, programOf } from './coverage';
export { mapClaim } from './claim';

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
