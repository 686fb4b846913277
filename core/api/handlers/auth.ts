import type { AuthOutputs, SessionUser, SignedIn } from '../../../shared/api/auth';
import type { authInputs } from '../../../shared/api/auth';
import { ApiError } from '../../../shared/errors';
import { idleLockMinutes, setIdleLockMinutes } from '../../auth/idle-lock';
import type { SessionStore } from '../../auth/sessions';
import { authenticate, countUsers, createUser, listUsers } from '../../auth/users';
import { recordAudit } from '../../ledger/journal';
import type { CoreContext, HandlersFor } from '../context';

function sessionsOf(ctx: CoreContext): SessionStore {
  if (ctx.sessions === 'operator') throw new ApiError('unavailable', 'Sign-in is part of the app; this tool acts as the computer’s operator.');
  return ctx.sessions;
}

function startSession(ctx: CoreContext, user: SessionUser): SignedIn {
  const token = sessionsOf(ctx).start(user, ctx.clock.now().getTime());
  return { token, user, idleLockMinutes: idleLockMinutes(ctx.db) };
}

export const authHandlers: HandlersFor<typeof authInputs, AuthOutputs> = {
  getSession: (ctx) => ({ setupRequired: countUsers(ctx.db) === 0, user: ctx.user ?? null, idleLockMinutes: idleLockMinutes(ctx.db) }),
  signIn: (ctx, input) => {
    sessionsOf(ctx);
    return startSession(ctx, authenticate(ctx.db, input.username, input.password, ctx.clock.now()));
  },
  createFirstManager: (ctx, input) => {
    sessionsOf(ctx);
    const at = ctx.clock.now().toISOString();
    // Checked and created in one write transaction, so two first runs cannot both create a manager.
    const user = ctx.db.transaction(() => {
      if (countUsers(ctx.db) > 0) throw new ApiError('refused', 'An account already exists: sign in, or ask a manager to add you.');
      return createUser(ctx.db, { ...input, role: 'manager' }, `first-run:${input.username}`, at);
    }).immediate();
    return startSession(ctx, user);
  },
  signOut: (ctx, input) => {
    const user = ctx.sessions === 'operator' ? null : ctx.sessions.end(ctx.sessionToken);
    if (user) {
      const action = input.reason === 'lock' ? 'locked' : input.reason === 'idle' ? 'locked_idle' : 'sign_out';
      const at = ctx.clock.now().toISOString();
      ctx.db.transaction(() => recordAudit(ctx.db, { at, actor: user.username, action, patientId: null, entity: 'user', entityId: user.id, policyVersion: null, detail: {} })).immediate();
    }
    return {};
  },
  // The dispatch already counted this call as activity.
  touchSession: () => ({}),
  listUsers: (ctx) => listUsers(ctx.db),
  createUser: (ctx, input) => ctx.db.transaction(() => createUser(ctx.db, input, ctx.actor, ctx.clock.now().toISOString())).immediate(),
  setIdleLockMinutes: (ctx, input) => {
    ctx.db.transaction(() => {
      setIdleLockMinutes(ctx.db, input.minutes);
      recordAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action: 'setting_changed', patientId: null, entity: 'setting', entityId: null, policyVersion: null, detail: { idleLockMinutes: input.minutes } });
    }).immediate();
    return { idleLockMinutes: input.minutes };
  },
};
