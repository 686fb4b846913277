/**
 * A synthetic, valid 5010 (005010X221A1) 835 streamed as text chunks (one per
 * claim): used by the streaming test and the benchmark (a million service
 * lines never sit in memory). Deterministic for a seed. Every line and claim
 * balances (billed − paid = adjustments), BPR02 is the sum of the claim
 * payments of its transaction and SE01 counts its segments. A new transaction
 * starts every CLAIMS_PER_TRANSACTION claims, as a payer would send one per check.
 */

export interface Generate835Options {
  claims: number;
  linesPerClaim: number;
  seed?: number;
}

export const CLAIMS_PER_TRANSACTION = 5000;

const FAMILY = ['GARCIA', 'SMITH', 'NGUYEN', 'OKAFOR', 'JOHNSON', 'MULLER', 'ROSSI', 'KOWALSKI', 'TANAKA', 'HASSAN'];
const GIVEN = ['ANA', 'JAMES', 'LINH', 'ADA', 'MARY', 'LUKAS', 'GIULIA', 'PIOTR', 'YUKI', 'OMAR'];
const CODES = ['99213', '99214', '99203', '36415', '85025', '80053', '93000', '71046', '90686', 'G0444'];
const PAYERS = [
  { name: 'ACME HEALTH PLAN', id: '60054' },
  { name: 'STATE MEDICAID PROGRAM', id: 'SKMD0' },
  { name: 'MEDICARE PART B', id: '01112' },
];

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer cents as X12 decimal text ("-12.05"), without floating point. */
function money(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const dayTexts = new Map<number, string>();
function ccyymmdd(epochDay: number): string {
  let text = dayTexts.get(epochDay);
  if (text === undefined) {
    text = new Date(epochDay * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    dayTexts.set(epochDay, text);
  }
  return text;
}

const BASE_DAY = Date.UTC(2026, 0, 5) / 86_400_000;

interface GeneratedLine {
  code: string;
  modifier: string | null;
  billed: number;
  allowed: number;
  paid: number;
  /** [group, reason, amount] */
  adjustments: [string, string, number][];
  remark: string | null;
  day: number;
}

interface GeneratedClaim {
  index: number;
  status: '1' | '2' | '4' | '22';
  lines: GeneratedLine[];
  charge: number;
  paid: number;
  patientResponsibility: number;
}

/** Claim `index`, from its own random stream so a transaction's total can be known before its claims are written. */
function makeClaim(seed: number, index: number, linesPerClaim: number): GeneratedClaim {
  const next = random((seed * 2_654_435_761 + index * 40_503 + 1) >>> 0);
  const roll = next();
  const status = roll < 0.05 ? '4' : roll < 0.13 ? '2' : roll < 0.15 ? '22' : '1';
  const sign = status === '22' ? -1 : 1;
  const day = BASE_DAY + (index % 330);
  const lines: GeneratedLine[] = [];
  for (let i = 0; i < linesPerClaim; i += 1) {
    const billed = 2_500 + Math.floor(next() * 47_500);
    const code = CODES[Math.floor(next() * CODES.length)]!;
    const modifier = next() < 0.15 ? '25' : null;
    if (status === '4') {
      lines.push({ code, modifier, billed: billed * sign, allowed: 0, paid: 0, adjustments: [['CO', '50', billed]], remark: 'N115', day });
      continue;
    }
    const allowed = Math.floor((billed * (60 + Math.floor(next() * 30))) / 100);
    const kind = next();
    const adjustments: [string, string, number][] = [];
    if (billed > allowed) adjustments.push(['CO', '45', billed - allowed]);
    let patient = 0;
    if (kind < 0.35) {
      patient = Math.min(allowed, 1_500 + 500 * Math.floor(next() * 5));
      adjustments.push(['PR', '3', patient]);
    } else if (kind < 0.6) {
      const deductible = Math.floor(allowed / 2);
      const coinsurance = Math.floor((allowed - deductible) / 5);
      patient = deductible + coinsurance;
      adjustments.push(['PR', '1', deductible], ['PR', '2', coinsurance]);
    } else if (kind < 0.8) {
      patient = Math.floor(allowed / 5);
      adjustments.push(['PR', '2', patient]);
    }
    lines.push({
      code,
      modifier,
      billed: billed * sign,
      allowed: allowed * sign,
      paid: (allowed - patient) * sign,
      adjustments: adjustments.map(([g, r, a]) => [g, r, a * sign]),
      remark: kind > 0.95 ? 'N130' : null,
      day,
    });
  }
  const sum = (pick: (l: GeneratedLine) => number) => lines.reduce((total, l) => total + pick(l), 0);
  return {
    index,
    status,
    lines,
    charge: sum((l) => l.billed),
    paid: sum((l) => l.paid),
    patientResponsibility: sum((l) => l.adjustments.filter(([g]) => g === 'PR').reduce((t, [, , a]) => t + a, 0)),
  };
}

/** The claim's segments, without terminators. */
function claimSegments(claim: GeneratedClaim, payer: { name: string; id: string }): string[] {
  const n = claim.index;
  const pcn = `PCN${String(n + 1).padStart(9, '0')}`;
  const member = `M${String((n * 7_919) % 1_000_000_007).padStart(10, '0')}`;
  const filing = payer.name.includes('MEDICAID') ? 'MC' : payer.name.includes('MEDICARE') ? 'MB' : '12';
  const segments = [
    `CLP*${pcn}*${claim.status}*${money(claim.charge)}*${money(claim.paid)}*${money(claim.patientResponsibility)}*${filing}*${String(9_000_000_000 + n)}*11*1`,
    `NM1*QC*1*${FAMILY[n % FAMILY.length]}*${GIVEN[Math.floor(n / FAMILY.length) % GIVEN.length]}****MI*${member}`,
    `DTM*232*${ccyymmdd(claim.lines[0]?.day ?? BASE_DAY)}`,
  ];
  claim.lines.forEach((line, i) => {
    segments.push(`SVC*HC:${line.code}${line.modifier ? `:${line.modifier}` : ''}*${money(line.billed)}*${money(line.paid)}**1`, `DTM*472*${ccyymmdd(line.day)}`);
    for (const group of ['CO', 'PR']) {
      const triplets = line.adjustments.filter(([g]) => g === group).map(([, reason, amount]) => `${reason}*${money(amount)}*`);
      if (triplets.length) segments.push(`CAS*${group}*${triplets.join('*').replace(/\*$/, '')}`);
    }
    segments.push(`REF*6R*${pcn}-${i + 1}`);
    if (line.allowed !== 0) segments.push(`AMT*B6*${money(line.allowed)}`);
    if (line.remark) segments.push(`LQ*HE*${line.remark}`);
  });
  return segments;
}

export function* generate835(options: Generate835Options): Generator<string> {
  const seed = options.seed ?? 835;
  const claims = Math.max(0, Math.floor(options.claims));
  const linesPerClaim = Math.max(0, Math.floor(options.linesPerClaim));
  const transactions = Math.max(1, Math.ceil(claims / CLAIMS_PER_TRANSACTION));
  const control = String(100_000_000 + (seed % 800_000_000)).slice(0, 9);
  yield `ISA*00*          *00*          *ZZ*${'FDBPAYER'.padEnd(15)}*ZZ*${'FDBPRACTICE'.padEnd(15)}*260301*1200*^*00501*${control}*0*P*:~\n`;
  yield `GS*HP*FDBPAYER*FDBPRACTICE*20260301*1200*1*X*005010X221A1~\n`;
  for (let t = 0; t < transactions; t += 1) {
    const first = t * CLAIMS_PER_TRANSACTION;
    const last = Math.min(claims, first + CLAIMS_PER_TRANSACTION);
    const payer = PAYERS[t % PAYERS.length]!;
    let total = 0;
    for (let n = first; n < last; n += 1) total += makeClaim(seed, n, linesPerClaim).paid;
    const st = String(t + 1).padStart(4, '0');
    const header = [
      `ST*835*${st}*005010X221A1`,
      `BPR*I*${money(total)}*C*ACH*CCP*01*999999999*DA*123456789*1512345678**01*999988880*DA*98765*20260301`,
      `TRN*1*${String(700_000_000 + t)}*1512345678`,
      'DTM*405*20260227',
      `N1*PR*${payer.name}*XV*${payer.id}`,
      'N3*1 MAIN STREET',
      'N4*SPRINGFIELD*IL*62701',
      `REF*2U*${payer.id}`,
      'PER*BL*PROVIDER SERVICES*TE*8005550100',
      'N1*PE*FRONT DESK CLINIC*XX*1234567893',
      'LX*1',
    ];
    let count = header.length;
    yield `${header.join('~\n')}~\n`;
    for (let n = first; n < last; n += 1) {
      const segments = claimSegments(makeClaim(seed, n, linesPerClaim), payer);
      count += segments.length;
      yield `${segments.join('~\n')}~\n`;
    }
    yield `SE*${count + 1}*${st}~\n`;
  }
  yield `GE*${transactions}*1~\nIEA*1*${control}~\n`;
}
