import type { DecisionOutputs } from '../../../shared/api/decisions';
import type { decisionInputs } from '../../../shared/api/decisions';
import type { HandlersFor } from '../context';

export const decisionHandlers: HandlersFor<typeof decisionInputs, DecisionOutputs> = {};
