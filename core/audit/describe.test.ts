import { describe, expect, it } from 'vitest';
import { auditActionLabel } from '../../shared/api/audit';
import { auditAmount, auditSummary, parseDetail } from './describe';

describe('audit records in plain words', () => {
  it('labels each kind of action, and words a kind it does not know from its code', () => {
    expect(auditActionLabel('payment.recorded')).toBe('Payment recorded');
    expect(auditActionLabel('write_off.approved')).toBe('Write-off request approved');
    expect(auditActionLabel('sign_in')).toBe('Signed in');
    expect(auditActionLabel('statement.printed_again')).toBe('Statement printed again');
  });

  it('summarises the details each kind records, and the amount it moved', () => {
    expect(auditSummary('item.written_off', { rule: 'nominal_fee', amountCents: 600, note: null })).toBe('Rule: Above the nominal fee');
    expect(auditSummary('sync.imported', { file: 'era.835', created: 3, updated: 0, patients: 1, quarantined: 0 })).toBe('File era.835; 3 created, 1 new patients');
    expect(auditSummary('collection.attempted', { kind: 'statement', itemIds: [1, 2], amountCents: 900, note: null })).toBe('Statement; for 2 items');
    expect(auditAmount({ amountCents: 600 })).toBe(600);
    expect(auditAmount({ openCents: 900, until: '2027-01-01' })).toBe(900);
    expect(auditAmount({})).toBeNull();
  });

  it('falls back to the reason, or the simple fields, for kinds it has no sentence for; never fails on odd details', () => {
    expect(auditSummary('quarantine.resolved', { quarantineId: 4, reason: 'Duplicate of claim 77', policyVersion: 2 })).toBe('Duplicate of claim 77');
    expect(auditSummary('setting_changed', { idleLockMinutes: 10 })).toBe('idle lock minutes: 10');
    expect(auditSummary('user_renamed', { username: 'x'.repeat(500) })).toHaveLength(240);
    expect(parseDetail('not json')).toEqual({});
    expect(parseDetail('[1,2]')).toEqual({});
  });
});

describe('decisions in the audit trail', () => {
  it('say the reason and what was written off', () => {
    const approved = { requestId: 3, itemId: 9, decision: 'approved', reason: 'Documented hardship', requestedCents: 700, writtenOffCents: 700, entryId: 12, decidedBy: 'manager' };
    expect(auditSummary('write_off.approved', approved)).toBe('Reason: Documented hardship; $7.00 written off');
    expect(auditAmount(approved)).toBe(700);
    const denied = { ...approved, decision: 'denied', reason: 'Not a hardship case', writtenOffCents: 0 };
    expect(auditSummary('write_off.denied', denied)).toBe('Reason: Not a hardship case');
    expect(auditAmount(denied)).toBe(700);
    expect(auditSummary('policy.published', { basedOnVersion: 1, note: 'Threshold $25', changes: [{}, {}] })).toBe('Replaces version 1; Threshold $25; 2 changes');
  });
});
