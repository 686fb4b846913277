import type { PatientBalance, PatientSummary } from '../../shared/contract';
import { whyOwed } from '../../shared/domain';
import { formatCents } from '../../shared/money';
import { toBalanceItem } from '../balances/item-facts';

/** The `search --json` shape: just what a script needs to pick a patient. */
export function searchJson(patients: PatientSummary[]) {
  return patients.map(({ id, mrn, name, dob }) => ({ id, mrn, name, dob }));
}

/** The `balance --json` shape (documented in the README). */
export function balanceJson(balance: PatientBalance) {
  const { id, mrn, name, dob } = balance.patient;
  return {
    patient: { id, mrn, name, dob },
    coverages: balance.coverages.map(({ payer, program, copayCents }) => ({ payer, program, copayCents })),
    totalDueCents: balance.totalDueCents,
    dueTodayCents: balance.dueTodayCents,
    items: balance.items.map((item) => ({
      ...toBalanceItem(item),
      verdict: {
        collectible: item.verdict.collectible,
        requiredAction: item.verdict.requiredAction,
        allowedActions: item.verdict.allowedActions,
        needsApproval: item.verdict.needsApproval,
        reasons: item.verdict.reasons,
      },
      collection: item.collection,
    })),
  };
}

const ACTION_WORDS = { collect: 'Collect', none: 'Do not collect', refund: 'Refund', review: 'Manager review' } as const;

export function searchText(patients: PatientSummary[]): string {
  if (patients.length === 0) return 'No patients match.';
  return patients.map((p) => `${p.mrn.padEnd(10)} ${(p.dob ?? 'no DOB').padEnd(10)}  ${p.name}`).join('\n');
}

export function balanceText(balance: PatientBalance): string {
  const lines = [`${balance.patient.name}  DOB ${balance.patient.dob}  MRN ${balance.patient.mrn}`];
  for (const c of balance.coverages) lines.push(`  ${c.payer} (${c.program})${c.copayCents ? `, copay ${formatCents(c.copayCents)}` : ''}`);
  if (balance.appointmentToday) lines.push(`Today ${balance.appointmentToday.startsAt.slice(11)} with ${balance.appointmentToday.provider}`);
  for (const item of balance.items) {
    lines.push(`  #${item.id}  ${item.serviceDate}  ${item.serviceCode.padEnd(6)} ${formatCents(item.openCents).padStart(10)}  ${whyOwed(item)}  ${item.description}`);
    lines.push(`        ${ACTION_WORDS[item.verdict.requiredAction]}: ${item.verdict.reasons[0]?.text ?? ''}`);
  }
  lines.push(`Total owed ${formatCents(balance.totalDueCents)}; due today ${formatCents(balance.dueTodayCents)}`);
  if (balance.notCollectibleCents) lines.push(`Not billable to the patient ${formatCents(balance.notCollectibleCents)}`);
  if (balance.refundsDueCents) lines.push(`Refunds due ${formatCents(balance.refundsDueCents)}`);
  if (balance.unappliedCreditCents) lines.push(`Credit on account ${formatCents(balance.unappliedCreditCents)}`);
  return lines.join('\n');
}
