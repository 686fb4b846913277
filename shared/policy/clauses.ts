/**
 * The clauses of the written financial policy that verdicts cite, with the
 * public source each default comes from (domain primer §3). `clause` in a
 * reason is "<section> <title>", so staff and auditors can find it in the policy.
 */
export const CLAUSES = {
  costSharing: { section: '1.1', title: 'Copays, deductibles and coinsurance are collected', source: 'payer contracts; OIG Special Fraud Alert (1994); SSA §1128A(a)(5)' },
  todaysCopay: { section: '1.2', title: "Today's copay is collected at check-in", source: 'payer contracts' },
  selfPay: { section: '1.3', title: 'Self-pay charges are collected', source: 'practice fee schedule' },
  statementThreshold: { section: '2.1', title: 'Small balances are carried forward, not statemented', source: 'practice policy' },
  carryForwardTerminal: { section: '2.2', title: 'Carried balances are statemented in the end', source: 'OIG Advisory Opinion 19-01 (a routine waiver is prohibited)' },
  nonCovered: { section: '3.1', title: 'Non-covered services: one rule for every patient', source: 'practice policy; OIG Special Fraud Alert (1994)' },
  nominalServices: { section: '3.2', title: 'Nominal services are charged a nominal fee', source: 'practice policy' },
  contractual: { section: '4.1', title: 'Contractual adjustments are never billed', source: 'payer contract (CO group)' },
  providerCannotCollect: { section: '4.2', title: 'Payer says the patient may not be billed (OA-209)', source: 'CARC 209' },
  medicaid: { section: '4.3', title: 'Medicaid payment is payment in full', source: '42 CFR 447.15' },
  qmb: { section: '4.4', title: 'QMB patients are never billed Medicare cost-sharing', source: 'SSA §1902(n)(3)(B)' },
  medicareAfterHours: { section: '4.5', title: 'Medicare after-hours codes are not billed to the patient', source: 'Medicare bundles 99050–99054' },
  medicareG0444: { section: '4.6', title: 'G0444 has no patient cost-sharing', source: 'Medicare: no coinsurance or deductible for G0444' },
  hardship: { section: '5.1', title: 'Financial hardship: documented, sliding scale, manager approval', source: '42 CFR 1003.110 (individual determination of financial need)' },
  hardshipValidity: { section: '5.2', title: 'An approved hardship determination is reused until it expires', source: 'practice policy (validity in days); a new application after that' },
  collectionEffort: { section: '6.1', title: 'Reasonable collection effort before bad debt', source: '42 CFR 413.89(e); PRM 15-1 §310' },
  smallBalanceWriteOff: { section: '6.2', title: 'Small-balance write-off', source: 'OIG Advisory Opinion 19-01' },
  refunds: { section: '7.1', title: 'Money the patient does not owe is refunded', source: 'payer contracts; CARC 209' },
  prepayment: { section: '7.2', title: 'Prepayments', source: 'practice policy' },
  syncConflict: { section: '8.1', title: 'The main system changed the amount after a desk decision', source: 'practice policy: one balance, one decision' },
  managerDecision: { section: '9.1', title: 'Exceptions are decided one at a time by a manager, with the reason on record', source: '42 CFR 1003.110 (individual, not routine); OIG Advisory Opinion 19-01' },
} as const;

export type ClauseId = keyof typeof CLAUSES;

export interface Reason {
  clause: string;
  text: string;
}

export function reason(id: ClauseId, text: string): Reason {
  const clause = CLAUSES[id];
  return { clause: `${clause.section} ${clause.title}`, text: `${text} (${clause.source})` };
}
