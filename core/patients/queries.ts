import type { Statement } from 'better-sqlite3';
import type { PatientSummary } from '../../shared/contract';
import { SEARCH_RESULT_LIMIT } from '../../shared/contract';
import { nameTerms, patientSearchTerms, prefixUpperBound, queryPrefixes } from '../../shared/search-terms';
import type { Db } from '../db/connection';

export interface PatientRow {
  id: number;
  mrn: string;
  family_name: string;
  given_name: string;
  dob: string | null;
  phone: string | null;
}

export interface NewPatient {
  mrn: string;
  familyName: string;
  givenName: string;
  dob: string | null;
  phone: string | null;
  createdAt: string;
  identifiers?: { system: string; value: string }[];
}

export function toPatientSummary(row: PatientRow): PatientSummary {
  return { id: row.id, mrn: row.mrn, name: `${row.family_name}, ${row.given_name}`, dob: row.dob, phone: row.phone };
}

const PATIENT_COLUMNS = 'p.id, p.mrn, p.family_name, p.given_name, p.dob, p.phone';

const insertStatements = new WeakMap<Db, { patient: Statement; term: Statement; identifier: Statement }>();

function insertStatementsFor(db: Db) {
  let prepared = insertStatements.get(db);
  if (!prepared) {
    prepared = {
      patient: db.prepare('INSERT INTO patients (mrn, family_name, given_name, dob, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      term: db.prepare('INSERT OR IGNORE INTO patient_search_terms (term, patient_id) VALUES (?, ?)'),
      identifier: db.prepare('INSERT INTO patient_identifiers (patient_id, system, value) VALUES (?, ?, ?)'),
    };
    insertStatements.set(db, prepared);
  }
  return prepared;
}

/** Inserts a patient with its identifiers and search terms (each identifier's value is searchable too). Call inside the caller's transaction. */
export function insertPatient(db: Db, patient: NewPatient): number {
  return insertPatientWithTerms(db, patient).id;
}

/** insertPatient, also returning the search terms it wrote (a caller adding more terms skips these). */
export function insertPatientWithTerms(db: Db, patient: NewPatient): { id: number; terms: Set<string> } {
  const sql = insertStatementsFor(db);
  const { lastInsertRowid } = sql.patient.run(patient.mrn, patient.familyName, patient.givenName, patient.dob, patient.phone, patient.createdAt);
  const id = Number(lastInsertRowid);
  const terms = new Set(patientSearchTerms(patient));
  for (const identifier of patient.identifiers ?? []) {
    sql.identifier.run(id, identifier.system, identifier.value);
    for (const term of nameTerms(identifier.value)) terms.add(term);
  }
  for (const term of terms) sql.term.run(term, id);
  return { id, terms };
}

export function getPatientById(db: Db, id: number): PatientRow | undefined {
  return db.prepare(`SELECT ${PATIENT_COLUMNS} FROM patients p WHERE p.id = ?`).get(id) as PatientRow | undefined;
}

export function getPatientByMrn(db: Db, mrn: string): PatientRow | undefined {
  return db.prepare(`SELECT ${PATIENT_COLUMNS} FROM patients p WHERE p.mrn = ?`).get(mrn) as PatientRow | undefined;
}

/** At most this many words of a query are used; more rarely narrow anything. */
const MAX_PREFIXES = 4;
const statementCache = new WeakMap<Db, Map<number, Statement>>();

/**
 * The search SQL for `count` prefixes: walk the index range of the first
 * (longest, so most selective) prefix and keep patients that also have a term
 * for each other prefix, stopping at the limit.
 */
export function searchSql(count: number): string {
  const others = Array.from(
    { length: count - 1 },
    (_, i) =>
      `AND EXISTS (SELECT 1 FROM patient_search_terms t${i + 1} WHERE t${i + 1}.patient_id = t0.patient_id AND t${i + 1}.term >= ? AND t${i + 1}.term < ?)`,
  ).join(' ');
  return `SELECT ${PATIENT_COLUMNS} FROM (
      SELECT DISTINCT t0.patient_id AS id FROM patient_search_terms t0
      WHERE t0.term >= ? AND t0.term < ? ${others}
      LIMIT ?
    ) m JOIN patients p ON p.id = m.id`;
}

function searchStatement(db: Db, count: number): Statement {
  let byCount = statementCache.get(db);
  if (!byCount) statementCache.set(db, (byCount = new Map()));
  let statement = byCount.get(count);
  if (!statement) byCount.set(count, (statement = db.prepare(searchSql(count))));
  return statement;
}

/** Finds patients for the desk's search box; results sorted by name. */
export function searchPatients(db: Db, query: string, limit = SEARCH_RESULT_LIMIT): PatientSummary[] {
  const prefixes = queryPrefixes(query).slice(0, MAX_PREFIXES);
  if (prefixes.length === 0) return [];
  const params = prefixes.flatMap((prefix) => [prefix, prefixUpperBound(prefix)]);
  const rows = searchStatement(db, prefixes.length).all(...params, limit) as PatientRow[];
  return rows
    .sort(
      (a, b) =>
        a.family_name.localeCompare(b.family_name) || a.given_name.localeCompare(b.given_name) || (a.dob ?? '').localeCompare(b.dob ?? ''),
    )
    .map(toPatientSummary);
}
