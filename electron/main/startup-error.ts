/**
 * What the person at the desk reads when the app cannot start: a title and a plain message for
 * dialog.showErrorBox, never a stack trace (that goes to the console/log only).
 */
import { StoreError } from '../../core/db/errors';

export interface StartupErrorMessage {
  title: string;
  body: string;
}

export function describeStartupError(error: unknown): StartupErrorMessage {
  if (error instanceof StoreError) {
    return { title: 'Front Desk Balances cannot open its data', body: error.message };
  }
  const detail = error instanceof Error && error.message ? `\n\nDetails: ${error.message.split('\n')[0]}` : '';
  return {
    title: 'Front Desk Balances could not start',
    body: `Something went wrong while starting on this computer. Try again; if it keeps happening, tell your manager.${detail}`,
  };
}
