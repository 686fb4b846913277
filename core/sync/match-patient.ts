/**
 * The identifier rule that decides whether a patient named by a file or the
 * main system is one we already have (README, "Matching patients"):
 *  1. an identifier we already hold (same system and value), else
 *  2. the same MRN, else
 *  3. the same member ID at a payer of the same name, else
 *  4. the same family name, given name and date of birth (only when the date of birth is known:
 *     a name alone never merges two people);
 * otherwise a new patient. Whatever matched, the record's identifiers are added to the patient.
 * Some identifiers are not a person's own (an 835's patient control number is often a family or
 * guarantor account): they are kept and searchable, but never used to match.
 * Every stored identifier's value is searchable (schema 9), so an identifier found stored is not
 * written again, nor are its terms.
 */
import { nameTerms, normalizeWord, patientSearchTerms } from '../../shared/search-terms';
import type { Db } from '../db/connection';
import { sql } from '../db/statements';
import { insertPatientWithTerms } from '../patients/queries';
import type { PatientCache } from './patient-cache';
import type { Identifier, ImportedCoverage, ImportedPatient } from './records';

export const NON_MATCHING_SYSTEMS: ReadonlySet<string> = new Set(['x12:patient-control-number']);

/** The first of the record's (matching) identifiers that is stored, and whose it is. */
function byIdentifier(db: Db, patient: ImportedPatient, cache: PatientCache | undefined): { patientId: number; identifier: Identifier } | null {
  const find = sql(db, 'SELECT patient_id FROM patient_identifiers WHERE system = ? AND value = ?');
  for (const identifier of patient.identifiers) {
    if (NON_MATCHING_SYSTEMS.has(identifier.system)) continue;
    const patientId = cache?.owner(identifier.system, identifier.value) ?? (find.get(identifier.system, identifier.value) as { patient_id: number } | undefined)?.patient_id;
    if (patientId !== undefined) return { patientId, identifier };
  }
  return null;
}

function byMrn(db: Db, mrn: string | null | undefined): number | null {
  if (!mrn) return null;
  return (sql(db, 'SELECT id FROM patients WHERE mrn = ?').get(mrn) as { id: number } | undefined)?.id ?? null;
}

function byMemberId(db: Db, coverage: ImportedCoverage | null): number | null {
  if (!coverage?.memberId) return null;
  const row = sql(db, 'SELECT patient_id FROM coverages WHERE member_id = ? AND lower(payer_name) = lower(?) LIMIT 1')
    .get(coverage.memberId, coverage.payerName) as { patient_id: number } | undefined;
  return row?.patient_id ?? null;
}

function byNameAndDob(db: Db, patient: ImportedPatient): number | null {
  if (!patient.dob) return null;
  // Read from the index patients_by_dob_and_name alone (schema 10).
  const candidates = sql(db, 'SELECT id, family_name, given_name FROM patients WHERE dob = ?').all(patient.dob) as { id: number; family_name: string; given_name: string }[];
  const family = normalizeWord(patient.familyName);
  const given = normalizeWord(patient.givenName);
  let found: number | null = null;
  for (const c of candidates) {
    if (normalizeWord(c.family_name) !== family || normalizeWord(c.given_name) !== given) continue;
    if (found !== null) return null; // two people of that name born that day: which one is unknowable
    found = c.id;
  }
  return found;
}

/** `wantedIsFree`: the caller has just looked `wanted` up and found no patient with it. */
function newMrn(db: Db, wanted: string | null | undefined, wantedIsFree = false): string {
  if (wanted && (wantedIsFree || byMrn(db, wanted) === null)) return wanted;
  const { next } = sql(db, 'SELECT coalesce(max(id), 0) + 1 AS next FROM patients').get() as { next: number };
  for (let n = next; ; n++) {
    const mrn = `X${String(n).padStart(7, '0')}`;
    if (byMrn(db, mrn) === null) return mrn;
  }
}

/** Placeholder names of a patient first seen only by an identifier (a claim whose Patient was elsewhere). */
const UNKNOWN = 'Unknown';

