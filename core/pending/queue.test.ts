import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import { pendingQueue } from './queue';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

describe('pendingQueue', () => {
  it('lists write-off requests, ended carry-forwards, bad-debt candidates, conflicts and quarantined records', () => {
    const requested = addPatient(store.db, { items: [{ amountCents: 900 }] });
    expect(dispatch(store.ctx, 'requestWriteOff', { itemId: requested.itemIds[0], reason: 'Patient lost job', idempotencyKey: 'pending-req-1' }).ok).toBe(true);
    const carried = addPatient(store.db, { items: [{ amountCents: 800, billedOn: '2026-04-01' }] });
    store.db.prepare("INSERT INTO carry_forwards (item_id, patient_id, carried_on, statement_by, actor, policy_version) VALUES (?, ?, '2026-05-01', '2026-09-28', 't', 1)").run(carried.itemIds[0], carried.patientId);
    const exhausted = addPatient(store.db, { items: [{ amountCents: 6_000, statements: ['2026-05-01', '2026-06-01', '2026-07-01'] }] });
    const stillTrying = addPatient(store.db, { items: [{ amountCents: 6_000, statements: ['2026-10-01'] }] });
    store.db.prepare("INSERT INTO quarantine (source, location, reason, raw, created_at) VALUES ('fhir', 'entry 3 (Observation/1)', 'Observation resources are not imported', '{}', '2026-11-22T08:00:00Z')").run();

    const queue = pendingQueue(store.db, store.ctx.clock);
    expect(queue.map((e) => [e.kind, e.itemId])).toEqual([
      ['write_off_request', requested.itemIds[0]],
      ['carry_forward_ended', carried.itemIds[0]],
      ['bad_debt_candidate', exhausted.itemIds[0]],
      ['quarantined', null],
    ]);
    expect(queue.some((e) => e.itemId === stillTrying.itemIds[0])).toBe(false);
    expect(queue[1]!.detail).toMatch(/^99213 .* on 2026-10-01\. 2\.2 Carried balances are statemented in the end/);
    expect(queue[2]).toMatchObject({ amountCents: 6_000, since: '2026-05-01' });
  });
});
