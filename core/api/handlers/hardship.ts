import type { HardshipOutputs } from '../../../shared/api/hardship';
import type { hardshipInputs } from '../../../shared/api/hardship';
import type { HandlersFor } from '../context';

export const hardshipHandlers: HandlersFor<typeof hardshipInputs, HardshipOutputs> = {};
