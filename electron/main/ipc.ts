/**
 * The one IPC channel: relays {method, input} from the app window to the core's dispatch.
 * No business logic here; the checks live in ipc-guard.ts, the rules in core/.
 */
import { ipcMain } from 'electron';
import { dispatch } from '../../core/api/dispatch';
import type { CoreContext } from '../../core/api/handlers';
import { IPC_CHANNEL } from '../../shared/host-protocol';
import { guardInvoke } from './ipc-guard';

export function registerInvokeHandler(ctx: CoreContext, trustedOrigin: string): void {
  ipcMain.handle(IPC_CHANNEL, (event, payload: unknown) =>
    guardInvoke(() => event.senderFrame, payload, trustedOrigin, (method, input, session) => dispatch(ctx, method, input, { session })),
  );
}
