/**
 * Every file of the public FHIR corpus (/work/shared/corpus/fhir-eob, see its SOURCES.md) goes through
 * parseFhirJson: per file the number of patients, claims and rejected records, and exact facts for the
 * cases that exercise the mapping rules (map-resources.ts). The corpus is read in place, never copied.
 */
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportedClaim, ImportedCoverage, ImportedPatient, RejectedRecord } from '../records';
import { ImportRefusal } from '../source';
import type { Json } from './map-resources';
import { parseFhirJson, recordsOfResource } from './parse-bundle';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../../shared/corpus/fhir-eob');
const present = existsSync(CORPUS);

interface Parsed {
  patients: { patient: ImportedPatient; coverage: ImportedCoverage | null }[];
  claims: ImportedClaim[];
  rejected: RejectedRecord[];
  refusal: string | null;
}

const cache = new Map<string, Promise<Parsed>>();

function parse(rel: string): Promise<Parsed> {
  let result = cache.get(rel);
  if (!result) {
    result = (async () => {
      const out: Parsed = { patients: [], claims: [], rejected: [], refusal: null };
      try {
        const chunks = createReadStream(path.join(CORPUS, rel), { encoding: 'utf8', highWaterMark: 64 * 1024 }) as AsyncIterable<string>;
        for await (const record of parseFhirJson(chunks, path.basename(rel))) {
          if (record.kind === 'patient') out.patients.push({ patient: record.patient, coverage: record.coverage });
          else if (record.kind === 'claim') out.claims.push(record.claim);
          else out.rejected.push(record.rejected);
        }
      } catch (error) {
        if (!(error instanceof ImportRefusal)) throw error;
        out.refusal = error.message;
      }
      return out;
    })();
    cache.set(rel, result);
  }
  return result;
}

async function claim(rel: string, externalId?: string): Promise<ImportedClaim> {
  const { claims } = await parse(rel);
  const found = externalId ? claims.find((c) => c.externalId === externalId) : claims[0];
  if (!found) throw new Error(`no claim ${externalId ?? ''} in ${rel}`);
  return found;
}

const adj = (group: string, carc: string, amountCents: number, rarc: string | null = null) => ({ group, carc, rarc, amountCents });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [path.relative(CORPUS, full).split(path.sep).join('/')];
  });
}

