import type { PolicyEditorOutputs } from '../../../shared/api/policy-editor';
import type { policyEditorInputs } from '../../../shared/api/policy-editor';
import { ApiError } from '../../../shared/errors';
import { checkPolicyDocument } from '../../../shared/policy/issues';
import { localDate } from '../../clock';
import { currentPolicy } from '../../policy/queries';
import { previewPolicyChange } from '../../policy/preview';
import { publishPolicy } from '../../policy/publish';
import { latestPolicyVersion, listPolicyVersions, readPolicyVersion } from '../../policy/versions';
import { writtenPolicy } from '../../policy/written-policy';
import type { CoreContext, HandlersFor } from '../context';

/** Staff read the policy in force; older versions are for managers (and the workstation's own tools). */
function mayReadOldVersions(ctx: CoreContext): boolean {
  return ctx.sessions === 'operator' || ctx.user?.role === 'manager';
}

export const policyEditorHandlers: HandlersFor<typeof policyEditorInputs, PolicyEditorOutputs> = {
  listPolicyVersions: (ctx) => listPolicyVersions(ctx.db),
  getPolicyVersion: (ctx, input) => {
    const latest = latestPolicyVersion(ctx.db);
    const version = input.version ?? latest;
    if (version === null) throw new ApiError('not_found', 'No financial policy has been published yet.');
    if (version !== latest && !mayReadOldVersions(ctx)) throw new ApiError('forbidden', 'Only a manager can open earlier versions of the financial policy.');
    const stored = readPolicyVersion(ctx.db, version);
    if (!stored) throw new ApiError('not_found', `There is no version ${version} of the financial policy (the latest is ${latest ?? 'none'}).`);
    return { ...stored, clauses: writtenPolicy(stored.document) };
  },
  previewPolicy: (ctx, input) => {
    const checked = checkPolicyDocument(input.document);
    if (!checked.ok) return { valid: false, issues: checked.issues };
    return previewPolicyChange(ctx.db, localDate(ctx.clock.now()), currentPolicy(ctx.db), checked.document);
  },
  publishPolicy: (ctx, input) => publishPolicy(ctx, input),
};
