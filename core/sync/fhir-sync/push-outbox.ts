/**
 * Sends the outbox to the main system, oldest first, one message at a time.
 * Each push is a conditional create keyed by the message's idempotency key, so
 * a crash between the push and marking it sent only repeats a harmless push.
 * A message the main system refuses stays visible as 'rejected' with the reason;
 * a transient failure stops the flush (order is kept) and is retried later.
 */
import type { Db } from '../../db/connection';
import { recordAudit } from '../../ledger/journal';
import type { HttpOptions } from '../fhir-client';
import { FhirHttpError, OutboxMappingError, pushOutboxRow } from '../fhir-client';

export interface PushSummary {
  sent: number;
  rejected: number;
  /** Still pending (a transient failure stopped the flush). */
  remaining: number;
}

interface Row {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: string;
  created_at: string;
}

export async function pushOutbox(db: Db, baseUrl: string, now: () => Date, http: HttpOptions = {}): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, rejected: 0, remaining: 0 };
  const pending = db.prepare("SELECT id, kind, idempotency_key, payload, created_at FROM outbox WHERE status = 'pending' ORDER BY id").all() as Row[];
  for (const [index, row] of pending.entries()) {
    try {
      const result = await pushOutboxRow(baseUrl, row, http);
      db.transaction(() => {
        db.prepare("UPDATE outbox SET status = 'sent', sent_at = ?, remote_ref = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?").run(now().toISOString(), result.reference, row.id);
        recordAudit(db, { at: now().toISOString(), actor: 'sync:fhir', action: 'sync.sent', patientId: null, entity: 'outbox', entityId: row.id, policyVersion: null, detail: { kind: row.kind, remote: result.reference } });
      })();
      summary.sent += 1;
    } catch (error) {
      if (error instanceof OutboxMappingError || (error instanceof FhirHttpError && !error.retryable)) {
        db.transaction(() => {
          db.prepare("UPDATE outbox SET status = 'rejected', attempts = attempts + 1, last_error = ? WHERE id = ?").run(error.message, row.id);
          recordAudit(db, { at: now().toISOString(), actor: 'sync:fhir', action: 'sync.refused_by_main_system', patientId: null, entity: 'outbox', entityId: row.id, policyVersion: null, detail: { kind: row.kind, reason: error.message } });
        })();
        summary.rejected += 1;
        continue;
      }
      db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(error instanceof Error ? error.message : String(error), row.id);
      summary.remaining = pending.length - index;
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { pushSummary: summary });
    }
  }
  return summary;
}
