import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { decimalToCents } from '../../../shared/decimal-cents';
import type { ImportedClaim } from '../records';
import type { ParsedRecord } from '../source';
import { ImportRefusal } from '../source';
import { CLAIMS_PER_TRANSACTION, generate835 } from './generate-835';
import { parse835 } from './parse-835';

/** The shared test-data corpus, beside the repository (read in place, never copied). */
const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/x12-835');

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function parseAll(text: string, file = 'test.835', size = Number.MAX_SAFE_INTEGER): Promise<ParsedRecord[]> {
  const records: ParsedRecord[] = [];
  for await (const record of parse835(chunked(text, size), file)) records.push(record);
  return records;
}

async function claimsOf(text: string, file = 'test.835'): Promise<ImportedClaim[]> {
  const records = await parseAll(text, file);
  expect(records.filter((r) => r.kind !== 'claim')).toEqual([]);
  return records.flatMap((r) => (r.kind === 'claim' ? [r.claim] : []));
}

/** The refusal a text gets; fails the test when it parses. */
async function refusalOf(text: string, file = 'test.835', size?: number): Promise<ImportRefusal> {
  try {
    await parseAll(text, file, size);
  } catch (error) {
    if (error instanceof ImportRefusal) return error;
    throw error;
  }
  throw new Error(`${file} was not refused`);
}

function expectRefusal(error: ImportRefusal, file: string, location: string, problem: string): void {
  expect(error.file).toBe(file);
  expect(error.location).toBe(location);
  expect(error.message).toBe(`${file}: ${location}: ${problem}`);
}

const adjustments = (claim: ImportedClaim, line = 0) => claim.lines[line]!.adjustments.map((a) => `${a.group}-${a.carc}${a.rarc ? `/${a.rarc}` : ''} ${a.amountCents}`);

const corpusFile = (name: string) => readFileSync(path.join(CORPUS, name), 'utf8');

type Expectation = { claims: number; check?: (claims: ImportedClaim[]) => void } | { refused: { location: string; problem: string } };

