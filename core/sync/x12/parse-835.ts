/**
 * ASC X12 835 (ERA) → ImportedClaim, one per CLP loop, streamed: only the claim
 * being read is held, so memory stays flat however many claims a file has.
 *
 * The file is refused (ImportRefusal, "segment N (TAG)") when it cannot be
 * trusted as a whole: not an 835, a version other than 005010X221A1 or
 * 004010X091A1, a broken envelope (truncated, SE count wrong, wrong delimiters),
 * or an element this importer uses that is malformed (an amount that is not a
 * number, a group code outside CO/PR/OA/PI/CR, a date that is not a date).
 * One claim that is well formed but cannot be used (no patient, an unknown
 * status, amounts that do not balance the way the X12 balancing rules require)
 * is yielded as a rejected record, so it is quarantined and the rest of the file still applies.
 *
 * Mapping (primer §2): CLP01 → claimNumber; CLP02 → status; CLP07 → payerClaimNumber;
 * NM1*QC → patient; each SVC → a line; every CAS reason/amount → an adjustment
 * with its group code, the line's first LQ*HE as the remark code. Claim-level CAS
 * go onto the first line, and a claim with no SVC becomes one line from the CLP totals.
 * Amounts become cents only through decimalToCents. PLB (provider-level) is ignored.
 */
import { decimalToCents } from '../../../shared/decimal-cents';
import type { GroupCode, PayerProgram } from '../../../shared/domain';
import { GROUP_CODES } from '../../../shared/domain';
import type { Identifier, ImportedAdjustment, ImportedClaim, ImportedLine } from '../records';
import type { ParsedRecord, RecordParser } from '../source';
import { ImportRefusal } from '../source';
import type { Segment } from './segment-reader';
import { SegmentReader, shown } from './segment-reader';

export const SUPPORTED_VERSIONS = ['005010X221A1', '004010X091A1'] as const;

/** Service code of the one line made for a claim that has no SVC (its amounts are the claim totals). */
export const CLAIM_LEVEL_SERVICE_CODE = 'CLAIM';

/** State Medicaid programs whose payer names do not say "Medicaid" (matched on the upper-cased N1*PR name). */
const MEDICAID_NAMES = ['MEDICAID', 'MEDI-CAL', 'MEDI CAL', 'MASSHEALTH', 'AHCCCS', 'TENNCARE', 'SOONERCARE', 'BADGERCARE', 'KANCARE', 'HUSKY HEALTH', 'HEALTH CARE FINANCING', 'NYSDOH', 'EMEDNY'];

/**
 * CLP06 (claim filing indicator) says the program outright when it is MA/MB (Medicare),
 * MC (Medicaid) or 16 (HMO Medicare Risk = Medicare Advantage). Otherwise the payer name decides.
 */
export function guessProgram(payerName: string, filingIndicator: string): PayerProgram {
  const name = payerName.toUpperCase();
  if (filingIndicator === 'MC' || MEDICAID_NAMES.some((n) => name.includes(n))) return 'medicaid';
  if (filingIndicator === '16') return 'medicare_advantage';
  if (filingIndicator === 'MA' || filingIndicator === 'MB' || name.includes('MEDICARE')) return 'medicare';
  return 'commercial';
}

const PAID_STATUSES = new Set(['1', '2', '3', '19', '20', '21']);
const GROUPS: ReadonlySet<string> = new Set(GROUP_CODES);
const CARC = /^[A-Z0-9]{1,5}$/;
const MEMBER_QUALIFIERS = new Set(['MI', 'MR', 'HN', 'II']);
const LEADING_ZEROS = /^([+-]?)0+(?=\d)/;

interface Name {
  family: string;
  given: string;
  idQualifier: string;
  id: string;
}

interface DraftAdjustment {
  group: GroupCode;
  carc: string;
  amountCents: number;
}

interface DraftLine {
  svc: Segment;
  serviceCode: string;
  modifiers: string | null;
  billedCents: number;
  paidCents: number;
  units: number;
  /** From DTM*472 (preferred) or DTM*150. */
  date: string | null;
  dateFrom472: boolean;
  allowedCents: number | null;
  rarc: string | null;
  adjustments: DraftAdjustment[];
}

