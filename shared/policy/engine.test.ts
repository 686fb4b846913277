/**
 * Scenario tests of every rule of the financial policy. Each scenario names
 * the source its expectation comes from (domain primer §3 and the issue).
 */
import { describe, expect, it } from 'vitest';
import type { ItemFacts, ManagerDecision, PatientFacts } from './engine';
import { evaluateItems, todaysCopayReason } from './engine';
import type { PolicyDocument } from './document';
import { DEFAULT_POLICY } from './document';
import type { ItemVerdict } from './verdict';

const TODAY = '2026-11-22';

function item(overrides: Partial<ItemFacts> = {}): ItemFacts {
  return {
    id: 1,
    serviceDate: '2026-10-01',
    billedOn: '2026-10-20',
    serviceCode: '99213',
    category: 'coinsurance',
    group: 'PR',
    carc: '2',
    rarc: null,
    amountCents: 3_000,
    openCents: 3_000,
    paidCents: 0,
    program: 'commercial',
    statementsSent: 0,
    firstStatementDate: null,
    carriedSince: null,
    pendingRequest: false,
    approvedException: false,
    conflict: false,
    ...overrides,
  };
}

const patient: PatientFacts = { today: TODAY, hardshipDiscountPercent: null };

function verdict(facts: Partial<ItemFacts>, policy: PolicyDocument = DEFAULT_POLICY, who: PatientFacts = patient, others: Partial<ItemFacts>[] = []): ItemVerdict {
  const items = [item(facts), ...others.map((o, i) => item({ id: 100 + i, ...o }))];
  return evaluateItems(items, who, policy)[0]!;
}

const clauses = (v: ItemVerdict) => v.reasons.map((r) => r.clause);
const rules = (v: ItemVerdict) => v.writeOffs.map((w) => w.rule);

interface Scenario {
  name: string;
  source: string;
  facts: Partial<ItemFacts>;
  collectible: boolean;
  requiredAction: ItemVerdict['requiredAction'];
  clause: string;
  allowed?: ItemVerdict['allowedActions'];
  notAllowed?: ItemVerdict['allowedActions'];
}

