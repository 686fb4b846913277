import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../shared/policy/document';
import { centsText, checkPolicyForm, codesError, formValuesFrom, unplacedErrors } from './policy-form';

const values = () => formValuesFrom(DEFAULT_POLICY);

describe('the policy form', () => {
  it('round-trips the document in force unchanged', () => {
    expect(checkPolicyForm(values(), DEFAULT_POLICY)).toEqual({ errors: {}, document: DEFAULT_POLICY });
    expect(values().statementThreshold).toBe('20.00');
    expect(values().guidelineFirstPerson).toBe('15,650.00');
  });

  it('turns dollars into whole cents exactly', () => {
    const { document } = checkPolicyForm({ ...values(), statementThreshold: '$25.1', carryMaxTotal: '25.10', nominalFee: '12' }, DEFAULT_POLICY);
    expect(document?.statementThresholdCents).toBe(2_510);
    expect(document?.carryForward.maxCarriedTotalCents).toBe(2_510);
    expect(document?.nominalServices.feeCents).toBe(1_200);
    expect(centsText(1_565_000)).toBe('15,650.00');
    expect(centsText(5)).toBe('0.05');
  });

  it('says in place what cannot be read as typed, and never rounds', () => {
    const { errors, document } = checkPolicyForm({ ...values(), statementThreshold: '20.005', carryMaxAgeDays: '90.5', guidelineYear: '' }, DEFAULT_POLICY);
    expect(document).toBeNull();
    expect(errors).toEqual({
      statementThresholdCents: 'Enter dollars and cents, like 20 or 20.00 (two decimals at most).',
      'carryForward.maxAgeDays': 'Enter a whole number, like 180.',
      'hardship.povertyGuideline.year': 'Enter a number.',
    });
  });

  it('shows the schema’s own verdict at each setting', () => {
    const { errors } = checkPolicyForm(
      {
        ...values(),
        carryMaxAgeDays: '0',
        smallBalanceMax: '25.00',
        tiers: [
          { upTo: '150', discount: '75' },
          { upTo: '100', discount: '100' },
        ],
        afterExhausted: [],
        nominalCodes: ['99421', 'abc'],
      },
      DEFAULT_POLICY,
    );
    expect(errors['carryForward.maxAgeDays']).toBe('At least 1 day.');
    expect(errors['smallBalanceWriteOff.maxCents']).toBe('Small-balance write-off limit must be at most $20.00.');
    expect(errors['hardship.slidingScale']).toBe('Bands must go up in income.');
    expect(errors['collectionEffort.afterExhausted']).toBe('Once collection effort is complete, a manager may: choose at least one.');
    expect(codesError(errors, ['99421', 'ABC'])).toBe('ABC: A service code is 5 letters or digits (e.g. 99421, G2012).');
    expect(unplacedErrors(errors, 2)).toEqual([]);
  });

  it('keeps settings the form does not show, and reports problems it cannot place', () => {
    const base = { ...DEFAULT_POLICY, futureSetting: 1 } as typeof DEFAULT_POLICY;
    const { errors } = checkPolicyForm(values(), base);
    expect(unplacedErrors(errors, DEFAULT_POLICY.hardship.slidingScale.length)).toEqual([expect.stringMatching(/^"futureSetting" is not a setting of the financial policy/)]);
  });
});
