import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import type { BrowserHost } from './browser-host';
import { startBrowserHost } from './browser-host';

let store: TempStore;
let host: BrowserHost;

beforeAll(async () => {
  store = tempStore({ demoPatients: 30 });
  const staticDir = join(store.dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(store.dir, 'secret.txt'), 'patient data');
  host = await startBrowserHost({ ctx: store.ctx, staticDir });
});
afterAll(async () => {
  await host.close();
  store.cleanup();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so the test controls Host and Origin headers, as an attacker's page could. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (body: unknown, headers: Record<string, string> = {}) =>
  send('/api/invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on loopback only and prints a URL carrying the token in the fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the renderer with a strict CSP', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>app</title>');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect((await send('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('never serves files outside the renderer', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/../../secret.txt']) {
      const reply = await send(path);
      expect(reply.body, path).not.toContain('patient data');
    }
  });

  it('answers API calls that carry the token', async () => {
    const reply = await api({ method: 'searchPatients', input: { query: 'a' } });
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body) as { ok: boolean; value: unknown[] };
    expect(result.ok).toBe(true);
    expect(Array.isArray(result.value)).toBe(true);
  });

  it('refuses API calls without the right token', async () => {
    expect((await api({ method: 'getAppInfo', input: {} }, { Authorization: '' })).status).toBe(401);
    expect((await api({ method: 'getAppInfo', input: {} }, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api({ method: 'getAppInfo', input: {} }, { Authorization: `Bearer ${host.token}x` })).status).toBe(401);
  });

  it('refuses foreign Host and Origin headers (DNS rebinding, other sites)', async () => {
    expect((await send('/', { headers: { Host: 'evil.example:80' } })).status).toBe(403);
    expect((await api({ method: 'getAppInfo', input: {} }, { Host: `attacker.test:${host.port}` })).status).toBe(403);
    expect((await api({ method: 'getAppInfo', input: {} }, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api({ method: 'getAppInfo', input: {} }, { Origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('answers bad requests with typed errors, never a crash', async () => {
    const cases: [unknown, number][] = [
      ['{not json', 400],
      ['null', 400],
      [{ method: 'nope', input: {} }, 400],
      [{ method: 'getPatientBalance', input: { patientId: 'x' } }, 400],
      [{ method: 'getPatientBalance', input: { patientId: 987654 } }, 404],
    ];
    for (const [body, status] of cases) {
      const reply = await api(body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect((await api({ method: 'searchPatients', input: { query: 'x' } }, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await api('x'.repeat(2 * 1024 * 1024))).status).toBe(413);
    expect((await send('/api/invoke')).status).toBe(405);
    // Still up after all of that.
    expect((await api({ method: 'getAppInfo', input: {} })).status).toBe(200);
  });
});