const scenarios: Scenario[] = [
  { name: 'commercial coinsurance', source: 'OIG Special Fraud Alert 1994: no routine waiver of cost-sharing', facts: { category: 'coinsurance', carc: '2' }, collectible: true, requiredAction: 'collect', clause: '1.1', notAllowed: ['write_off'] },
  { name: 'commercial copay', source: 'payer contracts require collecting copays', facts: { category: 'copay', carc: '3' }, collectible: true, requiredAction: 'collect', clause: '1.1', notAllowed: ['write_off'] },
  { name: 'deductible', source: 'SSA §1128A(a)(5): waiving deductibles is remuneration', facts: { category: 'deductible', carc: '1' }, collectible: true, requiredAction: 'collect', clause: '1.1', notAllowed: ['write_off'] },
  { name: 'self-pay charge', source: 'practice fee schedule', facts: { category: 'self_pay', group: null, carc: null, program: null }, collectible: true, requiredAction: 'collect', clause: '1.3' },
  { name: 'CO group amount', source: 'primer §3: CO amounts are never billed', facts: { group: 'CO', carc: '45', category: 'other' }, collectible: false, requiredAction: 'none', clause: '4.1', allowed: ['write_off'] },
  { name: 'OA-209 not yet paid', source: 'CARC 209: provider cannot collect', facts: { group: 'OA', carc: '209', category: 'other' }, collectible: false, requiredAction: 'none', clause: '4.2' },
  { name: 'OA-209 collected at the visit', source: 'CARC 209: refund if collected', facts: { group: 'OA', carc: '209', category: 'other', paidCents: 1_000, openCents: -1_000 }, collectible: false, requiredAction: 'refund', clause: '4.2', allowed: ['refund'] },
  { name: 'Medicaid coinsurance', source: '42 CFR 447.15: payment in full', facts: { program: 'medicaid' }, collectible: false, requiredAction: 'none', clause: '4.3', notAllowed: ['collect', 'carry_forward'] },
  { name: 'Medicaid copay', source: '42 CFR 447.15 (state nominal copays need review)', facts: { program: 'medicaid', category: 'copay', carc: '3' }, collectible: false, requiredAction: 'review', clause: '4.3', notAllowed: ['collect'] },
  { name: 'QMB coinsurance', source: 'SSA §1902(n)(3)(B)', facts: { program: 'qmb' }, collectible: false, requiredAction: 'none', clause: '4.4', notAllowed: ['collect', 'carry_forward'] },
  { name: 'QMB deductible already paid', source: 'SSA §1902(n)(3)(B): the patient cannot waive it, refund', facts: { program: 'qmb', category: 'deductible', carc: '1', paidCents: 3_000, openCents: 0 }, collectible: false, requiredAction: 'refund', clause: '4.4' },
  { name: 'Medicare after-hours 99050', source: 'Medicare bundles 99050–99054', facts: { program: 'medicare', serviceCode: '99050', category: 'noncovered', carc: '204' }, collectible: false, requiredAction: 'none', clause: '4.5' },
  { name: 'Medicare after-hours 99053 on a QMB patient', source: 'Medicare bundles 99050–99054', facts: { program: 'qmb', serviceCode: '99053', category: 'noncovered', carc: '204' }, collectible: false, requiredAction: 'none', clause: '4.5' },
  { name: 'Medicare G0444 balance', source: 'G0444 has no cost-sharing: a posting error', facts: { program: 'medicare', serviceCode: 'G0444' }, collectible: false, requiredAction: 'review', clause: '4.6', allowed: ['request_exception'] },
  { name: 'commercial after-hours 99050 (PR-204)', source: 'only Medicare bundles after-hours codes', facts: { program: 'commercial', serviceCode: '99050', category: 'noncovered', carc: '204' }, collectible: true, requiredAction: 'collect', clause: '3.1' },
  { name: 'PR-50 with ABN (policy: bill patient)', source: 'primer: PR-50 with a valid ABN, patient liable', facts: { category: 'noncovered', carc: '50', program: 'medicare' }, collectible: true, requiredAction: 'collect', clause: '3.1' },
];

describe('policy engine: scenarios', () => {
  it.each(scenarios)('$name ($source)', (s) => {
    const v = verdict(s.facts);
    expect(v.collectible).toBe(s.collectible);
    expect(v.requiredAction).toBe(s.requiredAction);
    expect(clauses(v).some((c) => c.startsWith(s.clause))).toBe(true);
    for (const action of s.allowed ?? []) expect(v.allowedActions).toContain(action);
    for (const action of s.notAllowed ?? []) expect(v.allowedActions).not.toContain(action);
    for (const r of v.reasons) {
      expect(r.text.length).toBeGreaterThan(20);
      expect(r.text).toMatch(/\(.+\)$/); // every reason cites its source
    }
  });
});

describe('non-covered denials: one choice for all patients (seed text; primer §3)', () => {
  const writeOffPolicy: PolicyDocument = { ...DEFAULT_POLICY, nonCoveredWithPatientLiability: 'write_off' };
  it.each(['49', '50', '96', '204'])('PR-%s follows the practice choice', (carc) => {
    const billed = verdict({ category: 'noncovered', carc });
    expect(billed.requiredAction).toBe('collect');
    const written = verdict({ category: 'noncovered', carc }, writeOffPolicy);
    expect(written).toMatchObject({ collectible: false, requiredAction: 'none', allowedActions: ['write_off'] });
    expect(rules(written)).toEqual(['noncovered_policy']);
  });
  it('does not extend the write-off choice to cost-sharing', () => {
    expect(verdict({ category: 'coinsurance' }, writeOffPolicy).writeOffs).toEqual([]);
  });
});

