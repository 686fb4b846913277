import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicyDocument } from './document';
import { slidingScale } from './hardship';

describe('policy document', () => {
  it('accepts the defaults of the issue', () => {
    const policy = parsePolicyDocument(DEFAULT_POLICY);
    expect(policy.statementThresholdCents).toBe(2_000);
    expect(policy.carryForward.maxAgeDays).toBe(180);
    expect(policy.collectionEffort).toMatchObject({ minStatements: 3, minDaysFromFirstStatement: 120 });
    expect(policy.smallBalanceWriteOff.enabled).toBe(false);
  });

  it.each([
    ['a VIP list', { vipPatients: ['M0000001'] }],
    ['a staff exemption', { exemptions: { staff: true } }],
    ['a referral-source rule', { rules: [{ when: { referralSource: 'Dr. Friend' }, then: 'write_off' }] }],
    ['a per-payer preference', { payerPreferences: { Aetna: 'write_off' } }],
  ])('cannot express a preference for a patient or class of patients: %s', (_name, extra) => {
    expect(() => parsePolicyDocument({ ...DEFAULT_POLICY, ...extra })).toThrow(/not valid/);
  });

  it.each([
    ['a negative threshold', { statementThresholdCents: -1 }],
    ['fractional cents', { statementThresholdCents: 19.99 }],
    ['hardship without documentation', { hardship: { ...DEFAULT_POLICY.hardship, documentationRequired: false } }],
    ['hardship without manager approval', { hardship: { ...DEFAULT_POLICY.hardship, managerApprovalRequired: false } }],
    ['a made-up non-covered choice', { nonCoveredWithPatientLiability: 'depends_on_patient' }],
    ['a malformed service code', { nominalServices: { codes: ['99421; DROP'], feeCents: 500 } }],
  ])('rejects %s with a readable message', (_name, change) => {
    expect(() => parsePolicyDocument({ ...DEFAULT_POLICY, ...change })).toThrow(/^The financial policy is not valid: /);
  });
});

describe('sliding scale (HHS poverty guideline)', () => {
  const hardship = DEFAULT_POLICY.hardship;
  it.each([
    [1, 1_565_000, 100, 100],
    [1, 2_347_500, 150, 75],
    [4, 6_400_000, 199, 50],
    [4, 9_000_000, 279, 0],
  ])('household of %i earning %i cents is %i%% of the guideline: %i%% off', (size, income, percent, discount) => {
    expect(slidingScale(hardship, { householdSize: size, annualIncomeCents: income })).toMatchObject({ percentOfGuideline: percent, discountPercent: discount });
  });
  it('refuses impossible households', () => {
    expect(() => slidingScale(hardship, { householdSize: 0, annualIncomeCents: 1 })).toThrow();
  });
});
