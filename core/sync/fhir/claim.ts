/** ExplanationOfBenefit / ClaimResponse -> ImportedClaim: lines, reversals, claim identity and status (table: map-resources.ts). */
import type { ImportedAdjustment, ImportedClaim, ImportedLine } from '../records';
import type { Amounts, SumSlot } from './adjudication';
import { extensionValue, inferAdjustments, readAdjudication, slot } from './adjudication';
import { claimCoverage } from './coverage';
import type { Json, MapContext } from './json';
import { bounded, codesOf, codingsOf, fail, isObject, isoDate, label, moneyCents, objects, text } from './json';
import { identifierType, referencedPatient } from './patient';
import { namespaced, resolveReference } from './references';
import { CLAIM_STATUS_EXTENSION } from './vocabulary';

const SERVICE_SYSTEMS = /ama-assn|cpt|hcpcs|2\.16\.840\.1\.113883\.6\.(12|285)/i;

function serviceCodeOf(item: Json): string | null {
  const codings = codingsOf(item.productOrService);
  const preferred = codings.find((c) => typeof c.system === 'string' && SERVICE_SYSTEMS.test(c.system) && text(c.code)) ?? codings.find((c) => text(c.code));
  const code = preferred ? text(preferred.code) : (codesOf(item.revenue)[0] ?? null);
  return code ? bounded(code, 'a service code', 64) : null;
}

function serviceDateOf(item: Json): string | null {
  return isoDate(item.servicedDate) ?? (isObject(item.servicedPeriod) ? isoDate(item.servicedPeriod.start) : null);
}

function modifiersOf(item: Json): string | null {
  const codes = objects(item.modifier).flatMap((m) => codesOf(m).slice(0, 1));
  return codes.length ? bounded(codes.join(','), 'the modifiers', 64) : null;
}

function unitsOf(item: Json): number {
  const value = isObject(item.quantity) ? item.quantity.value : undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 1 ? Math.min(Math.round(n), 1_000_000) : 1;
}

interface DraftLine {
  line: Omit<ImportedLine, 'adjustments'>;
  amounts: Amounts;
}

/** Same code, date and modifiers, and every amount of `reversal` the exact negation of `original`'s. */
function cancels(original: DraftLine, reversal: DraftLine): boolean {
  const a = original.line;
  const b = reversal.line;
  if (a.serviceCode !== b.serviceCode || a.serviceDate !== b.serviceDate || a.modifiers !== b.modifiers || hasNegative(original)) return false;
  const negated = (x: number | null | undefined, y: number | null | undefined) => ((x ?? null) === null || (y ?? null) === null ? (x ?? null) === (y ?? null) : x! + y! === 0);
  if (!(['billed', 'allowed', 'paid'] as const).every((s) => negated(original.amounts.picks[s]?.cents, reversal.amounts.picks[s]?.cents))) return false;
  const sums = new Set([...Object.keys(original.amounts.sums), ...Object.keys(reversal.amounts.sums)] as SumSlot[]);
  if (![...sums].every((k) => negated(original.amounts.sums[k], reversal.amounts.sums[k]))) return false;
  const keys = (list: ImportedAdjustment[], sign: number) => list.map((x) => `${x.group}-${x.carc}-${x.rarc ?? ''}:${sign * x.amountCents}`).sort().join('|');
  return keys(original.amounts.explicit, 1) === keys(reversal.amounts.explicit, -1);
}

function hasNegative(d: DraftLine): boolean {
  return [d.line.billedCents, d.line.payerPaidCents, d.line.allowedCents ?? 0, ...Object.values(d.amounts.sums), ...d.amounts.explicit.map((x) => x.amountCents)].some((v) => (v ?? 0) < 0);
}

function dropReversals(lines: DraftLine[]): DraftLine[] {
  const dropped = new Set<number>();
  lines.forEach((line, i) => {
    if (!hasNegative(line)) return;
    const match = lines.findIndex((other, j) => j < i && !dropped.has(j) && cancels(other, line));
    if (match >= 0) {
      dropped.add(match);
      dropped.add(i);
    }
  });
  return lines.filter((_, i) => !dropped.has(i));
}

