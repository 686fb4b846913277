import type { SessionUser } from '../../../shared/api/auth';
import { actionErrorMessage, errorMessage } from './errors';
import type { SliceCreator } from './types';

export type SessionStatus = 'loading' | 'setup' | 'signed_out' | 'signed_in' | 'error';
export type SignOutReason = 'sign_out' | 'lock' | 'idle';

export interface SessionSlice {
  sessionStatus: SessionStatus;
  user: SessionUser | null;
  idleLockMinutes: number;
  /** Why the sign-in screen shows (locked, idled out, signed out), for the person who comes back. */
  signedOutNote: string | null;
  /** The last sign-in or first-run failure, in words for the person. */
  signInError: string | null;
  signingIn: boolean;
  loadSession(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  createFirstManager(account: { username: string; displayName: string; password: string }): Promise<void>;
  /** Ends the session (sign out, lock or idle) and forgets every patient detail the screen held. */
  signOut(reason: SignOutReason): Promise<void>;
  /** The core ended the session (idle on its side, a restart): same as a lock, with its message. */
  sessionEnded(message: string): void;
}

const NOTES: Record<SignOutReason, string> = {
  sign_out: 'Signed out.',
  lock: 'Locked. Sign in to go on.',
  idle: 'Locked after a while without use. Sign in to go on.',
};

export const createSessionSlice: SliceCreator<SessionSlice> = (deps) => (set, get, store) => {
  /** Back to a blank app (keeping only the practice's name): no patient data stays in memory. */
  const forget = (note: string) => {
    get().clearSearch();
    deps.session?.setToken(null);
    set({ ...store.getInitialState(), appInfo: get().appInfo, sessionStatus: 'signed_out', idleLockMinutes: get().idleLockMinutes, signedOutNote: note });
  };

  const signedIn = (answer: { token: string; user: SessionUser; idleLockMinutes: number }) => {
    deps.session?.setToken(answer.token);
    set({ sessionStatus: 'signed_in', user: answer.user, idleLockMinutes: answer.idleLockMinutes, signInError: null, signingIn: false, signedOutNote: null, workspace: 'desk' });
  };

  return {
    sessionStatus: 'loading',
    user: null,
    idleLockMinutes: 5,
    signedOutNote: null,
    signInError: null,
    signingIn: false,
    async loadSession() {
      try {
        const session = await deps.api('getSession', {});
        set({
          sessionStatus: session.setupRequired ? 'setup' : session.user ? 'signed_in' : 'signed_out',
          user: session.user,
          idleLockMinutes: session.idleLockMinutes,
        });
      } catch (error) {
        set({ sessionStatus: 'error', signInError: errorMessage(error) });
      }
    },
    async signIn(username, password) {
      set({ signingIn: true, signInError: null });
      try {
        signedIn(await deps.api('signIn', { username, password }));
      } catch (error) {
        set({ signingIn: false, signInError: actionErrorMessage(error) });
      }
    },
    async createFirstManager(account) {
      set({ signingIn: true, signInError: null });
      try {
        signedIn(await deps.api('createFirstManager', account));
      } catch (error) {
        set({ signingIn: false, signInError: actionErrorMessage(error) });
      }
    },
    async signOut(reason) {
      if (get().sessionStatus !== 'signed_in') return;
      // The call takes the session token as it starts; the screen is cleared at once, not after the answer.
      const ending = deps.api('signOut', { reason });
      forget(NOTES[reason]);
      // Signed out here either way; if the call failed the core ends the session at its idle time.
      await ending.catch(() => undefined);
    },
    sessionEnded(message) {
      if (get().sessionStatus === 'signed_in') forget(message);
    },
  };
};
