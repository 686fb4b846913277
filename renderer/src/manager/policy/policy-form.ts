/**
 * The policy editor's form: what a manager types (dollars, days, percents as
 * text) turned into a policy document, and every problem keyed by the
 * document path it concerns. Amounts are converted to whole cents exactly
 * (shared/money.ts); the policy's own schema (shared/policy/document.ts, through
 * shared/policy/issues.ts) judges the rest, so the form and the core agree.
 */
import { parseDollarsToCents } from '../../../../shared/money';
import type { PolicyDocument } from '../../../../shared/policy/document';
import { checkPolicyDocument } from '../../../../shared/policy/issues';

type NonCovered = PolicyDocument['nonCoveredWithPatientLiability'];
type AfterExhausted = PolicyDocument['collectionEffort']['afterExhausted'][number];

export interface TierValues {
  upTo: string;
  discount: string;
}

export interface PolicyFormValues {
  title: string;
  statementThreshold: string;
  carryMaxAgeDays: string;
  carryMaxTotal: string;
  nominalCodes: string[];
  nominalFee: string;
  nonCovered: NonCovered;
  guidelineYear: string;
  guidelineFirstPerson: string;
  guidelineAdditionalPerson: string;
  tiers: TierValues[];
  hardshipValidDays: string;
  minStatements: string;
  minDaysFromFirstStatement: string;
  afterExhausted: AfterExhausted[];
  smallBalanceEnabled: boolean;
  smallBalanceMax: string;
  allowPrepayment: boolean;
}

/** Problems by document path ("carryForward.maxAgeDays"); "" is the document as a whole. */
export type PolicyFormErrors = Record<string, string>;

/** The document path each text field fills. */
export const FIELD_PATHS = {
  title: 'title',
  statementThreshold: 'statementThresholdCents',
  carryMaxAgeDays: 'carryForward.maxAgeDays',
  carryMaxTotal: 'carryForward.maxCarriedTotalCents',
  nominalCodes: 'nominalServices.codes',
  nominalFee: 'nominalServices.feeCents',
  nonCovered: 'nonCoveredWithPatientLiability',
  guidelineYear: 'hardship.povertyGuideline.year',
  guidelineFirstPerson: 'hardship.povertyGuideline.firstPersonCents',
  guidelineAdditionalPerson: 'hardship.povertyGuideline.additionalPersonCents',
  hardshipValidDays: 'hardship.validForDays',
  minStatements: 'collectionEffort.minStatements',
  minDaysFromFirstStatement: 'collectionEffort.minDaysFromFirstStatement',
  afterExhausted: 'collectionEffort.afterExhausted',
  smallBalanceEnabled: 'smallBalanceWriteOff.enabled',
  smallBalanceMax: 'smallBalanceWriteOff.maxCents',
  allowPrepayment: 'allowPrepayment',
} as const satisfies Partial<Record<keyof PolicyFormValues, string>>;

export const tierPath = (index: number, field: 'upToPercentOfGuideline' | 'discountPercent') => `hardship.slidingScale.${index}.${field}`;
export const SCALE_PATH = 'hardship.slidingScale';

