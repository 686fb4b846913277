/** (placeholder: filled in by the manager-workspace work on this area) */
import type { AccessMap } from './access';

export const hardshipInputs = {} as const;

export const hardshipAccess: AccessMap<typeof hardshipInputs> = {};

export type HardshipOutputs = Record<never, never>;
