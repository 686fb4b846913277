/**
 * Signed-in sessions, held in the host's memory only: a restart signs everyone out.
 * A session ends when signed out or locked, or after the idle time without activity
 * (the app locks itself at the same moment; this is the core's own enforcement).
 */
import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/api/auth';

interface Session {
  user: SessionUser;
  lastActiveMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  start(user: SessionUser, nowMs: number): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { user, lastActiveMs: nowMs });
    return token;
  }

  /** The session's user if it is still live; an idle one is ended here. `touch` counts this call as activity. */
  resolve(token: string | undefined, nowMs: number, idleMs: number, touch: boolean): SessionUser | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (nowMs - session.lastActiveMs > idleMs) {
      this.sessions.delete(token);
      return null;
    }
    if (touch) session.lastActiveMs = nowMs;
    return session.user;
  }

  end(token: string | undefined): SessionUser | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    this.sessions.delete(token);
    return session?.user ?? null;
  }

  /** Ends every session of a user (after their account changed). */
  endAllOf(userId: number): void {
    for (const [token, session] of this.sessions) if (session.user.id === userId) this.sessions.delete(token);
  }
}
