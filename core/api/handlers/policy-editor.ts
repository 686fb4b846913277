import type { PolicyEditorOutputs } from '../../../shared/api/policy-editor';
import type { policyEditorInputs } from '../../../shared/api/policy-editor';
import type { HandlersFor } from '../context';

export const policyEditorHandlers: HandlersFor<typeof policyEditorInputs, PolicyEditorOutputs> = {};
