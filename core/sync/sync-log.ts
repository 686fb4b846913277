/** The manager's sync log: one row per import, pull or push, with what it did or why it failed. */
import type { Db } from '../db/connection';

export type SyncKind = 'import' | 'pull' | 'push';

export interface SyncStats {
  created: number;
  updated: number;
  unchanged: number;
  patients: number;
  quarantined: number;
  conflicts: number;
  sent?: number;
  rejected?: number;
}

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

export interface SyncRunView {
  id: number;
  source: string;
  kind: SyncKind;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed';
  stats: SyncStats;
  error: string | null;
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