describe('carry forward (seed: "don\'t bill anyone for balances under $20"; primer §4)', () => {
  it('allows carrying a balance under the threshold, until the terminal date', () => {
    const v = verdict({ openCents: 1_500, billedOn: '2026-11-01' });
    expect(v.allowedActions).toContain('carry_forward');
    expect(v.carryForwardUntil).toBe('2027-04-30');
    expect(clauses(v)).toContain('2.1 Small balances are carried forward, not statemented');
  });
  it('says when a balance was carried forward today, and asks for an older carried one', () => {
    expect(verdict({ openCents: 600, carriedSince: TODAY }).reasons.find((r) => r.clause.startsWith('2.1'))?.text).toMatch(/^Carried forward today to the next visit/);
    expect(verdict({ openCents: 600, carriedSince: '2026-10-01' }).reasons.find((r) => r.clause.startsWith('2.1'))?.text).toMatch(/^Carried forward since 2026-10-01: ask for it now/);
  });
  it('counts all of the patient\'s collectible balances against the threshold', () => {
    const v = verdict({ openCents: 1_500 }, DEFAULT_POLICY, patient, [{ openCents: 600 }]);
    expect(v.allowedActions).not.toContain('carry_forward');
  });
  it('ignores balances the practice may not collect', () => {
    const v = verdict({ openCents: 1_500 }, DEFAULT_POLICY, patient, [{ openCents: 5_000, program: 'qmb' }]);
    expect(v.allowedActions).toContain('carry_forward');
  });
  it('ends carrying forward once the oldest item is 180 days old (terminal rule)', () => {
    const v = verdict({ openCents: 800, billedOn: '2026-05-01', carriedSince: '2026-06-01' });
    expect(v.allowedActions).not.toContain('carry_forward');
    expect(v.requiredAction).toBe('collect');
    expect(clauses(v)).toContain('2.2 Carried balances are statemented in the end');
  });
  it('ends carrying forward once the carried total reaches the threshold', () => {
    const v = verdict({ openCents: 1_200, carriedSince: '2026-10-01' }, DEFAULT_POLICY, patient, [{ openCents: 900, carriedSince: '2026-10-01' }]);
    expect(v.allowedActions).not.toContain('carry_forward');
    expect(v.reasons.find((r) => r.clause.startsWith('2.2'))?.text).toMatch(/reached \$20\.00/);
  });
  it('follows configured threshold and age', () => {
    const policy: PolicyDocument = { ...DEFAULT_POLICY, statementThresholdCents: 5_000, carryForward: { maxAgeDays: 30, maxCarriedTotalCents: 5_000 } };
    expect(verdict({ openCents: 4_000, billedOn: '2026-11-10' }, policy).carryForwardUntil).toBe('2026-12-10');
    expect(verdict({ openCents: 4_000, billedOn: '2026-10-01' }, policy).allowedActions).not.toContain('carry_forward');
  });
  it('never carries a balance the practice may not collect', () => {
    expect(verdict({ openCents: 500, program: 'medicaid' }).allowedActions).not.toContain('carry_forward');
  });
});

