/**
 * A manager resolves what sync could not settle on its own, with a reason on record.
 * - Sync conflict: the main system changed an item's amount after the desk acted on it. Its amount is
 *   already in the ledger (an adjustment at import); resolving accepts it and clears the flag, so the
 *   desk may act on the item again. Every open conflict of the same item is resolved with it.
 * - Quarantined record: a record that could not be applied. Resolving records that it was dealt with
 *   (fixed in the main system, which sends it again, or not needed); nothing is imported.
 * Neither changes what the main system holds, so neither sends an outbox message.
 */
import type { ApiParsedInput } from '../../shared/contract';
import type { SyncIssueResolution } from '../../shared/api/decisions';
import { ApiError } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import type { CoreContext } from '../api/context';
import { runOnce } from '../ledger/idempotent';
import { recordAudit } from '../ledger/journal';
import { refuse } from '../ledger/patient-state';
import { currentPolicy } from '../policy/queries';
import { fragment, onDate } from './decider';

interface ConflictRow {
  id: number;
  item_id: number;
  patient_id: number;
  previous_amount_cents: number;
  new_amount_cents: number;
  service_code: string;
  service_date: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

interface QuarantineRow {
  id: number;
  source: string;
  location: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

function alreadyResolved(what: string, row: { resolved_at: string | null; resolved_by: string | null; resolution: string | null }): never {
  refuse(`This ${what} was already resolved by ${row.resolved_by ?? 'a manager'} on ${onDate(row.resolved_at!)}: ${fragment(row.resolution ?? '')}.`);
}

function loadConflict(ctx: CoreContext, id: number): ConflictRow {
  const row = ctx.db
    .prepare(
      `SELECT c.id, c.item_id, c.patient_id, c.previous_amount_cents, c.new_amount_cents, i.service_code, i.service_date, c.resolved_at, c.resolved_by, c.resolution
         FROM sync_conflicts c JOIN patient_items i ON i.id = c.item_id WHERE c.id = ?`,
    )
    .get(id) as ConflictRow | undefined;
  if (!row) throw new ApiError('not_found', `No sync conflict with id ${id}.`);
  return row;
}

function resolveConflict(ctx: CoreContext, input: ApiParsedInput<'resolveSyncIssue'>, at: string): SyncIssueResolution {
  const { patient_id: patientId } = loadConflict(ctx, input.id);
  return runOnce(ctx.db, input.idempotencyKey, 'sync_conflict_resolution', patientId, at, () => {
    const conflict = loadConflict(ctx, input.id);
    if (conflict.resolved_at) alreadyResolved('sync conflict', conflict);
    const resolution = `Accepted the main system's amount, ${formatCents(conflict.new_amount_cents)} (was ${formatCents(conflict.previous_amount_cents)}): ${input.reason}`;
    const resolved = ctx.db
      .prepare('UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE item_id = ? AND resolved_at IS NULL RETURNING id')
      .all(at, ctx.actor, resolution, conflict.item_id) as { id: number }[];
    const detail = { conflictIds: resolved.map((r) => r.id), itemId: conflict.item_id, acceptedCents: conflict.new_amount_cents, previousCents: conflict.previous_amount_cents, reason: input.reason };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'sync_conflict.resolved', patientId, entity: 'sync_conflict', entityId: conflict.id, policyVersion: currentPolicy(ctx.db).version, detail });
    const item = `${conflict.service_code} on ${conflict.service_date}`;
    return { kind: 'sync_conflict', id: conflict.id, resolvedAt: at, summary: `Resolved: ${item} is now ${formatCents(conflict.new_amount_cents)} as the main system says; the desk may act on it again.` };
  });
}

function resolveQuarantined(ctx: CoreContext, input: ApiParsedInput<'resolveSyncIssue'>, at: string): SyncIssueResolution {
  const load = () => ctx.db.prepare('SELECT id, source, location, resolved_at, resolved_by, resolution FROM quarantine WHERE id = ?').get(input.id) as QuarantineRow | undefined;
  if (!load()) throw new ApiError('not_found', `No quarantined record with id ${input.id}.`);
  return runOnce(ctx.db, input.idempotencyKey, 'quarantine_resolution', null, at, () => {
    const row = load()!;
    if (row.resolved_at) alreadyResolved('quarantined record', row);
    ctx.db.prepare('UPDATE quarantine SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?').run(at, ctx.actor, input.reason, row.id);
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'quarantine.resolved', patientId: null, entity: 'quarantine', entityId: row.id, policyVersion: null, detail: { source: row.source, location: row.location, reason: input.reason } });
    return { kind: 'quarantined', id: row.id, resolvedAt: at, summary: `Resolved: the ${row.source} record at ${row.location} is marked dealt with.` };
  });
}

export function resolveSyncIssue(ctx: CoreContext, input: ApiParsedInput<'resolveSyncIssue'>): SyncIssueResolution {
  const at = ctx.clock.now().toISOString();
  return input.kind === 'sync_conflict' ? resolveConflict(ctx, input, at) : resolveQuarantined(ctx, input, at);
}
