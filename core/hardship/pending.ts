import type { Db } from '../db/connection';

/** A hardship application waiting for a manager, as the pending queue lists it. */
export interface PendingHardshipApplication {
  applicationId: number;
  patientId: number;
  submittedAt: string;
  /** One line for the queue, e.g. "Household of 3, $28,000 a year: 75% off under the sliding scale". */
  detail: string;
}

/** (placeholder until hardship records exist) */
export function pendingHardshipApplications(_db: Db): PendingHardshipApplication[] {
  return [];
}
