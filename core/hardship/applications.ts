/**
 * The two hardship writes: the desk submits an application (pending), a manager approves or denies
 * it. Each is one transaction keyed by the caller's idempotency key, with an audit record and an
 * outbox message for the main system.
 */
import type { HardshipApplicationView } from '../../shared/api/hardship';
import type { ApiParsedInput } from '../../shared/contract';
import { addDays } from '../../shared/dates';
import { ApiError } from '../../shared/errors';
import { CLAUSES } from '../../shared/policy/clauses';
import type { PublishedPolicy } from '../../shared/policy/document';
import type { HardshipFacts } from '../../shared/policy/hardship';
import { assessHardship, HARDSHIP_DOCUMENTS } from '../../shared/policy/hardship';
import type { CoreContext } from '../api/context';
import { localDate } from '../clock';
import type { Db } from '../db/connection';
import { runOnce } from '../ledger/idempotent';
import { enqueueOutbox, recordAudit } from '../ledger/journal';
import { getPatientById } from '../patients/queries';
import { refuseOwnRequest } from '../decisions/separation';
import { currentPolicy } from '../policy/queries';
import type { HardshipRow } from './queries';
import { applicationRow, factsOf, pendingApplicationRow, toApplicationView } from './queries';

const clause = (id: 'hardship' | 'hardshipValidity') => `policy ${CLAUSES[id].section}`;

/** Why a new application for this patient would be refused now, or null. */
export function submitBlockedBy(db: Db, patientId: number): string | null {
  const pending = pendingApplicationRow(db, patientId);
  if (!pending) return null;
  return `A hardship application for this patient is already waiting for a manager (submitted ${pending.submitted_at.slice(0, 10)} by ${pending.submitted_by}). The manager decides that one first (${clause('hardship')}).`;
}

/** What approving today would set: the first day the determination no longer applies (clause 5.2). */
export function expiryIfApprovedOn(policy: PublishedPolicy, today: string): string {
  return addDays(today, policy.document.hardship.validForDays);
}

/** Why a manager may not approve these facts: the sliding scale gives nothing to approve. */
export function approveBlockedBy(facts: HardshipFacts): string | null {
  if (facts.discountPercent > 0) return null;
  return `Under the sliding scale (${clause('hardship')}, policy version ${facts.policyVersion}) this household's income, ${facts.percentOfGuideline}% of the poverty guideline, gives no discount: there is nothing to approve. Deny it, with the reason.`;
}

function mrnOf(db: Db, patientId: number): string {
  const patient = getPatientById(db, patientId);
  if (!patient) throw new ApiError('not_found', `No patient with id ${patientId}.`);
  return patient.mrn;
}

