/**
 * Adjudication entries -> a line's amounts and adjustments: the category / CMS-variable rules, reason codes,
 * explicit adjustments, and the inferred adjustments (tables "Adjudication categories" and "Adjustments of a
 * line": map-resources.ts).
 */
import type { GroupCode } from '../../../shared/domain';
import { GROUP_CODES } from '../../../shared/domain';
import type { ImportedAdjustment } from '../records';
import type { Json } from './json';
import { bounded, codesOf, codingsOf, fail, isObject, moneyCents, objects, text } from './json';
import { ADJUSTMENT_GROUP_EXTENSION, REMARK_CODE_EXTENSION } from './vocabulary';

type PickSlot = 'billed' | 'allowed' | 'paid';
export type SumSlot = 'copay' | 'deductible' | 'blood' | 'coinsurance' | 'coinsReduced' | 'coinsWage' | 'noncovered' | 'memberliability' | 'unallocdeduct';
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

/**
 * Payers repeat a handful of codes and systems on every line: what each means is worked out once. Bounded,
 * so a file of made-up codes cannot grow it without end (past the bound, codes are simply worked out again).
 */
const MEMO_MAX = 10_000;
function memo<T>(work: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key)!;
    const value = work(key);
    if (known.size < MEMO_MAX) known.set(key, value);
    return value;
  };
}

const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** The CMS variable a code or system names, as a rule. */
const cmsRule = memo((value: string): Rule | null => {
  const name = CMS_VARIABLE.exec(value)?.[1]?.toLowerCase();
  return (name && own(CMS_VARIABLES, name)) || null;
});
/** A base R4 or CARIN category code, as a rule. */
const categoryRule = memo((code: string): Rule | null => {
  const lower = text(code)?.toLowerCase();
  return (lower && own(CATEGORY_CODES, lower)) || null;
});

function ruleOf(category: unknown): Rule {
  const codings = codingsOf(category);
  for (const c of codings) {
    const rule = (typeof c.code === 'string' ? cmsRule(c.code) : null) ?? (typeof c.system === 'string' ? cmsRule(c.system) : null);
    if (rule) return rule;
  }
  for (const c of codings) {
    const rule = typeof c.code === 'string' ? categoryRule(c.code) : null;
    if (rule) return rule;
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

/** What one reason coding says: a CARC (with its group when the code carries one), a RARC, or nothing (null). */
function codingReason(system: string, rawCode: string): Readonly<Reason> | null {
  const code = text(rawCode);
  if (!code) return null;
  if (RARC.test(code)) return { group: null, carc: null, rarc: code.toUpperCase() };
  if (/remark|rarc/.test(system.toLowerCase())) return null;
  const grouped = GROUPED_CARC.exec(code);
  if (grouped && !/^0+$/.test(grouped[2]!)) return { group: grouped[1]!.toUpperCase() as GroupCode, carc: grouped[2]!.toUpperCase().replace(/^0+(?=\d)/, ''), rarc: null };
  const bare = BARE_CARC.exec(code);
  if (bare && !/^0+$/.test(code)) return { group: null, carc: code.toUpperCase().replace(/^0+(?=\d)/, ''), rarc: null };
  return null;
}
const reasonsBySystem = new Map<string, (code: string) => Readonly<Reason> | null>();

/** CARC (with its group when the code carries one, as BFD's "CO120") or RARC from reason codings. */
function reasonOf(concept: unknown): Readonly<Reason> | null {
  for (const c of codingsOf(concept)) {
    if (typeof c.code !== 'string') continue;
    const system = typeof c.system === 'string' ? c.system : '';
    let reasonOfCode = reasonsBySystem.get(system);
    if (!reasonOfCode) {
      reasonOfCode = memo((code) => codingReason(system, code));
      if (reasonsBySystem.size < MEMO_MAX) reasonsBySystem.set(system, reasonOfCode);
    }
    const reason = reasonOfCode(c.code);
    if (reason) return reason;
  }
  return null;
}

export function extensionValue(entry: Json, url: string): string | null {
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
export interface Amounts {
  picks: Record<PickSlot, { cents: number; rank: number } | null>;
  sums: Partial<Record<SumSlot, number>>;
  reasons: Reason[];
  explicit: ImportedAdjustment[];
  hasAmount: boolean;
}

export function readAdjudication(entries: readonly Json[], where: string, net: unknown): Amounts {
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

export const slot = (a: Amounts, s: SumSlot) => a.sums[s] ?? 0;

/** The cost-sharing the patient owes on a line by category (B in the table). */
function coinsurance(a: Amounts): number {
  const reduced = slot(a, 'coinsReduced');
  return slot(a, 'coinsurance') + (reduced > 0 ? reduced : slot(a, 'coinsWage'));
}

export function inferAdjustments(a: Amounts): ImportedAdjustment[] {
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
