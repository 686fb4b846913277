import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import { dispatch } from './dispatch';

let store: TempStore;
beforeAll(() => {
  store = tempStore({ demoPatients: 20 });
});
afterAll(() => store.cleanup());

describe('dispatch', () => {
  it('answers a valid request with its value', () => {
    const result = dispatch(store.ctx, 'getPatientBalance', { patientId: 1 });
    expect(result.ok).toBe(true);
  });

  it.each([
    ['an unknown method', 'dropTables', {}],
    ['a prototype key as method', '__proto__', {}],
    ['a non-string method', 42, {}],
    ['a string id', 'getPatientBalance', { patientId: '1' }],
    ['a fractional id', 'getPatientBalance', { patientId: 1.5 }],
    ['a negative id', 'getPatientBalance', { patientId: -1 }],
    ['extra fields', 'getPatientBalance', { patientId: 1, admin: true }],
    ['a missing field', 'searchPatients', {}],
    ['a huge query', 'searchPatients', { query: 'x'.repeat(10_000) }],
    ['an array as input', 'searchPatients', ['smith']],
  ])('answers %s with a typed invalid_input error', (_label, method, input) => {
    const result = dispatch(store.ctx, method, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reports a missing patient as not_found', () => {
    expect(dispatch(store.ctx, 'getPatientBalance', { patientId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('turns an unexpected failure into an internal error without internals, and logs it', () => {
    const log = vi.fn();
    const closed = tempStore();
    closed.db.close();
    const result = dispatch(closed.ctx, 'searchPatients', { query: 'smith' }, { log });
    closed.cleanup();
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/database|sqlite|Error/i);
    expect(log).toHaveBeenCalledOnce();
  });
});
