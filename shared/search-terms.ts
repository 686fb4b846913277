/**
 * How patients are found at the desk. A patient is indexed under a set of
 * terms (name words, MRN, phone digits, ISO date of birth); a query becomes a
 * list of prefixes and a patient matches when every prefix starts one of its
 * terms. So "smi jo", "john smith", "smith 1980" and "555-201-4477" all work,
 * in any order. Pure functions: the core indexes with them, tests pin them down.
 */

/** Lowercase ASCII: accents stripped, apostrophes dropped ("O'Brien" -> "obrien"). */
export function normalizeWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/[^a-z0-9-]/g, '');
}

/** The words of a name: split on spaces and hyphens, keeping the joined form of hyphenated names too. */
export function nameTerms(name: string): string[] {
  const terms: string[] = [];
  for (const raw of name.split(/\s+/)) {
    const word = normalizeWord(raw);
    if (!word) continue;
    const parts = word.split('-').filter(Boolean);
    terms.push(...parts);
    if (parts.length > 1) terms.push(parts.join(''));
  }
  return terms;
}

export function phoneDigits(phone: string): string | null {
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return digits.length === 10 ? digits : null;
}

export interface IndexablePatient {
  familyName: string;
  givenName: string;
  mrn: string;
  dob: string | null;
  phone: string | null;
}

/** Every term a patient is found under, without duplicates. */
export function patientSearchTerms(patient: IndexablePatient): string[] {
  const terms = new Set<string>([...nameTerms(patient.familyName), ...nameTerms(patient.givenName), patient.mrn.toLowerCase()]);
  if (patient.dob) terms.add(patient.dob);
  if (patient.phone) {
    const digits = phoneDigits(patient.phone);
    if (digits) terms.add(digits);
  }
  return [...terms];
}

const US_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "3/2/1980", "03-02-1980" or "1980-03-02" -> "1980-03-02"; null when not a real date. */
export function parseDateOfBirth(text: string): string | null {
  let year: number, month: number, day: number;
  const us = US_DATE.exec(text);
  const iso = ISO_DATE.exec(text);
  if (us) [year, month, day] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const PHONE_LIKE = /^[\d\s().+-]+$/;
/** A date of birth being typed: "1980", "1980-03", "1980-03-0". */
const PARTIAL_ISO_DATE = /^\d{4}-\d{0,2}(-\d{0,2})?$/;

/**
 * A query as the prefixes every matching patient must have, most selective
 * (longest) first. An empty array means "nothing to search for".
 */
export function queryPrefixes(query: string): string[] {
  const text = query.trim();
  if (!text) return [];
  const dob = parseDateOfBirth(text);
  if (dob) return [dob];
  if (PARTIAL_ISO_DATE.test(text)) return [text];
  if (PHONE_LIKE.test(text)) {
    const digits = text.replace(/\D/g, '');
    return [digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits];
  }
  const prefixes = new Set<string>();
  for (const raw of text.split(/[\s,]+/)) {
    const asDate = parseDateOfBirth(raw);
    if (asDate) {
      prefixes.add(asDate);
      continue;
    }
    for (const term of nameTerms(raw)) prefixes.add(term);
  }
  return [...prefixes].sort((a, b) => b.length - a.length);
}

/** Exclusive upper bound of the terms that start with `prefix` (terms are ASCII). */
export function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
