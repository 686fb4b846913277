/**
 * The audit log is tamper-evident: each record carries the hash of the one
 * before it and a hash of its own contents with that link. Changing, removing
 * or reordering any record breaks the chain from that record on.
 */
import { createHash } from 'node:crypto';

export interface AuditContent {
  at: string;
  actor: string;
  action: string;
  patient_id: number | null;
  entity: string | null;
  entity_id: number | null;
  policy_version: number | null;
  detail: string;
}

export const GENESIS = 'genesis';

export function auditHash(content: AuditContent, prevHash: string): string {
  const canonical = JSON.stringify([content.at, content.actor, content.action, content.patient_id, content.entity, content.entity_id, content.policy_version, content.detail, prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}
