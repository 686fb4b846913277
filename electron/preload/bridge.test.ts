import { describe, expect, it } from 'vitest';
import type { InvokeRequest } from '../../shared/host-protocol';
import { createBridge } from './bridge';

describe('preload bridge', () => {
  it('sends {method, input} and passes the ApiResult through', async () => {
    const sent: InvokeRequest[] = [];
    const bridge = createBridge((request) => {
      sent.push(request);
      return Promise.resolve({ ok: true, value: 42 });
    });
    await expect(bridge.invoke('getAppInfo', {})).resolves.toEqual({ ok: true, value: 42 });
    expect(sent).toEqual([{ method: 'getAppInfo', input: {} }]);
  });

  it('exposes invoke and nothing else', () => {
    expect(Object.keys(createBridge(() => Promise.resolve(null)))).toEqual(['invoke']);
  });

  it('turns a failed send into a typed result', async () => {
    const bridge = createBridge(() => Promise.reject(new Error('An object could not be cloned.')));
    const result = await bridge.invoke('searchPatients', { query: () => 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('unavailable');
  });
});
