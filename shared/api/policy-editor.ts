/** (placeholder: filled in by the manager-workspace work on this area) */
import type { AccessMap } from './access';

export const policyEditorInputs = {} as const;

export const policyEditorAccess: AccessMap<typeof policyEditorInputs> = {};

export type PolicyEditorOutputs = Record<never, never>;
