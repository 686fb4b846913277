import type { AuditOutputs } from '../../../shared/api/audit';
import type { auditInputs } from '../../../shared/api/audit';
import { searchAuditLog } from '../../audit/search';
import { verifyStore } from '../../audit/verify';
import type { HandlersFor } from '../context';

export const auditHandlers: HandlersFor<typeof auditInputs, AuditOutputs> = {
  // One read transaction: the filter choices and the page come from the same moment.
  searchAudit: (ctx, input) => ctx.db.transaction(() => searchAuditLog(ctx.db, input))(),
  verifyAudit: (ctx) => {
    const report = ctx.db.transaction(() => verifyStore(ctx.db))();
    return { ok: report.broken === null, auditRecords: report.auditRecords, ledgerEntries: report.ledgerEntries, problem: report.broken, checkedAt: ctx.clock.now().toISOString() };
  },
};
