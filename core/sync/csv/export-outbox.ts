/**
 * For practices whose main system imports files: writes what the desk decided
 * (the pending outbox) as CSV and marks those messages sent, in one
 * transaction with the file write. Layout (README, "Outbox CSV"):
 * idempotency_key, created_at, kind, mrn, item_id, amount_cents, method, reference, rule,
 * statement_by, reason, policy_version, payload_json. The main system must ignore a key it has seen.
 * A manager's decision (exception.approved, exception.denied) fills mrn, item_id, amount_cents (written off,
 * or left to collect when denied), rule (approved_exception for a write-off request, bad_debt), reason (the
 * manager's) and policy_version; who decided, when, and the request or decision id are in payload_json.
 * Hardship rows (hardship.submitted, hardship.decided) fill mrn, reason (the manager's, on a decision)
 * and policy_version; the household, income, documents, result, decision and expires_on are in payload_json.
 * A new policy version (policy.published) fills reason (the manager's note) and policy_version; the document
 * and the list of changed settings are in payload_json.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/connection';

export const OUTBOX_CSV_COLUMNS = ['idempotency_key', 'created_at', 'kind', 'mrn', 'item_id', 'amount_cents', 'method', 'reference', 'rule', 'statement_by', 'reason', 'policy_version', 'payload_json'] as const;

interface OutboxRow {
  id: number;
  created_at: string;
  kind: string;
  idempotency_key: string;
  payload: string;
}

const field = (payload: Record<string, unknown>, ...names: string[]) => {
  for (const name of names) if (payload[name] !== undefined && payload[name] !== null) return String(payload[name]);
  return '';
};

export function exportOutboxCsv(db: Db, file: string, at: string): number {
  return db.transaction(() => {
    const rows = db.prepare("SELECT id, created_at, kind, idempotency_key, payload FROM outbox WHERE status = 'pending' ORDER BY id").all() as OutboxRow[];
    const records = rows.map((row) => {
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      return [
        row.idempotency_key,
        row.created_at,
        row.kind,
        field(payload, 'mrn'),
        field(payload, 'itemId'),
        field(payload, 'amountCents', 'openCents'),
        field(payload, 'method'),
        field(payload, 'reference'),
        field(payload, 'rule'),
        field(payload, 'statementBy'),
        field(payload, 'reason'),
        field(payload, 'policyVersion'),
        row.payload,
      ];
    });
    writeFileSync(file, stringify([[...OUTBOX_CSV_COLUMNS], ...records]));
    const mark = db.prepare("UPDATE outbox SET status = 'sent', sent_at = ?, remote_ref = ? WHERE id = ?");
    for (const row of rows) mark.run(at, `file:${file}`, row.id);
    return rows.length;
  })();
}