/** patients / claims / rejected per corpus file; statuses and programs of the Synthea claims pin the inference rules. */
const EXPECTED: Record<string, { patients: number; claims: number; rejected: number; statuses?: Record<string, number>; programs?: Record<string, number> }> = {
  'cmsgov-bfd-v2/claimFissRead.json': { patients: 0, claims: 0, rejected: 1 },
  'cmsgov-bfd-v2/claimMcsRead.json': { patients: 0, claims: 0, rejected: 1 },
  'cmsgov-bfd-v2/claimResponseFissRead.json': { patients: 0, claims: 1, rejected: 0, statuses: { partially_paid: 1 } },
  'cmsgov-bfd-v2/claimResponseMcsRead.json': { patients: 0, claims: 0, rejected: 1 },
  'cmsgov-bfd-v2/claimResponseSearch.json': { patients: 0, claims: 2, rejected: 0, statuses: { partially_paid: 2 } },
  'cmsgov-bfd-v2/coverageRead.json': { patients: 1, claims: 0, rejected: 0 },
  'cmsgov-bfd-v2/eobByPatientIdAll.json': { patients: 0, claims: 8, rejected: 0, statuses: { paid: 8 }, programs: { medicare: 8 } },
  'cmsgov-bfd-v2/eobReadCarrier.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/eobReadCarrierWithMultipleLines.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/eobReadDme.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/eobReadHha.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/eobReadHospice.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/eobReadInpatient.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/eobReadOutpatient.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/eobReadPde.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/eobReadSnf.json': { patients: 0, claims: 1, rejected: 0 },
  'cmsgov-bfd-v2/patientRead.json': { patients: 1, claims: 0, rejected: 0 },
  'hl7-carin-bb/Coverage_CoverageEx1.json': { patients: 1, claims: 0, rejected: 0 },
  'hl7-carin-bb/Coverage_CoverageEx2.json': { patients: 1, claims: 0, rejected: 0 },
  'hl7-carin-bb/ExplanationOfBenefit_InpatientEOBExample1.json': { patients: 0, claims: 1, rejected: 0, statuses: { paid: 1 } },
  'hl7-carin-bb/ExplanationOfBenefit_OutpatientEOBExample1.json': { patients: 0, claims: 1, rejected: 0, statuses: { paid: 1 } },
  'hl7-carin-bb/ExplanationOfBenefit_ProfessionalEOBExample1.json': { patients: 0, claims: 1, rejected: 0, statuses: { paid: 1 } },
  'hl7-carin-bb/Organization_PayerOrganizationExample1.json': { patients: 0, claims: 0, rejected: 1 },
  'hl7-carin-bb/Patient_ExamplePatient1.json': { patients: 1, claims: 0, rejected: 0 },
  'hl7-carin-bb/draft-2020/Aetna-Connectathon25-EOB-Example.json': { patients: 0, claims: 0, rejected: 2 },
  'hl7-carin-bb/draft-2020/ExplanationOfBenefit_01234567801-FR123E1230000010000010001.json': { patients: 0, claims: 1, rejected: 0, statuses: { paid: 1 } },
  'hl7-carin-bb/draft-2020/ExplanationOfBenefit_88897664101-HNXXXTTTUUU645987.json': { patients: 0, claims: 1, rejected: 0, statuses: { paid: 1 } },
  'hl7-carin-bb/draft-2020/ExplanationOfBenefit_88897664101-HNXXXZZZWWW546879.json': { patients: 0, claims: 1, rejected: 0, statuses: { paid: 1 } },
  'smart-on-fhir-synthea-r4/Bethany_Hauck_36ab2c13-d59e-4f1f-913c-9260ef647da8.json': { patients: 1, claims: 14, rejected: 0, statuses: { denied: 4, paid: 10 }, programs: { commercial: 3, medicare: 11 } },
  'smart-on-fhir-synthea-r4/Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json': { patients: 1, claims: 3, rejected: 0, statuses: { paid: 3 }, programs: { commercial: 3 } },
  'smart-on-fhir-synthea-r4/Dannie_Schmitt_22d6efc6-2dc7-4f36-9d27-84fc6609c469.json': { patients: 1, claims: 7, rejected: 0, statuses: { denied: 3, paid: 4 }, programs: { medicaid: 7 } },
  'smart-on-fhir-synthea-r4/Desmond_Gutmann_d49945ce-9f8c-4974-80e3-0b38054dd45d.json': { patients: 1, claims: 9, rejected: 0, statuses: { paid: 3, denied: 6 }, programs: { commercial: 9 } },
  'smart-on-fhir-synthea-r4/Eugenia_Schuster_f1dc4192-b4ea-4024-9664-a1edcdde8187.json': { patients: 1, claims: 15, rejected: 0, statuses: { denied: 5, paid: 10 }, programs: { commercial: 10, medicaid: 1, medicare: 4 } },
  'smart-on-fhir-synthea-r4/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json': { patients: 1, claims: 7, rejected: 0, statuses: { self_pay: 2, paid: 4, denied: 1 }, programs: { self_pay: 2, commercial: 5 } },
  'smart-on-fhir-synthea-r4/Garrett_Thompson_5a72e290-8102-4c8a-84f7-f838387508b2.json': { patients: 1, claims: 12, rejected: 0, statuses: { denied: 7, paid: 5 }, programs: { commercial: 12 } },
  'smart-on-fhir-synthea-r4/Hassan_Jacobi_68165820-a555-4a84-aecb-980fa95b1251.json': { patients: 1, claims: 12, rejected: 0, statuses: { self_pay: 12 }, programs: { self_pay: 12 } },
  'smart-on-fhir-synthea-r4/Joie_Morissette_c47db034-eb1c-4100-9448-4d4b3cb6535c.json': { patients: 1, claims: 8, rejected: 0, statuses: { denied: 3, paid: 5 }, programs: { medicaid: 1, commercial: 7 } },
  'smart-on-fhir-synthea-r4/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json': { patients: 1, claims: 4, rejected: 0, statuses: { paid: 4 }, programs: { commercial: 4 } },
  'smart-on-fhir-synthea-r4/Ned_Hintz_e4b9259d-0f54-48d1-a35d-b526729a4dfe.json': { patients: 1, claims: 6, rejected: 0, statuses: { self_pay: 6 }, programs: { self_pay: 6 } },
  'smart-on-fhir-synthea-r4/Shavonne_Schaefer_e37f11b3-2f8f-4cba-bda7-d93091348d14.json': { patients: 1, claims: 9, rejected: 0, statuses: { paid: 9 }, programs: { medicaid: 9 } },
  'smart-on-fhir-synthea-r4/Sina_Yundt_9907f1bc-0884-4be2-b3d2-57602e4aaf42.json': { patients: 1, claims: 20, rejected: 0, statuses: { denied: 10, paid: 10 }, programs: { medicaid: 20 } },
  'smart-on-fhir-synthea-r4/Willia_Runolfsdottir_074c3873-c476-40e3-8046-f67372eb5e05.json': { patients: 1, claims: 14, rejected: 0, statuses: { self_pay: 3, denied: 1, paid: 10 }, programs: { self_pay: 3, medicare: 11 } },
};

