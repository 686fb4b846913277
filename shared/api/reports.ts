/** (placeholder: filled in by the manager-workspace work on this area) */
import type { AccessMap } from './access';

export const reportInputs = {} as const;

export const reportAccess: AccessMap<typeof reportInputs> = {};

export type ReportOutputs = Record<never, never>;
