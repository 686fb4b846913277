import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord, RecordParser } from '../source';
import { ImportRefusal } from '../source';
import type { Json } from './map-resources';
import { fhirJsonParser, fhirNdjsonParser, findJsonError, parseFhirJson, parseFhirNdjson } from './parse-bundle';

async function* chunksOf(text: string, size = 1 << 16): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function run(parser: RecordParser, text: string, size?: number): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const record of parser(chunksOf(text, size), 'test.json')) out.push(record);
  return out;
}

async function refusal(parser: RecordParser, text: string): Promise<ImportRefusal> {
  try {
    await run(parser, text);
  } catch (error) {
    if (error instanceof ImportRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const summary = (records: ParsedRecord[]) =>
  records.map((r) => (r.kind === 'rejected' ? `rejected ${r.rejected.location}: ${r.rejected.reason}` : r.kind === 'claim' ? `claim ${r.claim.externalId}` : `patient ${r.patient.familyName || r.patient.identifiers[0]?.value}`));

const patient = (id: string, family: string): Json => ({ resourceType: 'Patient', id, name: [{ family, given: ['Ann'] }], birthDate: '1970-01-01' });
const eob = (id: string, extra: Json = {}): Json => ({
  resourceType: 'ExplanationOfBenefit',
  id,
  status: 'active',
  outcome: 'complete',
  patient: { reference: 'Patient/p1' },
  insurer: { display: 'Acme' },
  created: '2026-03-10',
  item: [
    {
      sequence: 1,
      productOrService: { coding: [{ code: '99213' }] },
      servicedDate: '2026-03-01',
      adjudication: [
        { category: { coding: [{ code: 'submitted' }] }, amount: { value: 100 } },
        { category: { coding: [{ code: 'copay' }] }, amount: { value: 20 } },
      ],
    },
  ],
  ...extra,
});
const bundle = (...resources: unknown[]): string => JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });

describe('parseFhirJson: malformed records are rejected, the rest applies', () => {
  it('wrong resourceType, missing patient, "12,00", a 1 MB string, an entry without resourceType', async () => {
    const comma = eob('comma');
    (comma.item as Json[])[0]!.adjudication = [{ category: { coding: [{ code: 'submitted' }] }, amount: { value: '12,00', currency: 'USD' } }];
    const huge = eob('huge', { disposition: 'x'.repeat(1024 * 1024) });
    const records = await run(
      parseFhirJson,
      bundle(eob('good'), { resourceType: 'Observation', id: 'o1' }, eob('nopatient', { patient: undefined }), comma, huge, { id: 'x' }, patient('p1', 'Okafor')),
    );
    expect(summary(records)).toEqual([
      'rejected entry 6: not a FHIR resource (no resourceType)',
      'patient Okafor',
      'claim fhir:ExplanationOfBenefit/good',
      'rejected entry 3 (ExplanationOfBenefit/nopatient): no patient: the patient is unknown',
      'rejected entry 4 (ExplanationOfBenefit/comma): item 1 adjudication 1: the amount "12,00" is not a decimal number',
      `rejected entry 5 (ExplanationOfBenefit/huge): a text of ${1024 * 1024} characters (at most 100000)`,
    ]);
    const good = records.find((r) => r.kind === 'claim');
    // The bundled Patient is resolved by Type/id.
    expect(good).toMatchObject({ claim: { patient: { familyName: 'Okafor', dob: '1970-01-01' }, lines: [{ billedCents: 10000, adjustments: [{ group: 'PR', carc: '3', amountCents: 2000 }] }] } });
    const hugeRaw = records.find((r) => r.kind === 'rejected' && r.rejected.location.includes('huge'));
    expect(hugeRaw?.kind === 'rejected' && hugeRaw.rejected.raw.length).toBeLessThanOrEqual(4_100);
  });

  it('a single resource of another type is a rejected record; a single claim is a claim', async () => {
    expect(summary(await run(parseFhirJson, JSON.stringify({ resourceType: 'Observation', id: 'o1', status: 'final' })))).toEqual([
      'rejected entry 1 (Observation/o1): Observation resources are not imported (only Patient, Coverage, ExplanationOfBenefit and ClaimResponse)',
    ]);
    expect(summary(await run(parseFhirJson, JSON.stringify(eob('e1'))))).toEqual(['claim fhir:ExplanationOfBenefit/e1']);
  });

  it('Patients, then Coverages, then claims, whatever the order in the file; nested Bundles too', async () => {
    const coverage = { resourceType: 'Coverage', id: 'c1', beneficiary: { reference: 'Patient/p1' }, payor: [{ display: 'Acme' }] };
    const nested = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: eob('inner') }, { resource: { resourceType: 'Foo' } }] };
    const records = await run(parseFhirJson, bundle(eob('e1'), coverage, nested, patient('p1', 'Okafor')));
    expect(summary(records)).toEqual(['patient Okafor', 'patient Okafor', 'claim fhir:ExplanationOfBenefit/e1', 'claim fhir:ExplanationOfBenefit/inner']);
  });

  it('transaction-response entries (no resource) are skipped; an empty entry is rejected', async () => {
    const text = JSON.stringify({ resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { status: '201 Created' } }, {}, 'junk'] });
    expect(summary(await run(parseFhirJson, text))).toEqual(['rejected entry 2: a Bundle entry without a resource', 'rejected entry 3: a Bundle entry that is not an object']);
  });

  it('references resolve by fullUrl, relative to the entry’s server base, and namespace local ids', async () => {
    const base = 'https://fhir.example.org/r4';
    const text = JSON.stringify({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { fullUrl: `${base}/Patient/p1`, resource: patient('p1', 'Okafor') },
        { fullUrl: `${base}/ExplanationOfBenefit/e1`, resource: eob('e1') },
      ],
    });
    const records = await run(parseFhirJson, text);
    expect(records.map((r) => (r.kind === 'claim' ? [r.claim.externalId, r.claim.patient.identifiers] : r.kind === 'patient' ? r.patient.identifiers : null))).toEqual([
      [{ system: `fhir:${base}/Patient`, value: 'p1' }],
      [`fhir:${base}/ExplanationOfBenefit/e1`, [{ system: `fhir:${base}/Patient`, value: 'p1' }]],
    ]);
    // A caller that knows the server base sets it for single resources too.
    const [single] = await run(fhirJsonParser({ baseUrl: base }), JSON.stringify(eob('e2')));
    expect(single).toMatchObject({ kind: 'claim', claim: { externalId: `fhir:${base}/ExplanationOfBenefit/e2`, patient: { identifiers: [{ system: `fhir:${base}/Patient`, value: 'p1' }] } } });
  });
});

