import type { ActionOutcome, DeskOutputs } from '../../../shared/api/desk';
import type { deskInputs } from '../../../shared/api/desk';
import { getPatientBalance } from '../../balances/patient-balance';
import { localDate } from '../../clock';
import { carryForward } from '../../ledger/carry-forward';
import { recordCollectionAttempt } from '../../ledger/collection-attempts';
import { patientOfItem } from '../../ledger/patient-state';
import { recordPayment } from '../../ledger/payments';
import { getReceipt } from '../../ledger/receipt';
import { recordRefund } from '../../ledger/refunds';
import { requestWriteOff } from '../../ledger/requests';
import { writeOff } from '../../ledger/write-offs';
import { searchPatients } from '../../patients/queries';
import { DEFAULT_PRACTICE_NAME, getSetting } from '../../settings/queries';
import type { CoreContext, HandlersFor } from '../context';

/** A write's own result plus the patient's balance after it, so the screen updates in one round trip. */
function withBalance<T>(ctx: CoreContext, patientId: number, result: T): ActionOutcome<T> {
  return { result, balance: getPatientBalance(ctx.db, ctx.clock, patientId) };
}

export const deskHandlers: HandlersFor<typeof deskInputs, DeskOutputs> = {
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
};