function claimIdentity(resource: Json, ctx: MapContext, type: string): { externalId: string; claimNumber: string; payerClaimNumber: string | null } {
  const identifiers = objects(resource.identifier).filter((i) => text(i.value));
  const id = text(resource.id);
  const first = identifiers[0];
  const payer = identifiers.find((i) => identifierType(i).includes('uc') || (typeof i.system === 'string' && /payer/i.test(i.system)));
  const value = (i: Json) => bounded(String(i.value).trim(), 'a claim identifier', 100);
  let externalId: string;
  if (id) externalId = `${namespaced(ctx, type)}/${bounded(id, `the ${type} id`, 64)}`;
  else if (first) externalId = `fhir:${type}?identifier=${bounded(text(first.system) ?? '', 'an identifier system')}|${value(first)}`;
  else return fail(`${type} without id or identifier: it could not be recognized when sent again`);
  return { externalId, claimNumber: first ? value(first) : id!, payerClaimNumber: payer ? value(payer) : null };
}

const CLAIM_STATUSES: readonly ImportedClaim['status'][] = ['paid', 'partially_paid', 'denied', 'reversed', 'self_pay'];

function statusFromAmounts(lines: ImportedLine[], drafts: DraftLine[], claimPaid: number | null): ImportedClaim['status'] {
  const costSharing = lines.some((l) => l.adjustments.some((a) => a.group === 'PR' && ['1', '2', '3', '66'].includes(a.carc) && a.amountCents > 0));
  const withPaid = drafts.filter((d) => d.amounts.picks.paid !== null);
  if (!withPaid.length) {
    if (claimPaid === null || claimPaid > 0) return 'paid';
    return costSharing ? 'paid' : 'denied';
  }
  const charged = withPaid.filter((d) => d.line.billedCents > 0);
  const considered = charged.length ? charged : withPaid;
  const paid = considered.filter((d) => d.line.payerPaidCents > 0).length;
  if (paid === considered.length) return 'paid';
  if (paid > 0) return 'partially_paid';
  return costSharing ? 'paid' : 'denied';
}