describe('write-offs of collectible cost-sharing (SSA §1128A(a)(5); 42 CFR 1003.110)', () => {
  it('are not allowed without hardship or exhausted collection effort', () => {
    const v = verdict({ category: 'copay', openCents: 500 });
    expect(v.writeOffs).toEqual([]);
    expect(v.allowedActions).not.toContain('write_off');
    expect(v.allowedActions).toContain('request_exception');
  });
  it('are allowed under an approved hardship, for its percentage', () => {
    const v = verdict({ amountCents: 3_333, openCents: 3_333 }, DEFAULT_POLICY, { today: TODAY, hardshipDiscountPercent: 75 });
    expect(v.writeOffs).toEqual([{ rule: 'hardship', maxCents: 2_499, needsApproval: false }]);
  });

  it('take the hardship share once: what was written off under it counts, and never more than is open', () => {
    const hardship = { today: TODAY, hardshipDiscountPercent: 75 };
    const after = verdict({ amountCents: 10_000, openCents: 2_500, hardshipWrittenOffCents: 7_500 }, DEFAULT_POLICY, hardship);
    expect(after.writeOffs.some((w) => w.rule === 'hardship')).toBe(false);
    const partly = verdict({ amountCents: 10_000, openCents: 6_000, hardshipWrittenOffCents: 2_000 }, DEFAULT_POLICY, hardship);
    expect(partly.writeOffs).toContainEqual({ rule: 'hardship', maxCents: 5_500, needsApproval: false });
    const paidFirst = verdict({ amountCents: 10_000, openCents: 1_000 }, DEFAULT_POLICY, hardship);
    expect(paidFirst.writeOffs).toContainEqual({ rule: 'hardship', maxCents: 1_000, needsApproval: false });
  });
  it('become a bad-debt candidate for a manager after 3 statements over 120 days (42 CFR 413.89(e))', () => {
    const v = verdict({ statementsSent: 3, firstStatementDate: '2026-07-01' });
    expect(v.writeOffs).toEqual([{ rule: 'bad_debt', maxCents: 3_000, needsApproval: true }]);
    expect(v.needsApproval).toBe(true);
  });
  it('are not bad debt before the effort is complete', () => {
    expect(rules(verdict({ statementsSent: 3, firstStatementDate: '2026-09-01' }))).toEqual([]);
    expect(rules(verdict({ statementsSent: 2, firstStatementDate: '2026-01-01' }))).toEqual([]);
  });
  it('small-balance write-off is off by default (OIG AO 19-01) and only applies when enabled', () => {
    expect(rules(verdict({ openCents: 300 }))).toEqual([]);
    const on: PolicyDocument = { ...DEFAULT_POLICY, smallBalanceWriteOff: { enabled: true, maxCents: 500 } };
    expect(rules(verdict({ openCents: 300 }, on))).toEqual(['small_balance']);
    expect(rules(verdict({ openCents: 501 }, on))).toEqual([]);
  });
  it('an exception approved by a manager allows writing off the item', () => {
    expect(rules(verdict({ approvedException: true }))).toEqual(['approved_exception']);
  });
  it('a pending request waits for a manager and cannot be requested twice', () => {
    const v = verdict({ pendingRequest: true });
    expect(v.needsApproval).toBe(true);
    expect(v.allowedActions).not.toContain('request_exception');
  });
});

describe('nominal services (seed: charge a nominal amount)', () => {
  it('allows writing off what a non-covered nominal service costs above the nominal fee', () => {
    const v = verdict({ serviceCode: '99421', category: 'noncovered', carc: '204', openCents: 1_600 });
    expect(v.writeOffs).toEqual([{ rule: 'nominal_fee', maxCents: 600, needsApproval: false }]);
  });
  it('still collects cost-sharing on nominal services (primer: writing them off as a habit is a routine waiver)', () => {
    expect(verdict({ serviceCode: 'G2012', category: 'coinsurance', openCents: 280 }).writeOffs).toEqual([]);
  });
});

describe('no rule keys on who the patient is (primer §3, Consistency)', () => {
  it('gives identical verdicts for identical facts, whoever the patient', () => {
    const facts = { openCents: 1_234, statementsSent: 1, firstStatementDate: '2026-10-25' };
    const a = evaluateItems([item({ id: 1, ...facts })], patient, DEFAULT_POLICY);
    const b = evaluateItems([item({ id: 999, ...facts })], patient, DEFAULT_POLICY);
    expect(a).toEqual(b);
  });
});

describe('sync conflicts', () => {
  it('hold an item for review when the main system changed it after a desk decision', () => {
    const v = verdict({ conflict: true, openCents: 900 });
    expect(v).toMatchObject({ requiredAction: 'review', needsApproval: true, allowedActions: ['request_exception'], carryForwardUntil: null });
    expect(clauses(v)).toEqual(['8.1 The main system changed the amount after a desk decision']);
  });
});

