import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contractInputs } from '../../../shared/contract';
import { ApiError } from '../../../shared/errors';
import { createAppStore } from './index';
import { SEARCH_PAGE_SIZE } from './search-slice';
import { balanceFor, controllableApi, flush, patient } from './testing';

describe('search slice', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a pause in typing, then sends one search for the latest text', () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    store.getState().setQuery('s');
    vi.advanceTimersByTime(50);
    store.getState().setQuery('sm');
    vi.advanceTimersByTime(50);
    store.getState().setQuery('smi');
    expect(store.getState().searchStatus).toBe('searching');
    expect(store.getState().listOpen).toBe(true);
    vi.advanceTimersByTime(119);
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.input)).toEqual([{ query: 'smi', limit: SEARCH_PAGE_SIZE }]);
  });

  it('asks for a page of results the contract accepts', () => {
    expect(contractInputs.searchPatients.safeParse({ query: 'smi', limit: SEARCH_PAGE_SIZE }).success).toBe(true);
  });

  it('ignores an answer that arrives after a newer search was sent', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    store.getState().setQuery('sm');
    vi.advanceTimersByTime(120);
    store.getState().setQuery('smith');
    vi.advanceTimersByTime(120);
    expect(calls).toHaveLength(2);

    calls[1]!.resolve([patient(2, 'Smith, Jo')]);
    await flush();
    calls[0]!.resolve([patient(1, 'Small, Al'), patient(2, 'Smith, Jo')]);
    await flush();

    expect(store.getState().results.map((p) => p.id)).toEqual([2]);
    expect(store.getState().searchStatus).toBe('done');
  });

  it('drops a pending answer when the box is cleared', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    store.getState().setQuery('sm');
    vi.advanceTimersByTime(120);
    store.getState().setQuery('');
    calls[0]!.resolve([patient(1, 'Small, Al')]);
    await flush();
    expect(store.getState()).toMatchObject({ query: '', results: [], searchStatus: 'idle', listOpen: false });
  });

  it('shows the core’s message when a search fails', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    store.getState().setQuery('x'.repeat(5));
    vi.advanceTimersByTime(120);
    calls[0]!.reject(new ApiError('invalid_input', 'query: Search text is too long.'));
    await flush();
    expect(store.getState()).toMatchObject({ searchStatus: 'error', searchError: 'query: Search text is too long.' });
  });

  it('moves the highlight with wrap-around and resets it when new results arrive', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 0 });
    store.getState().setQuery('a');
    vi.advanceTimersByTime(0);
    calls[0]!.resolve([patient(1, 'A, One'), patient(2, 'A, Two'), patient(3, 'A, Three')]);
    await flush();
    const { moveHighlight } = store.getState();
    expect(store.getState().highlighted).toBe(-1);
    moveHighlight(1);
    expect(store.getState().highlighted).toBe(0);
    moveHighlight(-1);
    expect(store.getState().highlighted).toBe(2);
    moveHighlight(1);
    expect(store.getState().highlighted).toBe(0);

    store.getState().setListOpen(false);
    expect(store.getState()).toMatchObject({ listOpen: false, highlighted: -1 });
    moveHighlight(-1);
    expect(store.getState()).toMatchObject({ listOpen: true, highlighted: 2 });

    store.getState().setQuery('ab');
    vi.advanceTimersByTime(0);
    calls[1]!.resolve([patient(1, 'Ab, One')]);
    await flush();
    expect(store.getState().highlighted).toBe(-1);
  });
});

describe('Enter in the search box', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a waiting search at once and opens its only result (a scanned MRN + Enter)', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    store.getState().setQuery('M0000042');
    store.getState().submitSearch();
    expect(calls.map((c) => c.input)).toEqual([{ query: 'M0000042', limit: SEARCH_PAGE_SIZE }]);
    calls[0]!.resolve([patient(42, 'Schinner, Bertha')]);
    await flush();
    expect(calls[1]).toMatchObject({ method: 'getPatientBalance', input: { patientId: 42 } });
    expect(store.getState()).toMatchObject({ query: '', listOpen: false, patientId: 42, patientStatus: 'loading' });
  });

  it('does not pick for the desk when the early answer has several patients', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    store.getState().setQuery('smith');
    store.getState().submitSearch();
    calls[0]!.resolve([patient(1, 'Smith, A'), patient(2, 'Smith, B')]);
    await flush();
    expect(calls).toHaveLength(1);
    expect(store.getState()).toMatchObject({ searchStatus: 'done', patientId: null });
    expect(store.getState().results).toHaveLength(2);
  });

  it('opens the highlighted result', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 0 });
    store.getState().setQuery('smith');
    vi.advanceTimersByTime(0);
    calls[0]!.resolve([patient(1, 'Smith, A'), patient(2, 'Smith, B')]);
    await flush();
    store.getState().submitSearch();
    expect(calls).toHaveLength(1);
    store.getState().moveHighlight(1);
    store.getState().moveHighlight(1);
    store.getState().submitSearch();
    expect(calls[1]).toMatchObject({ method: 'getPatientBalance', input: { patientId: 2 } });
    expect(store.getState().query).toBe('');
  });

  it('forgets an early Enter once the text changes', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    store.getState().setQuery('M00');
    store.getState().submitSearch();
    store.getState().setQuery('M000');
    vi.advanceTimersByTime(120);
    calls[1]!.resolve([patient(5, 'Only, One')]);
    await flush();
    expect(calls).toHaveLength(2);
    expect(store.getState().patientId).toBeNull();
  });
});

describe('patient slice', () => {
  it('shows only the most recently opened patient', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    void store.getState().openPatient(1);
    void store.getState().openPatient(2);
    expect(store.getState()).toMatchObject({ patientId: 2, patientStatus: 'loading' });
    calls[1]!.resolve(balanceFor(2));
    await flush();
    calls[0]!.resolve(balanceFor(1));
    await flush();
    expect(store.getState().patientStatus).toBe('ready');
    expect(store.getState().balance?.patient.id).toBe(2);
  });

  it('keeps the error message and can try again', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    void store.getState().openPatient(7);
    calls[0]!.reject(new ApiError('not_found', 'No patient with id 7.'));
    await flush();
    expect(store.getState()).toMatchObject({ patientStatus: 'error', patientError: 'No patient with id 7.', balance: null });

    void store.getState().reloadPatient();
    expect(calls[1]).toMatchObject({ method: 'getPatientBalance', input: { patientId: 7 } });
    calls[1]!.resolve(balanceFor(7));
    await flush();
    expect(store.getState()).toMatchObject({ patientStatus: 'ready', patientError: null });
  });

  it('reports an unexpected failure without its internals', async () => {
    const { api, calls } = controllableApi();
    const store = createAppStore({ api, searchDebounceMs: 120 });
    void store.getState().openPatient(3);
    calls[0]!.reject(new TypeError('x is undefined'));
    await flush();
    expect(store.getState().patientError).not.toContain('undefined');
  });
});
