/** Staff accounts: creation, listing and checking a password at sign-in. */
import type { Role } from '../../shared/api/access';
import type { SessionUser, UserView } from '../../shared/api/auth';
import { ApiError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { recordAudit } from '../ledger/journal';
import { dummyHash, hashPassword, verifyPassword } from './passwords';

/** After this many wrong passwords in a row the account waits LOCKOUT_MINUTES before the next try. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 5;

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
  created_at: string;
  last_sign_in_at: string | null;
  failed_attempts: number;
  locked_until: string | null;
}

const toSessionUser = (row: UserRow): SessionUser => ({ id: row.id, username: row.username, displayName: row.display_name, role: row.role });

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

/** Adds an account (inside the caller's transaction when there is one) with its audit record. */
export function createUser(db: Db, user: NewUser, by: string, at: string): UserView {
  if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(user.username)) {
    throw new ApiError('refused', `The user name “${user.username}” is already taken. Choose another.`);
  }
  const { lastInsertRowid } = db
    .prepare('INSERT INTO users (username, display_name, role, password_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
    .run(user.username, user.displayName, user.role, hashPassword(user.password), at, by);
  const id = Number(lastInsertRowid);
  recordAudit(db, { at, actor: by, action: 'user_created', patientId: null, entity: 'user', entityId: id, policyVersion: null, detail: { username: user.username, role: user.role } });
  return { id, username: user.username, displayName: user.displayName, role: user.role, active: true, createdAt: at, lastSignInAt: null };
}

export function listUsers(db: Db): UserView[] {
  const rows = db.prepare('SELECT * FROM users ORDER BY role DESC, display_name').all() as UserRow[];
  return rows.map((row) => ({ ...toSessionUser(row), active: row.active === 1, createdAt: row.created_at, lastSignInAt: row.last_sign_in_at }));
}

const WRONG = 'The user name or password is not right. Check them and try again.';

/**
 * Checks a sign-in and records it (success or failure) in the audit log. Every failure says the same
 * thing, whether the name is unknown or the password wrong, so names cannot be probed.
 */
export function authenticate(db: Db, username: string, password: string, now: Date): SessionUser {
  const at = now.toISOString();
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  if (row?.locked_until && row.locked_until > at) {
    const until = new Date(row.locked_until).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
    throw new ApiError('refused', `Too many wrong passwords: this account can try again at ${until}. A manager can help if you forgot it.`);
  }
  const ok = verifyPassword(password, row?.password_hash ?? dummyHash()) && row !== undefined && row.active === 1;
  db.transaction(() => {
    if (!row) {
      recordAudit(db, { at, actor: `unknown:${username}`, action: 'sign_in_failed', patientId: null, entity: 'user', entityId: null, policyVersion: null, detail: { username } });
      return;
    }
    if (ok) {
      db.prepare('UPDATE users SET last_sign_in_at = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(at, row.id);
    } else {
      const failures = row.failed_attempts + 1;
      const lockedUntil = failures >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      db.prepare('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(lockedUntil ? 0 : failures, lockedUntil, row.id);
    }
    recordAudit(db, { at, actor: row.username, action: ok ? 'sign_in' : 'sign_in_failed', patientId: null, entity: 'user', entityId: row.id, policyVersion: null, detail: {} });
  }).immediate();
  if (!ok || !row) throw new ApiError('refused', WRONG);
  return toSessionUser(row);
}
