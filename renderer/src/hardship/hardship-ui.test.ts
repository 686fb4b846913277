import { describe, expect, it } from 'vitest';
import type { HardshipApplicationView, PatientHardship } from '../../../shared/api/hardship';
import { checkHardshipForm, previewFacts } from './hardship-form';
import { hardshipLines } from './hardship-words';

describe('hardship form', () => {
  const values = { householdText: '3', incomeText: '$28,000', documents: ['pay_stubs' as const], note: '  lost job ' };

  it('turns what the desk typed into the contract’s input (income in cents)', () => {
    expect(checkHardshipForm(values)).toEqual({ errors: {}, input: { householdSize: 3, annualIncomeCents: 2_800_000, documentsSeen: ['pay_stubs'], note: 'lost job' } });
    expect(checkHardshipForm({ ...values, incomeText: '0', note: '' }).input).toEqual({ householdSize: 3, annualIncomeCents: 0, documentsSeen: ['pay_stubs'] });
  });

  it('says what is wrong in the contract’s words', () => {
    expect(checkHardshipForm({ householdText: '', incomeText: '', documents: [], note: '' }).errors).toEqual({
      household: 'Enter the number of people in the household.',
      income: 'Enter the household’s yearly income (0 if none).',
      documents: 'Tick the documents you saw: policy 5.1 requires documented income (a signed self-attestation counts).',
    });
    expect(checkHardshipForm({ ...values, householdText: '2.5' }).errors.household).toBe('Enter a whole number of people, like 3.');
    expect(checkHardshipForm({ ...values, householdText: '0' }).errors.household).toBe('A household has at least 1 person.');
    expect(checkHardshipForm({ ...values, householdText: '31' }).errors.household).toMatch(/more than 30/);
    expect(checkHardshipForm({ ...values, incomeText: '28,000.123' }).errors.income).toMatch(/dollars and cents/);
    expect(checkHardshipForm({ ...values, incomeText: '-5' }).errors.income).toBe('The income cannot be negative.');
    expect(checkHardshipForm({ ...values, incomeText: '20000000' }).errors.income).toMatch(/too large/);
  });

  it('previews only once both numbers are typed correctly', () => {
    expect(previewFacts({ householdText: '3', incomeText: '' })).toBeNull();
    expect(previewFacts({ householdText: 'x', incomeText: '100' })).toBeNull();
    expect(previewFacts({ householdText: ' 4 ', incomeText: '31,250.50' })).toEqual({ householdSize: 4, annualIncomeCents: 3_125_050 });
  });
});

describe('hardship lines in the patient view', () => {
  const application = (over: Partial<HardshipApplicationView>): HardshipApplicationView => ({
    id: 1,
    patientId: 9,
    status: 'approved',
    state: 'active',
    householdSize: 3,
    annualIncomeCents: 2_800_000,
    documentsSeen: ['pay_stubs'],
    note: null,
    submittedBy: 'desk',
    submittedAt: '2026-11-22T14:00:00.000Z',
    result: {
      householdSize: 3,
      annualIncomeCents: 2_800_000,
      guidelineYear: 2025,
      guidelineCents: 2_665_000,
      percentOfGuideline: 105,
      discountPercent: 75,
      bandUpToPercent: 150,
      policyVersion: 1,
      explanation: { clause: '5.1', text: '' },
    },
    decidedBy: 'manager',
    decidedAt: '2026-11-23T10:00:00.000Z',
    decisionReason: 'Pay stubs seen',
    expiresOn: '2027-11-23',
    ...over,
  });
  const record = (over: Partial<PatientHardship>): PatientHardship => ({ patientId: 9, active: null, pending: null, lastExpired: null, history: [], validForDays: 365, validity: { clause: '5.2', text: '' }, ...over });

  it('nothing on file: no line', () => {
    expect(hardshipLines(record({}))).toEqual([]);
  });

  it('in force: the discount and the expiry', () => {
    expect(hardshipLines(record({ active: application({}) }))).toEqual([
      {
        tone: 'active',
        title: 'Financial hardship approved: 75% off, expires on 11/23/2027',
        detail: 'Household of 3 people, $28,000.00 a year (105% of the poverty guideline). Approved by manager; the hardship write-off is offered on the items.',
      },
    ]);
  });

  it('expired: a new application is needed; a pending one shows beside it', () => {
    const lines = hardshipLines(record({ lastExpired: application({ state: 'expired' }), pending: application({ id: 2, status: 'pending', state: 'pending', decidedBy: null, expiresOn: null }) }));
    expect(lines.map((l) => [l.tone, l.title])).toEqual([
      ['expired', 'Financial hardship expired on 11/23/2027: a new application is needed'],
      ['pending', 'Hardship application waiting for a manager (submitted 11/22/2026)'],
    ]);
    expect(lines[1]!.detail).toContain('gives 75% off if approved');
  });
});
