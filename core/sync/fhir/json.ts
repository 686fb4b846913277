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
export const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
export const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
export const codingsOf = (concept: unknown): Json[] => (isObject(concept) ? objects(concept.coding) : []);
export const codesOf = (concept: unknown): string[] => codingsOf(concept).flatMap((c) => text(c.code) ?? []);

export function bounded(value: string, what: string, max = 200): string {
  return value.length > max ? fail(`${what} is ${value.length} characters long (at most ${max})`) : value;
}

/** Rejects a resource holding an absurd string anywhere (iterative: no recursion limit). */
export function checkStrings(resource: unknown): void {
  const stack: unknown[] = [resource];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length > MAX_STRING) fail(`a text of ${value.length} characters (at most ${MAX_STRING})`);
    } else if (Array.isArray(value)) stack.push(...value);
    else if (isObject(value)) stack.push(...Object.values(value));
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

/** The date part of a FHIR date/dateTime, or null (partial dates and placeholders are not dates). */
export function isoDate(value: unknown): string | null {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${y}-${m}-${d}` ? `${y}-${m}-${d}` : null;
}

/** Money -> cents, exactly once; null when there is no value. */
export function moneyCents(money: unknown, where: string): number | null {
  if (money === undefined || money === null) return null;
  if (!isObject(money)) return fail(`${where}: the amount is not a Money object`);
  const { value, currency } = money;
  if (value === undefined || value === null) return null;
  if (currency !== undefined && currency !== 'USD') fail(`${where}: an amount in ${String(currency).slice(0, 12)} (only USD is imported)`);
  if (typeof value !== 'number' && typeof value !== 'string') return fail(`${where}: the amount ${JSON.stringify(value).slice(0, 40)} is not a number`);
  const cents = decimalToCents(value);
  return cents ?? fail(`${where}: the amount ${JSON.stringify(value).slice(0, 40)} is not a decimal number`);
}
