/** What the desk and the manager read about hardship: the live preview, a patient's record, one application. */
import type { HardshipApplicationDetail, HardshipPreview, PatientHardship } from '../../shared/api/hardship';
import type { ApiParsedInput } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { reason } from '../../shared/policy/clauses';
import { assessHardship } from '../../shared/policy/hardship';
import type { CoreContext } from '../api/context';
import { localDate } from '../clock';
import { getPatientById, toPatientSummary } from '../patients/queries';
import { currentPolicy } from '../policy/queries';
import { approveBlockedBy, expiryIfApprovedOn, submitBlockedBy } from './applications';
import { applicationRow, patientApplicationRows, toApplicationView, toAssessment } from './queries';

function requirePatient(ctx: CoreContext, patientId: number) {
  const patient = getPatientById(ctx.db, patientId);
  if (!patient) throw new ApiError('not_found', `No patient with id ${patientId}.`);
  return patient;
}

export function previewHardship(ctx: CoreContext, input: ApiParsedInput<'previewHardship'>): HardshipPreview {
  if (input.patientId !== undefined) requirePatient(ctx, input.patientId);
  const facts = assessHardship(currentPolicy(ctx.db), { householdSize: input.householdSize, annualIncomeCents: input.annualIncomeCents });
  return { ...toAssessment(facts), blockedBy: input.patientId === undefined ? null : submitBlockedBy(ctx.db, input.patientId) };
}

export function getPatientHardship(ctx: CoreContext, patientId: number): PatientHardship {
  requirePatient(ctx, patientId);
  const today = localDate(ctx.clock.now());
  const policy = currentPolicy(ctx.db);
  const history = patientApplicationRows(ctx.db, patientId).map((row) => toApplicationView(row, today));
  const decidedNewestFirst = (states: string[]) =>
    history.filter((a) => states.includes(a.state)).sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? '') || b.id - a.id)[0] ?? null;
  const active = decidedNewestFirst(['active']);
  const validForDays = policy.document.hardship.validForDays;
  return {
    patientId,
    active,
    pending: history.find((a) => a.state === 'pending') ?? null,
    lastExpired: active ? null : decidedNewestFirst(['expired']),
    history,
    validForDays,
    validity: reason('hardshipValidity', `An approval is used for ${validForDays} days (policy version ${policy.version}); after that a new application is needed.`),
  };
}

export function getHardshipApplication(ctx: CoreContext, applicationId: number): HardshipApplicationDetail {
  const row = applicationRow(ctx.db, applicationId);
  if (!row) throw new ApiError('not_found', `No hardship application with id ${applicationId}.`);
  const today = localDate(ctx.clock.now());
  const policy = currentPolicy(ctx.db);
  const view = toApplicationView(row, today);
  const now = assessHardship(policy, { householdSize: row.household_size, annualIncomeCents: row.annual_income_cents });
  // The policy changed since submission in a way that changes the result: the manager sees what an approval would use.
  const changed =
    row.status === 'pending' &&
    (now.discountPercent !== row.discount_percent || now.percentOfGuideline !== row.percent_of_guideline || now.guidelineCents !== row.guideline_cents);
  return {
    ...view,
    patient: toPatientSummary(requirePatient(ctx, row.patient_id)),
    currentResult: changed ? toAssessment(now) : null,
    expiresOnIfApprovedToday: expiryIfApprovedOn(policy, today),
    approveBlockedBy: row.status === 'pending' ? approveBlockedBy(now) : null,
  };
}
