import type { ActionOutcome, ApiMethod, ApiOutput, ApiParsedInput, AppInfo } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import type { SyncStatusView } from '../../shared/sync';
import { getPatientBalance } from '../balances/patient-balance';
import type { Clock } from '../clock';
import { localDate } from '../clock';
import type { Db } from '../db/connection';
import { carryForward } from '../ledger/carry-forward';
import { recordCollectionAttempt } from '../ledger/collection-attempts';
import { patientOfItem } from '../ledger/patient-state';
import { recordPayment } from '../ledger/payments';
import { getReceipt } from '../ledger/receipt';
import { recordRefund } from '../ledger/refunds';
import { requestWriteOff } from '../ledger/requests';
import { writeOff } from '../ledger/write-offs';
import { searchPatients } from '../patients/queries';
import { storedSyncStatus } from '../sync/sync-service';
import { syncLog } from '../sync/sync-log';
import { DEFAULT_PRACTICE_NAME, getSetting } from '../settings/queries';

/** The running sync with the main system, when one is configured. */
export interface SyncControl {
  status(): SyncStatusView;
  /** Starts a run (or joins the one in progress) without waiting for it. */
  requestSync(): void;
}

export interface CoreContext {
  db: Db;
  clock: Clock;
  host: AppInfo['host'];
  /** Who is acting: recorded on every write and in the audit log. */
  actor: string;
  sync?: SyncControl;
}

export type Handlers = { [M in ApiMethod]: (ctx: CoreContext, input: ApiParsedInput<M>) => ApiOutput<M> };

/** A write's own result plus the patient's balance after it, so the screen updates in one round trip. */
function withBalance<T>(ctx: CoreContext, patientId: number, result: T): ActionOutcome<T> {
  return { result, balance: getPatientBalance(ctx.db, ctx.clock, patientId) };
}

/** One handler per contract method; each receives input already validated. */
export const handlers: Handlers = {
  getAppInfo: (ctx) => ({
    practiceName: getSetting(ctx.db, 'practice_name') ?? DEFAULT_PRACTICE_NAME,
    today: localDate(ctx.clock.now()),
    host: ctx.host,
  }),
  searchPatients: (ctx, input) => searchPatients(ctx.db, input.query, input.limit),
  getPatientBalance: (ctx, input) => getPatientBalance(ctx.db, ctx.clock, input.patientId),
  recordPayment: (ctx, input) => withBalance(ctx, input.patientId, recordPayment(ctx, input)),
  carryForward: (ctx, input) => withBalance(ctx, patientOfItem(ctx, input.itemId), carryForward(ctx, input)),
  writeOff: (ctx, input) => withBalance(ctx, patientOfItem(ctx, input.itemId), writeOff(ctx, input)),
  requestWriteOff: (ctx, input) => withBalance(ctx, patientOfItem(ctx, input.itemId), requestWriteOff(ctx, input)),
  recordCollectionAttempt: (ctx, input) => withBalance(ctx, input.patientId, recordCollectionAttempt(ctx, input)),
  recordRefund: (ctx, input) => withBalance(ctx, patientOfItem(ctx, input.itemId), recordRefund(ctx, input)),
  getReceipt: (ctx, input) => getReceipt(ctx, input.patientId, input.date),
  getSyncStatus: (ctx) => ctx.sync?.status() ?? { ...storedSyncStatus(ctx.db), state: 'not_configured', lastError: null, nextRunAt: null },
  syncNow: (ctx) => {
    if (!ctx.sync) throw new ApiError('unavailable', 'No main system is configured for sync on this computer. Ask IT to set its FHIR address.');
    ctx.sync.requestSync();
    return ctx.sync.status();
  },
  getSyncLog: (ctx, input) => syncLog(ctx.db, input.limit),
};