/** What every corpus file gives: claims (with key facts) or a refusal (with the place and the problem). */
const EXPECTED: Record<string, Expectation> = {
  'linuxforhealth-x12/managed-care.835': {
    claims: 2,
    check: ([first, second]) => {
      expect(first).toMatchObject({
        externalId: '835:RUSHMORE LIFE:94060555410000',
        claimNumber: '5554555444',
        payerClaimNumber: '94060555410000',
        status: 'partially_paid',
        // BPR16 is "20002316", not a date: the production date DTM*405 stands in.
        adjudicatedOn: '2002-03-14',
        patient: { familyName: 'BUDD', givenName: 'WILLIAM', dob: null },
        coverage: { payerName: 'RUSHMORE LIFE', program: 'commercial', memberId: '33344555510', priority: 1, copayCents: null, externalId: null },
      });
      expect(first!.patient.identifiers).toEqual([
        { system: 'x12:member-id:RUSHMORE LIFE', value: '33344555510' },
        { system: 'x12:patient-control-number', value: '5554555444' },
      ]);
      expect(first!.lines).toHaveLength(1);
      expect(first!.lines[0]).toMatchObject({ lineNumber: 1, serviceDate: '2002-03-01', serviceCode: '99211', modifiers: null, units: 1, billedCents: 80000, payerPaidCents: 50000, allowedCents: null });
      // The claim-level CO-A2 goes onto the first line, before the line's own PR-1.
      expect(adjustments(first!)).toEqual(['CO-A2 5000', 'PR-1 30000']);
      expect(adjustments(second!)).toEqual(['CO-A2 5500', 'PR-1 60000', 'CO-45 5000']);
    },
  },
  'linuxforhealth-x12/secondary-payment.835': {
    claims: 2,
    check: ([first, second]) => {
      // No SVC: one line from the CLP totals, with the claim-level CAS and DTM*232.
      expect(first!.lines).toEqual([
        { lineNumber: 1, serviceDate: '2005-03-03', serviceCode: 'CLAIM', modifiers: null, units: 1, billedCents: 1032364, allowedCents: null, payerPaidCents: 91200, adjustments: [{ group: 'OA', carc: '23', rarc: null, amountCents: 941164 }] },
      ]);
      expect(first!.coverage).toMatchObject({ priority: 2, memberId: 'XXX123456789' });
      // SVC*HC>66543>26 ('>' although ISA16 says ':'); CAS*PR*1*150.00**2*70.00 is two adjustments.
      expect(second!.lines[1]).toMatchObject({ serviceCode: '66543', modifiers: '26', billedCents: 58500, payerPaidCents: 28000, allowedCents: 50000 });
      expect(adjustments(second!, 1)).toEqual(['PR-1 15000', 'PR-2 7000', 'CO-42 8500']);
      expect(adjustments(second!, 0)).toEqual(['OA-23 13650']);
    },
  },
  'linuxforhealth-x12/cob-contractural-adjustment.835': {
    claims: 1,
    check: ([claim]) => {
      expect(claim).toMatchObject({ status: 'partially_paid', coverage: { priority: 2, program: 'commercial' }, adjudicatedOn: '2005-03-18' });
      expect(claim!.lines[0]).toMatchObject({ serviceCode: '55669', serviceDate: '2005-02-02', billedCents: 54100, payerPaidCents: 3400, allowedCents: 55000 });
      expect(adjustments(claim!)).toEqual(['OA-23 51600', 'OA-94 -900']);
    },
  },
  'linuxforhealth-x12/medicare-part-a.835': {
    claims: 2,
    check: ([first, second]) => {
      expect(first).toMatchObject({ externalId: '835:999:1999999444444', coverage: { program: 'medicare', memberId: '666666666A' } });
      expect(first!.patient.identifiers[0]).toEqual({ system: 'x12:HN', value: '666666666A' });
      expect(adjustments(first!)).toEqual(['CO-45 7334857']);
      // The PLB (provider level) after the last claim is not a patient's: ignored.
      expect(adjustments(second!)).toEqual(['CO-45 301967']);
      expect(second!.lines[0]).toMatchObject({ serviceCode: 'CLAIM', serviceDate: '2002-05-12', billedCents: 1500000, payerPaidCents: 1198033 });
    },
  },
  'linuxforhealth-x12/tertiary-payment.835': {
    // "SVC*HC*24599.00*1766.50*187.50**1": the composite was split with '*', so every amount is shifted.
    refused: { location: 'segment 20 (SVC)', problem: "SVC01 'HC' has no procedure code (expected qualifier:code, e.g. HC:99213)" },
  },
  'tastypackets-x12-parser/profee.edi': {
    claims: 3,
    check: ([first, second, third]) => {
      expect(first).toMatchObject({ status: 'paid', coverage: { program: 'medicaid', memberId: 'LL99999L', priority: 1 }, externalId: '835:NYSDOH:1000210000000030' });
      expect(first!.lines.map((l) => `${l.serviceCode}:${l.modifiers} ${l.units} ${l.billedCents}/${l.allowedCents}/${l.payerPaidCents}`)).toEqual([
        'V2020:RB 1 600/600/600',
        'V2700:RB 1 275/275/275',
        'V2103:RB 1 550/550/550',
        'S0580:null 2 2000/2000/2000',
      ]);
      expect(second).toMatchObject({ status: 'partially_paid', coverage: { priority: 2 } });
      expect(adjustments(second!, 0)).toEqual(['CO-29 1200']);
      expect(third!.lines[1]!.serviceDate).toBe('2013-09-17');
      expect(adjustments(third!, 2)).toEqual(['CO-251/N206 275']);
      expect(adjustments(third!, 3)).toEqual(['CO-251/N206 2000']);
    },
  },
  'tastypackets-x12-parser/profee-one-line.edi': { claims: 3 },
  'tastypackets-x12-parser/multi-line-not-delimited.edi': { claims: 3 },
  'tastypackets-x12-parser/oneLine-2-ISA.edi': {
    claims: 4,
    check: ([a, b, c, d]) => {
      expect(a).toMatchObject({ coverage: { priority: 3 }, patient: { familyName: 'SUBMITTED LAST' } });
      expect(adjustments(a!)).toEqual(['CO-39 13748']);
      expect(adjustments(b!)).toEqual(['PR-142 80500']);
      expect(b!.lines[0]).toMatchObject({ serviceCode: 'CLAIM', billedCents: 228699, payerPaidCents: 148199 });
      // The second interchange repeats the first: the same claims, the same external IDs (applying twice changes nothing).
      expect([c, d]).toEqual([a, b]);
    },
  },
  'affect-therapeutics-edi-835-parser/blue_cross_nc_sample.txt': {
    // ST…SE holds 32 segments; the file was edited by hand (its third SVC is malformed too).
    refused: { location: 'segment 32 (SE)', problem: 'SE01 says the transaction has 33 segments, but ST … SE holds 32: segments are missing or extra' },
  },
  'affect-therapeutics-edi-835-parser/united_healthcare_legacy_sample.txt': {
    claims: 2,
    check: ([first, second]) => {
      expect(first).toMatchObject({ externalId: '835:87726:ATL2819897200', adjudicatedOn: '2021-02-04', coverage: { payerName: 'UNITED HEALTHCARE INSURANCE COMPANY', program: 'medicare_advantage' } });
      expect(first!.lines[1]).toMatchObject({ serviceCode: 'B4152', units: 277, billedCents: 18486, payerPaidCents: 0, allowedCents: 10526 });
      expect(adjustments(first!, 1)).toEqual(['PR-1 10526', 'CO-45 7960']);
      // CAS*PR*2*5.13**1*110: two adjustments, the quantity between them ignored.
      expect(adjustments(second!, 2)).toEqual(['PR-2 513', 'PR-1 11000', 'CO-45 18432']);
    },
  },
  'affect-therapeutics-edi-835-parser/nevada_medicaid.txt': {
    // Unpadded ISA; three transactions, the third only a PLB.
    claims: 3,
    check: ([first, second, third]) => {
      expect(first).toMatchObject({ status: 'denied', claimNumber: '77777777', adjudicatedOn: '2018-06-15', coverage: { program: 'medicaid', memberId: '77777777777' } });
      expect(first!.patient.identifiers).toEqual([
        { system: 'x12:MR', value: '77777777777' },
        { system: 'x12:patient-control-number', value: '77777777' },
      ]);
      expect(first!.lines[0]).toMatchObject({ serviceCode: 'CLAIM', serviceDate: '2018-03-14', billedCents: 7223200, payerPaidCents: 0 });
      expect(adjustments(first!)).toEqual(['OA-147 5001600', 'CO-26 2221600']);
      expect(second).toMatchObject({ status: 'partially_paid', coverage: { priority: 2 } });
      expect(adjustments(third!)).toEqual(['OA-147 936504', 'CO-26 3186600']);
    },
  },
  'affect-therapeutics-edi-835-parser/sample_835_with_interests.txt': {
    refused: { location: 'segment 23 (CAS)', problem: "CAS01 group code 'grp_code' is not one of CO, PR, OA, PI, CR" },
  },
  'affect-therapeutics-edi-835-parser/exhaustive_sample.txt': {
    // No envelope; placeholders everywhere, but every element this importer reads is well formed.
    claims: 1,
    check: ([claim]) => {
      expect(claim).toMatchObject({ claimNumber: 'X', status: 'paid', adjudicatedOn: '2024-10-19', externalId: '835:XXX:XXXXXX', coverage: { program: 'medicare', priority: 2 } });
      // 'NU>XXXX>XX>XX>XX>XX' with no ISA to declare '>'.
      expect(claim!.lines[0]).toMatchObject({ serviceCode: 'XXXX', modifiers: 'XX,XX,XX,XX', units: 0, serviceDate: '2024-10-19' });
      expect(adjustments(claim!)).toHaveLength(12);
      expect(adjustments(claim!).at(-1)).toBe('OA-XXX/XXXX 0');
    },
  },
  'azoner-pyx12/835_mult_loops.txt': {
    claims: 1,
    check: ([claim]) => {
      expect(claim).toMatchObject({ status: 'denied', adjudicatedOn: '2004-10-28', coverage: { program: 'medicaid' } });
      expect(claim!.lines.map((l) => `${l.serviceDate} ${l.units}`)).toEqual(['2003-11-29 68', '2003-10-30 16', '2003-10-31 36']);
      expect(claim!.lines.map((_, i) => adjustments(claim!, i)[0])).toEqual(['CO-16/N14 50004', 'OA-A7/N14 12780', 'OA-A7/N14 28755']);
    },
  },
  'azoner-pyx12/835_simple.txt': {
    // 004010X091A1: a reversal (CLP02=22), its correction, and another reversal.
    claims: 3,
    check: ([reversal, correction, other]) => {
      expect(reversal).toMatchObject({ externalId: '835:Payer 1:6363451:reversal', status: 'reversed', claimNumber: '123839-24635', adjudicatedOn: '2009-02-20' });
      expect(reversal!.lines[0]).toMatchObject({ serviceCode: 'T1017', units: 6, billedCents: -31000, payerPaidCents: -21000 });
      expect(adjustments(reversal!)).toEqual(['CR-45 -10000']);
      expect(correction).toMatchObject({ externalId: '835:Payer 1:6363451', status: 'partially_paid' });
      expect(adjustments(correction!)).toEqual(['CR-45 10000']);
      // NM108 '34' is a Social Security number: not kept as an identifier.
      expect(correction!.patient.identifiers).toEqual([{ system: 'x12:patient-control-number', value: '123839-24635' }]);
      expect(other!.lines[0]).toMatchObject({ modifiers: 'TG', billedCents: -50025, payerPaidCents: -50025, adjustments: [] });
    },
  },
};

