/** Fakes for the store's unit tests: an api whose answers the test hands out, and small balances. */
import type { ApiInput, ApiMethod, ApiOutput, CheckInItem, PatientBalance, PatientSummary } from '../../../shared/contract';
import type { StoreDeps } from './types';

export const patient = (id: number, name: string): PatientSummary => ({ id, mrn: `M${id}`, name, dob: '1980-03-02', phone: null });

export function balanceFor(id: number, overrides: Partial<PatientBalance> = {}): PatientBalance {
  return {
    patient: patient(id, `Patient, ${id}`),
    coverages: [],
    appointmentToday: null,
    items: [],
    totalDueCents: id * 100,
    notCollectibleCents: 0,
    dueTodayCents: 0,
    todaysCopay: null,
    refundsDueCents: 0,
    unappliedCreditCents: 0,
    policyVersion: 1,
    carryForwardLimitCents: 2_000,
    lastSyncedAt: null,
    ...overrides,
  };
}

/** A collectible item the policy lets the desk collect, carry forward and ask a manager about. */
export function itemFor(id: number, overrides: Partial<CheckInItem> = {}): CheckInItem {
  return {
    id,
    serviceDate: '2026-10-05',
    serviceCode: '99422',
    description: 'Online digital E/M, 11-20 min',
    category: 'coinsurance',
    group: 'PR',
    carc: '2',
    rarc: null,
    amountCents: 640,
    openCents: 640,
    verdict: {
      collectible: true,
      requiredAction: 'collect',
      allowedActions: ['collect', 'carry_forward', 'request_exception'],
      needsApproval: false,
      reasons: [
        { clause: '1.1 Copays, deductibles and coinsurance are collected', text: 'The patient’s share (coinsurance).' },
        { clause: '2.1 Small balances are carried forward, not statemented', text: 'Under $20.00: may be carried forward (until 2027-04-03).' },
      ],
      writeOffs: [],
      carryForwardUntil: '2027-04-03',
      refundCents: 0,
    },
    collection: { statementsSent: 0, firstStatementDate: null },
    carriedForward: null,
    ...overrides,
  };
}

export interface Call {
  method: ApiMethod;
  input: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** An api whose answers the test hands out, in any order. */
export function controllableApi() {
  const calls: Call[] = [];
  const api = (<M extends ApiMethod>(method: M, input: ApiInput<M>) =>
    new Promise<ApiOutput<M>>((resolve, reject) => {
      calls.push({ method, input, resolve: resolve as (value: unknown) => void, reject });
    })) as StoreDeps['api'];
  return { api, calls };
}

export const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));
