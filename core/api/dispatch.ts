import type { ApiMethod, ApiOutput } from '../../shared/contract';
import { contractInputs, isApiMethod, METHOD_ACCESS } from '../../shared/contract';
import { roleMayCall } from '../../shared/api/access';
import type { ApiErrorBody, ApiResult } from '../../shared/errors';
import { ApiError } from '../../shared/errors';
import { idleLockMinutes } from '../auth/idle-lock';
import type { CoreContext } from './handlers';
import { handlers } from './handlers';

export type Logger = (message: string, error?: unknown) => void;

const defaultLogger: Logger = (message, error) => console.error(message, error);

export interface DispatchOptions {
  /** The session token the caller signed in with (hosts that serve the app). */
  session?: string;
  log?: Logger;
}

/** Calls the app makes on its own (polling): they do not count as someone being at the desk. */
const PASSIVE_METHODS: ReadonlySet<ApiMethod> = new Set(['getAppInfo', 'getSession', 'getSyncStatus']);

const failure = (error: ApiErrorBody): ApiResult<never> => ({ ok: false, error });

/**
 * Who is calling, for the hosts that keep sessions: the call runs as the signed-in user, and a
 * method above the caller's access level is refused here, before any handler can run.
 */
function authorize(ctx: CoreContext, method: ApiMethod, session: string | undefined): { ctx: CoreContext } | { refused: ApiErrorBody } {
  if (ctx.sessions === 'operator') return { ctx };
  const minutes = idleLockMinutes(ctx.db);
  const user = ctx.sessions.resolve(session, ctx.clock.now().getTime(), minutes * 60_000, !PASSIVE_METHODS.has(method));
  const access = METHOD_ACCESS[method];
  if (access !== 'public' && !user) {
    return { refused: { code: 'unauthenticated', message: `You are signed out (the app locks after ${minutes} minutes without use). Sign in to go on.` } };
  }
  if (user && !roleMayCall(user.role, access)) {
    return { refused: { code: 'forbidden', message: 'Only an office manager can do this. Ask your manager.' } };
  }
  return { ctx: { ...ctx, user: user ?? undefined, actor: user?.username ?? ctx.actor, sessionToken: session } };
}

/**
 * The single entry point of both hosts. Whatever arrives (any method name,
 * any input, any session), the answer is a typed ApiResult: a caller without
 * the right is refused, invalid input and refusals become ApiErrors,
 * unexpected failures are logged here and reported without internals.
 */
export function dispatch(ctx: CoreContext, method: unknown, input: unknown, options: DispatchOptions = {}): ApiResult<unknown> {
  const log = options.log ?? defaultLogger;
  if (!isApiMethod(method)) {
    return failure({ code: 'invalid_input', message: `Unknown request: ${String(method).slice(0, 60)}.` });
  }
  try {
    const caller = authorize(ctx, method, options.session);
    if ('refused' in caller) return failure(caller.refused);
    const parsed = contractInputs[method].safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(input)', message: issue.message }));
      return failure({ code: 'invalid_input', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });
    }
    const handler = handlers[method] as (ctx: CoreContext, input: unknown) => unknown;
    return { ok: true, value: handler(caller.ctx, parsed.data) };
  } catch (error) {
    if (error instanceof ApiError) return failure(error.toBody());
    log(`Request ${method} failed`, error);
    return failure({ code: 'internal', message: 'Something went wrong on this computer. Try again; if it keeps happening, tell your manager.' });
  }
}

/** Typed convenience for in-process callers (CLI, tests): the value or a thrown ApiError. */
export function call<M extends ApiMethod>(ctx: CoreContext, method: M, input: unknown, session?: string): ApiOutput<M> {
  const result = dispatch(ctx, method, input, { session });
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.issues);
  return result.value as ApiOutput<M>;
}
