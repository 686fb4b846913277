/**
 * The browser host: the same renderer and the same core as the Electron app,
 * over HTTP on 127.0.0.1 only. For development, end-to-end tests and machines
 * without Electron. Every API call needs this launch's token.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiErrorBody, ApiResult } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { API_PATH, TOKEN_FRAGMENT_KEY } from '../../shared/host-protocol';
import { dispatch } from '../api/dispatch';
import type { CoreContext } from '../api/handlers';
import { hasValidToken, isAllowedHost, isAllowedOrigin } from './request-guard';
import { loadStaticFile } from './static-files';

export interface BrowserHostOptions {
  ctx: CoreContext;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; by default a fresh random one per launch. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const HTTP_STATUS: Record<ApiErrorBody['code'], number> = {
  invalid_input: 400,
  not_found: 404,
  refused: 409,
  unauthenticated: 401,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
};

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendResult(res: ServerResponse, result: ApiResult<unknown>, status = result.ok ? 200 : HTTP_STATUS[result.error.code]): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
}

function refuse(res: ServerResponse, status: number, message: string): void {
  const code = status === 401 || status === 403 ? 'refused' : 'invalid_input';
  sendResult(res, { ok: false, error: { code, message } }, status);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit keep draining (so the 413 reaches the caller) but store nothing.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApi(req: IncomingMessage, res: ServerResponse, options: { ctx: CoreContext; token: string }): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
  if (!hasValidToken(req.headers.authorization, options.token)) return refuse(res, 401, 'Missing or wrong access token: open the address the host printed.');
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'Send JSON.');
  const body = await readBody(req);
  if (body === null) return refuse(res, 413, 'Request too large.');
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    return refuse(res, 400, 'The request is not valid JSON.');
  }
  if (typeof request !== 'object' || request === null) return refuse(res, 400, 'The request must be an object with method and input.');
  const { method, input, session } = request as { method?: unknown; input?: unknown; session?: unknown };
  sendResult(res, dispatch(options.ctx, method, input, { session: typeof session === 'string' ? session : undefined }));
}

export function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      return refuse(res, 403, 'This service only answers to this computer.');
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const work =
      path === API_PATH
        ? handleApi(req, res, { ctx: options.ctx, token })
        : req.method !== 'GET' && req.method !== 'HEAD'
          ? Promise.resolve(refuse(res, 405, 'Only GET here.'))
          : loadStaticFile(options.staticDir, path).then((file) =>
              file ? send(res, 200, file.body, file.contentType) : send(res, 404, 'Not found', 'text/plain; charset=utf-8'),
            );
    work.catch((error: unknown) => {
      console.error('Browser host request failed', error);
      if (!res.headersSent) sendResult(res, { ok: false, error: { code: 'internal', message: 'Something went wrong.' } });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/#${TOKEN_FRAGMENT_KEY}=${token}`,
        port,
        token,
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
