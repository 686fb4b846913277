import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/api/audit';
import { dispatch } from '../api/dispatch';
import type { CoreContext } from '../api/handlers';
import { SessionStore } from '../auth/sessions';
import { seedDemoAccounts } from '../demo/accounts';
import { DEMO_ACCOUNTS } from '../demo/demo-accounts';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';

let store: TempStore;
let ctx: CoreContext;

function signIn(role: keyof typeof DEMO_ACCOUNTS): string {
  const { username, password } = DEMO_ACCOUNTS[role];
  const result = dispatch(ctx, 'signIn', { username, password });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { token: string }).token;
}

beforeEach(() => {
  store = tempStore({ demoPatients: 5 });
  seedDemoAccounts(store.db, TEST_TODAY);
  ctx = { ...store.ctx, sessions: new SessionStore() };
});
afterEach(() => store.cleanup());

describe('reports and the audit trail are for managers', () => {
  it('refuses them to the front desk, in the core, and serves a manager', () => {
    const desk = signIn('front_desk');
    for (const [method, input] of [
      ['getReport', { name: 'write-offs' }],
      ['searchAudit', {}],
      ['verifyAudit', {}],
    ] as const) {
      expect(dispatch(ctx, method, input, { session: desk }), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const manager = signIn('manager');
    expect(dispatch(ctx, 'getReport', { name: 'consistency' }, { session: manager })).toMatchObject({ ok: true, value: { name: 'consistency' } });
    const page = dispatch(ctx, 'searchAudit', { action: 'sign_in' }, { session: manager });
    expect(page.ok).toBe(true);
    // Who signed in, by name: the staff account behind the recorded user name.
    const records = (page as { value: AuditPage }).value.records;
    expect(records.map((r) => [r.actionLabel, r.actor, r.actorName])).toEqual([
      ['Signed in', 'manager', DEMO_ACCOUNTS.manager.displayName],
      ['Signed in', 'desk', DEMO_ACCOUNTS.front_desk.displayName],
    ]);
    expect(dispatch(ctx, 'verifyAudit', {}, { session: manager })).toMatchObject({ ok: true, value: { ok: true, problem: null } });
  });
});
