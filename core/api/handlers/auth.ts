import type { AuthOutputs } from '../../../shared/api/auth';
import type { authInputs } from '../../../shared/api/auth';
import { ApiError } from '../../../shared/errors';
import type { HandlersFor } from '../context';

const todo = (): never => {
  throw new ApiError('unavailable', 'Sign-in is being built.');
};

export const authHandlers: HandlersFor<typeof authInputs, AuthOutputs> = {
  getSession: () => ({ setupRequired: false, user: null, idleLockMinutes: 5 }),
  signIn: todo,
  createFirstManager: todo,
  signOut: () => ({}),
  touchSession: () => ({}),
  listUsers: todo,
  createUser: todo,
};