/** ExplanationOfBenefit or ClaimResponse -> ImportedClaim. */
export function mapClaim(resource: Json, ctx: MapContext): ImportedClaim {
  const type = resource.resourceType;
  if (type !== 'ExplanationOfBenefit' && type !== 'ClaimResponse') return fail(`expected an ExplanationOfBenefit or ClaimResponse, found ${label(resource)}`);
  const status = text(resource.status);
  if (status === 'draft') fail(`${type} status 'draft': not a final adjudication, nothing is owed on it yet`);
  const use = text(resource.use);
  if (use === 'preauthorization' || use === 'predetermination') fail(`${type} use '${use}': an estimate, not an adjudicated claim`);
  const identity = claimIdentity(resource, ctx, type);
  const patient = referencedPatient(resource.patient, resource, ctx, 'patient');
  const coverage = claimCoverage(resource, ctx);
  const created = isoDate(resource.created);
  const payment = isObject(resource.payment) ? resource.payment : null;
  const adjudicatedOn = created ?? (payment ? isoDate(payment.date) : null);
  const billable = isObject(resource.billablePeriod) ? isoDate(resource.billablePeriod.start) : null;

  // The Claim a ClaimResponse answers, for what its items do not repeat (date, code, modifiers, quantity).
  const request = type === 'ClaimResponse' ? resolveReference(resource.request, resource, ctx) : null;
  const requestItems = request && request.resource.resourceType === 'Claim' ? objects(request.resource.item) : [];
  const requestDate = request && isObject(request.resource.billablePeriod) ? isoDate(request.resource.billablePeriod.start) : null;

  const items = objects(resource.item);
  const addItems = objects(resource.addItem);
  const drafts: DraftLine[] = [];
  const numbers = new Set<number>();
  const lineFrom = (item: Json, number: number, where: string, requestItem: Json | undefined): DraftLine | null => {
    const amounts = readAdjudication(objects(item.adjudication), where, item.net ?? requestItem?.net);
    if (!amounts.hasAmount) return null;
    const source = serviceCodeOf(item) || !requestItem ? item : requestItem;
    const serviceDate = serviceDateOf(item) ?? (requestItem ? serviceDateOf(requestItem) : null) ?? billable ?? requestDate ?? created ?? fail(`${where} has no service date`);
    return {
      line: {
        lineNumber: number,
        serviceDate,
        serviceCode: serviceCodeOf(source) ?? 'UNKNOWN',
        modifiers: modifiersOf(item) ?? (requestItem ? modifiersOf(requestItem) : null),
        units: isObject(item.quantity) || !requestItem ? unitsOf(item) : unitsOf(requestItem),
        billedCents: amounts.picks.billed?.cents ?? 0,
        allowedCents: amounts.picks.allowed?.cents ?? null,
        payerPaidCents: amounts.picks.paid?.cents ?? 0,
      },
      amounts,
    };
  };
  const sequenceOf = (item: Json): number | null => {
    const seq = item.sequence ?? (Array.isArray(item.itemSequence) ? item.itemSequence[0] : item.itemSequence);
    return typeof seq === 'number' && Number.isInteger(seq) && seq >= 1 ? seq : null;
  };
  items.forEach((item, i) => {
    const number = sequenceOf(item) ?? i + 1;
    if (numbers.has(number)) fail(`item sequence ${number} appears twice`);
    numbers.add(number);
    const requestItem = requestItems.find((r) => r.sequence === number);
    const draft = lineFrom(item, number, `item ${number}`, requestItem);
    if (draft) drafts.push(draft);
  });
  let next = Math.max(0, ...numbers) + 1;
  addItems.forEach((item, i) => {
    const draft = lineFrom(item, next, `addItem ${i + 1}`, undefined);
    if (draft) {
      drafts.push(draft);
      next += 1;
    }
  });

  // Claim-level amounts: one line from total[] (else adjudication[]) when no item has any.
  const totalEntries = objects(resource.total);
  const headerEntries = objects(resource.adjudication);
  const totals = readAdjudication(totalEntries, 'total', undefined);
  const header = readAdjudication(headerEntries, 'adjudication', undefined);
  const paymentCents = payment ? moneyCents(payment.amount, 'payment') : null;
  if (!drafts.length) {
    const source = totals.hasAmount ? totals : header;
    if (source.hasAmount) {
      if (!source.picks.paid && paymentCents !== null) source.picks.paid = { cents: paymentCents, rank: 0 };
      const firstCode = [...items, ...requestItems].map(serviceCodeOf).find((c) => c !== null) ?? null;
      const firstDate = [...items, ...requestItems].map(serviceDateOf).find((d) => d !== null) ?? null;
      const serviceDate = firstDate ?? billable ?? requestDate ?? created ?? fail('the claim has no service date');
      drafts.push({
        line: {
          lineNumber: 1,
          serviceDate,
          serviceCode: firstCode ?? 'TOTAL',
          modifiers: null,
          units: 1,
          billedCents: source.picks.billed?.cents ?? 0,
          allowedCents: source.picks.allowed?.cents ?? null,
          payerPaidCents: source.picks.paid?.cents ?? 0,
        },
        amounts: source,
      });
    }
  }
  const hadLines = drafts.length > 0;
  const kept = dropReversals(drafts);

  const statusExtension = extensionValue(resource, CLAIM_STATUS_EXTENSION) as ImportedClaim['status'] | null;
  const selfPay = statusExtension === 'self_pay' || (statusExtension === null && coverage?.program === 'self_pay');
  const lines: ImportedLine[] = kept.map((d) => {
    if (selfPay) {
      const ml = d.amounts.sums.memberliability;
      return { ...d.line, billedCents: ml !== undefined ? ml : d.line.billedCents, adjustments: [] };
    }
    return { ...d.line, adjustments: inferAdjustments(d.amounts) };
  });
  const unallocated = slot(header, 'unallocdeduct');
  if (unallocated !== 0 && lines[0] && !selfPay) lines[0].adjustments.push({ group: 'PR', carc: '1', rarc: null, amountCents: unallocated });

  const outcome = text(resource.outcome);
  let claimStatus: ImportedClaim['status'];
  if (status === 'cancelled' || status === 'entered-in-error') claimStatus = 'reversed';
  else if (statusExtension && CLAIM_STATUSES.includes(statusExtension)) claimStatus = statusExtension;
  else if (selfPay) claimStatus = 'self_pay';
  else if (outcome === 'error') claimStatus = 'denied';
  else if (outcome === 'queued' || outcome === 'partial') claimStatus = 'partially_paid';
  else if (hadLines && !kept.length) claimStatus = 'reversed';
  else if (!lines.length) return fail(`${type} outcome '${outcome ?? 'absent'}' but no amounts at all: nothing says what was paid or owed`);
  else claimStatus = statusFromAmounts(lines, kept, totals.picks.paid?.cents ?? paymentCents);

  return { externalId: identity.externalId, patient, coverage, claimNumber: identity.claimNumber, payerClaimNumber: identity.payerClaimNumber, status: claimStatus, adjudicatedOn, lines };
}
