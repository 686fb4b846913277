/**
 * Stores one claim from the main system: the patient (matched by the identifier
 * rule), the coverage, the claim with its lines and adjustments, and an item
 * for every patient-responsibility amount, charged in the ledger. Applying the
 * same claim again changes nothing; a changed claim updates amounts through
 * ledger adjustments, and flags an item whose amount changed after a desk
 * decision as a conflict for review instead of silently moving the decision.
 */
import { categoryForPatientAdjustment } from '../../shared/domain';
import type { Db } from '../db/connection';
import { sql } from '../db/statements';
import { contentHash } from './content-hash';
import { fillPatientGaps, matchOrCreatePatient } from './match-patient';
import type { PatientCache } from './patient-cache';
import type { ImportedAdjustment, ImportedClaim, ImportedCoverage, ImportedLine, ImportedPatient } from './records';

export interface ApplyContext {
  db: Db;
  /** e.g. 'x12-835', 'fhir', 'csv': stored with the claim and on ledger entries. */
  source: string;
  /** ISO timestamp of this sync. */
  at: string;
  /** What this run already knows about patient identifiers (patient-cache.ts); optional. */
  patients?: PatientCache;
}

export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

export interface ApplyResult {
  outcome: ApplyOutcome;
  patientId: number;
  /** The claim's patient was new to this store. */
  patientCreated: boolean;
  conflicts: number;
}

/**
 * Finds or creates the coverage. Only a Coverage record itself (`authoritative`) may change an
 * existing coverage's program, priority or copay: a claim that merely names its coverage must never
 * turn, say, a QMB coverage into plain Medicare and lose its protection.
 */
