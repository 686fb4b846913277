import { describe, expect, it } from 'vitest';
import { generatePatient } from '../../demo/patient-generator';
import { DemoRandom } from '../../demo/random';
import * as demo from '../reference-server/demo-fhir';
import type { ImportedClaim } from '../records';
import type { ParsedRecord } from '../source';
import type { Json, MapContext } from './map-resources';
import { ADJUSTMENT_GROUP_EXTENSION, CLAIM_STATUS_EXTENSION, NO_CONTEXT, PROGRAM_SYSTEM, REMARK_CODE_EXTENSION, mapClaim, mapCoverage, mapPatient, mapResource } from './map-resources';
import { recordsOfResource } from './parse-bundle';

const HL7 = 'http://terminology.hl7.org/CodeSystem/adjudication';
const C4BB = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication';
const adj = (group: string, carc: string, amountCents: number, rarc: string | null = null) => ({ group, carc, rarc, amountCents });
const entry = (code: string, value: number | string | undefined, extra: Json = {}): Json => ({
  category: { coding: [{ system: ['coinsurance', 'noncovered', 'memberliability', 'paidtoprovider'].includes(code) ? C4BB : HL7, code }] },
  ...(value === undefined ? {} : { amount: { value, currency: 'USD' } }),
  ...extra,
});

