/**
 * Reading untrusted FHIR JSON for the mapping (map-resources.ts has the rules): the shared types, the
 * MappingProblem a resource is rejected with, and the small defensive readers (strings, codings, dates, Money).
 */
import { decimalToCents } from '../../../shared/decimal-cents';
import type { RejectedRecord } from '../records';

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

export const fail = (reason: string): never => {
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
const NONE: readonly Json[] = Object.freeze([]);

/** The objects in an array, read-only: the array itself unless something else is in it (no copy per read). */
export function objects(v: unknown): readonly Json[] {
  if (!Array.isArray(v)) return NONE;
  for (const item of v) if (!isObject(item)) return v.filter(isObject);
  return v as Json[];
}
export const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
export const codingsOf = (concept: unknown): readonly Json[] => (isObject(concept) ? objects(concept.coding) : NONE);
export function codesOf(concept: unknown): string[] {
  const codes: string[] = [];
  for (const coding of codingsOf(concept)) {
    const code = text(coding.code);
    if (code) codes.push(code);
  }
  return codes;
}

export function bounded(value: string, what: string, max = 200): string {
  return value.length > max ? fail(`${what} is ${value.length} characters long (at most ${max})`) : value;
}

/** Rejects a resource holding an absurd string anywhere (iterative: no recursion limit). */
export function checkStrings(resource: unknown): void {
  // Strings are checked where they are found; only objects and arrays wait on the stack (no copies of their values).
  const stack: unknown[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length > MAX_STRING) fail(`a text of ${value.length} characters (at most ${MAX_STRING})`);
    } else if (typeof value === 'object' && value !== null) stack.push(value);
  };
  visit(resource);
  while (stack.length) {
    const value = stack.pop() as object;
    if (Array.isArray(value)) for (const item of value) visit(item);
    else for (const key in value) visit((value as Json)[key]);
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
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The date part of a FHIR date/dateTime, or null (partial dates and placeholders are not dates). */
export function isoDate(value: unknown): string | null {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days ? match[0] : null;
}

/**
 * The common case of decimalToCents for a JSON number, without going through its text: when value × 100 is a
 * whole number in floating point, that number is within a quarter cent of the value's shortest decimal
 * (what decimalToCents reads), so rounding that decimal to the cent gives the same whole number. Beyond
 * 13 integer digits decimalToCents refuses the amount: so does this, by leaving it to it. Null: ask it.
 */
function wholeCents(value: number): number | null {
  const cents = value * 100;
  return Number.isInteger(cents) && Math.abs(value) < 1e13 ? cents + 0 : null; // + 0: never -0
}

/** Money -> cents, exactly once; null when there is no value. */
export function moneyCents(money: unknown, where: string): number | null {
  if (money === undefined || money === null) return null;
  if (!isObject(money)) return fail(`${where}: the amount is not a Money object`);
  const { value, currency } = money;
  if (value === undefined || value === null) return null;
  if (currency !== undefined && currency !== 'USD') fail(`${where}: an amount in ${String(currency).slice(0, 12)} (only USD is imported)`);
  if (typeof value !== 'number' && typeof value !== 'string') return fail(`${where}: the amount ${JSON.stringify(value).slice(0, 40)} is not a number`);
  const cents = typeof value === 'number' ? wholeCents(value) ?? decimalToCents(value) : decimalToCents(value);
  return cents ?? fail(`${where}: the amount ${JSON.stringify(value).slice(0, 40)} is not a decimal number`);
}