export function submitHardshipApplication(ctx: CoreContext, input: ApiParsedInput<'submitHardshipApplication'>): HardshipApplicationView {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = localDate(now);
  // The operations log references the patient: check it exists before the write starts.
  const mrn = mrnOf(ctx.db, input.patientId);
  return runOnce(ctx.db, input.idempotencyKey, 'hardship_application', input.patientId, at, () => {
    const blocked = submitBlockedBy(ctx.db, input.patientId);
    if (blocked) throw new ApiError('refused', blocked);
    const policy = currentPolicy(ctx.db);
    const facts = assessHardship(policy, { householdSize: input.householdSize, annualIncomeCents: input.annualIncomeCents });
    const documents = HARDSHIP_DOCUMENTS.filter((d) => input.documentsSeen.includes(d));
    const note = input.note ? input.note : null;
    const applicationId = Number(
      ctx.db
        .prepare(
          `INSERT INTO hardship_applications (patient_id, household_size, annual_income_cents, note, submitted_by, submitted_at,
             guideline_year, guideline_cents, percent_of_guideline, band_up_to_percent, discount_percent, policy_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.patientId, facts.householdSize, facts.annualIncomeCents, note, ctx.actor, at, facts.guidelineYear, facts.guidelineCents, facts.percentOfGuideline, facts.bandUpToPercent, facts.discountPercent, facts.policyVersion)
        .lastInsertRowid,
    );
    const insertDocument = ctx.db.prepare('INSERT INTO hardship_application_documents (application_id, document) VALUES (?, ?)');
    for (const document of documents) insertDocument.run(applicationId, document);

    const detail = { applicationId, householdSize: facts.householdSize, annualIncomeCents: facts.annualIncomeCents, documentsSeen: documents, note, percentOfGuideline: facts.percentOfGuideline, discountPercent: facts.discountPercent, guidelineYear: facts.guidelineYear, policyVersion: facts.policyVersion };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: 'hardship.submitted', patientId: input.patientId, entity: 'hardship_application', entityId: applicationId, policyVersion: policy.version, detail });
    enqueueOutbox(ctx.db, { at, kind: 'hardship.submitted', idempotencyKey: `${input.idempotencyKey}:hardship`, payload: { ...detail, mrn, submittedAt: at } });
    return toApplicationView(applicationRow(ctx.db, applicationId)!, today);
  });
}

function decidedAlready(row: HardshipRow): string {
  return `This application was already ${row.status} by ${row.decided_by ?? 'a manager'} on ${(row.decided_at ?? '').slice(0, 10)}.`;
}

export function decideHardship(ctx: CoreContext, input: ApiParsedInput<'decideHardship'>): HardshipApplicationView {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = localDate(now);
  const found = applicationRow(ctx.db, input.applicationId);
  if (!found) throw new ApiError('not_found', `No hardship application with id ${input.applicationId}.`);
  const patientId = found.patient_id;
  return runOnce(ctx.db, input.idempotencyKey, 'hardship_decision', patientId, at, () => {
    // Read again inside the transaction: another manager may have decided it a moment ago.
    const row = applicationRow(ctx.db, input.applicationId)!;
    if (row.status !== 'pending') throw new ApiError('refused', decidedAlready(row));
    refuseOwnRequest(ctx, row.submitted_by, 'this hardship application');
    // Uniform criteria: the decision uses the policy in force now (the same as the desk's preview unless the policy changed).
    const policy = currentPolicy(ctx.db);
    const facts = assessHardship(policy, { householdSize: row.household_size, annualIncomeCents: row.annual_income_cents });
    const approve = input.decision === 'approve';
    if (approve) {
      const blocked = approveBlockedBy(facts);
      if (blocked) throw new ApiError('refused', blocked);
    }
    const status = approve ? 'approved' : 'denied';
    const expiresOn = approve ? expiryIfApprovedOn(policy, today) : null;
    ctx.db
      .prepare(
        `UPDATE hardship_applications SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, expires_on = ?,
           guideline_year = ?, guideline_cents = ?, percent_of_guideline = ?, band_up_to_percent = ?, discount_percent = ?, policy_version = ?
         WHERE id = ? AND status = 'pending'`,
      )
      .run(status, ctx.actor, at, input.reason, expiresOn, facts.guidelineYear, facts.guidelineCents, facts.percentOfGuideline, facts.bandUpToPercent, facts.discountPercent, facts.policyVersion, row.id);

    const recomputed = facts.policyVersion !== row.policy_version ? { submittedUnder: factsOf(row) } : {};
    const detail = { applicationId: row.id, decision: status, reason: input.reason, discountPercent: facts.discountPercent, percentOfGuideline: facts.percentOfGuideline, expiresOn, policyVersion: facts.policyVersion, ...recomputed };
    recordAudit(ctx.db, { at, actor: ctx.actor, action: `hardship.${status}`, patientId, entity: 'hardship_application', entityId: row.id, policyVersion: policy.version, detail });
    enqueueOutbox(ctx.db, {
      at,
      kind: 'hardship.decided',
      idempotencyKey: `${input.idempotencyKey}:hardship_decision`,
      payload: { applicationId: row.id, decision: status, reason: input.reason, discountPercent: facts.discountPercent, percentOfGuideline: facts.percentOfGuideline, expiresOn, policyVersion: facts.policyVersion, mrn: mrnOf(ctx.db, patientId), decidedAt: at },
    });
    return toApplicationView(applicationRow(ctx.db, row.id)!, today);
  });
}
