/** (placeholder: filled in by the manager-workspace work on this area) */
import type { AccessMap } from './access';

export const auditInputs = {} as const;

export const auditAccess: AccessMap<typeof auditInputs> = {};

export type AuditOutputs = Record<never, never>;
