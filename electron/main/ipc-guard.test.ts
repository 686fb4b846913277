import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/errors';
import type { SenderFrame } from './ipc-guard';
import { guardInvoke, isTrustedSender, MALFORMED_REQUEST, parseInvokeRequest, REFUSED_SENDER } from './ipc-guard';
import { APP_ORIGIN } from './url-policy';

const topFrame = (url: string): SenderFrame => ({ url, parent: null });
const ok: ApiResult<unknown> = { ok: true, value: 'done' };

describe('isTrustedSender', () => {
  it('trusts the top frame of the app origin', () => {
    expect(isTrustedSender(topFrame('app://renderer/index.html'), APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(topFrame('http://localhost:5173/'), 'http://localhost:5173')).toBe(true);
  });

  it('refuses missing frames, sub-frames and foreign pages', () => {
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'app://renderer/index.html', parent: {} }, APP_ORIGIN)).toBe(false);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1/',
      'http://localhost:5173/',
      'file:///opt/app/out/renderer/index.html',
      'data:text/html,x',
      'javascript:alert(1)',
      'about:blank',
      'app://evil/index.html',
      'app://x@renderer/index.html',
      '',
    ]) {
      expect(isTrustedSender(topFrame(url), APP_ORIGIN), url).toBe(false);
    }
  });
});

describe('parseInvokeRequest', () => {
  it('accepts {method, input}', () => {
    expect(parseInvokeRequest({ method: 'searchPatients', input: { query: 'x' } })).toEqual({
      ok: true,
      request: { method: 'searchPatients', input: { query: 'x' } },
    });
    expect(parseInvokeRequest({ method: 'getAppInfo' })).toEqual({ ok: true, request: { method: 'getAppInfo', input: undefined } });
  });

  it('answers invalid_input for anything else', () => {
    for (const payload of [undefined, null, 0, 'getAppInfo', [], ['getAppInfo', {}], {}, { method: 42 }, { method: null }, { input: {} }]) {
      expect(parseInvokeRequest(payload), JSON.stringify(payload)).toEqual({ ok: false, result: MALFORMED_REQUEST });
    }
    expect(MALFORMED_REQUEST.ok === false && MALFORMED_REQUEST.error.code).toBe('invalid_input');
  });
});

describe('guardInvoke', () => {
  it('checks the sender before looking at the payload or calling the core', () => {
    const calls: unknown[] = [];
    const run = (method: string, input: unknown): ApiResult<unknown> => {
      calls.push([method, input]);
      return ok;
    };
    expect(guardInvoke(() => topFrame('https://evil.example/'), { method: 'getAppInfo', input: {} }, APP_ORIGIN, run)).toBe(REFUSED_SENDER);
    expect(guardInvoke(() => topFrame('https://evil.example/'), 'garbage', APP_ORIGIN, run)).toBe(REFUSED_SENDER);
    expect(guardInvoke(() => null, { method: 'getAppInfo' }, APP_ORIGIN, run)).toBe(REFUSED_SENDER);
    expect(calls).toEqual([]);
  });

  it('treats a frame that throws on access as foreign', () => {
    const gone = (): SenderFrame => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    };
    expect(guardInvoke(gone, { method: 'getAppInfo' }, APP_ORIGIN, () => ok)).toBe(REFUSED_SENDER);
  });

  it('answers a malformed payload from the app without calling the core', () => {
    let called = false;
    const result = guardInvoke(() => topFrame('app://renderer/index.html'), [1, 2], APP_ORIGIN, () => {
      called = true;
      return ok;
    });
    expect(result).toBe(MALFORMED_REQUEST);
    expect(called).toBe(false);
  });

  it('relays a well-formed request from the app to the core', () => {
    const seen: unknown[] = [];
    const result = guardInvoke(() => topFrame('app://renderer/index.html'), { method: 'getPatientBalance', input: { patientId: 3 } }, APP_ORIGIN, (m, i) => {
      seen.push(m, i);
      return ok;
    });
    expect(result).toBe(ok);
    expect(seen).toEqual(['getPatientBalance', { patientId: 3 }]);
  });

  it('never throws, even if the core does', () => {
    const result = guardInvoke(() => topFrame('app://renderer/'), { method: 'getAppInfo' }, APP_ORIGIN, () => {
      throw new Error('boom');
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('internal');
    expect(!result.ok && result.error.message).not.toContain('boom');
  });
});