/** Cents as a person types dollars: 2000 -> "20.00", 1565000 -> "15,650.00". */
export function centsText(cents: number): string {
  return `${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
}

export function formValuesFrom(document: PolicyDocument): PolicyFormValues {
  return {
    title: document.title,
    statementThreshold: centsText(document.statementThresholdCents),
    carryMaxAgeDays: String(document.carryForward.maxAgeDays),
    carryMaxTotal: centsText(document.carryForward.maxCarriedTotalCents),
    nominalCodes: [...document.nominalServices.codes],
    nominalFee: centsText(document.nominalServices.feeCents),
    nonCovered: document.nonCoveredWithPatientLiability,
    guidelineYear: String(document.hardship.povertyGuideline.year),
    guidelineFirstPerson: centsText(document.hardship.povertyGuideline.firstPersonCents),
    guidelineAdditionalPerson: centsText(document.hardship.povertyGuideline.additionalPersonCents),
    tiers: document.hardship.slidingScale.map((band) => ({ upTo: String(band.upToPercentOfGuideline), discount: String(band.discountPercent) })),
    hardshipValidDays: String(document.hardship.validForDays),
    minStatements: String(document.collectionEffort.minStatements),
    minDaysFromFirstStatement: String(document.collectionEffort.minDaysFromFirstStatement),
    afterExhausted: [...document.collectionEffort.afterExhausted],
    smallBalanceEnabled: document.smallBalanceWriteOff.enabled,
    smallBalanceMax: centsText(document.smallBalanceWriteOff.maxCents),
    allowPrepayment: document.allowPrepayment,
  };
}

/** Reads typed text as a number, or says what to type; `fallback` stands in so the schema checks the rest. */
class Reader {
  readonly errors: PolicyFormErrors = {};

  money(text: string, path: string, fallback: number): number {
    const cents = parseDollarsToCents(text);
    if (text.trim() === '') this.errors[path] = 'Enter an amount in dollars, like 20 or 20.00.';
    else if (cents === null) this.errors[path] = 'Enter dollars and cents, like 20 or 20.00 (two decimals at most).';
    return cents ?? fallback;
  }

  whole(text: string, path: string, fallback: number): number {
    const trimmed = text.trim().replace(/,/g, '');
    if (/^-?\d{1,9}$/.test(trimmed)) return Number(trimmed);
    this.errors[path] = trimmed === '' ? 'Enter a number.' : 'Enter a whole number, like 180.';
    return fallback;
  }
}

export interface PolicyFormCheck {
  errors: PolicyFormErrors;
  /** The valid document, or null while anything is wrong. */
  document: PolicyDocument | null;
}

/**
 * The document the form describes, starting from `base` (so settings this form does not show pass
 * through unchanged), with every problem at its path: first what could not be read as typed, then
 * the schema's own verdict.
 */
export function checkPolicyForm(values: PolicyFormValues, base: PolicyDocument): PolicyFormCheck {
  const read = new Reader();
  const p = FIELD_PATHS;
  const draft: PolicyDocument = {
    ...base,
    title: values.title.trim(),
    statementThresholdCents: read.money(values.statementThreshold, p.statementThreshold, base.statementThresholdCents),
    carryForward: {
      ...base.carryForward,
      maxAgeDays: read.whole(values.carryMaxAgeDays, p.carryMaxAgeDays, base.carryForward.maxAgeDays),
      maxCarriedTotalCents: read.money(values.carryMaxTotal, p.carryMaxTotal, base.carryForward.maxCarriedTotalCents),
    },
    nominalServices: {
      ...base.nominalServices,
      codes: values.nominalCodes.map((code) => code.trim().toUpperCase()),
      feeCents: read.money(values.nominalFee, p.nominalFee, base.nominalServices.feeCents),
    },
    nonCoveredWithPatientLiability: values.nonCovered,
    hardship: {
      ...base.hardship,
      povertyGuideline: {
        ...base.hardship.povertyGuideline,
        year: read.whole(values.guidelineYear, p.guidelineYear, base.hardship.povertyGuideline.year),
        firstPersonCents: read.money(values.guidelineFirstPerson, p.guidelineFirstPerson, base.hardship.povertyGuideline.firstPersonCents),
        additionalPersonCents: read.money(values.guidelineAdditionalPerson, p.guidelineAdditionalPerson, base.hardship.povertyGuideline.additionalPersonCents),
      },
      slidingScale: values.tiers.map((tier, i) => ({
        upToPercentOfGuideline: read.whole(tier.upTo, tierPath(i, 'upToPercentOfGuideline'), 100),
        discountPercent: read.whole(tier.discount, tierPath(i, 'discountPercent'), 0),
      })),
      validForDays: read.whole(values.hardshipValidDays, p.hardshipValidDays, base.hardship.validForDays),
    },
    collectionEffort: {
      ...base.collectionEffort,
      minStatements: read.whole(values.minStatements, p.minStatements, base.collectionEffort.minStatements),
      minDaysFromFirstStatement: read.whole(values.minDaysFromFirstStatement, p.minDaysFromFirstStatement, base.collectionEffort.minDaysFromFirstStatement),
      afterExhausted: values.afterExhausted,
    },
    smallBalanceWriteOff: {
      ...base.smallBalanceWriteOff,
      enabled: values.smallBalanceEnabled,
      maxCents: read.money(values.smallBalanceMax, p.smallBalanceMax, base.smallBalanceWriteOff.maxCents),
    },
    allowPrepayment: values.allowPrepayment,
  };
  const checked = checkPolicyDocument(draft);
  const errors: PolicyFormErrors = {};
  if (!checked.ok) for (const issue of checked.issues) errors[issue.path] ??= issue.message;
  // What could not be read as typed explains the field better than the schema's view of the stand-in.
  Object.assign(errors, read.errors);
  return { errors, document: checked.ok && Object.keys(read.errors).length === 0 ? checked.document : null };
}

/** The problems no field of the form shows (a setting this form does not edit, or the document as a whole). */
export function unplacedErrors(errors: PolicyFormErrors, tierCount: number): string[] {
  const placed = new Set<string>([...Object.values(FIELD_PATHS), SCALE_PATH]);
  for (let i = 0; i < tierCount; i += 1) {
    placed.add(tierPath(i, 'upToPercentOfGuideline'));
    placed.add(tierPath(i, 'discountPercent'));
  }
  return Object.entries(errors)
    .filter(([path]) => !placed.has(path) && !/^nominalServices\.codes\.\d+$/.test(path))
    .map(([, message]) => message);
}

/** The first problem among the service codes (each code's path is nominalServices.codes.N), naming the code. */
export function codesError(errors: PolicyFormErrors, codes: readonly string[]): string | undefined {
  const whole = errors[FIELD_PATHS.nominalCodes];
  if (whole) return whole;
  const index = codes.findIndex((_, i) => errors[`${FIELD_PATHS.nominalCodes}.${i}`]);
  return index < 0 ? undefined : `${codes[index]}: ${errors[`${FIELD_PATHS.nominalCodes}.${index}`]}`;
}
