import type { AuditOutputs } from '../../../shared/api/audit';
import type { auditInputs } from '../../../shared/api/audit';
import type { HandlersFor } from '../context';

export const auditHandlers: HandlersFor<typeof auditInputs, AuditOutputs> = {};