const tally = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});

if (!present && process.env.CI === 'true') {
  describe('FHIR corpus', () => {
    it('is present on CI', () => {
      throw new Error(`the FHIR corpus is missing at ${CORPUS}`);
    });
  });
} else if (!present) {
  console.warn(`Skipping the FHIR corpus tests: ${CORPUS} is not here.`);
  describe.skip('FHIR corpus', () => {
    it('is absent', () => undefined);
  });
} else {
  describe('FHIR corpus: every file', () => {
    it('the expectations cover exactly the files in the corpus', () => {
      expect(files(CORPUS).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(EXPECTED).sort());
    });

    it.each(Object.entries(EXPECTED))('%s', async (rel, expected) => {
      const result = await parse(rel);
      expect(result.refusal).toBeNull();
      expect({ patients: result.patients.length, claims: result.claims.length, rejected: result.rejected.length }).toEqual({
        patients: expected.patients,
        claims: expected.claims,
        rejected: expected.rejected,
      });
      if (expected.statuses) expect(tally(result.claims.map((c) => c.status))).toEqual(expected.statuses);
      if (expected.programs) expect(tally(result.claims.map((c) => c.coverage?.program ?? 'none'))).toEqual(expected.programs);
      for (const c of result.claims) {
        // Whole cents everywhere, a service date on every line, line numbers unique.
        for (const line of c.lines) {
          for (const cents of [line.billedCents, line.allowedCents ?? 0, line.payerPaidCents, ...line.adjustments.map((a) => a.amountCents)]) expect(Number.isSafeInteger(cents)).toBe(true);
          expect(line.serviceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(Number.isInteger(line.units) && line.units >= 1).toBe(true);
        }
        expect(new Set(c.lines.map((l) => l.lineNumber)).size).toBe(c.lines.length);
      }
      for (const r of result.rejected) {
        expect(r.location).toMatch(/^entry \d+ \(/);
        expect(r.raw.length).toBeLessThan(5_000);
      }
    });
  });

  describe('FHIR corpus: CARIN Blue Button examples', () => {
    it('a professional EOB: copay PR-3 and the contractual write-down CO-45, in cents', async () => {
      const c = await claim('hl7-carin-bb/draft-2020/ExplanationOfBenefit_88897664101-HNXXXTTTUUU645987.json');
      expect(c).toMatchObject({
        externalId: 'fhir:ExplanationOfBenefit/88897664101-HNXXXTTTUUU645987',
        claimNumber: '88897664101-HNXXXTTTUUU645987',
        status: 'paid',
        adjudicatedOn: '2020-10-13',
        patient: { identifiers: [{ system: 'fhir:Patient', value: '88897664101' }], familyName: '', dob: null },
        coverage: { payerName: 'UPMC Health Plan', externalId: 'fhir:Coverage/88897664101-20200101-GR5' },
      });
      expect(c.lines).toEqual([
        {
          lineNumber: 1,
          serviceDate: '2020-10-07',
          serviceCode: '11730',
          modifiers: null,
          units: 1,
          billedCents: 9640,
          allowedCents: 4346,
          payerPaidCents: 2946,
          adjustments: [adj('CO', '45', 5294), adj('PR', '3', 1400)],
        },
      ]);
    });

    it('a claim applied to the deductible: PR-1 per line, memberliability not counted twice, status paid (not denied)', async () => {
      const c = await claim('hl7-carin-bb/draft-2020/ExplanationOfBenefit_01234567801-FR123E1230000010000010001.json');
      expect(c.status).toBe('paid');
      expect(c.lines.map((l) => [l.serviceCode, l.payerPaidCents, l.adjustments])).toEqual([
        ['S1234', 0, [adj('CO', '45', 500), adj('PR', '1', 3500)]],
        ['99999', 0, [adj('CO', '45', 11514), adj('PR', '1', 10486)]],
      ]);
    });

    it('reversal lines inside one EOB cancel the lines they negate', async () => {
      const c = await claim('hl7-carin-bb/ExplanationOfBenefit_ProfessionalEOBExample1.json');
      expect(c.lines.map((l) => [l.lineNumber, l.serviceCode, l.billedCents, l.allowedCents, l.payerPaidCents, l.adjustments])).toEqual([
        [3, '75710', 6880, 3480, 3480, [adj('CO', '45', 3400)]],
        [5, '37228', 75120, 22411, 22411, [adj('CO', '45', 52709)]],
      ]);
    });

    it('an EOB without item amounts becomes one line from its totals', async () => {
      const c = await claim('hl7-carin-bb/ExplanationOfBenefit_InpatientEOBExample1.json');
      expect(c.lines).toEqual([
        {
          lineNumber: 1,
          serviceDate: '2017-05-23',
          serviceCode: '99231',
          modifiers: null,
          units: 1,
          billedCents: 714720,
          allowedCents: 154201,
          payerPaidCents: 139357,
          adjustments: [adj('CO', '45', 560519), adj('PR', '3', 12000)],
        },
      ]);
    });

    it('the Patient and its Coverages', async () => {
      const [{ patient }] = (await parse('hl7-carin-bb/Patient_ExamplePatient1.json')).patients as [Parsed['patients'][number]];
      expect(patient).toEqual({
        identifiers: [
          { system: 'https://www.upmchealthplan.com/fhir/memberidentifier', value: '88800933501' },
          { system: 'fhir:Patient', value: 'ExamplePatient1' },
        ],
        familyName: 'Test',
        givenName: 'Member 01',
        dob: '1943-01-01',
        phone: '5555555551',
        mrn: null,
      });
      const [coverage] = (await parse('hl7-carin-bb/Coverage_CoverageEx1.json')).patients;
      expect(coverage).toEqual({
        patient: { identifiers: [{ system: 'fhir:Patient', value: 'ExamplePatient1' }], familyName: '', givenName: '', dob: null, phone: null, mrn: null },
        // "MEDICARE HMO PLAN": a Medicare HMO is a Medicare Advantage plan.
        coverage: { payerName: 'UPMC Health Plan', program: 'medicare_advantage', memberId: '88800933501', priority: 1, copayCents: null, externalId: 'fhir:Coverage/CoverageEx1' },
      });
    });

    it('a lone Organization is rejected with the reason', async () => {
      const { rejected } = await parse('hl7-carin-bb/Organization_PayerOrganizationExample1.json');
      expect(rejected[0]).toMatchObject({ location: 'entry 1 (Organization/PayerOrganizationExample1)', reason: expect.stringContaining('Organization resources are not imported') });
    });

    it("the Aetna searchset: draft EOBs are rejected with the reason, entry by entry", async () => {
      const { rejected } = await parse('hl7-carin-bb/draft-2020/Aetna-Connectathon25-EOB-Example.json');
      expect(rejected.map((r) => [r.location, r.reason])).toEqual([
        ['entry 1 (ExplanationOfBenefit/EOB12345)', "ExplanationOfBenefit status 'draft': not a final adjudication, nothing is owed on it yet"],
        ['entry 2 (ExplanationOfBenefit/EOB12346)', "ExplanationOfBenefit status 'draft': not a final adjudication, nothing is owed on it yet"],
      ]);
      expect(JSON.parse(rejected[0]!.raw)).toMatchObject({ resourceType: 'ExplanationOfBenefit', id: 'EOB12345' });
    });
    it('the Aetna searchset, its drafts made final in memory: the messy references are handled', () => {
      const bundle = JSON.parse(readFileSync(path.join(CORPUS, 'hl7-carin-bb/draft-2020/Aetna-Connectathon25-EOB-Example.json'), 'utf8')) as { entry: { resource: Json }[] };
      for (const e of bundle.entry) e.resource.status = 'active';
      const claims = recordsOfResource(bundle as unknown as Json).map((r) => (r.kind === 'claim' ? r.claim : r));
      expect(claims).toEqual([
        {
          externalId: 'fhir:ExplanationOfBenefit/EOB12345',
          // Patient/1234567890123450021 is not in the file: matched later by this identifier.
          patient: { identifiers: [{ system: 'fhir:Patient', value: '1234567890123450021' }], familyName: '', givenName: '', dob: null, phone: null, mrn: null },
          // {"reference": "Medicare"} is a payer name in the wrong field.
          coverage: { payerName: 'Medicare', program: 'medicare', memberId: null, priority: 1, copayCents: null, externalId: 'fhir:Coverage/3456789012345670042' },
          claimNumber: '12~345',
          payerClaimNumber: null,
          status: 'paid',
          adjudicatedOn: '2019-03-15',
          lines: [{ lineNumber: 1, serviceDate: '2019-03-13', serviceCode: '1101', modifiers: null, units: 1, billedCents: 243200, allowedCents: null, payerPaidCents: 0, adjustments: [] }],
        },
        expect.objectContaining({
          externalId: 'fhir:ExplanationOfBenefit/EOB12346',
          claimNumber: '12~346',
          // No "submitted" on the item: item.net is the billed amount; the copay is PR-3.
          lines: [{ lineNumber: 1, serviceDate: '2020-01-21', serviceCode: '1102', modifiers: null, units: 21, billedCents: 8700, allowedCents: null, payerPaidCents: 0, adjustments: [adj('PR', '3', 42400)] }],
        }),
      ]);
    });
  });

  describe('FHIR corpus: CMS Blue Button 2.0 (BFD)', () => {
    it('the carrier EOB: coinsurance from line_coinsrnc_amt, CO-45 from submitted - allowed', async () => {
      const c = await claim('cmsgov-bfd-v2/eobReadCarrier.json');
      expect(c).toMatchObject({
        externalId: 'fhir:ExplanationOfBenefit/carrier-9991831999',
        claimNumber: '9991831999',
        status: 'paid',
        adjudicatedOn: null, // "created": "IGNORED_FIELD"
        patient: { identifiers: [{ system: 'fhir:Patient', value: '567834' }] },
        coverage: { payerName: 'CMS', program: 'medicare', externalId: 'fhir:Coverage/part-b-567834' },
      });
      expect(c.lines).toEqual([
        {
          lineNumber: 6,
          serviceDate: '1999-10-27',
          serviceCode: '92999',
          modifiers: 'LT',
          units: 1,
          billedCents: 7500,
          allowedCents: 4784,
          payerPaidCents: 3750,
          adjustments: [adj('CO', '45', 2716), adj('PR', '2', 957)],
        },
      ]);
      const multi = await claim('cmsgov-bfd-v2/eobReadCarrierWithMultipleLines.json');
      expect(multi.lines.map((l) => [l.lineNumber, l.billedCents, l.adjustments.find((a) => a.group === 'PR')])).toEqual(
        [7500, 7500, 8500, 6500, 5500, 4500, 3500].map((billed, i) => [i + 1, billed, adj('PR', '2', 957)]),
      );
    });

    it('the outpatient EOB: CO120 denial reason, blood deductible PR-66, reduced coinsurance instead of wage-adjusted, the CMS variable over the mislabelled CARIN code', async () => {
      const c = await claim('cmsgov-bfd-v2/eobReadOutpatient.json');
      expect(c.lines).toEqual([
        {
          lineNumber: 25,
          serviceDate: '1942-01-03',
          serviceCode: 'M99',
          modifiers: 'XX,GG',
          units: 77,
          billedCents: 99985, // rev_cntr_tot_chrg_amt, not rev_cntr_rate_amt (also coded "submitted")
          allowedCents: null,
          payerPaidCents: 500000, // rev_cntr_pmt_amt_amt, coded "submitted" by BFD
          adjustments: [adj('PR', '1', 1289), adj('PR', '66', 1045), adj('PR', '2', 1100), adj('CO', '120', 13400)],
        },
      ]);
    });

    it('the DME EOB: the line allowed amount over the primary-payer allowed, no purchase price as billed', async () => {
      const c = await claim('cmsgov-bfd-v2/eobReadDme.json');
      expect(c.lines[0]).toMatchObject({ billedCents: 13045, allowedCents: 12945, payerPaidCents: 12345, units: 60 });
      expect(c.lines[0]!.adjustments).toEqual([adj('CO', '45', 100), adj('PR', '1', 1800), adj('PR', '2', 2020)]);
    });

    it('the Part D event: drug-cost bands are not coinsurance; adjudicated on the payment date', async () => {
      const c = await claim('cmsgov-bfd-v2/eobReadPde.json');
      expect(c).toMatchObject({ adjudicatedOn: '2015-05-27', coverage: { externalId: 'fhir:Coverage/part-d-567834' } });
      expect(c.lines[0]).toMatchObject({ billedCents: 55000, payerPaidCents: 12699, adjustments: [] });
    });

    it('institutional non-covered charges with no reason and no member liability are kept as OA, never billed', async () => {
      const inpatient = await claim('cmsgov-bfd-v2/eobReadInpatient.json');
      expect(inpatient.lines[0]!.adjustments).toEqual([adj('OA', '96', 369900)]);
      expect(inpatient.lines[0]!.serviceDate).toBe('2016-01-15'); // no item date: billablePeriod.start
      expect(inpatient.status).toBe('paid'); // no line payment; the claim's payment.amount 7699.48
      const hha = await claim('cmsgov-bfd-v2/eobReadHha.json');
      expect(hha.lines[0]!.adjustments).toEqual([adj('CO', '120', 2400)]);
    });

    it('the searchset gives the same claims as the single reads', async () => {
      const all = await parse('cmsgov-bfd-v2/eobByPatientIdAll.json');
      for (const file of ['eobReadCarrier', 'eobReadDme', 'eobReadHha', 'eobReadHospice', 'eobReadInpatient', 'eobReadOutpatient', 'eobReadPde', 'eobReadSnf']) {
        const single = await claim(`cmsgov-bfd-v2/${file}.json`);
        expect(all.claims.find((c) => c.externalId === single.externalId)).toEqual(single);
      }
    });

    it('partially adjudicated ClaimResponses: the contained patient (no local id as identifier), queued -> partially_paid with no lines yet; complete with no amounts -> rejected', async () => {
      const fiss = await claim('cmsgov-bfd-v2/claimResponseFissRead.json');
      expect(fiss).toEqual({
        externalId: 'fhir:ClaimResponse/f-123456',
        patient: { identifiers: [{ system: 'http://hl7.org/fhir/sid/us-mbi', value: '123456MBI' }], familyName: 'baker', givenName: 'jim k.', dob: '1975-03-01', phone: null, mrn: null },
        coverage: { payerName: 'CMS', program: 'medicare', memberId: null, priority: 1, copayCents: null, externalId: null },
        claimNumber: '123456d',
        payerClaimNumber: '123456d',
        status: 'partially_paid',
        adjudicatedOn: null,
        lines: [],
      });
      const mcs = await parse('cmsgov-bfd-v2/claimResponseMcsRead.json');
      expect(mcs.rejected[0]).toMatchObject({ location: 'entry 1 (ClaimResponse/m-654321)', reason: expect.stringContaining('no amounts') });
      const claims = await parse('cmsgov-bfd-v2/claimFissRead.json');
      expect(claims.rejected[0]!.reason).toContain('Claim resources are not imported');
    });

    it('Patient and Coverage reads', async () => {
      const [{ patient }] = (await parse('cmsgov-bfd-v2/patientRead.json')).patients as [Parsed['patients'][number]];
      expect(patient).toMatchObject({ familyName: 'Doe', givenName: 'John A', dob: '1981-03-17', mrn: null });
      expect(patient.identifiers).toContainEqual({ system: 'https://bluebutton.cms.gov/resources/variables/bene_id', value: '567834' });
      expect(patient.identifiers).toContainEqual({ system: 'http://hl7.org/fhir/sid/us-mbi', value: '9AB2WW3GR44' });
      expect(patient.identifiers).toContainEqual({ system: 'fhir:Patient', value: '567834' });
      const [coverage] = (await parse('cmsgov-bfd-v2/coverageRead.json')).patients;
      expect(coverage!.coverage).toEqual({
        payerName: 'Centers for Medicare and Medicaid Services',
        program: 'medicare', // not Medicaid, although the name says both
        memberId: '3456789',
        priority: 1,
        copayCents: null,
        externalId: 'fhir:Coverage/part-a-567834',
      });
    });
  });

  describe('FHIR corpus: Synthea transaction bundles', () => {
    const CLEMENTE = 'smart-on-fhir-synthea-r4/Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json';

    it('float artifacts (28.104000000000003, 112.41600000000001) become cents exactly once', async () => {
      const c = await claim(CLEMENTE, 'fhir:ExplanationOfBenefit/ad544db1-f947-492e-b25e-d17a7d753ba1');
      expect(c).toMatchObject({
        claimNumber: '991b73e3-6ba9-4ba7-9c39-a526351fc9cf',
        status: 'paid',
        adjudicatedOn: '2015-09-14',
        // A contained Coverage (id "coverage" in every Synthea EOB) never becomes an external id.
        coverage: { payerName: 'private', program: 'commercial', externalId: null },
      });
      // Item 1 (the encounter, no amounts) is not a line; the service date is the local date of the visit.
      expect(c.lines.map((l) => [l.lineNumber, l.serviceDate, l.serviceCode, l.billedCents, l.allowedCents, l.payerPaidCents, l.adjustments])).toEqual([
        [2, '2013-11-12', '140', 14052, 14052, 11242, [adj('PR', '2', 2810)]],
        [3, '2013-11-12', '113', 14052, 14052, 11242, [adj('PR', '2', 2810)]],
      ]);
    });

    it('the bundled Patient is resolved by its urn:uuid fullUrl; SSN, licence and passport numbers are dropped', async () => {
      const result = await parse('smart-on-fhir-synthea-r4/Ned_Hintz_e4b9259d-0f54-48d1-a35d-b526729a4dfe.json');
      const expected = {
        identifiers: [
          { system: 'https://github.com/synthetichealth/synthea', value: 'e4b9259d-0f54-48d1-a35d-b526729a4dfe' },
          { system: 'http://hospital.smarthealthit.org', value: 'e4b9259d-0f54-48d1-a35d-b526729a4dfe' },
          { system: 'fhir:Patient', value: '616eaeb2-a67a-44e5-a7e6-9bbd85e47c5c' },
        ],
        familyName: 'Hintz',
        givenName: 'Ned',
        dob: '1993-12-08',
        phone: '5558411500',
        mrn: 'e4b9259d-0f54-48d1-a35d-b526729a4dfe',
      };
      expect(result.patients).toEqual([{ patient: expected, coverage: null }]);
      for (const c of result.claims) expect(c.patient).toEqual(expected);
    });

    it('no insurance: a self-pay claim, no patient-responsibility adjustments beside the self-pay charge', async () => {
      const { claims } = await parse('smart-on-fhir-synthea-r4/Ned_Hintz_e4b9259d-0f54-48d1-a35d-b526729a4dfe.json');
      expect(claims.every((c) => c.status === 'self_pay' && c.coverage?.program === 'self_pay' && c.lines.every((l) => l.adjustments.length === 0))).toBe(true);
      expect(claims[0]!.lines).toMatchObject([{ lineNumber: 2, serviceCode: '140', billedCents: 14052 }]);
    });

    it('an EOB whose items carry no amounts: one line from total[], dated and coded like the first item', async () => {
      const c = await claim('smart-on-fhir-synthea-r4/Sina_Yundt_9907f1bc-0884-4be2-b3d2-57602e4aaf42.json', 'fhir:ExplanationOfBenefit/4ce7df46-809c-43be-91b8-e1777ddf840a');
      expect(c).toMatchObject({ status: 'denied', coverage: { payerName: 'medicaid', program: 'medicaid' } });
      expect(c.lines).toEqual([{ lineNumber: 1, serviceDate: '1960-09-16', serviceCode: '185349003', modifiers: null, units: 1, billedCents: 12500, allowedCents: null, payerPaidCents: 0, adjustments: [] }]);
    });
  });
}