function corpusFiles(): string[] {
  return (readdirSync(CORPUS, { recursive: true }) as string[])
    .filter((name) => statSync(path.join(CORPUS, name)).isFile())
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

describe('835 corpus (../shared/corpus/x12-835)', () => {
  if (!existsSync(CORPUS)) {
    if (process.env.CI === 'true') {
      it('needs the corpus', () => {
        throw new Error(`the X12 835 corpus is missing: expected at ${CORPUS}`);
      });
    } else {
      console.warn(`parse-835.test: corpus tests skipped, no corpus at ${CORPUS}`);
      it.skip(`corpus files (missing: ${CORPUS})`, () => {});
    }
    return;
  }

  it('has an expectation for every file', () => {
    expect(corpusFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    const file = path.basename(name);
    if ('refused' in expected) {
      it(`${name}: refused at ${expected.refused.location}`, async () => {
        expectRefusal(await refusalOf(corpusFile(name), file), file, expected.refused.location, expected.refused.problem);
      });
    } else {
      it(`${name}: ${expected.claims} claims`, async () => {
        const claims = await claimsOf(corpusFile(name), file);
        expect(claims).toHaveLength(expected.claims);
        expected.check?.(claims);
      });
    }
  }

  it('reads the same claims whatever the layout: one line, one segment per line, newline terminators', async () => {
    const profee = await claimsOf(corpusFile('tastypackets-x12-parser/profee.edi'));
    expect(await claimsOf(corpusFile('tastypackets-x12-parser/profee-one-line.edi'))).toEqual(profee);
    expect(await claimsOf(corpusFile('tastypackets-x12-parser/multi-line-not-delimited.edi'))).toEqual(profee);
    expect(await claimsOf(corpusFile('tastypackets-x12-parser/profee.edi').replace(/\n/g, '\r\n'))).toEqual(profee);
  });

  it('gives the same result however the text is cut into chunks', async () => {
    for (const name of Object.keys(EXPECTED)) {
      const text = corpusFile(name);
      const whole = await parseAll(text, name).catch((error: unknown) => (error as Error).message);
      for (const size of [1, 7, 105, 106, 4096]) {
        const cut = await parseAll(text, name, size).catch((error: unknown) => (error as Error).message);
        expect(cut, `${name} in chunks of ${size}`).toEqual(whole);
      }
    }
  });

  it('blue_cross_nc_sample.txt with its SE count corrected: no envelope, one line', async () => {
    const text = corpusFile('affect-therapeutics-edi-835-parser/blue_cross_nc_sample.txt').replace('SE*33*1234~', 'SE*32*1234~');
    const [claim] = await claimsOf(text);
    expect(claim).toMatchObject({
      externalId: '835:BLUE CROSS AND BLUE SHIELD OF NORTH CAROLINA:94151100100',
      adjudicatedOn: '2011-01-08',
      status: 'partially_paid',
      coverage: { program: 'commercial', memberId: 'YPB123456789001' },
    });
    expect(adjustments(claim!, 0)).toEqual(['CO-42 3460', 'PR-2 11754']);
    expect(adjustments(claim!, 1)).toEqual(['PR-3 2500']);
    expect(claim!.lines[0]).toMatchObject({ serviceCode: '59430', serviceDate: '2010-12-31', allowedCents: 117540 });
    // "SVC*HC:59426******742*742**1": no billed or paid amount; it balances at zero.
    expect(claim!.lines[2]).toMatchObject({ serviceCode: '59426', billedCents: 0, payerPaidCents: 0, allowedCents: 74200 });
  });

  it('counts segments over the whole file, across interchanges', async () => {
    const text = corpusFile('tastypackets-x12-parser/oneLine-2-ISA.edi');
    const at = text.lastIndexOf('CAS*PR*142');
    const broken = `${text.slice(0, at)}CAS*XX*142${text.slice(at + 'CAS*PR*142'.length)}`;
    expectRefusal(await refusalOf(broken, 'two.edi'), 'two.edi', 'segment 58 (CAS)', "CAS01 group code 'XX' is not one of CO, PR, OA, PI, CR");
  });
});

/** A small generated 835: ISA, GS, one transaction, `claims` claims. */
const small = (claims = 3) => [...generate835({ claims, linesPerClaim: 2, seed: 1 })].join('');
const segmentsOf = (text: string) => text.split('~\n');
/** The 1-based number of the first segment starting with `prefix`. */
const numberOf = (text: string, prefix: string) => segmentsOf(text).findIndex((s) => s.startsWith(prefix)) + 1;
const replaceSegment = (text: string, prefix: string, replace: (segment: string) => string) =>
  segmentsOf(text)
    .map((s, i, all) => (i === all.findIndex((x) => x.startsWith(prefix)) ? replace(s) : s))
    .join('~\n');

describe('malformed input is refused with the place and the problem', () => {
  it('a file cut in the middle of a segment', async () => {
    const text = small();
    const cut = text.slice(0, Math.floor(text.length / 2));
    const n = cut.split('~').length;
    const tag = cut.slice(cut.lastIndexOf('\n') + 1).split('*')[0];
    expectRefusal(await refusalOf(cut), 'test.835', `segment ${n} (${tag})`, "the file ends inside this segment (no terminator '~', nothing after it): it is truncated");
    // Cut right after a terminator: the last whole segment is named.
    const clean = text.slice(0, text.indexOf('~', text.length / 2) + 1);
    expectRefusal(await refusalOf(clean), 'test.835', `segment ${clean.split('~').length - 1} (${clean.slice(clean.lastIndexOf('\n', clean.length - 2) + 1).split('*')[0]})`, 'the file ends inside transaction 0001 (no SE): it is truncated');
  });

  it('a file cut after its SE or its GE', async () => {
    const text = small();
    const afterSe = text.slice(0, text.indexOf('GE*'));
    expectRefusal(await refusalOf(afterSe), 'test.835', `segment ${numberOf(text, 'SE*')} (SE)`, 'the file ends inside a functional group (no GE, no IEA): it is truncated');
    const afterGe = text.slice(0, text.indexOf('IEA*'));
    expectRefusal(await refusalOf(afterGe), 'test.835', `segment ${numberOf(text, 'GE*')} (GE)`, 'the file ends inside an interchange (no IEA): it is truncated');
  });

  it('an SE count that does not match (a segment lost)', async () => {
    const text = small();
    const lost = segmentsOf(text)
      .filter((s) => !s.startsWith('REF*6R*PCN000000002-1'))
      .join('~\n');
    const se = segmentsOf(lost).find((s) => s.startsWith('SE*'))!;
    const declared = Number(se.split('*')[1]);
    expectRefusal(
      await refusalOf(lost),
      'test.835',
      `segment ${numberOf(lost, 'SE*')} (SE)`,
      `SE01 says the transaction has ${declared} segments, but ST … SE holds ${declared - 1}: segments are missing or extra`,
    );
  });

  it('wrong delimiters', async () => {
    const text = small();
    // An ISA missing an element: ISA16 and the terminator land on letters of the next segment.
    const short = text.replace('*0*P*:~', '*0*P~');
    expectRefusal(
      await refusalOf(short),
      'test.835',
      'segment 1 (ISA)',
      "the component separator (ISA16) is 'H': the ISA does not have the X12 layout (16 elements), so its delimiters are wrong",
    );
    // An ISA with one element too many: the terminator is the element separator.
    const long = text.replace('*0*P*:~', '*0*P*:*~');
    expectRefusal(
      await refusalOf(long),
      'test.835',
      'segment 1 (ISA)',
      "the segment terminator (after ISA16) is '*': the ISA does not have the X12 layout (16 elements), so its delimiters are wrong",
    );
    // The ISA declares '*' but the rest of the file uses '|'.
    const [isa, ...rest] = text.split('~\n');
    const piped = [isa, ...rest.map((s) => s.replace(/\*/g, '|'))].join('~\n');
    const refusal = await refusalOf(piped);
    expect(refusal.location).toBe('segment 2 (GS|HP|FDBPAYER|FDBPR…)');
    expect(refusal.message).toContain('does not start with an X12 segment ID');
    // A letter where the element separator belongs.
    expectRefusal(
      await refusalOf(text.replace(/^ISA\*/, 'ISAX')),
      'test.835',
      'segment 1 (ISA)',
      "the element separator (the character after ISA) is 'X': a letter, digit or space cannot be a delimiter",
    );
  });

  it("an amount that is not a number ('12.3.4')", async () => {
    const text = replaceSegment(small(), 'SVC*', (s) => s.replace(/^(SVC\*[^*]+)\*[^*]+/, '$1*12.3.4'));
    expectRefusal(await refusalOf(text), 'test.835', `segment ${numberOf(text, 'SVC*')} (SVC)`, "SVC02 '12.3.4' is not an amount");
  });

  it("a group code 'XX'", async () => {
    const text = replaceSegment(small(), 'CAS*', (s) => s.replace(/^CAS\*[A-Z]{2}/, 'CAS*XX'));
    expectRefusal(await refusalOf(text), 'test.835', `segment ${numberOf(text, 'CAS*')} (CAS)`, "CAS01 group code 'XX' is not one of CO, PR, OA, PI, CR");
  });

  it('a CAS amount without a reason, or a reason without an amount', async () => {
    const noAmount = replaceSegment(small(), 'CAS*', () => 'CAS*PR*1*');
    expectRefusal(await refusalOf(noAmount), 'test.835', `segment ${numberOf(noAmount, 'CAS*')} (CAS)`, 'CAS03 is empty: reason 1 has no amount');
    const noReason = replaceSegment(small(), 'CAS*', () => 'CAS*PR**10.00');
    expectRefusal(await refusalOf(noReason), 'test.835', `segment ${numberOf(noReason, 'CAS*')} (CAS)`, 'CAS03 amount has no reason code (CAS02 is empty)');
  });

  it('a 1 MB element, and 2 MB without any terminator: refused quickly, never buffered whole', async () => {
    const started = Date.now();
    const huge = replaceSegment(small(), 'NM1*QC', (s) => s.replace('*GARCIA*', `*${'A'.repeat(1 << 20)}*`));
    const refusal = await refusalOf(huge, 'test.835', 64 * 1024);
    expect(refusal.location).toBe(`segment ${numberOf(huge, 'NM1*QC')} (NM1)`);
    expect(refusal.message).toContain("the segment is longer than 65536 characters without a segment terminator '~'");
    const endless = `ST*835*0001~BPR*${'9'.repeat(2 << 20)}`;
    expectRefusal(await refusalOf(endless, 'endless.txt', 1000), 'endless.txt', 'segment 2 (BPR)', "the segment is longer than 65536 characters without a segment terminator '~': not an 835 segment");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('not an 835: another transaction, another version, another format, nothing', async () => {
    const text = small();
    expectRefusal(await refusalOf(text.replace('ST*835*0001*005010X221A1', 'ST*837*0001*005010X222A1')), 'test.835', 'segment 3 (ST)', "ST01 is '837': this is not an X12 835 (health care claim payment/advice)");
    expectRefusal(
      await refusalOf(text.replace('*X*005010X221A1~', '*X*005010X221~')),
      'test.835',
      'segment 2 (GS)',
      "GS08 version '005010X221' is not supported: this importer reads 835 versions 005010X221A1 and 004010X091A1",
    );
    expectRefusal(await refusalOf('{"resourceType":"Bundle"}', 'eob.json'), 'eob.json', 'segment 1 ({)', `not an X12 835: the file starts with '{"resourceType":"Bun' instead of an ISA or ST segment`);
    expectRefusal(await refusalOf('patient_id,last_name\n1,Doe\n', 'a.csv'), 'a.csv', 'segment 1 (patient_id)', "not an X12 835: the file starts with 'patient_id,last_name' instead of an ISA or ST segment");
    expectRefusal(await refusalOf('', 'empty.835'), 'empty.835', 'segment 1', 'the file is empty: not an X12 835');
    expectRefusal(await refusalOf('  \n', 'blank.835'), 'blank.835', 'segment 1', 'the file is empty: not an X12 835');
  });

  it('a PLB is ignored; stray text after it (as in sample_835_with_interests.txt) is refused there', async () => {
    const text = small();
    const plb = 'PLB*1234567893*20261231*L6*-10.30';
    const withPlb = replaceSegment(text, 'SE*', (se) => `${plb}~\n${se.replace(/^SE\*(\d+)/, (_, n: string) => `SE*${Number(n) + 1}`)}`);
    expect(await claimsOf(withPlb)).toEqual(await claimsOf(text));
    const stray = withPlb.replace(`${plb}~\n`, `${plb}~\nresnCode>adjID>5***~\n`);
    expectRefusal(
      await refusalOf(stray),
      'test.835',
      `segment ${numberOf(stray, 'resnCode')} (resnCode>adjID>5)`,
      "'resnCode>adjID>5***' does not start with an X12 segment ID: stray text, or delimiters other than the ones the file declares",
    );
  });

  it('a claim that does not balance is quarantined; the rest of the file applies', async () => {
    const text = replaceSegment(small(), 'SVC*', (s) => s.replace(/^(SVC\*[^*]+)\*[^*]+/, '$1*9999.99'));
    const records = await parseAll(text);
    expect(records.map((r) => r.kind)).toEqual(['rejected', 'claim', 'claim']);
    const rejected = records[0]!.kind === 'rejected' ? records[0]!.rejected : null;
    expect(rejected).toMatchObject({ location: `segment ${numberOf(text, 'CLP*')} (CLP)`, raw: segmentsOf(text).find((s) => s.startsWith('CLP*')) });
    expect(rejected!.reason).toMatch(/^service line 1 \(segment \d+\) does not balance: billed 9999\.99 − paid [\d.]+ − adjustments [\d.]+ leaves [\d.]+$/);
  });

  it('a claim status this importer does not handle is quarantined', async () => {
    const text = replaceSegment(small(), 'CLP*', (s) => s.replace(/^(CLP\*[^*]+)\*1\*/, '$1*25*'));
    const records = await parseAll(text);
    expect(records[0]).toMatchObject({ kind: 'rejected', rejected: { reason: "CLP02 claim status '25' is not one this importer handles (1, 2, 3, 4, 19, 20, 21, 22)" } });
  });
});

describe('generate835', () => {
  it('is deterministic for a seed', () => {
    expect([...generate835({ claims: 20, linesPerClaim: 3, seed: 5 })].join('')).toBe([...generate835({ claims: 20, linesPerClaim: 3, seed: 5 })].join(''));
    expect([...generate835({ claims: 20, linesPerClaim: 3, seed: 6 })].join('')).not.toBe([...generate835({ claims: 20, linesPerClaim: 3, seed: 5 })].join(''));
  });

  it('writes a valid 835: balanced claims, BPR02 = the claims paid, several transactions', async () => {
    const claims = CLAIMS_PER_TRANSACTION + 10;
    const text = [...generate835({ claims, linesPerClaim: 2, seed: 9 })].join('');
    const records = await parseAll(text, 'generated.835');
    expect(records.every((r) => r.kind === 'claim')).toBe(true);
    expect(records).toHaveLength(claims);
    const statuses = new Set(records.map((r) => (r.kind === 'claim' ? r.claim.status : '')));
    expect([...statuses].sort()).toEqual(['denied', 'partially_paid', 'reversed']);
    for (const transaction of text.split('ST*835*').slice(1)) {
      const segments = transaction.split('~\n');
      const bpr02 = decimalToCents(segments.find((s) => s.startsWith('BPR*'))!.split('*')[2]!)!;
      const paid = segments.filter((s) => s.startsWith('CLP*')).reduce((total, s) => total + decimalToCents(s.split('*')[4]!)!, 0);
      expect(bpr02).toBe(paid);
    }
  });
});

/** gc() when the flag can be set at run time (it can in Node 20); the heap check still runs without it. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

describe('streaming', () => {
  it('parses 200,000 service lines fed in small chunks with bounded heap growth', { timeout: 60_000 }, async () => {
    async function* chunks(): AsyncGenerator<string> {
      // One chunk per claim (about 700 characters), cut again at 512 so chunks end mid-segment.
      for (const chunk of generate835({ claims: 50_000, linesPerClaim: 4, seed: 42 })) {
        for (let i = 0; i < chunk.length; i += 512) yield chunk.slice(i, i + 512);
      }
    }
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let claims = 0;
    let lines = 0;
    for await (const record of parse835(chunks(), 'stream.835')) {
      if (record.kind !== 'claim') throw new Error(`unexpected ${record.kind}`);
      claims += 1;
      lines += record.claim.lines.length;
      if (claims % 2_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    expect({ claims, lines }).toEqual({ claims: 50_000, lines: 200_000 });
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
    expect(after - before).toBeLessThan(20 * 1024 * 1024);
  });
});