/** An EOB with one item and the given adjudication entries. */
function eob(adjudication: Json[], extra: Json = {}, item: Json = {}): Json {
  return {
    resourceType: 'ExplanationOfBenefit',
    id: 'e1',
    status: 'active',
    use: 'claim',
    outcome: 'complete',
    patient: { reference: 'Patient/p1' },
    created: '2026-03-10',
    insurer: { display: 'Acme Health' },
    item: [{ sequence: 1, productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99213' }] }, servicedDate: '2026-03-01', adjudication, ...item }],
    ...extra,
  };
}

const lineOf = (resource: Json) => mapClaim(resource, NO_CONTEXT).lines[0]!;

function rejectedReason(record: ParsedRecord): string {
  if (record.kind !== 'rejected') throw new Error(`expected a rejected record, got ${record.kind}`);
  return record.rejected.reason;
}

describe('adjudication -> line amounts and adjustments', () => {
  it('submitted, eligible, benefit, copay, deductible, coinsurance', () => {
    const line = lineOf(eob([entry('submitted', 200), entry('eligible', 120), entry('benefit', 60), entry('copay', 20), entry('deductible', 30), entry('coinsurance', 10)]));
    expect(line).toEqual({
      lineNumber: 1,
      serviceDate: '2026-03-01',
      serviceCode: '99213',
      modifiers: null,
      units: 1,
      billedCents: 20000,
      allowedCents: 12000,
      payerPaidCents: 6000,
      adjustments: [adj('CO', '45', 8000), adj('PR', '1', 3000), adj('PR', '2', 1000), adj('PR', '3', 2000)],
    });
  });

  it('no CO-45 without both billed and allowed, or when allowed is not below billed', () => {
    expect(lineOf(eob([entry('submitted', 200), entry('benefit', 200)])).adjustments).toEqual([]);
    expect(lineOf(eob([entry('submitted', 100), entry('eligible', 100)])).adjustments).toEqual([]);
  });

  it('memberliability without a breakdown -> PR-other; with a breakdown, the breakdown wins (never counted twice)', () => {
    expect(lineOf(eob([entry('submitted', 100), entry('memberliability', 25)])).adjustments).toEqual([adj('PR', 'other', 2500)]);
    expect(lineOf(eob([entry('submitted', 100), entry('deductible', 25), entry('memberliability', 25)])).adjustments).toEqual([adj('PR', '1', 2500)]);
    expect(lineOf(eob([entry('submitted', 100), entry('copay', 30), entry('memberliability', 20)])).adjustments).toEqual([adj('PR', '3', 3000)]);
    // A remainder beyond the breakdown is owed too.
    expect(lineOf(eob([entry('submitted', 100), entry('copay', 20), entry('memberliability', 35)])).adjustments).toEqual([adj('PR', '3', 2000), adj('PR', 'other', 1500)]);
  });

  describe('noncovered: who is liable', () => {
    const denial = (code: string) => ({ category: { coding: [{ code: 'denialreason' }] }, reason: { coding: [{ code }] } });
    it('a reason with a group decides: CO120 -> CO-120, PR204 -> PR-204', () => {
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50), denial('CO120')])).adjustments).toEqual([adj('CO', '120', 5000)]);
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50), denial('PR204')])).adjustments).toEqual([adj('PR', '204', 5000)]);
    });
    it('a bare CARC puts it on the patient (96 -> PR-96), with the remark code', () => {
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50, { reason: { coding: [{ code: '96' }, { code: 'N130' }] } })])).adjustments).toEqual([adj('PR', '96', 5000)]);
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50), denial('96'), denial('N425')])).adjustments).toEqual([adj('PR', '96', 5000, 'N425')]);
    });
    it('memberliability says how much is the patient’s: PR-96 for that part, CO-96 for the rest', () => {
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50), entry('memberliability', 50)])).adjustments).toEqual([adj('PR', '96', 5000)]);
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50), entry('memberliability', 20)])).adjustments).toEqual([adj('PR', '96', 2000), adj('CO', '96', 3000)]);
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50), entry('memberliability', 0)])).adjustments).toEqual([adj('CO', '96', 5000)]);
    });
    it('no reason and no memberliability: OA-96, kept on the line, never billed', () => {
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50)])).adjustments).toEqual([adj('OA', '96', 5000)]);
    });
    it('"0" and other non-CARC reason codes are no reason', () => {
      expect(lineOf(eob([entry('submitted', 50), entry('noncovered', 50), denial('0'), denial('car')])).adjustments).toEqual([adj('OA', '96', 5000)]);
    });
  });

  it('CMS variables: the variable decides, whatever CARIN code sits beside it', () => {
    const cms = (name: string, carin: string | null, value: number): Json => ({
      category: { coding: [...(carin ? [{ system: HL7, code: carin }] : []), { system: 'https://bluebutton.cms.gov/resources/codesystem/adjudication', code: `https://bluebutton.cms.gov/resources/variables/${name}` }] },
      amount: { value, currency: 'USD' },
    });
    const line = lineOf(
      eob([
        cms('line_sbmtd_chrg_amt', 'submitted', 100),
        cms('line_alowd_chrg_amt', 'eligible', 80),
        cms('line_prvdr_pmt_amt', null, 60),
        cms('line_bene_pmt_amt', 'paidtoprovider', 999), // BFD codes paid-to-beneficiary "paidtoprovider"
        cms('line_coinsrnc_amt', null, 16),
        cms('line_bene_ptb_ddctbl_amt', null, 4),
        cms('line_bene_prmry_pyr_pd_amt', 'priorpayerpaid', 7),
        cms('gdc_blw_oopt_amt', 'coinsurance', 500), // drug-cost band, not cost-sharing
      ]),
    );
    expect(line).toMatchObject({ billedCents: 10000, allowedCents: 8000, payerPaidCents: 6000 });
    expect(line.adjustments).toEqual([adj('CO', '45', 2000), adj('PR', '1', 400), adj('PR', '2', 1600)]);
    // Reduced coinsurance replaces the wage-adjusted one when present; blood deductible is PR-66.
    const rev = lineOf(eob([cms('rev_cntr_tot_chrg_amt', 'submitted', 100), cms('rev_cntr_coinsrnc_wge_adjstd_c', null, 15), cms('rev_cntr_rdcd_coinsrnc_amt', null, 11), cms('rev_cntr_blood_ddctbl_amt', 'deductible', 3)]));
    expect(rev.adjustments).toEqual([adj('PR', '66', 300), adj('PR', '2', 1100)]);
    const wage = lineOf(eob([cms('rev_cntr_tot_chrg_amt', 'submitted', 100), cms('rev_cntr_coinsrnc_wge_adjstd_c', null, 15), cms('rev_cntr_rdcd_coinsrnc_amt', null, 0)]));
    expect(wage.adjustments).toEqual([adj('PR', '2', 1500)]);
  });

  it('explicit adjustments (the project’s group extension) are taken as they are, nothing inferred beside them', () => {
    const explicit = (group: string, carc: string, value: number, code = 'adjustmentreason', rarc?: string): Json => ({
      extension: [{ url: ADJUSTMENT_GROUP_EXTENSION, valueCode: group }, ...(rarc ? [{ url: REMARK_CODE_EXTENSION, valueCoding: { code: rarc } }] : [])],
      category: { coding: [{ code }] },
      reason: { coding: [{ system: 'https://x12.org/codes/claim-adjustment-reason-codes', code: carc }] },
      amount: { value, currency: 'USD' },
    });
    const line = lineOf(eob([entry('submitted', 100), entry('eligible', 70), entry('benefit', 40), explicit('CO', '45', 30), explicit('PR', '96', 30, 'noncovered', 'N130'), entry('memberliability', 30)]));
    expect(line.adjustments).toEqual([adj('CO', '45', 3000), adj('PR', '96', 3000, 'N130')]);
    expect(mapResource(eob([explicit('XX', '45', 30)]), NO_CONTEXT, 'entry 1').kind).toBe('rejected');
  });

  it('amounts: numbers and decimal strings exactly once; "12,00", other currencies and non-numbers are rejected', () => {
    expect(lineOf(eob([entry('submitted', '12.345'), entry('benefit', 224.83200000000002)]))).toMatchObject({ billedCents: 1235, payerPaidCents: 22483 });
    expect(rejectedReason(mapResource(eob([entry('submitted', '12,00')]), NO_CONTEXT, 'entry 1'))).toBe('item 1 adjudication 1: the amount "12,00" is not a decimal number');
    expect(rejectedReason(mapResource(eob([{ ...entry('submitted', 12), amount: { value: 12, currency: 'EUR' } }]), NO_CONTEXT, 'entry 1'))).toContain('EUR');
    expect(rejectedReason(mapResource(eob([{ ...entry('submitted', 12), amount: { value: true } }]), NO_CONTEXT, 'entry 1'))).toContain('not a number');
    expect(rejectedReason(mapResource(eob([entry('submitted', 1e30)]), NO_CONTEXT, 'entry 1'))).toContain('not a decimal number');
  });

  it('units, modifiers, service date from servicedPeriod, code from CPT over SNOMED, revenue code as a last resort', () => {
    const line = lineOf(
      eob([entry('submitted', 10)], {}, {
        servicedDate: undefined,
        servicedPeriod: { start: '2026-02-27T23:30:00-05:00' },
        productOrService: { coding: [{ system: 'http://snomed.info/sct', code: '185349003' }, { system: 'http://www.ama-assn.org/go/cpt', code: '99214' }] },
        modifier: [{ coding: [{ code: '25' }] }, { coding: [{ code: 'GA' }] }],
        quantity: { value: 2.6 },
      }),
    );
    expect(line).toMatchObject({ serviceDate: '2026-02-27', serviceCode: '99214', modifiers: '25,GA', units: 3 });
    expect(lineOf(eob([entry('submitted', 10)], {}, { productOrService: undefined, revenue: { coding: [{ code: '0450' }] }, quantity: { value: 0 } }))).toMatchObject({ serviceCode: '0450', units: 1 });
  });
});

