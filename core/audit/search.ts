/**
 * Searching the audit trail: newest first, one page at a time, by patient, user, kind of action
 * and day. Each filter is answered from an index (audit_log_by_patient, _by_actor, _by_action,
 * _by_at: migration 008), walked in (at, id) order so a page stops after `limit` rows.
 */
import type { AuditFilterChoices, AuditPage, AuditRecordView } from '../../shared/api/audit';
import { auditActionLabel, PATIENT_MATCH_LIMIT } from '../../shared/api/audit';
import { ApiError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { getPatientByMrn, searchPatients } from '../patients/queries';
import { auditAmount, auditSummary, parseDetail } from './describe';

export interface AuditFilters {
  patient?: string;
  actor?: string;
  action?: string;
  /** Local calendar days, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  before?: number;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  patient_id: number | null;
  entity: string | null;
  entity_id: number | null;
  policy_version: number | null;
  detail: string;
  mrn: string | null;
  family_name: string | null;
  given_name: string | null;
  actor_name: string | null;
}

/** The instant a local calendar day starts, as the audit log writes instants (ISO, UTC). */
export function dayStart(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

/** The patients a patient filter means: the one with that MRN, else those whose name (or phone, birth date) matches. */
export function patientsMatching(db: Db, text: string): number[] {
  const byMrn = getPatientByMrn(db, text) ?? getPatientByMrn(db, text.toUpperCase());
  if (byMrn) return [byMrn.id];
  return searchPatients(db, text, PATIENT_MATCH_LIMIT).map((p) => p.id);
}

export function toAuditRecord(row: AuditRow): AuditRecordView {
  const detail = parseDetail(row.detail);
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorName: row.actor_name,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    patient: row.patient_id !== null && row.mrn !== null ? { id: row.patient_id, name: `${row.family_name}, ${row.given_name}`, mrn: row.mrn } : null,
    entity: row.entity === null ? null : `${row.entity.replace(/_/g, ' ')}${row.entity_id === null ? '' : ` ${row.entity_id}`}`,
    amountCents: auditAmount(detail),
    policyVersion: row.policy_version,
    summary: auditSummary(row.action, detail),
  };
}

/** The WHERE clause and its parameters for the filters (null: the patient filter matched nobody). */
export function auditWhere(db: Db, filters: AuditFilters): { where: string[]; params: (string | number)[]; patientsMatched: number | null } | null {
  const where: string[] = [];
  const params: (string | number)[] = [];
  let patientsMatched: number | null = null;
  if (filters.patient) {
    const ids = patientsMatching(db, filters.patient);
    patientsMatched = ids.length;
    if (ids.length === 0) return null;
    // One patient (an MRN): its index gives the records in order; several: their records are merged and sorted.
    where.push(ids.length === 1 ? 'a.patient_id = ?' : `a.patient_id IN (${ids.map(() => '?').join(', ')})`);
    params.push(...ids);
  }
  if (filters.actor) {
    where.push('a.actor = ?');
    params.push(filters.actor);
  }
  if (filters.action) {
    where.push('a.action = ?');
    params.push(filters.action);
  }
  if (filters.from) {
    where.push('a.at >= ?');
    params.push(dayStart(filters.from));
  }
  if (filters.to) {
    const next = new Date(`${filters.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    where.push('a.at < ?');
    params.push(dayStart(next.toISOString().slice(0, 10)));
  }
  if (filters.before !== undefined) {
    const last = db.prepare('SELECT at FROM audit_log WHERE id = ?').get(filters.before) as { at: string } | undefined;
    if (!last) throw new ApiError('invalid_input', 'The page to continue from is no longer there. Search again.');
    // Newest first by (at, id): the next page starts just below the last record shown.
    where.push('a.at <= ? AND (a.at < ? OR a.id < ?)');
    params.push(last.at, last.at, filters.before);
  }
  return { where, params, patientsMatched };
}

export function auditSql(where: string[]): string {
  return `SELECT a.id, a.at, a.actor, a.action, a.patient_id, a.entity, a.entity_id, a.policy_version, a.detail, p.mrn, p.family_name, p.given_name,
                 (SELECT u.display_name FROM users u WHERE u.username = a.actor) AS actor_name
            FROM audit_log a LEFT JOIN patients p ON p.id = a.patient_id
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY a.at DESC, a.id DESC LIMIT ?`;
}

/**
 * The distinct values of an indexed column, one index seek per value (a "skip scan"), so listing
 * the few users and kinds of action stays instant on a log of millions of records.
 */
function distinctValues(db: Db, column: 'actor' | 'action'): string[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE v(value) AS (
         SELECT min(${column}) FROM audit_log
         UNION ALL
         SELECT (SELECT min(${column}) FROM audit_log WHERE ${column} > v.value) FROM v WHERE v.value IS NOT NULL)
       SELECT value FROM v WHERE value IS NOT NULL`,
    )
    .all() as { value: string }[];
  return rows.map((r) => r.value);
}

export function auditFilterChoices(db: Db): AuditFilterChoices {
  const names = new Map((db.prepare('SELECT username, display_name FROM users').all() as { username: string; display_name: string }[]).map((u) => [u.username.toLowerCase(), u.display_name]));
  return {
    actors: distinctValues(db, 'actor').map((actor) => ({ actor, name: names.get(actor.toLowerCase()) ?? null })),
    actions: distinctValues(db, 'action')
      .map((action) => ({ action, label: auditActionLabel(action) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

export function searchAuditLog(db: Db, filters: AuditFilters): AuditPage {
  const choices = filters.before === undefined ? auditFilterChoices(db) : null;
  const clause = auditWhere(db, filters);
  if (!clause) return { records: [], nextBefore: null, patientsMatched: 0, choices };
  const rows = db.prepare(auditSql(clause.where)).all(...clause.params, filters.limit + 1) as AuditRow[];
  const page = rows.slice(0, filters.limit);
  return {
    records: page.map(toAuditRecord),
    nextBefore: rows.length > filters.limit ? page[page.length - 1]!.id : null,
    patientsMatched: clause.patientsMatched,
    choices,
  };
}
