/** An audit record's details (JSON as recorded) in a sentence a manager reads, and the amount it moved if any. */
import { formatCents } from '../../shared/money';
import type { WriteOffRule } from '../../shared/policy/verdict';
import { WRITE_OFF_RULE_LABELS } from '../../shared/policy/verdict';

type Detail = Record<string, unknown>;

const SUMMARY_MAX = 240;

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const cents = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const count = (value: unknown, one: string, many = `${one}s`) => (Array.isArray(value) ? `${value.length} ${value.length === 1 ? one : many}` : null);
const join = (...parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join('; ');

export function parseDetail(json: string): Detail {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Detail) : {};
  } catch {
    return {};
  }
}

/** The money the action moved: its amount; what a decision wrote off (or was asked to); the balance carried forward. */
export function auditAmount(detail: Detail): number | null {
  const written = cents(detail.writtenOffCents);
  return cents(detail.amountCents) ?? (written ? written : null) ?? cents(detail.requestedCents) ?? cents(detail.openCents) ?? cents(detail.acceptedCents);
}

/** Counts of a sync run ({created: 3, updated: 0, …}) as "3 created, 1 quarantined", zeros left out. */
function counts(detail: Detail, words: Record<string, string>): string | null {
  const parts = Object.keys(words)
    .filter((k) => typeof detail[k] === 'number' && detail[k] !== 0)
    .map((k) => `${String(detail[k])} ${words[k]}`);
  return parts.length ? parts.join(', ') : 'nothing changed';
}

const SYNC_COUNTS = { created: 'created', updated: 'updated', unchanged: 'unchanged', patients: 'new patients', quarantined: 'quarantined', conflicts: 'conflicts' };

/** A manager's decision: the reason they gave (required), and what it wrote off. */
const decision = (d: Detail) => join(str(d.reason) && `Reason: ${String(d.reason)}`, (cents(d.writtenOffCents) ?? 0) > 0 && `${formatCents(cents(d.writtenOffCents)!)} written off`);

const SUMMARIES: Record<string, (d: Detail) => string> = {
  'payment.recorded': (d) =>
    join(
      str(d.method) && `Paid by ${String(d.method)}`,
      str(d.reference) && `reference ${String(d.reference)}`,
      count(d.allocations, 'item') && `applied to ${count(d.allocations, 'item')}`,
      (cents(d.prepaymentCents) ?? 0) > 0 && `${formatCents(cents(d.prepaymentCents)!)} kept on account`,
    ),
  'item.carried_forward': (d) => join(str(d.until) && `On a statement by ${String(d.until)} at the latest`),
  'item.written_off': (d) => join(str(d.rule) && `Rule: ${WRITE_OFF_RULE_LABELS[d.rule as WriteOffRule] ?? String(d.rule)}`, str(d.note) && `note: ${String(d.note)}`),
  'write_off.requested': (d) => join(str(d.reason) && `Reason: ${String(d.reason)}`, str(d.documentationRef) && `documents: ${String(d.documentationRef)}`),
  'collection.attempted': (d) => join(str(d.kind) && `${String(d.kind)[0]!.toUpperCase()}${String(d.kind).slice(1)}`, count(d.itemIds, 'item') && `for ${count(d.itemIds, 'item')}`, str(d.note) && `note: ${String(d.note)}`),
  'write_off.approved': (d) => decision(d),
  'write_off.denied': (d) => decision(d),
  'bad_debt.approved': (d) => join(decision(d), typeof d.collectionAttempts === 'number' && `after ${d.collectionAttempts} collection attempts`),
  'bad_debt.denied': (d) => join(decision(d), typeof d.collectionAttempts === 'number' && `after ${d.collectionAttempts} collection attempts`),
  'hardship.submitted': (d) =>
    join(
      typeof d.householdSize === 'number' && `Household of ${d.householdSize}`,
      typeof d.percentOfGuideline === 'number' && `${d.percentOfGuideline}% of the poverty guideline`,
      typeof d.discountPercent === 'number' && `${d.discountPercent}% off on the sliding scale`,
      Array.isArray(d.documentsSeen) && d.documentsSeen.length > 0 && `documents seen: ${d.documentsSeen.map(String).join(', ')}`,
    ),
  'hardship.approved': (d) => join(decision(d), typeof d.discountPercent === 'number' && `${d.discountPercent}% off`, str(d.expiresOn) && `until ${String(d.expiresOn)}`),
  'hardship.denied': (d) => decision(d),
  'policy.published': (d) =>
    join(typeof d.basedOnVersion === 'number' && `Replaces version ${d.basedOnVersion}`, str(d.note), count(d.changes, 'change') && `${count(d.changes, 'change')}`),
  'refund.recorded': (d) => join(str(d.method) && `Refunded by ${String(d.method)}`),
  'sync.imported': (d) => join(str(d.file) && `File ${String(d.file)}`, counts(d, SYNC_COUNTS)),
  'sync.pulled': (d) => join(typeof d.page === 'number' && `Page ${d.page}`, counts(d, SYNC_COUNTS)),
  'sync.sent': (d) => join(str(d.kind) && `${String(d.kind)} sent`, str(d.remote) && `as ${String(d.remote)}`),
  'sync.refused_by_main_system': (d) => join(str(d.kind) && String(d.kind), str(d.reason) && `refused: ${String(d.reason)}`),
};

/** Fields that are shown elsewhere in the record (amount, policy version) or mean nothing to a person (ids). */
const HIDDEN = /^(amountCents|openCents|policyVersion|.*Id|.*Ids|id)$/;

/** For kinds without a summary of their own: the reason or note if any, else the simple fields as "name: value". */
function genericSummary(d: Detail): string {
  const said = str(d.reason) ?? str(d.decisionReason) ?? str(d.note);
  if (said) return said;
  return Object.entries(d)
    .filter(([key, value]) => !HIDDEN.test(key) && value !== null && ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => `${key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}: ${String(value)}`)
    .join('; ');
}

export function auditSummary(action: string, detail: Detail): string {
  const summary = (SUMMARIES[action] ?? genericSummary)(detail);
  return summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary;
}
