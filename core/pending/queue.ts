/**
 * What waits for an office manager: write-off requests, hardship applications,
 * balances whose carry-forward reached its terminal rule, bad-debt candidates
 * (collection effort complete, unless a manager decided to keep collecting and
 * nothing changed since), sync conflicts and records quarantined by sync. The
 * policy's own verdicts decide the item-based kinds, so the queue and the desk agree.
 */
import type { PendingEntry } from '../../shared/api/decisions';
import { formatCents } from '../../shared/money';
import { evaluateItems } from '../../shared/policy/engine';
import type { Clock } from '../clock';
import { localDate } from '../clock';
import type { Db } from '../db/connection';
import { loadAllOpenItems } from '../policy/open-item-facts';
import { badDebtDenialHolds } from '../decisions/bad-debt';
import { pendingHardshipApplications } from '../hardship/pending';
import { currentPolicy } from '../policy/queries';

export type { PendingEntry, PendingKind } from '../../shared/api/decisions';

interface PatientRow {
  id: number;
  mrn: string;
  name: string;
}

export function pendingQueue(db: Db, clock: Clock): PendingEntry[] {
  const entries: PendingEntry[] = [];
  const patient = db.prepare("SELECT id, mrn, family_name || ', ' || given_name AS name FROM patients WHERE id = ?");
  const who = (id: number) => patient.get(id) as PatientRow;

  for (const r of db
    .prepare(
      `SELECT r.id, r.item_id, r.patient_id, r.amount_cents, r.reason, r.requested_at, r.requested_by, i.service_code, i.service_date
         FROM exception_requests r JOIN patient_items i ON i.id = r.item_id WHERE r.status = 'pending' ORDER BY r.requested_at`,
    )
    .all() as { id: number; item_id: number; patient_id: number; amount_cents: number; reason: string; requested_at: string; requested_by: string; service_code: string; service_date: string }[]) {
    const p = who(r.patient_id);
    const detail = `${r.service_code} on ${r.service_date}, requested by ${r.requested_by}: ${r.reason}`;
    entries.push({ kind: 'write_off_request', id: r.id, patientId: p.id, mrn: p.mrn, patientName: p.name, itemId: r.item_id, amountCents: r.amount_cents, since: r.requested_at, detail });
  }

  for (const a of pendingHardshipApplications(db)) {
    const p = who(a.patientId);
    entries.push({ kind: 'hardship_application', id: a.applicationId, patientId: p.id, mrn: p.mrn, patientName: p.name, itemId: null, amountCents: null, since: a.submittedAt, detail: a.detail });
  }

  // Items the policy now says must be statemented or may become bad debt: evaluated with the engine.
  const today = localDate(clock.now());
  const policy = currentPolicy(db).document;
  // One statement loads every open item (as the policy preview does), instead of a query per patient.
  for (const { patientId, mrn, name, items } of loadAllOpenItems(db)) {
    const verdicts = evaluateItems(items, { today, hardshipDiscountPercent: null }, policy);
    items.forEach((item, i) => {
      const verdict = verdicts[i]!;
      if (!verdict.collectible) return;
      const ended = item.carriedSince && !verdict.carryForwardUntil;
      const badDebt = !ended && verdict.writeOffs.some((w) => w.rule === 'bad_debt') && !item.pendingRequest && !badDebtDenialHolds(db, item.id, item.openCents);
      if (!ended && !badDebt) return;
      const reason = verdict.reasons.find((r) => r.clause.startsWith(ended ? '2.2' : '6.1'));
      entries.push({
        kind: ended ? 'carry_forward_ended' : 'bad_debt_candidate',
        id: item.id,
        patientId,
        mrn,
        patientName: name,
        itemId: item.id,
        amountCents: item.openCents,
        since: ended ? item.carriedSince! : (item.firstStatementDate ?? item.billedOn),
        // Which service, then why (the policy's own words).
        detail: `${item.serviceCode} ${item.description} on ${item.serviceDate}. ${reason ? `${reason.clause}: ${reason.text}` : ''}`.trim(),
      });
    });
  }

  for (const c of db.prepare('SELECT id, item_id, patient_id, local_action, previous_amount_cents, new_amount_cents, detected_at FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY id').all() as {
    id: number;
    item_id: number;
    patient_id: number;
    local_action: string;
    previous_amount_cents: number;
    new_amount_cents: number;
    detected_at: string;
  }[]) {
    const p = who(c.patient_id);
    const detail = `The main system now says ${formatCents(c.new_amount_cents)}; it was ${formatCents(c.previous_amount_cents)} when the desk recorded ${c.local_action.replace(/_/g, ' ')}.`;
    entries.push({ kind: 'sync_conflict', id: c.id, patientId: p.id, mrn: p.mrn, patientName: p.name, itemId: c.item_id, amountCents: c.new_amount_cents, since: c.detected_at, detail });
  }

  for (const q of db.prepare('SELECT id, source, location, reason, created_at FROM quarantine WHERE resolved_at IS NULL ORDER BY id').all() as { id: number; source: string; location: string; reason: string; created_at: string }[]) {
    entries.push({ kind: 'quarantined', id: q.id, patientId: null, mrn: null, patientName: null, itemId: null, amountCents: null, since: q.created_at, detail: `${q.source} ${q.location}: ${q.reason}` });
  }
  return entries;
}
