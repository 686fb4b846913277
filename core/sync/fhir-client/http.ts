/**
 * One JSON request to a FHIR server with a timeout per attempt and bounded
 * retries (exponential backoff with jitter, backoff.ts) on what is worth
 * retrying: 5xx, 408, 429, timeouts, refused or dropped connections, and a
 * body cut short. A 4xx answer is final. The caller's signal stops it all.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { RetryPolicy } from './backoff';
import { backoffDelay, isRetryableStatus, parseRetryAfter, retryPolicy } from './backoff';
import { fetchExchange, undiciExchange } from './transport';

export interface HttpOptions {
  /** Per attempt, headers and body together (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Stops the request and any wait between attempts; an abort is never retried. */
  signal?: AbortSignal;
  /** Injected for tests; otherwise undici's request (transport.ts). */
  fetch?: typeof fetch;
  /** Jitter source, [0, 1) (default Math.random). */
  random?: () => number;
  /** Told before each wait. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  url: string;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface JsonResponse {
  status: number;
  body: unknown;
  /** The body as it came (UTF-8), when the request asked to keep it (`keepBytes`). */
  bytes?: Uint8Array;
  /** Attempts it took (1 = no retry). */
  attempts: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The server answered with an error it will give again (4xx), or kept failing until the attempts ran out. */
export class FhirHttpError extends Error {
  readonly status: number | null;
  readonly url: string;
  readonly attempts: number;
  readonly retryable: boolean;
  readonly outcome: OperationOutcome | null;

  constructor(message: string, details: { status: number | null; url: string; attempts: number; retryable: boolean; outcome?: OperationOutcome | null; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FhirHttpError';
    this.status = details.status;
    this.url = details.url;
    this.attempts = details.attempts;
    this.retryable = details.retryable;
    this.outcome = details.outcome ?? null;
  }
}

/** The server's answer is not what FHIR says it should be (no Bundle, a next link elsewhere, a loop). Not retried. */
export class FhirProtocolError extends Error {
  readonly url: string;

  constructor(message: string, url: string) {
    super(message);
    this.name = 'FhirProtocolError';
    this.url = url;
  }
}

function outcomeText(body: unknown): string | null {
  const outcome = body as OperationOutcome | null;
  if (outcome?.resourceType !== 'OperationOutcome') return null;
  return (outcome.issue ?? []).map((i) => i.details?.text ?? i.diagnostics ?? i.code).join('; ') || null;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${(err.cause as Error & { code?: string }).code ?? err.cause.message}` : '';
  return `${err.name === 'TimeoutError' ? 'timed out' : err.message}${cause}`;
}

const utf8 = new TextDecoder();

export async function requestJson(
  url: string,
  init: { method: 'GET' | 'POST' | 'PUT'; headers?: Record<string, string>; body?: string; keepBytes?: boolean },
  options: HttpOptions = {},
): Promise<JsonResponse> {
  const policy = retryPolicy(options.retry);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs must be positive (got ${timeoutMs}).`);
  const exchange = options.fetch ? fetchExchange(options.fetch) : undiciExchange;
  const random = options.random ?? Math.random;
  const headers = { accept: 'application/fhir+json', ...(init.body !== undefined ? { 'content-type': 'application/fhir+json' } : {}), ...init.headers };

  let lastFailure = '';
  let lastStatus: number | null = null;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let retryAfterMs: number | null = null;
    try {
      const response = await exchange(url, { method: init.method, headers, body: init.body, signal });
      const text = utf8.decode(response.bytes);
      let body: unknown = null;
      let parsed = true;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        parsed = false;
      }
      const ok = response.status >= 200 && response.status < 300;
      if (ok && parsed) return { status: response.status, body, attempts: attempt, ...(init.keepBytes ? { bytes: response.bytes } : {}) };
      lastStatus = response.status;
      if (ok) {
        lastFailure = `HTTP ${response.status} with a body that is not JSON`;
      } else {
        lastFailure = `HTTP ${response.status}${outcomeText(body) ? `: ${outcomeText(body)}` : ''}`;
        if (!isRetryableStatus(response.status)) {
          throw new FhirHttpError(`${init.method} ${url} failed: ${lastFailure}`, {
            status: response.status,
            url,
            attempts: attempt,
            retryable: false,
            outcome: (body as OperationOutcome | null)?.resourceType === 'OperationOutcome' ? (body as OperationOutcome) : null,
          });
        }
        retryAfterMs = parseRetryAfter(response.header('retry-after'), Date.now());
      }
    } catch (err) {
      if (err instanceof FhirHttpError) throw err;
      if (options.signal?.aborted) throw options.signal.reason as Error;
      // Timed out, refused, reset, or the body was cut off: all worth another try.
      lastStatus = null;
      lastFailure = describe(err);
    }
    if (attempt === policy.maxAttempts) break;
    const delayMs = backoffDelay(attempt, policy, random(), retryAfterMs);
    options.onRetry?.({ url, attempt, delayMs, reason: lastFailure });
    await sleep(delayMs, options.signal);
  }
  throw new FhirHttpError(`${init.method} ${url} failed after ${policy.maxAttempts} attempts: ${lastFailure}`, {
    status: lastStatus,
    url,
    attempts: policy.maxAttempts,
    retryable: true,
  });
}
