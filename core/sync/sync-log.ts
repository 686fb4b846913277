/** The manager's sync log: one row per import, pull or push, with what it did or why it failed. */
import type { SyncLog, SyncRunView, SyncStats } from '../../shared/sync';
import type { Db } from '../db/connection';

export type SyncKind = SyncRunView['kind'];

export const emptyStats = (): SyncStats => ({ created: 0, updated: 0, unchanged: 0, patients: 0, quarantined: 0, conflicts: 0 });

export function startRun(db: Db, source: string, kind: SyncKind, at: string): number {
  return Number(db.prepare("INSERT INTO sync_runs (source, kind, started_at, status) VALUES (?, ?, ?, 'running')").run(source, kind, at).lastInsertRowid);
}

export function finishRun(db: Db, runId: number, at: string, outcome: { ok: true; stats: SyncStats } | { ok: false; stats: SyncStats; error: string }): void {
  db.prepare('UPDATE sync_runs SET finished_at = ?, status = ?, stats = ?, error = ? WHERE id = ?').run(
    at,
    outcome.ok ? 'ok' : 'failed',
    JSON.stringify(outcome.stats),
    outcome.ok ? null : outcome.error,
    runId,
  );
}

export function recentRuns(db: Db, limit = 50): SyncRunView[] {
  const rows = db.prepare('SELECT id, source, kind, started_at, finished_at, status, stats, error FROM sync_runs ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number;
    source: string;
    kind: SyncKind;
    started_at: string;
    finished_at: string | null;
    status: SyncRunView['status'];
    stats: string;
    error: string | null;
  }[];
  return rows.map((r) => ({ id: r.id, source: r.source, kind: r.kind, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status, stats: JSON.parse(r.stats) as SyncStats, error: r.error }));
}

/** The manager's view: recent runs and everything that waits for a person. */
export function syncLog(db: Db, limit = 50): SyncLog {
  return {
    runs: recentRuns(db, limit),
    quarantined: (
      db.prepare('SELECT id, source, location, reason, created_at FROM quarantine WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?').all(limit) as {
        id: number;
        source: string;
        location: string;
        reason: string;
        created_at: string;
      }[]
    ).map((r) => ({ id: r.id, source: r.source, location: r.location, reason: r.reason, createdAt: r.created_at })),
    rejected: (db.prepare("SELECT id, kind, created_at, last_error FROM outbox WHERE status = 'rejected' ORDER BY id DESC LIMIT ?").all(limit) as { id: number; kind: string; created_at: string; last_error: string | null }[]).map(
      (r) => ({ id: r.id, kind: r.kind, createdAt: r.created_at, error: r.last_error }),
    ),
    conflicts: (
      db
        .prepare(
          `SELECT c.id, c.item_id, c.patient_id, p.family_name || ', ' || p.given_name AS patient_name, p.mrn, i.service_date,
                  i.service_code || ' ' || coalesce(sc.description, '') AS service, c.local_action, c.previous_amount_cents, c.new_amount_cents, c.detected_at
             FROM sync_conflicts c JOIN patients p ON p.id = c.patient_id JOIN patient_items i ON i.id = c.item_id
             LEFT JOIN service_codes sc ON sc.code = i.service_code
            WHERE c.resolved_at IS NULL ORDER BY c.id DESC LIMIT ?`,
        )
        .all(limit) as {
        id: number;
        item_id: number;
        patient_id: number;
        patient_name: string;
        mrn: string;
        service_date: string;
        service: string;
        local_action: string;
        previous_amount_cents: number;
        new_amount_cents: number;
        detected_at: string;
      }[]
    ).map((r) => ({
      id: r.id,
      itemId: r.item_id,
      patientId: r.patient_id,
      patientName: r.patient_name,
      mrn: r.mrn,
      serviceDate: r.service_date,
      service: r.service.trim(),
      localAction: r.local_action,
      previousAmountCents: r.previous_amount_cents,
      newAmountCents: r.new_amount_cents,
      detectedAt: r.detected_at,
    })),
  };
}
