import type { ApiMethod, ApiOutput } from '../../shared/contract';
import { contractInputs, isApiMethod } from '../../shared/contract';
import type { ApiResult } from '../../shared/errors';
import { ApiError } from '../../shared/errors';
import type { CoreContext } from './handlers';
import { handlers } from './handlers';

export type Logger = (message: string, error?: unknown) => void;

const defaultLogger: Logger = (message, error) => console.error(message, error);

/**
 * The single entry point of both hosts. Whatever arrives (any method name,
 * any input), the answer is a typed ApiResult: invalid input and refusals
 * become ApiErrors, unexpected failures are logged here and reported to the
 * caller without internals.
 */
export function dispatch(ctx: CoreContext, method: unknown, input: unknown, log: Logger = defaultLogger): ApiResult<unknown> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'invalid_input', message: `Unknown request: ${String(method).slice(0, 60)}.` } };
  }
  const parsed = contractInputs[method].safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(input)', message: issue.message }));
    return {
      ok: false,
      error: { code: 'invalid_input', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues },
    };
  }
  try {
    const handler = handlers[method] as (ctx: CoreContext, input: unknown) => unknown;
    return { ok: true, value: handler(ctx, parsed.data) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    log(`Request ${method} failed`, error);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong on this computer. Try again; if it keeps happening, tell your manager.' } };
  }
}

/** Typed convenience for in-process callers (CLI, tests): the value or a thrown ApiError. */
export function call<M extends ApiMethod>(ctx: CoreContext, method: M, input: unknown): ApiOutput<M> {
  const result = dispatch(ctx, method, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.issues);
  return result.value as ApiOutput<M>;
}