describe('claims', () => {
  it('status: outcome error -> denied, queued/partial -> partially_paid, cancelled -> reversed, the project extension wins', () => {
    const base = [entry('submitted', 100), entry('benefit', 80)];
    expect(mapClaim(eob(base, { outcome: 'error' }), NO_CONTEXT).status).toBe('denied');
    expect(mapClaim(eob(base, { outcome: 'queued' }), NO_CONTEXT).status).toBe('partially_paid');
    expect(mapClaim(eob(base, { outcome: 'partial' }), NO_CONTEXT).status).toBe('partially_paid');
    expect(mapClaim(eob(base, { status: 'cancelled' }), NO_CONTEXT).status).toBe('reversed');
    expect(mapClaim(eob(base, { status: 'entered-in-error' }), NO_CONTEXT).status).toBe('reversed');
    expect(mapClaim(eob(base, { extension: [{ url: CLAIM_STATUS_EXTENSION, valueCode: 'partially_paid' }] }), NO_CONTEXT).status).toBe('partially_paid');
    expect(mapClaim(eob(base), NO_CONTEXT).status).toBe('paid');
    expect(mapClaim(eob([entry('submitted', 100), entry('benefit', 0)]), NO_CONTEXT).status).toBe('denied');
    expect(mapClaim(eob([entry('submitted', 100), entry('benefit', 0), entry('deductible', 100)]), NO_CONTEXT).status).toBe('paid');
  });

  it('partially paid: some charged lines paid, some not', () => {
    const resource = eob([entry('submitted', 100), entry('benefit', 80)]);
    (resource.item as Json[]).push({ sequence: 2, productOrService: { coding: [{ code: '81002' }] }, servicedDate: '2026-03-01', adjudication: [entry('submitted', 20), entry('benefit', 0)] });
    expect(mapClaim(resource, NO_CONTEXT).status).toBe('partially_paid');
  });

  it('drafts and estimates are not claims', () => {
    expect(rejectedReason(mapResource(eob([entry('submitted', 1)], { status: 'draft' }), NO_CONTEXT, 'entry 1'))).toContain("status 'draft'");
    expect(rejectedReason(mapResource(eob([entry('submitted', 1)], { use: 'predetermination' }), NO_CONTEXT, 'entry 1'))).toContain('estimate');
  });

  it('a reversal and its original inside one EOB cancel; when every line cancels the claim is reversed', () => {
    const resource = eob([entry('submitted', 100), entry('eligible', 60), entry('benefit', 60)]);
    (resource.item as Json[]).push({ ...(resource.item as Json[])[0], sequence: 2, adjudication: [entry('submitted', -100), entry('eligible', -60), entry('benefit', -60)] });
    const claim = mapClaim(resource, NO_CONTEXT);
    expect(claim).toMatchObject({ status: 'reversed', lines: [] });
  });

  it('identity: externalId from the id (namespaced by the server base), else the identifier; claim and payer claim numbers', () => {
    const ctx: MapContext = { base: 'https://fhir.example.org/r4', resolve: () => null };
    const withIds = eob([entry('submitted', 1)], {
      identifier: [
        { system: 'urn:main:claim', value: 'C-1' },
        { type: { coding: [{ code: 'uc' }] }, system: 'urn:payer', value: 'P-9' },
      ],
    });
    expect(mapClaim(withIds, ctx)).toMatchObject({ externalId: 'fhir:https://fhir.example.org/r4/ExplanationOfBenefit/e1', claimNumber: 'C-1', payerClaimNumber: 'P-9', patient: { identifiers: [{ system: 'fhir:https://fhir.example.org/r4/Patient', value: 'p1' }] } });
    const { id: _id, ...noId } = withIds;
    expect(mapClaim(noId, NO_CONTEXT).externalId).toBe('fhir:ExplanationOfBenefit?identifier=urn:main:claim|C-1');
    expect(rejectedReason(mapResource({ ...eob([entry('submitted', 1)]), id: undefined }, NO_CONTEXT, 'entry 1'))).toContain('without id or identifier');
  });

  it('the patient: missing, not a Patient, or a broken contained reference -> rejected; a logical identifier is enough', () => {
    expect(rejectedReason(mapResource(eob([entry('submitted', 1)], { patient: undefined }), NO_CONTEXT, 'entry 1'))).toBe('no patient: the patient is unknown');
    expect(rejectedReason(mapResource(eob([entry('submitted', 1)], { patient: { reference: 'Group/7' } }), NO_CONTEXT, 'entry 1'))).toContain('is not a Patient');
    expect(rejectedReason(mapResource(eob([entry('submitted', 1)], { patient: { reference: '#nobody' } }), NO_CONTEXT, 'entry 1'))).toContain('contained resource that is not there');
    expect(rejectedReason(mapResource(eob([entry('submitted', 1)], { patient: { display: 'Jane' } }), NO_CONTEXT, 'entry 1'))).toContain('names no Patient');
    expect(mapClaim(eob([entry('submitted', 1)], { patient: { identifier: { system: 'urn:mrn', value: 'M1' } } }), NO_CONTEXT).patient.identifiers).toEqual([{ system: 'urn:mrn', value: 'M1' }]);
    expect(mapClaim(eob([entry('submitted', 1)], { patient: { reference: 'Patient?identifier=urn%3Amrn|M2' } }), NO_CONTEXT).patient.identifiers).toEqual([{ system: 'urn:mrn', value: 'M2' }]);
  });

  it('a ClaimResponse takes date, code and modifiers from the Claim it answers when that is in the bundle', () => {
    const bundle: Json = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Claim',
            id: 'c1',
            billablePeriod: { start: '2026-01-05' },
            item: [{ sequence: 1, productOrService: { coding: [{ code: '99213' }] }, modifier: [{ coding: [{ code: '25' }] }], servicedDate: '2026-01-05', net: { value: 150 } }],
          },
        },
        {
          resource: {
            resourceType: 'ClaimResponse',
            id: 'r1',
            status: 'active',
            outcome: 'complete',
            patient: { identifier: { system: 'urn:mrn', value: 'M1' } },
            insurer: { display: 'Medicaid of Somewhere' },
            request: { reference: 'Claim/c1' },
            created: '2026-01-20',
            item: [{ itemSequence: 1, adjudication: [entry('eligible', 90), entry('benefit', 90)] }],
          },
        },
      ],
    };
    const [record] = recordsOfResource(bundle);
    expect(record).toMatchObject({
      kind: 'claim',
      claim: {
        status: 'paid',
        coverage: { payerName: 'Medicaid of Somewhere', program: 'medicaid' },
        lines: [{ lineNumber: 1, serviceDate: '2026-01-05', serviceCode: '99213', modifiers: '25', billedCents: 15000, allowedCents: 9000, payerPaidCents: 9000, adjustments: [adj('CO', '45', 6000)] }],
      },
    });
  });

  it('claim-level unallocated deductible lands on the first line as PR-1', () => {
    const claim = mapClaim(eob([entry('submitted', 100), entry('benefit', 100)], { adjudication: [entry('unallocdeduct', 25)] }), NO_CONTEXT);
    expect(claim.lines[0]!.adjustments).toEqual([adj('PR', '1', 2500)]);
  });

  it('self-pay: the line is billed what the patient owes (memberliability), no PR adjustments', () => {
    const claim = mapClaim(
      eob([entry('submitted', 200), entry('memberliability', 120), entry('copay', 120)], {
        insurance: [{ focal: true, coverage: { reference: '#cov' } }],
        contained: [{ resourceType: 'Coverage', id: 'cov', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-selfpay', code: 'pay' }] }, payor: [{ reference: 'Patient/p1', display: 'Self-pay' }] }],
      }),
      NO_CONTEXT,
    );
    expect(claim).toMatchObject({ status: 'self_pay', coverage: { program: 'self_pay', payerName: 'Self-pay', externalId: null }, lines: [{ billedCents: 12000, adjustments: [] }] });
  });
});

