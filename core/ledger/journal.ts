/**
 * The two records every write leaves in its own transaction: an audit entry
 * (who, what, under which policy version) and, for what the main system must
 * learn, an outbox message.
 */
import { auditHash, GENESIS } from '../audit/chain';
import type { Db } from '../db/connection';
import { sql } from '../db/statements';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  patientId: number | null;
  entity: string;
  entityId: number | null;
  policyVersion: number | null;
  detail: Record<string, unknown>;
}

/** Appends an audit record chained to the last one (call inside the write's transaction). */
export function recordAudit(db: Db, entry: AuditEntry): void {
  const last = sql(db, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prev = last?.hash ?? GENESIS;
  const content = { at: entry.at, actor: entry.actor, action: entry.action, patient_id: entry.patientId, entity: entry.entity, entity_id: entry.entityId, policy_version: entry.policyVersion, detail: JSON.stringify(entry.detail) };
  sql(db, 'INSERT INTO audit_log (at, actor, action, patient_id, entity, entity_id, policy_version, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    content.at,
    content.actor,
    content.action,
    content.patient_id,
    content.entity,
    content.entity_id,
    content.policy_version,
    content.detail,
    prev,
    auditHash(content, prev),
  );
}

export function enqueueOutbox(db: Db, message: { at: string; kind: string; idempotencyKey: string; payload: Record<string, unknown> }): void {
  db.prepare('INSERT INTO outbox (created_at, kind, idempotency_key, payload) VALUES (?, ?, ?, ?)').run(
    message.at,
    message.kind,
    message.idempotencyKey,
    JSON.stringify(message.payload),
  );
}