/** Fills what an earlier, thinner record left out: names, date of birth, phone. Never overwrites real data. */
export function fillPatientGaps(db: Db, patientId: number, patient: ImportedPatient): void {
  if (!patient.familyName && !patient.givenName && !patient.dob && !patient.phone) return; // nothing it could fill in
  const row = sql(db, 'SELECT family_name, given_name, dob, phone FROM patients WHERE id = ?').get(patientId) as { family_name: string; given_name: string; dob: string | null; phone: string | null };
  const family = row.family_name === UNKNOWN && patient.familyName ? patient.familyName : null;
  const given = row.given_name === UNKNOWN && patient.givenName ? patient.givenName : null;
  const dob = row.dob === null && patient.dob ? patient.dob : null;
  const phone = row.phone === null && patient.phone ? patient.phone : null;
  if (!family && !given && !dob && !phone) return;
  sql(db, 'UPDATE patients SET family_name = coalesce(?, family_name), given_name = coalesce(?, given_name), dob = coalesce(?, dob), phone = coalesce(?, phone) WHERE id = ?').run(family, given, dob, phone, patientId);
  const updated = sql(db, 'SELECT mrn, family_name, given_name, dob, phone FROM patients WHERE id = ?').get(patientId) as { mrn: string; family_name: string; given_name: string; dob: string | null; phone: string | null };
  if (updated.family_name !== UNKNOWN && updated.given_name !== UNKNOWN) sql(db, "DELETE FROM patient_search_terms WHERE patient_id = ? AND term = 'unknown'").run(patientId);
  const addTerm = sql(db, 'INSERT OR IGNORE INTO patient_search_terms (term, patient_id) VALUES (?, ?)');
  for (const term of patientSearchTerms({ familyName: updated.family_name, givenName: updated.given_name, mrn: updated.mrn, dob: updated.dob, phone: updated.phone })) addTerm.run(term, patientId);
}

/**
 * The patient a record names (created when none matches), with the record's identifiers and their search
 * terms added. The identifier it matched by, and (with a cache) identifiers this run already stored for the
 * patient, are stored with their terms already: nothing is written for them.
 */
export function matchOrCreatePatient(db: Db, patient: ImportedPatient, coverage: ImportedCoverage | null, at: string, cache?: PatientCache): { patientId: number; created: boolean } {
  const matched = byIdentifier(db, patient, cache);
  let patientId = matched?.patientId ?? byMrn(db, patient.mrn) ?? byMemberId(db, coverage) ?? byNameAndDob(db, patient);
  const created = patientId === null;
  // Terms this call wrote (or a new patient has): one identifier's value often repeats another's, or the MRN.
  let written: Set<string> | null = null;
  if (patientId === null) {
    const row = {
      // Nothing matched, so byMrn found no patient with the record's MRN.
      mrn: newMrn(db, patient.mrn, true),
      familyName: patient.familyName || UNKNOWN,
      givenName: patient.givenName || UNKNOWN,
      dob: patient.dob,
      phone: patient.phone ?? null,
      createdAt: at,
    };
    ({ id: patientId, terms: written } = insertPatientWithTerms(db, row));
  }
  const add = sql(db, 'INSERT OR IGNORE INTO patient_identifiers (patient_id, system, value) VALUES (?, ?, ?)');
  const addTerm = sql(db, 'INSERT OR IGNORE INTO patient_search_terms (term, patient_id) VALUES (?, ?)');
  for (const id of patient.identifiers) {
    if (id === matched?.identifier) {
      cache?.remember(id.system, id.value, patientId);
      continue;
    }
    if (cache?.owner(id.system, id.value) === patientId) continue;
    const stored = add.run(patientId, id.system, id.value).changes === 1;
    // Identifiers from files (member ID, patient control number) are searchable at the desk too, even one
    // another patient holds (it stays theirs for matching).
    for (const term of nameTerms(id.value)) {
      written ??= new Set();
      if (written.has(term)) continue;
      written.add(term);
      addTerm.run(term, patientId);
    }
    if (cache && stored) cache.remember(id.system, id.value, patientId);
  }
  return { patientId, created };
}