describe("a manager's decision, as the desk reads it (issue 5: the desk sees the decision)", () => {
  const decision = (overrides: Partial<ManagerDecision> = {}): ManagerDecision => ({
    subject: 'write_off_request',
    outcome: 'approved',
    decidedBy: 'Morgan Manager',
    decidedOn: '2026-11-22',
    reason: 'Billing error at intake.',
    writtenOffCents: 3_000,
    ...overrides,
  });

  it('an approved write-off closes the item with who, when and why (policy 9.1)', () => {
    const v = verdict({ openCents: 0, managerDecision: decision() });
    expect(v).toMatchObject({ collectible: false, requiredAction: 'none', allowedActions: [], writeOffs: [] });
    expect(clauses(v)).toEqual(['9.1 Exceptions are decided one at a time by a manager, with the reason on record']);
    expect(v.reasons[0]!.text).toMatch(/^Write-off approved by Morgan Manager on Nov 22, 2026: Billing error at intake\. \$30\.00 written off\. \(42 CFR 1003\.110/);
  });
  it('a partial approval leaves the rest to collect, with the decision first', () => {
    const v = verdict({ openCents: 1_000, managerDecision: decision({ writtenOffCents: 2_000 }) });
    expect(v).toMatchObject({ collectible: true, requiredAction: 'collect' });
    expect(clauses(v)[0]).toMatch(/^9\.1 /);
    expect(clauses(v)[1]).toMatch(/^1\.1 /);
    expect(rules(v)).toEqual([]);
  });
  it('a denial says to collect as usual, and the desk may ask again', () => {
    const v = verdict({ managerDecision: decision({ outcome: 'denied', reason: 'No documents', writtenOffCents: 0 }) });
    expect(v).toMatchObject({ collectible: true, requiredAction: 'collect' });
    expect(v.allowedActions).toContain('request_exception');
    expect(v.reasons[0]!.text).toMatch(/^A manager denied the write-off request on Nov 22, 2026: No documents\. Collect as usual\./);
  });
  it('bad-debt decisions are worded as such', () => {
    const approved = verdict({ openCents: 0, managerDecision: decision({ subject: 'bad_debt', reason: 'Three statements, no answer' }) });
    expect(approved.reasons[0]!.text).toMatch(/^Written off as bad debt by Morgan Manager on Nov 22, 2026, after collection effort: Three statements, no answer\. \$30\.00 written off\./);
    const denied = verdict({ statementsSent: 3, firstStatementDate: '2026-05-01', managerDecision: decision({ subject: 'bad_debt', outcome: 'denied', reason: 'Will pay in December', writtenOffCents: 0 }) });
    expect(denied.reasons[0]!.text).toMatch(/^A manager decided on Nov 22, 2026 not to write this off as bad debt: Will pay in December\. Keep collecting as usual\./);
    expect(rules(denied)).toEqual(['bad_debt']);
  });
  it('a newer request waiting for a manager comes first; the old decision follows', () => {
    const v = verdict({ pendingRequest: true, managerDecision: decision({ outcome: 'denied', writtenOffCents: 0 }) });
    expect(clauses(v)[0]).toMatch(/^1\.1 /);
    expect(clauses(v).at(-1)).toMatch(/^9\.1 /);
  });
  it('an item paid in full after a denial reads as paid', () => {
    expect(verdict({ openCents: 0, managerDecision: decision({ outcome: 'denied', writtenOffCents: 0 }) }).reasons[0]!.text).toBe('Paid in full. (payer contracts; OIG Special Fraud Alert (1994); SSA §1128A(a)(5))');
  });
  it('an approval can be posted on an item held for review (a sync conflict, a G0444 posting error)', () => {
    expect(rules(verdict({ conflict: true, approvedException: true }))).toEqual(['approved_exception']);
    expect(rules(verdict({ program: 'medicare', serviceCode: 'G0444', approvedException: true }))).toEqual(['approved_exception']);
  });
});

describe("today's copay", () => {
  it('is collected under the payer contract', () => {
    expect(todaysCopayReason('commercial').text).toMatch(/^Copay for today's visit\. Our contract with the plan requires us to collect it\./);
    expect(todaysCopayReason('qmb').clause).toMatch(/^4\.4/);
  });
});
