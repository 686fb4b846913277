/** Sign-in, the idle lock and staff accounts. */
import { z } from 'zod';
import type { AccessMap, Role } from './access';
import { ROLES } from './access';

export const MIN_PASSWORD_LENGTH = 8;

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'The user name must be 2-40 letters, digits, dots, dashes or underscores.');
const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `The password must be ${MIN_PASSWORD_LENGTH} characters at least.`)
  .max(200, 'The password is too long (200 characters at most).');
const displayName = z.string().trim().min(2, 'Enter the person’s name.').max(80, 'The name is too long (80 characters at most).');

export const authInputs = {
  /** Who is signed in on this session (if anyone) and whether the first manager must be created. */
  getSession: z.object({}).strict(),
  signIn: z.object({ username, password: z.string().min(1, 'Enter the password.').max(200) }).strict(),
  /** Only while no account exists: creates the first manager and signs them in. */
  createFirstManager: z.object({ username, displayName, password: newPassword }).strict(),
  /** Ends the session (also what the lock does), so nothing more can be read with it. */
  signOut: z.object({ reason: z.enum(['sign_out', 'lock', 'idle']).optional() }).strict(),
  /** The person is still at the desk (typing, clicking): keeps the session from idling out. */
  touchSession: z.object({}).strict(),
  listUsers: z.object({}).strict(),
  createUser: z.object({ username, displayName, role: z.enum(ROLES, { error: 'Choose front desk or manager.' }), password: newPassword }).strict(),
  setIdleLockMinutes: z
    .object({ minutes: z.number({ error: 'Enter a number of minutes.' }).int('Whole minutes only.').min(1, 'At least 1 minute.').max(60, 'At most 60 minutes.') })
    .strict(),
} as const;

export const authAccess: AccessMap<typeof authInputs> = {
  getSession: 'public',
  signIn: 'public',
  createFirstManager: 'public',
  signOut: 'public',
  touchSession: 'staff',
  listUsers: 'manager',
  createUser: 'manager',
  setIdleLockMinutes: 'manager',
};

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface SessionView {
  /** No account exists yet: the app asks for the first manager. */
  setupRequired: boolean;
  user: SessionUser | null;
  /** Minutes without activity after which the app locks. */
  idleLockMinutes: number;
}

export interface SignedIn {
  /** Sent with every later call; kept in memory only, never stored. */
  token: string;
  user: SessionUser;
  idleLockMinutes: number;
}

export interface UserView extends SessionUser {
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface AuthOutputs {
  getSession: SessionView;
  signIn: SignedIn;
  createFirstManager: SignedIn;
  signOut: Record<string, never>;
  touchSession: Record<string, never>;
  listUsers: UserView[];
  createUser: UserView;
  setIdleLockMinutes: { idleLockMinutes: number };
}
