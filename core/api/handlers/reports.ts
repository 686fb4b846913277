import type { ReportOutputs } from '../../../shared/api/reports';
import type { reportInputs } from '../../../shared/api/reports';
import type { HandlersFor } from '../context';

export const reportHandlers: HandlersFor<typeof reportInputs, ReportOutputs> = {};
