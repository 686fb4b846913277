import type { ApiMethod, ApiOutput, ApiParsedInput, AppInfo } from '../../shared/contract';
import { getPatientBalance } from '../balances/patient-balance';
import type { Clock } from '../clock';
import { localDate } from '../clock';
import type { Db } from '../db/connection';
import { searchPatients } from '../patients/queries';
import { DEFAULT_PRACTICE_NAME, getSetting } from '../settings/queries';

export interface CoreContext {
  db: Db;
  clock: Clock;
  host: AppInfo['host'];
}

export type Handlers = { [M in ApiMethod]: (ctx: CoreContext, input: ApiParsedInput<M>) => ApiOutput<M> };

/** One handler per contract method; each receives input already validated. */
export const handlers: Handlers = {
  getAppInfo: (ctx) => ({
    practiceName: getSetting(ctx.db, 'practice_name') ?? DEFAULT_PRACTICE_NAME,
    today: localDate(ctx.clock.now()),
    host: ctx.host,
  }),
  searchPatients: (ctx, input) => searchPatients(ctx.db, input.query, input.limit),
  getPatientBalance: (ctx, input) => getPatientBalance(ctx.db, ctx.clock, input.patientId),
};
