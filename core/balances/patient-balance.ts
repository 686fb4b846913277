import type { PatientBalance } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { Clock } from '../clock';
import { localDate } from '../clock';
import type { Db } from '../db/connection';
import { getPatientById, toPatientSummary } from '../patients/queries';
import { lastSyncedAt } from '../settings/queries';
import { findAppointmentOn, listActiveCoverages, listPatientItems } from './queries';

/**
 * What the desk sees for one patient: the open items (openCents > 0), their
 * total, and today's expected copay from the primary coverage.
 */
export function getPatientBalance(db: Db, clock: Clock, patientId: number): PatientBalance {
  const row = getPatientById(db, patientId);
  if (!row) throw new ApiError('not_found', `No patient with id ${patientId}.`);
  const today = localDate(clock.now());
  const coverages = listActiveCoverages(db, patientId, today);
  const items = listPatientItems(db, patientId).filter((item) => item.openCents > 0);
  const appointment = findAppointmentOn(db, patientId, today);
  const expectedCopayCents = coverages[0]?.copayCents ?? 0;
  return {
    patient: toPatientSummary(row),
    coverages,
    appointmentToday: appointment ? { ...appointment, expectedCopayCents } : null,
    items,
    totalDueCents: items.reduce((sum, item) => sum + item.openCents, 0),
    dueTodayCents: appointment ? expectedCopayCents : 0,
    lastSyncedAt: lastSyncedAt(db),
  };
}
