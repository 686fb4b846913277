import type { HardshipOutputs } from '../../../shared/api/hardship';
import type { hardshipInputs } from '../../../shared/api/hardship';
import { decideHardship, submitHardshipApplication } from '../../hardship/applications';
import { getHardshipApplication, getPatientHardship, previewHardship } from '../../hardship/views';
import type { HandlersFor } from '../context';

export const hardshipHandlers: HandlersFor<typeof hardshipInputs, HardshipOutputs> = {
  previewHardship: (ctx, input) => previewHardship(ctx, input),
  submitHardshipApplication: (ctx, input) => submitHardshipApplication(ctx, input),
  decideHardship: (ctx, input) => decideHardship(ctx, input),
  getPatientHardship: (ctx, input) => getPatientHardship(ctx, input.patientId),
  getHardshipApplication: (ctx, input) => getHardshipApplication(ctx, input.applicationId),
};
