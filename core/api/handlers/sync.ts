import type { SyncOutputs } from '../../../shared/api/sync';
import type { syncInputs } from '../../../shared/api/sync';
import { ApiError } from '../../../shared/errors';
import { storedSyncStatus } from '../../sync/sync-service';
import { syncLog } from '../../sync/sync-log';
import type { HandlersFor } from '../context';

export const syncHandlers: HandlersFor<typeof syncInputs, SyncOutputs> = {
  getSyncStatus: (ctx) => ctx.sync?.status() ?? { ...storedSyncStatus(ctx.db), state: 'not_configured', lastError: null, nextRunAt: null },
  syncNow: (ctx) => {
    if (!ctx.sync) throw new ApiError('unavailable', 'No main system is configured for sync on this computer. Ask IT to set its FHIR address.');
    ctx.sync.requestSync();
    return ctx.sync.status();
  },
  getSyncLog: (ctx, input) => syncLog(ctx.db, input.limit),
};
