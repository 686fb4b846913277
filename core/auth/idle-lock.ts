import type { Db } from '../db/connection';
import { getSetting, setSetting } from '../settings/queries';

export const DEFAULT_IDLE_LOCK_MINUTES = 5;

/** Minutes without activity after which the app locks and the session ends (a practice setting). */
export function idleLockMinutes(db: Db): number {
  const value = Number(getSetting(db, 'idle_lock_minutes'));
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_IDLE_LOCK_MINUTES;
}

export function setIdleLockMinutes(db: Db, minutes: number): void {
  setSetting(db, 'idle_lock_minutes', String(minutes));
}
