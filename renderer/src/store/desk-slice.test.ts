import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { createAppStore } from './index';
import { balanceFor, controllableApi, flush, itemFor } from './testing';

async function storeWithOpenPatient(id = 7) {
  const { api, calls } = controllableApi();
  const store = createAppStore({ api, searchDebounceMs: 0 });
  void store.getState().openPatient(id);
  calls[0]!.resolve(balanceFor(id, { items: [itemFor(70), itemFor(71)] }));
  await flush();
  return { store, calls };
}

describe('desk slice', () => {
  it('shows the balance an action answers with, and hands back its result', async () => {
    const { store, calls } = await storeWithOpenPatient();
    const done = store.getState().act('carryForward', { itemId: 70, idempotencyKey: 'desk:key-0001' });
    expect(calls[1]).toMatchObject({ method: 'carryForward', input: { itemId: 70, idempotencyKey: 'desk:key-0001' } });
    const after = balanceFor(7, { totalDueCents: 640, items: [itemFor(70, { carriedForward: { since: '2026-11-22', until: '2027-04-03' } })] });
    calls[1]!.resolve({ result: { carryForwardId: 1, until: '2027-04-03', policyVersion: 1 }, balance: after });
    await expect(done).resolves.toEqual({ carryForwardId: 1, until: '2027-04-03', policyVersion: 1 });
    expect(store.getState().balance).toBe(after);
  });

  it('ignores a balance that belongs to another patient (opened meanwhile)', async () => {
    const { store, calls } = await storeWithOpenPatient(7);
    const done = store.getState().act('recordRefund', { itemId: 70, method: 'cash', idempotencyKey: 'desk:key-0002' });
    void store.getState().openPatient(8);
    calls[2]!.resolve(balanceFor(8));
    await flush();
    calls[1]!.resolve({ result: { entryId: 3, amountCents: 300, policyVersion: 1 }, balance: balanceFor(7) });
    await done;
    expect(store.getState().balance?.patient.id).toBe(8);
  });

  it('rethrows a refusal for the dialog and reads the balance again', async () => {
    const { store, calls } = await storeWithOpenPatient();
    const done = store.getState().act('carryForward', { itemId: 70, idempotencyKey: 'desk:key-0003' });
    calls[1]!.reject(new ApiError('refused', '99422 on 2026-10-05 was already carried forward today.'));
    await expect(done).rejects.toThrow('was already carried forward today');
    expect(calls[2]).toMatchObject({ method: 'getPatientBalance', input: { patientId: 7 } });
    const fresh = balanceFor(7, { totalDueCents: 1 });
    calls[2]!.resolve(fresh);
    await flush();
    expect(store.getState()).toMatchObject({ balance: fresh, patientStatus: 'ready' });
  });

  it('opens one dialog at a time for the selected item, and forgets it all for the next patient', async () => {
    const { store, calls } = await storeWithOpenPatient();
    store.getState().selectItem(71);
    store.getState().openDialog('writeOff');
    const first = store.getState().dialog;
    expect(first).toMatchObject({ kind: 'writeOff', itemId: 71 });
    store.getState().closeDialog();
    store.getState().openDialog('writeOff');
    expect(store.getState().dialog?.opening).not.toBe(first?.opening);
    store.getState().setDeskNotice('Done.');

    void store.getState().openPatient(9);
    expect(store.getState()).toMatchObject({ selectedItemId: null, dialog: null, deskNotice: null });
    calls[1]!.resolve(balanceFor(9));
    await flush();
  });

  it('keeps the selection when the same patient is loaded again', async () => {
    const { store, calls } = await storeWithOpenPatient();
    store.getState().selectItem(71);
    void store.getState().reloadPatient();
    calls[1]!.resolve(balanceFor(7, { items: [itemFor(70), itemFor(71)] }));
    await flush();
    expect(store.getState().selectedItemId).toBe(71);
  });

  it('loads today’s receipt when the receipt opens', async () => {
    const { store, calls } = await storeWithOpenPatient();
    store.setState({ appInfo: { practiceName: 'Maple', today: '2026-11-22', host: 'browser' } });
    store.getState().openDialog('receipt');
    expect(store.getState().receiptStatus).toBe('loading');
    expect(calls[1]).toMatchObject({ method: 'getReceipt', input: { patientId: 7, date: '2026-11-22' } });
    calls[1]!.reject(new ApiError('internal', 'Something went wrong on this computer.'));
    await flush();
    await flush();
    expect(store.getState()).toMatchObject({ receiptStatus: 'error', receiptError: 'Something went wrong on this computer.' });
  });
});
