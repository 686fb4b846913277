/** (placeholder: filled in by the manager-workspace work on this area) */
import type { AccessMap } from './access';

export const decisionInputs = {} as const;

export const decisionAccess: AccessMap<typeof decisionInputs> = {};

export type DecisionOutputs = Record<never, never>;