describe('Patient and Coverage', () => {
  it('drops SSN, driver’s licence and passport identifiers; normalizes the phone; only full birth dates', () => {
    const patient = mapPatient(
      {
        resourceType: 'Patient',
        id: 'p1',
        identifier: [
          { type: { coding: [{ code: 'MR' }] }, system: 'urn:mrn', value: 'M-1' },
          { type: { coding: [{ code: 'SS' }] }, system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-00-1234' },
          { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999001234' },
          { type: { coding: [{ code: 'DL' }] }, system: 'urn:oid:2.16.840.1.113883.4.3.25', value: 'S1' },
          { type: { coding: [{ code: 'PPN' }] }, value: 'X1' },
          { value: 'no-system' },
        ],
        name: [{ use: 'old', family: 'Old' }, { use: 'official', family: 'Smith', given: ['Ann', 'B.'] }],
        telecom: [{ system: 'email', value: 'a@b.c' }, { system: 'phone', value: '+1 (555) 201-3344', rank: 2 }, { system: 'phone', value: '12', rank: 1 }],
        birthDate: '1980-05',
      },
      NO_CONTEXT,
    );
    expect(patient).toEqual({
      identifiers: [
        { system: 'urn:mrn', value: 'M-1' },
        { system: 'fhir:patient-identifier', value: 'no-system' },
        { system: 'fhir:Patient', value: 'p1' },
      ],
      familyName: 'Smith',
      givenName: 'Ann B.',
      dob: null,
      phone: '5552013344',
      mrn: 'M-1',
    });
  });

  it('programs from type, class, payor', () => {
    const program = (coverage: Json) => mapCoverage({ resourceType: 'Coverage', id: 'c', beneficiary: { reference: 'Patient/p' }, ...coverage }, NO_CONTEXT).coverage.program;
    expect(program({ payor: [{ display: 'Aetna' }] })).toBe('commercial');
    expect(program({ payor: [{ display: 'Medicare Part B' }] })).toBe('medicare');
    expect(program({ payor: [{ display: 'Humana' }], class: [{ value: 'H1234', name: 'Humana Gold Plus (Medicare Advantage)' }] })).toBe('medicare_advantage');
    expect(program({ payor: [{ display: 'Medicare' }], class: [{ value: 'Part C' }] })).toBe('medicare_advantage');
    expect(program({ payor: [{ display: 'State Medicaid' }] })).toBe('medicaid');
    expect(program({ payor: [{ display: 'Medicare' }], type: { text: 'QMB' } })).toBe('qmb');
    expect(program({ payor: [{ display: 'Medicare' }], extension: [{ url: 'https://bluebutton.cms.gov/resources/variables/dual_12', valueCoding: { code: '02' } }, { url: 'https://bluebutton.cms.gov/resources/variables/dual_01', valueCoding: { code: 'NA' } }] })).toBe('qmb');
    expect(program({ payor: [{ display: 'Medicare' }], extension: [{ url: 'https://bluebutton.cms.gov/resources/variables/dual_12', valueCoding: { code: '**' } }] })).toBe('medicare');
    expect(program({ payor: [{ reference: 'Patient/p', display: 'Ann Smith' }] })).toBe('self_pay');
    expect(program({ type: { coding: [{ system: 'urn:oid:2.16.840.1.113883.3.221.5', code: '81' }] }, payor: [{ display: 'Cash' }] })).toBe('self_pay');
    expect(program({ type: { coding: [{ system: PROGRAM_SYSTEM, code: 'qmb' }] }, payor: [{ display: 'Anything' }] })).toBe('qmb');
  });

  it('member ID: the MB identifier, else the subscriber ID only when the patient is the subscriber; copay; order', () => {
    const coverage = (extra: Json) => mapCoverage({ resourceType: 'Coverage', id: 'c', beneficiary: { reference: 'Patient/p' }, payor: [{ display: 'Aetna' }], ...extra }, NO_CONTEXT).coverage;
    expect(coverage({ subscriberId: 'S1' }).memberId).toBe('S1');
    expect(coverage({ subscriberId: 'S1', relationship: { coding: [{ code: 'child' }] } }).memberId).toBeNull();
    expect(coverage({ subscriberId: 'S1', identifier: [{ type: { coding: [{ code: 'MB' }] }, value: 'S1-02' }] }).memberId).toBe('S1-02');
    expect(coverage({ order: 2, costToBeneficiary: [{ type: { coding: [{ code: 'copay' }] }, valueMoney: { value: 25, currency: 'USD' } }] })).toMatchObject({ priority: 2, copayCents: 2500 });
    expect(coverage({ order: 0 }).priority).toBe(1);
  });
});

describe('the project’s reference FHIR server (core/sync/reference-server/demo-fhir.ts) round-trips', () => {
  it('uses the same vocabulary URLs', () => {
    expect({ PROGRAM_SYSTEM, CLAIM_STATUS_EXTENSION, ADJUSTMENT_GROUP_EXTENSION, REMARK_CODE_EXTENSION }).toEqual({
      PROGRAM_SYSTEM: demo.PROGRAM_SYSTEM,
      CLAIM_STATUS_EXTENSION: demo.CLAIM_STATUS_EXTENSION,
      ADJUSTMENT_GROUP_EXTENSION: demo.ADJUSTMENT_GROUP_EXTENSION,
      REMARK_CODE_EXTENSION: demo.REMARK_CODE_EXTENSION,
    });
  });

  it('demo patients come back as generated: patient, coverages, claims with exact adjustments and statuses', () => {
    const rng = new DemoRandom(4242);
    const today = '2026-06-15';
    let claimsSeen = 0;
    const statuses = new Set<string>();
    const groups = new Set<string>();
    for (let index = 0; index < 120; index++) {
      const p = generatePatient(rng, index, today);
      const r = demo.demoPatientResources(p, today);
      const bundle = { resourceType: 'Bundle', type: 'collection', entry: [r.patient, ...r.coverages, ...r.appointments, ...r.eobs].map((resource) => ({ resource })) };
      const records = recordsOfResource(bundle as unknown as Json);
      const patients = records.filter((x) => x.kind === 'patient');
      const claims = records.flatMap((x) => (x.kind === 'claim' ? [x.claim] : []));
      expect(records.filter((x) => x.kind === 'rejected')).toEqual([]);
      const expectedPatient = {
        identifiers: [
          { system: demo.MAIN_SYSTEM_PATIENT, value: p.mainSystemId },
          { system: demo.MRN_SYSTEM, value: p.mrn },
          { system: 'fhir:Patient', value: p.mainSystemId },
        ],
        familyName: p.familyName,
        givenName: p.givenName,
        dob: p.dob,
        phone: p.phone,
        mrn: p.mrn,
      };
      expect(patients[0]).toEqual({ kind: 'patient', patient: expectedPatient, coverage: null });
      const coverageOf = (i: number) => {
        const c = p.coverages[i]!;
        return { payerName: c.payer, program: c.program, memberId: c.memberId, priority: c.priority, copayCents: c.copayCents, externalId: `fhir:Coverage/${p.mainSystemId}-c${c.priority}` };
      };
      expect(patients.slice(1).map((x) => (x.kind === 'patient' ? x.coverage : null))).toEqual(p.coverages.map((_, i) => coverageOf(i)));
      expect(claims).toHaveLength(p.claims.length);
      p.claims.forEach((demoClaim, i) => {
        const claim: ImportedClaim = claims[i]!;
        const selfPayOwed = (line: number) => p.items.filter((it) => it.claim === i && it.line === line && it.category === 'self_pay').reduce((s, it) => s + it.amountCents, 0);
        expect(claim).toEqual({
          externalId: `fhir:ExplanationOfBenefit/eob-${demoClaim.claimNumber}`,
          patient: expectedPatient,
          coverage: coverageOf(demoClaim.coverage ?? 0),
          claimNumber: demoClaim.claimNumber,
          payerClaimNumber: demoClaim.coverage === null ? null : expect.stringMatching(/^PCN/),
          status: demoClaim.status,
          adjudicatedOn: demoClaim.adjudicatedOn,
          lines: demoClaim.lines.map((l, k) => ({
            lineNumber: l.lineNumber,
            serviceDate: demoClaim.serviceDate,
            serviceCode: l.serviceCode,
            modifiers: l.modifiers ? l.modifiers.split(/[^A-Za-z0-9]+/).filter(Boolean).join(',') : null,
            units: 1,
            billedCents: demoClaim.status === 'self_pay' ? selfPayOwed(k) : l.billedCents,
            allowedCents: l.allowedCents,
            payerPaidCents: l.payerPaidCents,
            adjustments: demoClaim.status === 'self_pay' ? [] : l.adjustments.filter((a) => a.amountCents !== 0),
          })),
        });
        claimsSeen += 1;
        statuses.add(claim.status);
        for (const l of claim.lines) for (const a of l.adjustments) groups.add(`${a.group}-${a.carc}${a.rarc ? `/${a.rarc}` : ''}`);
      });
    }
    expect(claimsSeen).toBeGreaterThan(100);
    expect([...statuses].sort()).toEqual(['denied', 'paid', 'partially_paid', 'self_pay']);
    for (const seen of ['CO-45', 'PR-1', 'PR-2', 'PR-3', 'OA-209']) expect(groups).toContain(seen);
    expect([...groups].some((g) => g.includes('/'))).toBe(true); // a remark code came through
  });
});