export function upsertCoverage(db: Db, patientId: number, coverage: ImportedCoverage | null, authoritative = false, newPatient = false): number | null {
  if (!coverage) return null;
  let existing: { id: number } | undefined;
  if (coverage.externalId) existing = sql(db, 'SELECT id FROM coverages WHERE external_id = ?').get(coverage.externalId) as { id: number } | undefined;
  // A patient the same record has just created has no coverages to look through yet.
  else if (!newPatient) existing = sql(db, 'SELECT id FROM coverages WHERE patient_id = ? AND lower(payer_name) = lower(?) AND member_id IS ?').get(patientId, coverage.payerName, coverage.memberId) as { id: number } | undefined;
  if (existing) {
    if (authoritative) {
      sql(db, 'UPDATE coverages SET payer_name = ?, program = ?, member_id = coalesce(?, member_id), priority = ?, copay_cents = coalesce(?, copay_cents) WHERE id = ?').run(
        coverage.payerName,
        coverage.program,
        coverage.memberId,
        coverage.priority,
        coverage.copayCents,
        existing.id,
      );
    }
    return existing.id;
  }
  return Number(
    sql(db, 'INSERT INTO coverages (patient_id, payer_name, program, member_id, priority, copay_cents, external_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(patientId, coverage.payerName, coverage.program, coverage.memberId, coverage.priority, coverage.copayCents ?? 0, coverage.externalId).lastInsertRowid,
  );
}

/** Adjustments are matched across versions by group, reason, remark and their order among equals. */
function adjustmentKeys(adjustments: readonly { group: string; carc: string; rarc: string | null }[]): string[] {
  const seen = new Map<string, number>();
  return adjustments.map((a) => {
    const base = `${a.group}-${a.carc}-${a.rarc ?? ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  });
}

interface ItemRow {
  id: number;
  amount_cents: number;
}

function createItem(ctx: ApplyContext, patientId: number, lineId: number, adjustmentId: number, line: ImportedLine, a: ImportedAdjustment, billedOn: string): void {
  const itemId = Number(
    sql(ctx.db, 'INSERT INTO patient_items (patient_id, claim_line_id, adjustment_id, service_date, service_code, category, amount_cents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(patientId, lineId, adjustmentId, line.serviceDate, line.serviceCode, categoryForPatientAdjustment(a.carc), a.amountCents, billedOn).lastInsertRowid,
  );
  sql(ctx.db, "INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, reference, posted_at, actor) VALUES (?, ?, 'charge', ?, 'main_system', ?, ?, ?)")
    .run(patientId, itemId, a.amountCents, `${a.group}-${a.carc}`, billedOn, `sync:${ctx.source}`);
}

/** The latest thing the desk did about an item, if anything. */
function lastDeskDecision(db: Db, itemId: number): { action: string; at: string } | null {
  const row = sql(db, 
      `SELECT action, at FROM (
         SELECT kind AS action, posted_at AS at FROM ledger_entries WHERE item_id = ? AND (method IS NULL OR method != 'main_system') AND kind != 'charge'
         UNION ALL SELECT 'carry_forward', carried_on FROM carry_forwards WHERE item_id = ?
         UNION ALL SELECT 'write_off_request', requested_at FROM exception_requests WHERE item_id = ?
       ) ORDER BY at DESC LIMIT 1`,
    )
    .get(itemId, itemId, itemId) as { action: string; at: string } | undefined;
  return row ?? null;
}

/** The main system now says `amount` for an item: adjust the ledger, and flag it if the desk had decided something. */
function changeItemAmount(ctx: ApplyContext, patientId: number, item: ItemRow, amountCents: number): number {
  if (item.amount_cents === amountCents) return 0;
  const decision = lastDeskDecision(ctx.db, item.id);
  sql(ctx.db, 'UPDATE patient_items SET amount_cents = ? WHERE id = ?').run(amountCents, item.id);
  sql(ctx.db, "INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, reference, posted_at, actor, note) VALUES (?, ?, 'adjustment', ?, 'main_system', NULL, ?, ?, ?)")
    .run(patientId, item.id, amountCents - item.amount_cents, ctx.at, `sync:${ctx.source}`, 'Amount changed in the main system');
  if (!decision) return 0;
  sql(ctx.db, 
      `INSERT INTO sync_conflicts (item_id, patient_id, local_action, local_at, previous_amount_cents, new_amount_cents, source, detected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(item.id, patientId, decision.action, decision.at, item.amount_cents, amountCents, ctx.source, ctx.at);
  return 1;
}

/** A self-pay line is owed in full by the patient: one item per line, keyed so a re-import finds it. */
/** `fresh`: the claim is new to the store, so no item can carry its key yet. */
function applySelfPayCharge(ctx: ApplyContext, patientId: number, lineId: number, line: ImportedLine, key: string, billedOn: string, fresh: boolean): number {
  const item = fresh ? undefined : (sql(ctx.db, 'SELECT id, amount_cents FROM patient_items WHERE external_key = ?').get(key) as ItemRow | undefined);
  if (item) return changeItemAmount(ctx, patientId, item, line.billedCents);
  const itemId = Number(
    sql(ctx.db, "INSERT INTO patient_items (patient_id, claim_line_id, service_date, service_code, category, amount_cents, created_at, external_key) VALUES (?, ?, ?, ?, 'self_pay', ?, ?, ?)")
      .run(patientId, lineId, line.serviceDate, line.serviceCode, line.billedCents, billedOn, key).lastInsertRowid,
  );
  sql(ctx.db, "INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, posted_at, actor) VALUES (?, ?, 'charge', ?, 'main_system', ?, ?)")
    .run(patientId, itemId, line.billedCents, billedOn, `sync:${ctx.source}`);
  return 0;
}

/** Writes the claim's lines; `fresh` (a claim new to the store) skips looking for earlier versions. */
function writeLines(ctx: ApplyContext, claimId: number, patientId: number, claim: ImportedClaim, fresh: boolean): number {
  const billedOn = `${claim.adjudicatedOn ?? claim.lines[0]?.serviceDate ?? ctx.at.slice(0, 10)}T12:00:00.000Z`;
  let conflicts = 0;
  for (const line of claim.lines) {
    const existing = fresh ? undefined : (sql(ctx.db, 'SELECT id FROM claim_lines WHERE claim_id = ? AND line_number = ?').get(claimId, line.lineNumber) as { id: number } | undefined);
    const lineId = existing
      ? (sql(ctx.db, 'UPDATE claim_lines SET service_date = ?, service_code = ?, modifiers = ?, units = ?, billed_cents = ?, allowed_cents = ?, payer_paid_cents = ? WHERE id = ?')
          .run(line.serviceDate, line.serviceCode, line.modifiers, line.units, line.billedCents, line.allowedCents, line.payerPaidCents, existing.id),
        existing.id)
      : Number(
          sql(ctx.db, 'INSERT INTO claim_lines (claim_id, line_number, service_date, service_code, modifiers, units, billed_cents, allowed_cents, payer_paid_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .run(claimId, line.lineNumber, line.serviceDate, line.serviceCode, line.modifiers, line.units, line.billedCents, line.allowedCents, line.payerPaidCents).lastInsertRowid,
        );
    const stored = fresh ? [] : (sql(ctx.db, 'SELECT id, group_code AS "group", carc, rarc FROM claim_adjustments WHERE claim_line_id = ? ORDER BY id').all(lineId) as { id: number; group: string; carc: string; rarc: string | null }[]);
    const storedByKey = new Map(adjustmentKeys(stored).map((key, i) => [key, stored[i]!.id]));
    const wantedKeys = adjustmentKeys(line.adjustments);
    line.adjustments.forEach((a, i) => {
      let adjustmentId = storedByKey.get(wantedKeys[i]!);
      if (adjustmentId !== undefined) {
        sql(ctx.db, 'UPDATE claim_adjustments SET amount_cents = ? WHERE id = ?').run(a.amountCents, adjustmentId);
        storedByKey.delete(wantedKeys[i]!);
      } else {
        adjustmentId = Number(
          sql(ctx.db, 'INSERT INTO claim_adjustments (claim_line_id, group_code, carc, rarc, amount_cents) VALUES (?, ?, ?, ?, ?)').run(lineId, a.group, a.carc, a.rarc, a.amountCents).lastInsertRowid,
        );
      }
      if (a.group !== 'PR' || claim.status === 'reversed') return;
      const item = fresh ? undefined : (sql(ctx.db, 'SELECT id, amount_cents FROM patient_items WHERE adjustment_id = ?').get(adjustmentId) as ItemRow | undefined);
      if (item) conflicts += changeItemAmount(ctx, patientId, item, a.amountCents);
      else if (a.amountCents > 0) createItem(ctx, patientId, lineId, adjustmentId, line, a, billedOn);
    });
    if (claim.status === 'self_pay') conflicts += applySelfPayCharge(ctx, patientId, lineId, line, `${claim.externalId}#${line.lineNumber}`, billedOn, fresh);
    // Adjustments the main system no longer reports: nothing is owed on them any more.
    for (const adjustmentId of storedByKey.values()) {
      sql(ctx.db, 'UPDATE claim_adjustments SET amount_cents = 0 WHERE id = ?').run(adjustmentId);
      const item = sql(ctx.db, 'SELECT id, amount_cents FROM patient_items WHERE adjustment_id = ?').get(adjustmentId) as ItemRow | undefined;
      if (item) conflicts += changeItemAmount(ctx, patientId, item, 0);
    }
  }
  return conflicts;
}

/** A patient known before any claim (FHIR Patient, a CSV row): matched or created, gaps filled in. */
export function applyPatient(ctx: ApplyContext, patient: ImportedPatient, coverage: ImportedCoverage | null): { patientId: number; created: boolean } {
  const matched = matchOrCreatePatient(ctx.db, patient, coverage, ctx.at, ctx.patients);
  if (!matched.created) fillPatientGaps(ctx.db, matched.patientId, patient);
  upsertCoverage(ctx.db, matched.patientId, coverage, true, matched.created);
  return matched;
}

/**
 * Applies one claim; call inside the caller's transaction (a batch is one transaction). `claimHash` is
 * contentHash(claim) when the caller has it already (a parser worker computes it off this thread).
 */
export function applyClaim(ctx: ApplyContext, claim: ImportedClaim, claimHash = contentHash(claim)): ApplyResult {
  const { patientId, created: patientCreated } = matchOrCreatePatient(ctx.db, claim.patient, claim.coverage, ctx.at, ctx.patients);
  const coverageId = upsertCoverage(ctx.db, patientId, claim.coverage, false, patientCreated);
  const existing = sql(ctx.db, 'SELECT id, content_hash FROM claims WHERE external_id = ?').get(claim.externalId) as { id: number; content_hash: string | null } | undefined;
  if (existing?.content_hash === claimHash) return { outcome: 'unchanged', patientId, patientCreated, conflicts: 0 };
  let claimId: number;
  if (existing) {
    claimId = existing.id;
    sql(ctx.db, 'UPDATE claims SET patient_id = ?, coverage_id = ?, claim_number = ?, payer_claim_number = ?, status = ?, adjudicated_on = ?, content_hash = ? WHERE id = ?')
      .run(patientId, coverageId, claim.claimNumber, claim.payerClaimNumber, claim.status, claim.adjudicatedOn, claimHash, claimId);
  } else {
    claimId = Number(
      sql(ctx.db, 'INSERT INTO claims (patient_id, coverage_id, claim_number, payer_claim_number, status, adjudicated_on, external_id, source, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(patientId, coverageId, claim.claimNumber, claim.payerClaimNumber, claim.status, claim.adjudicatedOn, claim.externalId, ctx.source, claimHash).lastInsertRowid,
    );
  }
  const conflicts = writeLines(ctx, claimId, patientId, claim, !existing);
  return { outcome: existing ? 'updated' : 'created', patientId, patientCreated, conflicts };
}
