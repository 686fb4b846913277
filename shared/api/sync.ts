/** Sync with the main system as the app sees it: status at a glance, Sync now, the manager's log. */
import { z } from 'zod';
import type { SyncLog, SyncStatusView } from '../sync';
import type { AccessMap } from './access';

export const syncInputs = {
  getSyncStatus: z.object({}).strict(),
  /** Starts a sync now (or joins the one running) and answers at once; poll getSyncStatus. */
  syncNow: z.object({}).strict(),
  getSyncLog: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
} as const;

export const syncAccess: AccessMap<typeof syncInputs> = { getSyncStatus: 'staff', syncNow: 'staff', getSyncLog: 'manager' };

export interface SyncOutputs {
  getSyncStatus: SyncStatusView;
  syncNow: SyncStatusView;
  getSyncLog: SyncLog;
}
