import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { createAppStore } from './index';
import { balanceFor, controllableApi, flush } from './testing';

const user = { id: 1, username: 'desk', displayName: 'Dana Desk', role: 'front_desk' as const };

function signedInStore() {
  const { api, calls } = controllableApi();
  const tokens: (string | null)[] = [];
  const store = createAppStore({ api, searchDebounceMs: 0, session: { setToken: (token) => tokens.push(token) } });
  return { store, calls, tokens };
}

describe('session slice', () => {
  it('signs in, keeps the token for the calls, and opens the desk', async () => {
    const { store, calls, tokens } = signedInStore();
    const signingIn = store.getState().signIn('desk', 'desk-demo');
    expect(calls[0]).toMatchObject({ method: 'signIn', input: { username: 'desk', password: 'desk-demo' } });
    calls[0]!.resolve({ token: 'secret-token', user, idleLockMinutes: 5 });
    await signingIn;
    expect(store.getState()).toMatchObject({ sessionStatus: 'signed_in', user, workspace: 'desk' });
    expect(tokens).toEqual(['secret-token']);
  });

  it('shows the core’s refusal and stays signed out', async () => {
    const { store, calls } = signedInStore();
    const signingIn = store.getState().signIn('desk', 'wrong');
    calls[0]!.reject(new ApiError('refused', 'The user name or password is not right.'));
    await signingIn;
    expect(store.getState()).toMatchObject({ sessionStatus: 'loading', signInError: 'The user name or password is not right.', signingIn: false });
  });

  it('locking forgets every patient detail at once and tells the core why', async () => {
    const { store, calls, tokens } = signedInStore();
    store.setState({ sessionStatus: 'signed_in', user, query: 'smith', balance: balanceFor(7), appInfo: { practiceName: 'Maple', today: '2026-11-22', host: 'browser' } });
    const locking = store.getState().signOut('lock');
    expect(calls[0]).toMatchObject({ method: 'signOut', input: { reason: 'lock' } });
    expect(store.getState()).toMatchObject({ sessionStatus: 'signed_out', user: null, query: '', balance: null, signedOutNote: 'Locked. Sign in to go on.' });
    expect(store.getState().appInfo?.practiceName).toBe('Maple');
    expect(tokens).toEqual([null]);
    calls[0]!.resolve({});
    await locking;
    await flush();
  });

  it('when the core ended the session, locks with its message', () => {
    const { store } = signedInStore();
    store.setState({ sessionStatus: 'signed_in', user, balance: balanceFor(3) });
    store.getState().sessionEnded('You are signed out (the app locks after 5 minutes without use). Sign in to go on.');
    expect(store.getState()).toMatchObject({ sessionStatus: 'signed_out', balance: null, signedOutNote: expect.stringContaining('signed out') });
  });
});
