import type { ReportOutputs } from '../../../shared/api/reports';
import type { reportInputs } from '../../../shared/api/reports';
import { localDate } from '../../clock';
import { reportView } from '../../reports/views';
import type { HandlersFor } from '../context';

export const reportHandlers: HandlersFor<typeof reportInputs, ReportOutputs> = {
  getReport: (ctx, input) => reportView(ctx.db, input.name, { from: input.from, to: input.to, today: localDate(ctx.clock.now()), marginPoints: input.margin }),
};
