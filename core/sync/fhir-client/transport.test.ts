import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FhirHttpError, requestJson } from './http';
import { undiciExchange } from './transport';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/moved') res.writeHead(302, { location: '/here' }).end();
    else if (req.url === '/here') res.writeHead(200, { 'content-type': 'application/fhir+json', 'x-answer': 'yes' }).end('{"resourceType":"Bundle"}');
    else if (req.url === '/busy') res.writeHead(503, { 'retry-after': '1' }).end('{}');
    // '/silent': never answers
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the HTTP transport (undici)', () => {
  it('follows a redirect and gives the status, a header and the whole body', async () => {
    const reply = await undiciExchange(`${base}/moved`, { method: 'GET', headers: {}, signal: AbortSignal.timeout(5_000) });
    expect(reply.status).toBe(200);
    expect(reply.header('X-Answer')).toBe('yes');
    expect(new TextDecoder().decode(reply.bytes)).toBe('{"resourceType":"Bundle"}');
  });

  it('says "timed out" when the server does not answer in time, and gives up after the attempts', async () => {
    const reasons: string[] = [];
    const request = requestJson(`${base}/silent`, { method: 'GET' }, { timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 }, onRetry: (r) => reasons.push(r.reason) });
    await expect(request).rejects.toThrow(FhirHttpError);
    await expect(request).rejects.toThrow(/after 2 attempts: timed out/);
    expect(reasons).toEqual(['timed out']);
  });

  it('waits as long as a 503 asks (Retry-After) before trying again', async () => {
    const delays: number[] = [];
    const request = requestJson(`${base}/busy`, { method: 'GET' }, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5_000 }, random: () => 0, onRetry: (r) => delays.push(r.delayMs) });
    await expect(request).rejects.toThrow(/HTTP 503/);
    expect(delays).toEqual([1_000]);
  });
});
