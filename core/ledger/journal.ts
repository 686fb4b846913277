/**
 * The two records every write leaves in its own transaction: an audit entry
 * (who, what, under which policy version) and, for what the main system must
 * learn, an outbox message.
 */
import type { Db } from '../db/connection';

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

export function recordAudit(db: Db, entry: AuditEntry): void {
  db.prepare('INSERT INTO audit_log (at, actor, action, patient_id, entity, entity_id, policy_version, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    entry.at,
    entry.actor,
    entry.action,
    entry.patientId,
    entry.entity,
    entry.entityId,
    entry.policyVersion,
    JSON.stringify(entry.detail),
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
