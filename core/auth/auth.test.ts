import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import type { CoreContext } from '../api/handlers';
import { seedDemoAccounts } from '../demo/accounts';
import { DEMO_ACCOUNTS } from '../demo/demo-accounts';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';
import { hashPassword, verifyPassword } from './passwords';
import { SessionStore } from './sessions';
import { MAX_FAILED_ATTEMPTS } from './users';

let store: TempStore;
let nowMs: number;
let ctx: CoreContext;

/** A host context (sessions kept) over a fresh store whose clock the test moves. */
function hostContext(s: TempStore): CoreContext {
  return { ...s.ctx, clock: { now: () => new Date(nowMs) }, sessions: new SessionStore() };
}

const minutes = (n: number) => n * 60_000;

function signIn(role: keyof typeof DEMO_ACCOUNTS): string {
  const { username, password } = DEMO_ACCOUNTS[role];
  const result = dispatch(ctx, 'signIn', { username, password });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { token: string }).token;
}

beforeEach(() => {
  store = tempStore({ demoPatients: 5 });
  nowMs = new Date(`${TEST_TODAY}T09:00:00`).getTime();
  ctx = hostContext(store);
});
afterEach(() => store.cleanup());

describe('passwords', () => {
  it('are stored only as a salted slow hash', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(verifyPassword('correct horse', a)).toBe(true);
    expect(verifyPassword('correct hors', a)).toBe(false);
  });
});

describe('first run', () => {
  it('asks for the first manager, creates them signed in, and refuses a second first manager', () => {
    expect(dispatch(ctx, 'getSession', {})).toMatchObject({ ok: true, value: { setupRequired: true, user: null, idleLockMinutes: 5 } });
    const created = dispatch(ctx, 'createFirstManager', { username: 'Alex', displayName: 'Alex Lee', password: 'long-enough-1' });
    expect(created).toMatchObject({ ok: true, value: { user: { username: 'alex', role: 'manager' } } });
    const token = (created as { value: { token: string } }).value.token;
    expect(dispatch(ctx, 'getSession', {}, { session: token })).toMatchObject({ ok: true, value: { setupRequired: false, user: { username: 'alex' } } });
    expect(dispatch(ctx, 'createFirstManager', { username: 'eve', displayName: 'Eve', password: 'long-enough-2' })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('refuses a short password with a message for the field', () => {
    const result = dispatch(ctx, 'createFirstManager', { username: 'alex', displayName: 'Alex Lee', password: 'short' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'password' }] } });
  });
});

describe('sessions and roles, enforced by the core', () => {
  beforeEach(() => seedDemoAccounts(store.db, TEST_TODAY));

  it('answers only public calls without a session', () => {
    expect(dispatch(ctx, 'getAppInfo', {}).ok).toBe(true);
    expect(dispatch(ctx, 'searchPatients', { query: 'a' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(dispatch(ctx, 'searchPatients', { query: 'a' }, { session: 'made-up-token' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('refuses a manager action to a front-desk user and allows it to a manager', () => {
    const desk = signIn('front_desk');
    expect(dispatch(ctx, 'searchPatients', { query: 'a' }, { session: desk }).ok).toBe(true);
    expect(dispatch(ctx, 'listUsers', {}, { session: desk })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch(ctx, 'getSyncLog', {}, { session: desk })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const manager = signIn('manager');
    expect(dispatch(ctx, 'listUsers', {}, { session: manager })).toMatchObject({ ok: true, value: [{ username: 'manager' }, { username: 'desk' }] });
  });

  it('records who acted: the signed-in user, on the write and in the audit log', () => {
    const desk = signIn('front_desk');
    const paid = dispatch(ctx, 'recordPayment', { patientId: 1, amountCents: 500, method: 'cash', idempotencyKey: 'auth-pay-1' }, { session: desk });
    expect(paid.ok).toBe(true);
    const audit = store.db.prepare("SELECT actor FROM audit_log WHERE action LIKE 'payment%' ORDER BY id DESC LIMIT 1").get() as { actor: string };
    expect(audit.actor).toBe('desk');
    const actions = (store.db.prepare("SELECT action FROM audit_log WHERE actor = 'desk' ORDER BY id").all() as { action: string }[]).map((r) => r.action);
    expect(actions[0]).toBe('sign_in');
  });

  it('ends a session after the idle time; the app’s own polling does not keep it alive', () => {
    const desk = signIn('front_desk');
    nowMs += minutes(4);
    expect(dispatch(ctx, 'touchSession', {}, { session: desk }).ok).toBe(true);
    nowMs += minutes(4);
    expect(dispatch(ctx, 'getSyncStatus', {}, { session: desk }).ok).toBe(true);
    nowMs += minutes(2);
    expect(dispatch(ctx, 'searchPatients', { query: 'a' }, { session: desk })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('follows the configured idle time', () => {
    const manager = signIn('manager');
    expect(dispatch(ctx, 'setIdleLockMinutes', { minutes: 2 }, { session: manager }).ok).toBe(true);
    nowMs += minutes(3);
    expect(dispatch(ctx, 'listUsers', {}, { session: manager })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('signing out or locking ends the session at once', () => {
    const desk = signIn('front_desk');
    expect(dispatch(ctx, 'signOut', { reason: 'lock' }, { session: desk }).ok).toBe(true);
    expect(dispatch(ctx, 'searchPatients', { query: 'a' }, { session: desk })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(store.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'locked' AND actor = 'desk'").get()).toEqual({ n: 1 });
  });

  it('says the same for an unknown name and a wrong password, and slows guessing', () => {
    const unknown = dispatch(ctx, 'signIn', { username: 'nobody', password: 'whatever1' });
    const wrong = dispatch(ctx, 'signIn', { username: 'desk', password: 'not-it-at-all' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(wrong).toEqual(unknown);
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) dispatch(ctx, 'signIn', { username: 'desk', password: 'not-it-at-all' });
    const locked = dispatch(ctx, 'signIn', { username: 'desk', password: 'desk-demo' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('Too many wrong passwords') } });
    nowMs += minutes(6);
    expect(dispatch(ctx, 'signIn', { username: 'desk', password: 'desk-demo' }).ok).toBe(true);
  });

  it('lets a manager add staff, whose user names are unique', () => {
    const manager = signIn('manager');
    const added = dispatch(ctx, 'createUser', { username: 'pat', displayName: 'Pat Doe', role: 'front_desk', password: 'pat-password' }, { session: manager });
    expect(added).toMatchObject({ ok: true, value: { username: 'pat', role: 'front_desk', active: true } });
    expect(dispatch(ctx, 'signIn', { username: 'PAT', password: 'pat-password' }).ok).toBe(true);
    expect(dispatch(ctx, 'createUser', { username: 'pat', displayName: 'Pat Two', role: 'manager', password: 'pat-password' }, { session: manager })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
  });
});

describe('in-process tools', () => {
  it('act as the operator without sign-in, and cannot start sessions', () => {
    expect(dispatch(store.ctx, 'searchPatients', { query: 'a' }).ok).toBe(true);
    expect(dispatch(store.ctx, 'signIn', { username: 'desk', password: 'desk-demo' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
