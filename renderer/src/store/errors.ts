import { ApiError } from '../../../shared/errors';

/** The text to show a person for a failed call: the core's own message when it sent one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong on this computer. Try again; if it keeps happening, tell your manager.';
}
