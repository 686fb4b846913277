import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PendingEntry } from '../../shared/api/decisions';
import { call } from '../api/dispatch';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import { pendingQueueView } from './view';

const entry = (overrides: Partial<PendingEntry>): PendingEntry => ({
  kind: 'write_off_request',
  id: 1,
  patientId: 1,
  mrn: 'M1',
  patientName: 'Able, Ann',
  itemId: 1,
  amountCents: 1_000,
  since: '2026-11-01T10:00:00.000Z',
  detail: '',
  ...overrides,
});

describe('pendingQueueView: filter and sort', () => {
  const all = [
    entry({ id: 1, patientName: 'Cole, Cy', amountCents: 500, since: '2026-11-03T09:00:00.000Z' }),
    entry({ id: 2, kind: 'bad_debt_candidate', patientName: 'able, Bo', amountCents: 9_000, since: '2026-05-01' }),
    entry({ id: 3, kind: 'quarantined', patientId: null, mrn: null, patientName: null, itemId: null, amountCents: null, since: '2026-10-01T08:00:00Z' }),
    entry({ id: 4, kind: 'sync_conflict', patientName: 'Baker, Di', amountCents: 2_000, since: '2026-11-02T09:00:00.000Z' }),
  ];
  const ids = (view: { entries: PendingEntry[] }) => view.entries.map((e) => e.id);

  it('sorts oldest first by default, largest amount first, or by patient name (entries without one last)', () => {
    expect(ids(pendingQueueView(all))).toEqual([2, 3, 4, 1]);
    expect(ids(pendingQueueView(all, { sort: 'amount' }))).toEqual([2, 4, 1, 3]);
    expect(ids(pendingQueueView(all, { sort: 'patient' }))).toEqual([2, 4, 1, 3]);
  });

  it('filters by kind and counts every kind whatever the filter', () => {
    const view = pendingQueueView(all, { kind: 'sync_conflict' });
    expect(ids(view)).toEqual([4]);
    expect(view.total).toBe(4);
    expect(view.counts).toEqual({ write_off_request: 1, hardship_application: 0, bad_debt_candidate: 1, carry_forward_ended: 0, sync_conflict: 1, quarantined: 1 });
    expect(all.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('getPendingQueue', () => {
  let store: TempStore;
  beforeEach(() => {
    store = tempStore();
  });
  afterEach(() => store.cleanup());

  it('lists hardship applications beside write-off requests, through the contract', () => {
    const requested = addPatient(store.db, { items: [{ amountCents: 900 }] });
    call(store.ctx, 'requestWriteOff', { itemId: requested.itemIds[0], reason: 'Patient lost job', idempotencyKey: 'view-test-1' });
    const applicant = addPatient(store.db, { items: [{ amountCents: 5_000 }] });
    call(store.ctx, 'submitHardshipApplication', { patientId: applicant.patientId, householdSize: 3, annualIncomeCents: 2_800_000, documentsSeen: ['pay_stubs'], idempotencyKey: 'view-test-2' });

    const view = call(store.ctx, 'getPendingQueue', {});
    expect(view.entries.map((e) => [e.kind, e.patientId])).toEqual([
      ['write_off_request', requested.patientId],
      ['hardship_application', applicant.patientId],
    ]);
    expect(view.entries[1]).toMatchObject({ mrn: expect.any(String), patientName: expect.stringMatching(/^Fixture, /), itemId: null, amountCents: null });
    expect(view.counts.hardship_application).toBe(1);
    expect(call(store.ctx, 'getPendingQueue', { kind: 'hardship_application' }).entries).toHaveLength(1);
    expect(() => call(store.ctx, 'getPendingQueue', { sort: 'newest' })).toThrow(/Sort by oldest, amount or patient/);
  });
});
