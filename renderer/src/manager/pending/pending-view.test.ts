import { describe, expect, it } from 'vitest';
import type { PendingEntry } from '../../../../shared/api/decisions';
import { PENDING_KINDS } from '../../../../shared/api/decisions';
import { actionsFor, decidedNotice, kindOptions, reasonDialogText, sinceLabel } from './pending-view';

const entry = (overrides: Partial<PendingEntry> = {}): PendingEntry => ({
  kind: 'write_off_request',
  id: 7,
  patientId: 3,
  mrn: 'M3',
  patientName: 'Able, Ann',
  itemId: 11,
  amountCents: 4_500,
  since: '2026-11-20',
  detail: '99213 on 2026-10-01, requested by dana: Patient lost job',
  ...overrides,
});

describe('pending page helpers', () => {
  it('offers approve/deny for requests and bad debt, resolve for sync issues, review for hardship, nothing for ended carry-forwards', () => {
    expect(Object.fromEntries(PENDING_KINDS.map((kind) => [kind, actionsFor(kind)]))).toEqual({
      write_off_request: ['approve', 'deny'],
      hardship_application: ['review_hardship'],
      bad_debt_candidate: ['approve', 'deny'],
      carry_forward_ended: [],
      sync_conflict: ['resolve'],
      quarantined: ['resolve'],
    });
  });

  it('words each dialog for what will happen', () => {
    expect(reasonDialogText(entry(), 'approve')).toMatchObject({ title: 'Approve the write-off', confirm: 'Approve and write off' });
    expect(reasonDialogText(entry(), 'approve').explanation).toMatch(/^\$45\.00 is written off now/);
    expect(reasonDialogText(entry({ kind: 'bad_debt_candidate' }), 'deny').explanation).toMatch(/leaves this list until a statement, letter or call is recorded/);
    expect(reasonDialogText(entry({ kind: 'sync_conflict', amountCents: 4_000 }), 'resolve').explanation).toMatch(/^The main system's amount, \$40\.00, is accepted/);
    expect(reasonDialogText(entry({ kind: 'quarantined', amountCents: null }), 'resolve').confirm).toBe('Mark resolved');
  });

  it('lists every kind with its count in the filter', () => {
    const counts = { write_off_request: 2, hardship_application: 0, bad_debt_candidate: 1, carry_forward_ended: 0, sync_conflict: 0, quarantined: 4 };
    expect(kindOptions({ counts, total: 7 }).map((o) => o.label)).toEqual([
      'All kinds (7)',
      'Write-off request (2)',
      'Hardship application (0)',
      'Bad-debt candidate (1)',
      'Carry-forward ended (0)',
      'Sync conflict (0)',
      'Quarantined record (4)',
    ]);
    expect(kindOptions(null)[0]).toEqual({ value: 'all', label: 'All kinds' });
  });

  it('reads dates as the desk does and names the patient in the notice', () => {
    expect(sinceLabel('2026-05-01')).toBe('05/01/2026');
    expect(sinceLabel('2026-11-22T14:00:00')).toBe('11/22/2026');
    expect(decidedNotice(entry(), 'Denied: the desk collects it as usual.')).toBe('Able, Ann: Denied: the desk collects it as usual.');
    expect(decidedNotice(entry({ patientName: null }), 'Resolved.')).toBe('Resolved.');
  });
});
