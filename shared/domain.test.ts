import { describe, expect, it } from 'vitest';
import { categoryForPatientAdjustment, whyOwed } from './domain';

describe('categoryForPatientAdjustment', () => {
  it.each([
    ['1', 'deductible'],
    ['2', 'coinsurance'],
    ['3', 'copay'],
    ['49', 'noncovered'],
    ['50', 'noncovered'],
    ['96', 'noncovered'],
    ['204', 'noncovered'],
    ['142', 'other'],
  ])('CARC %s is %s', (carc, category) => expect(categoryForPatientAdjustment(carc)).toBe(category));
});

describe('whyOwed', () => {
  it('names the category and the codes', () => {
    expect(whyOwed({ category: 'noncovered', group: 'PR', carc: '96', rarc: 'N130' })).toBe('Not covered by the plan (PR-96, N130)');
    expect(whyOwed({ category: 'copay', group: 'PR', carc: '3', rarc: null })).toBe('Copay (PR-3)');
    expect(whyOwed({ category: 'self_pay', group: null, carc: null, rarc: null })).toBe('Self-pay charge');
  });
});
