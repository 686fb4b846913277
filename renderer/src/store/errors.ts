import { ApiError } from '../../../shared/errors';

/** The text to show a person for a failed call: the core's own message when it sent one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong on this computer. Try again; if it keeps happening, tell your manager.';
}

/**
 * The text to show in a dialog whose action failed. A refusal is the core's
 * message word for word (it names the policy clause); for input the core
 * rejected, its messages without the field paths meant for programs.
 */
export function actionErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'invalid_input' && error.issues?.length) {
    return error.issues.map((issue) => issue.message).join(' ');
  }
  return errorMessage(error);
}
