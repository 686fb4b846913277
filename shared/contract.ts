/**
 * The one contract between the renderer (or CLI) and the core, assembled from one file per area
 * in shared/api/. Inputs are zod schemas, parsed on the core side before any handler runs; outputs
 * are plain serialisable types; every method names who may call it (shared/api/access.ts), which
 * the core enforces. Both hosts (Electron IPC and the browser host's HTTP API) carry exactly these calls.
 */
import type { z } from 'zod';
import type { Access } from './api/access';
import type { AuditOutputs } from './api/audit';
import { auditAccess, auditInputs } from './api/audit';
import type { AuthOutputs } from './api/auth';
import { authAccess, authInputs } from './api/auth';
import type { DecisionOutputs } from './api/decisions';
import { decisionAccess, decisionInputs } from './api/decisions';
import type { DeskOutputs } from './api/desk';
import { deskAccess, deskInputs } from './api/desk';
import type { HardshipOutputs } from './api/hardship';
import { hardshipAccess, hardshipInputs } from './api/hardship';
import type { PolicyEditorOutputs } from './api/policy-editor';
import { policyEditorAccess, policyEditorInputs } from './api/policy-editor';
import type { ReportOutputs } from './api/reports';
import { reportAccess, reportInputs } from './api/reports';
import type { SyncOutputs } from './api/sync';
import { syncAccess, syncInputs } from './api/sync';

export * from './api/desk';
export type { Access, Role } from './api/access';

export const contractInputs = {
  ...deskInputs,
  ...syncInputs,
  ...authInputs,
  ...decisionInputs,
  ...hardshipInputs,
  ...policyEditorInputs,
  ...reportInputs,
  ...auditInputs,
} as const;

export type ApiMethod = keyof typeof contractInputs;
export const API_METHODS = Object.keys(contractInputs) as ApiMethod[];
export type ApiInput<M extends ApiMethod> = z.input<(typeof contractInputs)[M]>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof contractInputs)[M]>;

/** Who may call each method; checked by the core before the handler runs. */
export const METHOD_ACCESS: { readonly [M in ApiMethod]: Access } = {
  ...deskAccess,
  ...syncAccess,
  ...authAccess,
  ...decisionAccess,
  ...hardshipAccess,
  ...policyEditorAccess,
  ...reportAccess,
  ...auditAccess,
};

export interface ApiOutputs
  extends DeskOutputs,
    SyncOutputs,
    AuthOutputs,
    DecisionOutputs,
    HardshipOutputs,
    PolicyEditorOutputs,
    ReportOutputs,
    AuditOutputs {}

export type ApiOutput<M extends ApiMethod> = ApiOutputs[M];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(contractInputs, name);
}