interface DraftClaim {
  clp: Segment;
  chargeCents: number;
  paidCents: number;
  claimAdjustments: DraftAdjustment[];
  patient: Name | null;
  insured: Name | null;
  dates: Map<string, string>;
  interestCents: number;
  discountCents: number;
  lines: DraftLine[];
}

interface Transaction {
  st: Segment;
  count: number;
  payerName: string | null;
  payerId: string | null;
  /** The N1 loop being read: 'PR' (payer), 'PE' (payee), ... */
  party: string | null;
  checkDate: string | null;
  productionDate: string | null;
  claim: DraftClaim | null;
}

type Level = 'outside' | 'interchange' | 'group' | 'transaction';

const el = (segment: Segment, i: number): string => (segment.elements[i] ?? '').trim();
const pad = (i: number) => String(i).padStart(2, '0');

/** CCYYMMDD → ISO date, or null when it is not a calendar date. */
export function isoDate(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const money = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

class Parser835 {
  readonly #file: string;
  #mode: 'envelope' | 'bare' | null = null;
  #level: Level = 'outside';
  #last: Segment | null = null;
  #tx: Transaction | null = null;

  constructor(file: string) {
    this.#file = file;
  }

  #refuse(segment: Segment, problem: string): never {
    throw new ImportRefusal(this.#file, `segment ${segment.n} (${segment.tag})`, problem);
  }

  segment(seg: Segment): ParsedRecord | null {
    this.#last = seg;
    if (seg.unterminated && seg.tag !== (this.#mode === 'bare' ? 'SE' : 'IEA')) {
      this.#refuse(seg, `the file ends inside this segment (no terminator '${shown(seg.delimiters.segment)}', nothing after it): it is truncated`);
    }
    if (this.#tx) this.#tx.count += 1;
    switch (seg.tag) {
      case 'ISA':
        if (this.#mode === 'bare') this.#refuse(seg, 'an ISA in a file that started without one (at ST)');
        if (this.#level !== 'outside') this.#refuse(seg, 'an ISA before the previous interchange ended (no IEA)');
        this.#mode = 'envelope';
        this.#level = 'interchange';
        return null;
      case 'GS':
        if (this.#level !== 'interchange') {
          this.#refuse(
            seg,
            this.#mode !== 'envelope' || this.#level === 'outside'
              ? 'a GS outside an interchange (no ISA)'
              : this.#level === 'group'
                ? 'a GS before the previous functional group ended (no GE)'
                : `a GS inside transaction ${shown(el(this.#tx!.st, 2))} (no SE)`,
          );
        }
        this.#checkVersion(seg, 'GS08', el(seg, 8));
        this.#level = 'group';
        return null;
      case 'ST':
        return this.#startTransaction(seg);
      case 'SE':
        return this.#endTransaction(seg);
      case 'GE':
        if (this.#mode !== 'envelope' || this.#level !== 'group') this.#refuse(seg, this.#missing('a GE', 'group'));
        this.#level = 'interchange';
        return null;
      case 'IEA':
        if (this.#mode !== 'envelope' || this.#level !== 'interchange') this.#refuse(seg, this.#missing('an IEA', 'interchange'));
        this.#level = 'outside';
        return null;
      default:
        if (!this.#tx) this.#refuse(seg, `a ${seg.tag} segment outside a transaction (ST … SE)`);
        return this.#body(this.#tx, seg);
    }
  }

  /** Why a closing segment (GE, IEA) cannot come here. */
  #missing(what: string, closes: Level): string {
    if (this.#mode !== 'envelope') return `${what} in a file without ISA`;
    if (this.#level === 'transaction') return `${what} inside transaction ${shown(el(this.#tx!.st, 2))} (no SE)`;
    if (this.#level === 'group') return `${what} before the functional group ended (no GE)`;
    return closes === 'group' && this.#level === 'interchange' ? `${what} without a GS` : `${what} without an ISA`;
  }

  /** At the end of the file: it must end after a complete interchange (or transaction, without envelope). */
  end(): void {
    const last = this.#last!;
    if (this.#level === 'transaction') this.#refuse(last, `the file ends inside transaction ${shown(el(this.#tx!.st, 2))} (no SE): it is truncated`);
    if (this.#mode === 'envelope' && this.#level === 'group') this.#refuse(last, 'the file ends inside a functional group (no GE, no IEA): it is truncated');
    if (this.#mode === 'envelope' && this.#level === 'interchange') this.#refuse(last, 'the file ends inside an interchange (no IEA): it is truncated');
  }

  #checkVersion(seg: Segment, element: string, version: string): void {
    if ((SUPPORTED_VERSIONS as readonly string[]).includes(version)) return;
    this.#refuse(seg, `${element} version '${shown(version)}' is not supported: this importer reads 835 versions ${SUPPORTED_VERSIONS.join(' and ')}`);
  }

  #startTransaction(seg: Segment): null {
    if (this.#mode === null) {
      this.#mode = 'bare';
      this.#level = 'group';
    }
    if (this.#level === 'transaction') this.#refuse(seg, `an ST before transaction ${shown(el(this.#tx!.st, 2))} ended (no SE)`);
    if (this.#level !== 'group') this.#refuse(seg, 'an ST outside a functional group (no GS)');
    const set = el(seg, 1);
    if (set !== '835') this.#refuse(seg, `ST01 is '${shown(set)}': this is not an X12 835 (health care claim payment/advice)`);
    if (el(seg, 3) !== '') this.#checkVersion(seg, 'ST03', el(seg, 3));
    this.#tx = { st: seg, count: 1, payerName: null, payerId: null, party: null, checkDate: null, productionDate: null, claim: null };
    this.#level = 'transaction';
    return null;
  }

  #endTransaction(seg: Segment): ParsedRecord | null {
    const tx = this.#tx;
    if (!tx || this.#level !== 'transaction') this.#refuse(seg, 'an SE without an ST');
    const record = this.#finishClaim(tx);
    const declared = el(seg, 1);
    if (!/^\d+$/.test(declared) || Number(declared) !== tx.count) {
      this.#refuse(seg, `SE01 says the transaction has ${shown(declared)} segments, but ST … SE holds ${tx.count}: segments are missing or extra`);
    }
    if (el(seg, 2) !== el(tx.st, 2)) this.#refuse(seg, `SE02 control number '${shown(el(seg, 2))}' does not match ST02 '${shown(el(tx.st, 2))}'`);
    this.#tx = null;
    this.#level = 'group';
    return record;
  }

  #body(tx: Transaction, seg: Segment): ParsedRecord | null {
    const claim = tx.claim;
    const line = claim?.lines.at(-1) ?? null;
    switch (seg.tag) {
      case 'BPR':
        // BPR16 is the check/EFT date; a value that is not a date falls back to DTM*405.
        tx.checkDate = isoDate(el(seg, 16));
        return null;
      case 'N1':
        tx.party = el(seg, 1);
        if (tx.party === 'PR' && !claim) {
          tx.payerName = el(seg, 2) || null;
          if (el(seg, 4)) tx.payerId = el(seg, 4);
        }
        return null;
      case 'REF':
        if (!claim && tx.party === 'PR' && el(seg, 1) === '2U' && !tx.payerId && el(seg, 2)) tx.payerId = el(seg, 2);
        return null;
      case 'DTM':
        this.#date(tx, claim, line, seg);
        return null;
      case 'LX':
        return this.#finishClaim(tx);
      case 'PLB':
        // Provider-level adjustments are not a patient's: they end the claims and are not read.
        return this.#finishClaim(tx);
      case 'CLP': {
        const record = this.#finishClaim(tx);
        if (!tx.payerName) this.#refuse(seg, 'a claim (CLP) before the payer is named (N1*PR)');
        if (!el(seg, 1)) this.#refuse(seg, 'CLP01 (patient control number) is empty');
        tx.claim = {
          clp: seg,
          chargeCents: this.#amount(seg, 3),
          paidCents: this.#amount(seg, 4),
          claimAdjustments: [],
          patient: null,
          insured: null,
          dates: new Map(),
          interestCents: 0,
          discountCents: 0,
          lines: [],
        };
        return record;
      }
      case 'CAS': {
        if (!claim) this.#refuse(seg, 'an adjustment (CAS) outside a claim');
        const target = line ? line.adjustments : claim.claimAdjustments;
        target.push(...this.#adjustments(seg));
        return null;
      }
      case 'NM1':
        if (claim) this.#name(claim, seg);
        return null;
      case 'SVC':
        if (!claim) this.#refuse(seg, 'a service line (SVC) outside a claim');
        claim.lines.push(this.#line(seg));
        return null;
      case 'AMT':
        if (line && el(seg, 1) === 'B6') line.allowedCents ??= this.#optionalAmount(seg, 2);
        else if (claim && !line && el(seg, 1) === 'I') claim.interestCents += this.#amount(seg, 2);
        else if (claim && !line && el(seg, 1) === 'D8') claim.discountCents += this.#amount(seg, 2);
        return null;
      case 'LQ':
        if (line && el(seg, 1) === 'HE' && el(seg, 2)) line.rarc ??= el(seg, 2);
        return null;
      default:
        return null;
    }
  }

  /** An amount element as cents; an empty one is 0 (the balancing check then decides). */
  #amount(seg: Segment, i: number): number {
    return this.#optionalAmount(seg, i) ?? 0;
  }

  #optionalAmount(seg: Segment, i: number): number | null {
    const text = el(seg, i);
    if (text === '') return null;
    const cents = decimalToCents(text.replace(LEADING_ZEROS, '$1'));
    if (cents === null) this.#refuse(seg, `${seg.tag}${pad(i)} '${shown(text)}' is not an amount`);
    return cents;
  }

  #date(tx: Transaction, claim: DraftClaim | null, line: DraftLine | null, seg: Segment): void {
    const qualifier = el(seg, 1);
    const read = () => {
      // DTM02 is CCYYMMDD; a few senders use DTM05/06 (D8 or RD8 "from-to") instead.
      const text = el(seg, 2) || (['D8', 'RD8'].includes(el(seg, 5)) ? (el(seg, 6).split('-')[0] ?? '') : '');
      const date = isoDate(text);
      if (!date) this.#refuse(seg, `DTM*${shown(qualifier)} date '${shown(text)}' is not a date (CCYYMMDD)`);
      return date;
    };
    if (line) {
      if (qualifier === '472' && !line.dateFrom472) {
        line.date = read();
        line.dateFrom472 = true;
      } else if (qualifier === '150' && line.date === null) line.date = read();
    } else if (claim) {
      if ((qualifier === '232' || qualifier === '050') && !claim.dates.has(qualifier)) claim.dates.set(qualifier, read());
    } else if (qualifier === '405' && !tx.productionDate) tx.productionDate = read();
  }

  #name(claim: DraftClaim, seg: Segment): void {
    const role = el(seg, 1);
    if (role !== 'QC' && role !== 'IL') return;
    const name = { family: el(seg, 3), given: el(seg, 4), idQualifier: el(seg, 8), id: el(seg, 9) };
    if (role === 'QC') claim.patient ??= name;
    else claim.insured ??= name;
  }

  /** CAS: one group code, then up to six reason/amount/quantity triplets. */
  #adjustments(seg: Segment): DraftAdjustment[] {
    const group = el(seg, 1);
    if (!GROUPS.has(group)) this.#refuse(seg, `CAS01 group code '${shown(group)}' is not one of ${GROUP_CODES.join(', ')}`);
    const found: DraftAdjustment[] = [];
    for (let k = 0; k < 6; k += 1) {
      const r = 2 + 3 * k;
      const carc = el(seg, r);
      const amountText = el(seg, r + 1);
      if (carc === '' && amountText === '') continue;
      if (!CARC.test(carc)) this.#refuse(seg, carc === '' ? `CAS${pad(r + 1)} amount has no reason code (CAS${pad(r)} is empty)` : `CAS${pad(r)} reason code '${shown(carc)}' is not a CARC`);
      if (amountText === '') this.#refuse(seg, `CAS${pad(r + 1)} is empty: reason ${carc} has no amount`);
      found.push({ group: group as GroupCode, carc, amountCents: this.#amount(seg, r + 1) });
    }
    if (found.length === 0) this.#refuse(seg, 'the CAS has no reason code and amount');
    return found;
  }

  #line(seg: Segment): DraftLine {
    const composite = el(seg, 1);
    // Some senders use another component separator than the one the ISA declares (cob-contractural-adjustment.835
    // declares ':' and writes 'HC>55669'), and a file without ISA only has ':' as a guess. A procedure code never
    // holds punctuation, so the character after the 2-character qualifier is the separator.
    const declared = seg.delimiters.component;
    const separator = composite.includes(declared) ? declared : (/^[A-Z0-9]{2}([^A-Za-z0-9\s])/.exec(composite)?.[1] ?? declared);
    const parts = composite.split(separator).map((p) => p.trim());
    const code = parts[1] ?? '';
    if (!code) this.#refuse(seg, `SVC01 '${shown(composite)}' has no procedure code (expected qualifier${separator}code, e.g. HC${separator}99213)`);
    const modifiers = parts.slice(2, 6).filter(Boolean);
    const unitsText = el(seg, 5);
    const units = unitsText === '' ? 1 : Number(unitsText);
    if (!Number.isFinite(units) || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(unitsText || '1')) this.#refuse(seg, `SVC05 '${shown(unitsText)}' is not a number of units`);
    return {
      svc: seg,
      serviceCode: code,
      modifiers: modifiers.length ? modifiers.join(',') : null,
      billedCents: this.#amount(seg, 2),
      paidCents: this.#amount(seg, 3),
      // The store keeps whole units.
      units: Math.round(units),
      date: null,
      dateFrom472: false,
      allowedCents: null,
      rarc: null,
      adjustments: [],
    };
  }

  #finishClaim(tx: Transaction): ParsedRecord | null {
    const draft = tx.claim;
    if (!draft) return null;
    tx.claim = null;
    const clp = draft.clp;
    const reject = (reason: string): ParsedRecord => ({
      kind: 'rejected',
      rejected: { location: `segment ${clp.n} (CLP)`, reason, raw: clp.elements.join(clp.delimiters.element) },
    });
    const statusCode = el(clp, 2);
    const payerKey = tx.payerId ?? tx.payerName!;
    const status: ImportedClaim['status'] | null =
      statusCode === '4' ? 'denied' : statusCode === '22' ? 'reversed' : PAID_STATUSES.has(statusCode) ? (draft.paidCents >= draft.chargeCents ? 'paid' : 'partially_paid') : null;
    if (!status) return reject(`CLP02 claim status '${shown(statusCode)}' is not one this importer handles (1, 2, 3, 4, 19, 20, 21, 22)`);
    const patient = draft.patient;
    if (!patient || (!patient.family && !patient.given)) return reject('the claim names no patient (NM1*QC)');

    // X12 balancing: billed − paid = the adjustments, for each line and for the claim.
    const sum = (adjustments: DraftAdjustment[]) => adjustments.reduce((total, a) => total + a.amountCents, 0);
    for (const [i, line] of draft.lines.entries()) {
      const rest = line.billedCents - line.paidCents - sum(line.adjustments);
      if (rest !== 0) {
        return reject(
          `service line ${i + 1} (segment ${line.svc.n}) does not balance: billed ${money(line.billedCents)} − paid ${money(line.paidCents)} − adjustments ${money(sum(line.adjustments))} leaves ${money(rest)}`,
        );
      }
    }
    const adjusted = sum(draft.claimAdjustments) + draft.lines.reduce((total, line) => total + sum(line.adjustments), 0);
    const rest = draft.chargeCents - draft.paidCents - adjusted;
    // CLP04 may include interest (AMT*I) and be net of a prompt-pay discount (AMT*D8).
    if (rest !== 0 && rest !== draft.discountCents - draft.interestCents) {
      return reject(`the claim does not balance: charge ${money(draft.chargeCents)} − paid ${money(draft.paidCents)} − adjustments ${money(adjusted)} leaves ${money(rest)}`);
    }

    const adjudicatedOn = tx.checkDate ?? tx.productionDate;
    const claimDate = draft.dates.get('232') ?? draft.dates.get('050') ?? adjudicatedOn;
    if (!claimDate && draft.lines.some((l) => l.date === null)) return reject('no service date: no DTM*472/150 on the line, no DTM*232/050 on the claim, no BPR16/DTM*405');
    const claimLevel = draft.claimAdjustments.map((a): ImportedAdjustment => ({ group: a.group, carc: a.carc, rarc: null, amountCents: a.amountCents }));
    const lines: ImportedLine[] = draft.lines.length
      ? draft.lines.map((line, i) => ({
          lineNumber: i + 1,
          serviceDate: line.date ?? claimDate!,
          serviceCode: line.serviceCode,
          modifiers: line.modifiers,
          units: line.units,
          billedCents: line.billedCents,
          allowedCents: line.allowedCents,
          payerPaidCents: line.paidCents,
          adjustments: [...(i === 0 ? claimLevel : []), ...line.adjustments.map((a) => ({ group: a.group, carc: a.carc, rarc: line.rarc, amountCents: a.amountCents }))],
        }))
      : [
          {
            lineNumber: 1,
            serviceDate: claimDate!,
            serviceCode: CLAIM_LEVEL_SERVICE_CODE,
            modifiers: null,
            units: 1,
            billedCents: draft.chargeCents,
            allowedCents: null,
            payerPaidCents: draft.paidCents,
            adjustments: claimLevel,
          },
        ];

    const memberSystem = `x12:member-id:${payerKey}`;
    // MI member ID, MR Medicaid recipient ID, HN Medicare HIC number, II unique health ID: all the payer's ID for the person.
    const isMember = (name: Name | null) => name !== null && name.id !== '' && MEMBER_QUALIFIERS.has(name.idQualifier);
    const samePerson = (a: Name, b: Name) => a.family.toUpperCase() === b.family.toUpperCase() && a.given.toUpperCase() === b.given.toUpperCase();
    // The insured's ID is the patient's only when the insured is the patient: a subscriber's ID is shared by the family.
    const memberId = isMember(patient) ? patient.id : draft.insured && isMember(draft.insured) && samePerson(draft.insured, patient) ? draft.insured.id : null;
    const identifiers: Identifier[] = [];
    // '34' is a Social Security number: never stored.
    if (patient.id && patient.idQualifier && patient.idQualifier !== '34') {
      identifiers.push({ system: patient.idQualifier === 'MI' ? memberSystem : `x12:${patient.idQualifier}`, value: patient.id });
    }
    identifiers.push({ system: 'x12:patient-control-number', value: el(clp, 1) });

    const payerClaimNumber = el(clp, 7) || null;
    const claim: ImportedClaim = {
      externalId: `835:${payerKey}:${payerClaimNumber ?? el(clp, 1)}${statusCode === '22' ? ':reversal' : ''}`,
      patient: { identifiers, familyName: patient.family, givenName: patient.given, dob: null },
      coverage: {
        payerName: tx.payerName!,
        program: guessProgram(tx.payerName!, el(clp, 6)),
        memberId,
        priority: statusCode === '2' || statusCode === '20' ? 2 : statusCode === '3' || statusCode === '21' ? 3 : 1,
        copayCents: null,
        externalId: null,
      },
      claimNumber: el(clp, 1),
      payerClaimNumber,
      status,
      adjudicatedOn,
      lines,
    };
    return { kind: 'claim', claim };
  }
}

export const parse835: RecordParser = async function* (chunks, file) {
  const reader = new SegmentReader(file);
  const parser = new Parser835(file);
  for await (const chunk of chunks) {
    for (const segment of reader.push(chunk)) {
      const record = parser.segment(segment);
      if (record) yield record;
    }
  }
  for (const segment of reader.end()) {
    const record = parser.segment(segment);
    if (record) yield record;
  }
  parser.end();
};