describe('parseFhirJson: refusals', () => {
  it('invalid JSON: where (line, column) and what', async () => {
    const r1 = await refusal(parseFhirJson, '{\n  "resourceType": "Bundle",\n  "entry": [1,]\n}');
    expect(r1.location).toBe('line 3, column 15');
    expect(r1.message).toBe("test.json: line 3, column 15: invalid JSON: unexpected ']' after ',' (a trailing comma)");
    expect((await refusal(parseFhirJson, '{"resourceType": "Patient", "name": "abc')).message).toContain('a string is not closed');
    expect((await refusal(parseFhirJson, '{"resourceType": "Patient"} x')).location).toBe('line 1, column 29');
    expect((await refusal(parseFhirJson, '\uFEFF{"a": tru}')).message).toContain("unexpected \"t\" where a value was expected");
  });

  it('not a FHIR resource, an OperationOutcome, an empty file, a file over the size limit', async () => {
    expect((await refusal(parseFhirJson, '{"hello": "world"}')).message).toContain('not a FHIR resource');
    expect((await refusal(parseFhirJson, '[{"resourceType": "Patient"}]')).message).toContain('not a FHIR resource');
    expect((await refusal(parseFhirJson, JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'token expired' }] }))).message).toContain('token expired');
    expect((await refusal(parseFhirJson, '  \n')).message).toContain('empty');
    const big = await refusal(fhirJsonParser({ maxBytes: 1000 }), JSON.stringify(eob('e1', { disposition: 'é'.repeat(600) })));
    expect(big.location).toBe('byte 1001');
  });

  it('findJsonError never throws and points inside the text for anything JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', 'x', '\n', '\u0001'), (json, at, insert) => {
        const i = at % (json.length + 1);
        const text = json.slice(0, i) + insert + json.slice(i);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid) return;
        const problem = findJsonError(text);
        expect(problem.offset).toBeGreaterThanOrEqual(0);
        expect(problem.offset).toBeLessThanOrEqual(text.length);
        expect(problem.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    expect(findJsonError('['.repeat(200_000)).message).toBe('the file ends too early where a value was expected');
  });
});

describe('parseFhirNdjson', () => {
  const lines = [JSON.stringify(patient('p1', 'Okafor')), '', JSON.stringify(eob('e1')), '{"resourceType": "ExplanationOfBenefit", "id": ', JSON.stringify({ resourceType: 'Encounter', id: 'x' }), '"just a string"', JSON.stringify(eob('e2', { patient: undefined }))];

  it('one resource per line; a bad line is a rejected record, never a refusal; other types are skipped', async () => {
    const expected = [
      'patient Okafor',
      'claim fhir:ExplanationOfBenefit/e1',
      'rejected line 4: invalid JSON at column 48: the file ends too early where a value was expected',
      'rejected line 6: not a FHIR resource (no resourceType)',
      'rejected line 7 (ExplanationOfBenefit/e2): no patient: the patient is unknown',
    ];
    expect(summary(await run(parseFhirNdjson, lines.join('\n')))).toEqual(expected);
    // The same whatever the chunking (a character at a time) and with CRLF line ends.
    expect(summary(await run(parseFhirNdjson, lines.join('\r\n') + '\r\n', 1))).toEqual(expected);
    // Without a bundle, the claim names its patient by identifier for the apply step to match.
    const [, claim] = await run(parseFhirNdjson, lines.join('\n'));
    expect(claim).toMatchObject({ kind: 'claim', claim: { patient: { identifiers: [{ system: 'fhir:Patient', value: 'p1' }], familyName: '' } } });
  });

  it('an over-long line is rejected without being held whole; the next line still applies', async () => {
    const text = [JSON.stringify(eob('big', { disposition: 'x'.repeat(5000) })), JSON.stringify(eob('e1'))].join('\n');
    expect(summary(await run(fhirNdjsonParser({ maxLineChars: 1000 }), text, 100))).toEqual([expect.stringMatching(/^rejected line 1: a line of \d+ characters \(at most 1000\)$/), 'claim fhir:ExplanationOfBenefit/e1']);
  });

  it('streams: records come out before the input ends', async () => {
    let fed = 0;
    async function* slow(): AsyncGenerator<string> {
      for (let i = 0; i < 1000; i++) {
        fed = i + 1;
        yield `${JSON.stringify(eob(`e${i}`))}\n`;
      }
    }
    const parser = parseFhirNdjson(slow(), 'slow.ndjson');
    const first = await parser.next();
    expect(first.value).toMatchObject({ kind: 'claim', claim: { externalId: 'fhir:ExplanationOfBenefit/e0' } });
    expect(fed).toBeLessThan(5);
    await parser.return(undefined);
  });
});
