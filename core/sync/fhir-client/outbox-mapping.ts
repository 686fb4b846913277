/**
 * What the desk tells the main system, as FHIR R4 resources: one outbox row
 * (core/ledger/journal.ts enqueueOutbox) becomes one resource, pushed with a
 * conditional create on identifier OUTBOX_SYSTEM|<idempotency key>, so a
 * message is never posted twice. Pure: no clock, no database, no network.
 *
 * | outbox kind          | FHIR R4 resource                          | why this one                                                   |
 * |----------------------|-------------------------------------------|----------------------------------------------------------------|
 * | payment.recorded     | PaymentReconciliation                     | A payment with its allocation: paymentAmount, paymentDate,    |
 * |                      |   detail[] per item (type payment),       | paymentIdentifier (card authorisation, check number) and one  |
 * |                      |   detail type advance for a prepayment    | detail per item paid. PaymentNotice only announces a payment  |
 * |                      |                                           | and must point at a PaymentReconciliation anyway.             |
 * | refund.recorded      | PaymentReconciliation, negative amounts   | The same money flow in the other direction: negative          |
 * |                      |                                           | paymentAmount and detail amount = paid back to the patient.   |
 * | item.carried_forward | Task code carry-forward, intent order     | An instruction the main system must act on (hold statements   |
 * |                      |                                           | until the date), about one item (focus), with a lifecycle it  |
 * |                      |                                           | can answer (accepted, rejected, completed). Basic carries no  |
 * |                      |                                           | workflow; ChargeItem would restate the whole charge.          |
 * | item.written_off     | Task code write-off, intent order         | The desk posted an adjustment under a named rule; the main    |
 * |                      |                                           | system must post the same one: an order about the item, the   |
 * |                      |                                           | rule in reasonCode, the amount in input.                      |
 * | exception.requested  | Task code write-off-request, intent       | A request waiting for a manager's decision: Task's own use,   |
 * |                      |   proposal                                | with the reason and documentation reference.                  |
 * | collection.attempted | Communication                             | The record of a statement, letter, call or portal message to  |
 * |                      |                                           | the patient about items: medium, sent, subject, about[].      |
 *
 * Every resource carries: identifier OUTBOX_SYSTEM|idempotency key (plus the desk's own record id),
 * meta.tag OUTBOX_KIND_SYSTEM|<kind>, and the policy version (extension) when the payload has one.
 * Fields, per kind (payload -> resource):
 * - payment.recorded: paymentId -> identifier DESK_PAYMENT_SYSTEM; amountCents -> paymentAmount;
 *   receivedAt -> created, paymentDate; method -> extension PAYMENT_METHOD_EXTENSION (v2-0570 CASH/CCA/CHK);
 *   reference -> paymentIdentifier.value; allocations[] -> detail[] {type payment, request item, amount};
 *   prepaymentCents > 0 -> detail {type advance}; mrn -> extension PATIENT_EXTENSION (the resource has no patient field).
 * - refund.recorded: entryId -> identifier DESK_LEDGER_ENTRY_SYSTEM; amountCents -> paymentAmount and detail
 *   amount, negated; the row's created_at -> created, paymentDate; method, reference, mrn as for a payment.
 * - item.carried_forward: itemId -> focus; mrn -> for; carriedOn, statementBy -> input carried-on,
 *   statement-by and restriction.period.end; openCents -> input open-amount; the row's created_at -> authoredOn.
 * - item.written_off: entryId -> identifier DESK_LEDGER_ENTRY_SYSTEM; rule -> reasonCode (WRITE_OFF_RULE_SYSTEM);
 *   amountCents -> input amount; postedAt -> authoredOn; itemId -> focus; mrn -> for.
 * - exception.requested: requestId -> identifier DESK_REQUEST_SYSTEM; reason -> reasonCode.text; amountCents -> input
 *   amount; documentationRef -> input documentation; requestedAt -> authoredOn; itemId -> focus; mrn -> for.
 * - collection.attempted: attemptId -> identifier DESK_COLLECTION_ATTEMPT_SYSTEM; kind -> medium (v3
 *   ParticipationMode) and extension COLLECTION_KIND_EXTENSION; attemptedOn -> sent; itemIds -> about[];
 *   amountCents -> extension AMOUNT_EXTENSION; note -> payload; mrn -> subject.
 *
 * Items and patients are logical references (by identifier): an item as ChargeItem with the desk's
 * item id (DESK_ITEM_SYSTEM) unless options.itemReference resolves the main system's own identifier;
 * a patient by MRN (type v2-0203#MR, system options.mrnSystem when known).
 */
import type { Coding, Communication, Extension, Identifier, Meta, Money, Patient, PaymentReconciliation, Reference, Task, TaskInput } from '@medplum/fhirtypes';
import { z } from 'zod';
import { COLLECTION_ATTEMPT_KINDS, PAYMENT_METHODS } from '../../../shared/domain';
import type { CollectionAttemptKind, PaymentMethod } from '../../../shared/domain';
import { formatCents } from '../../../shared/money';
import { WRITE_OFF_RULES, WRITE_OFF_RULE_LABELS } from '../../../shared/policy/verdict';

export const OUTBOX_SYSTEM = 'urn:front-desk:outbox';
export const OUTBOX_KIND_SYSTEM = 'urn:front-desk:outbox-kind';
export const DESK_ACTION_SYSTEM = 'urn:front-desk:desk-action';
export const DESK_INPUT_SYSTEM = 'urn:front-desk:task-input';
export const DESK_ITEM_SYSTEM = 'urn:front-desk:desk:patient-item';
export const DESK_PAYMENT_SYSTEM = 'urn:front-desk:desk:payment';
export const DESK_LEDGER_ENTRY_SYSTEM = 'urn:front-desk:desk:ledger-entry';
export const DESK_REQUEST_SYSTEM = 'urn:front-desk:desk:exception-request';
export const DESK_COLLECTION_ATTEMPT_SYSTEM = 'urn:front-desk:desk:collection-attempt';
export const WRITE_OFF_RULE_SYSTEM = 'urn:front-desk:write-off-rule';
export const PATIENT_EXTENSION = 'urn:front-desk:fhir:extension:patient';
export const POLICY_VERSION_EXTENSION = 'urn:front-desk:fhir:extension:policy-version';
export const PAYMENT_METHOD_EXTENSION = 'urn:front-desk:fhir:extension:payment-method';
export const COLLECTION_KIND_EXTENSION = 'urn:front-desk:fhir:extension:collection-kind';
export const AMOUNT_EXTENSION = 'urn:front-desk:fhir:extension:amount';
const PAYMENT_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/payment-type';
const PAYMENT_METHOD_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0570';
const PARTICIPATION_MODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode';

export const OUTBOX_KINDS = ['payment.recorded', 'item.carried_forward', 'item.written_off', 'exception.requested', 'collection.attempted', 'refund.recorded'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** An outbox row as stored (core/db/migrations/001-initial.ts); payload as JSON text or already parsed. */
export interface OutboxRow {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: string | Record<string, unknown>;
  created_at: string;
}

export type OutboxResource = PaymentReconciliation | Task | Communication;

export interface OutboxMappingOptions {
  /** The main system's MRN identifier system, when known (the MRN is sent with type v2-0203#MR either way). */
  mrnSystem?: string;
  /** The main system's reference for a desk item (e.g. from its external key); default: ChargeItem by DESK_ITEM_SYSTEM|itemId. */
  itemReference?: (itemId: number) => Reference;
}

/** The row cannot become a resource (unknown kind, or a payload that does not have the kind's shape): reject it, do not retry. */
export class OutboxMappingError extends Error {
  readonly rowId: number;

  constructor(rowId: number, message: string) {
    super(`Outbox row ${rowId}: ${message}`);
    this.name = 'OutboxMappingError';
    this.rowId = rowId;
  }
}

const id = z.number().int().positive();
const cents = z.number().int();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.iso.datetime({ offset: true });

const SCHEMAS = {
  'payment.recorded': z.object({
    paymentId: id,
    amountCents: cents.positive(),
    method: z.enum(PAYMENT_METHODS),
    allocations: z.array(z.object({ itemId: id, amountCents: cents.positive() })),
    prepaymentCents: cents.nonnegative(),
    policyVersion: id,
    mrn: z.string().min(1),
    receivedAt: instant,
    reference: z.string().nullish(),
  }),
  'refund.recorded': z.object({
    entryId: id,
    amountCents: cents.positive(),
    policyVersion: id,
    mrn: z.string().min(1),
    itemId: id,
    method: z.enum(PAYMENT_METHODS),
    reference: z.string().nullish(),
  }),
  'item.carried_forward': z.object({ mrn: z.string().min(1), itemId: id, openCents: cents.nonnegative(), carriedOn: date, statementBy: date, policyVersion: id }),
  'item.written_off': z.object({
    entryId: id,
    rule: z.enum(WRITE_OFF_RULES),
    amountCents: cents.positive(),
    policyVersion: id,
    mrn: z.string().min(1),
    itemId: id,
    postedAt: instant,
  }),
  'exception.requested': z.object({
    requestId: id,
    amountCents: cents.positive(),
    policyVersion: id,
    reason: z.string().min(1),
    documentationRef: z.string().nullish(),
    mrn: z.string().min(1),
    itemId: id,
    requestedAt: instant,
  }),
  'collection.attempted': z.object({
    kind: z.enum(COLLECTION_ATTEMPT_KINDS),
    itemIds: z.array(id).min(1),
    amountCents: cents.nonnegative(),
    note: z.string().nullish(),
    mrn: z.string().min(1),
    attemptId: id,
    attemptedOn: date,
  }),
} satisfies Record<OutboxKind, z.ZodType>;

type Payload<K extends OutboxKind> = z.infer<(typeof SCHEMAS)[K]>;

const money = (amountCents: number): Money => ({ value: amountCents / 100, currency: 'USD' });
const coding = (system: string, code: string, display?: string): Coding => ({ system, code, ...(display ? { display } : {}) });
const concept = (system: string, code: string, display?: string) => ({ coding: [coding(system, code, display)], ...(display ? { text: display } : {}) });

const METHOD_CODES: Record<PaymentMethod, [string, string]> = { cash: ['CASH', 'Cash'], card: ['CCA', 'Credit Card'], check: ['CHK', 'Check'] };
const MEDIUM: Record<CollectionAttemptKind, [string, string]> = {
  statement: ['MAILWRIT', 'Statement'],
  letter: ['MAILWRIT', 'Letter'],
  call: ['PHONE', 'Telephone call'],
  portal_message: ['ONLINEWRIT', 'Patient portal message'],
};

export function outboxIdentifier(row: Pick<OutboxRow, 'idempotency_key'>): { system: string; value: string } {
  return { system: OUTBOX_SYSTEM, value: row.idempotency_key };
}

interface Context {
  row: OutboxRow;
  options: OutboxMappingOptions;
}

function patientReference(ctx: Context, mrn: string): Reference<Patient> {
  return {
    type: 'Patient',
    identifier: { type: concept('http://terminology.hl7.org/CodeSystem/v2-0203', 'MR'), ...(ctx.options.mrnSystem ? { system: ctx.options.mrnSystem } : {}), value: mrn },
  };
}

function itemReference(ctx: Context, itemId: number): Reference {
  return ctx.options.itemReference?.(itemId) ?? { type: 'ChargeItem', identifier: { system: DESK_ITEM_SYSTEM, value: String(itemId) } };
}

function identifiers(ctx: Context, system: string, value: number): Identifier[] {
  return [{ use: 'official', ...outboxIdentifier(ctx.row) }, { system, value: String(value) }];
}

function meta(ctx: Context): Meta {
  return { tag: [coding(OUTBOX_KIND_SYSTEM, ctx.row.kind)] };
}

const policyVersion = (version: number): Extension => ({ url: POLICY_VERSION_EXTENSION, valueInteger: version });
const paymentMethod = (method: PaymentMethod): Extension => ({ url: PAYMENT_METHOD_EXTENSION, valueCoding: coding(PAYMENT_METHOD_SYSTEM, ...METHOD_CODES[method]) });
const input = (code: string, value: Omit<TaskInput, 'type'>): TaskInput => ({ type: concept(DESK_INPUT_SYSTEM, code), ...value });

function payment(ctx: Context, p: Payload<'payment.recorded'>): PaymentReconciliation {
  return {
    resourceType: 'PaymentReconciliation',
    meta: meta(ctx),
    extension: [{ url: PATIENT_EXTENSION, valueReference: patientReference(ctx, p.mrn) }, paymentMethod(p.method), policyVersion(p.policyVersion)],
    identifier: identifiers(ctx, DESK_PAYMENT_SYSTEM, p.paymentId),
    status: 'active',
    created: p.receivedAt,
    paymentDate: p.receivedAt.slice(0, 10),
    paymentAmount: money(p.amountCents),
    ...(p.reference ? { paymentIdentifier: { value: p.reference } } : {}),
    outcome: 'complete',
    disposition: `Patient payment at the front desk (${METHOD_CODES[p.method][1].toLowerCase()})`,
    detail: [
      ...p.allocations.map((a) => ({ type: concept(PAYMENT_TYPE_SYSTEM, 'payment'), request: itemReference(ctx, a.itemId), date: p.receivedAt.slice(0, 10), amount: money(a.amountCents) })),
      ...(p.prepaymentCents > 0 ? [{ type: concept(PAYMENT_TYPE_SYSTEM, 'advance'), date: p.receivedAt.slice(0, 10), amount: money(p.prepaymentCents) }] : []),
    ],
  };
}

function refund(ctx: Context, p: Payload<'refund.recorded'>): PaymentReconciliation {
  const at = ctx.row.created_at;
  return {
    resourceType: 'PaymentReconciliation',
    meta: meta(ctx),
    extension: [{ url: PATIENT_EXTENSION, valueReference: patientReference(ctx, p.mrn) }, paymentMethod(p.method), policyVersion(p.policyVersion)],
    identifier: identifiers(ctx, DESK_LEDGER_ENTRY_SYSTEM, p.entryId),
    status: 'active',
    created: at,
    paymentDate: at.slice(0, 10),
    // Negative: money paid back to the patient.
    paymentAmount: money(-p.amountCents),
    ...(p.reference ? { paymentIdentifier: { value: p.reference } } : {}),
    outcome: 'complete',
    disposition: 'Refund to the patient',
    detail: [{ type: concept(PAYMENT_TYPE_SYSTEM, 'payment'), request: itemReference(ctx, p.itemId), date: at.slice(0, 10), amount: money(-p.amountCents) }],
  };
}

function task(ctx: Context, fields: Omit<Task, 'resourceType' | 'meta' | 'status' | 'identifier'> & { identifier: Identifier[] }): Task {
  return { resourceType: 'Task', meta: meta(ctx), status: 'requested', priority: 'routine', ...fields };
}

function carryForward(ctx: Context, p: Payload<'item.carried_forward'>): Task {
  return task(ctx, {
    extension: [policyVersion(p.policyVersion)],
    identifier: [{ use: 'official', ...outboxIdentifier(ctx.row) }],
    intent: 'order',
    code: concept(DESK_ACTION_SYSTEM, 'carry-forward', 'Carry the balance forward to the next visit'),
    description: `Carried forward on ${p.carriedOn}: ${formatCents(p.openCents)} waits for the next visit; statement it by ${p.statementBy} at the latest.`,
    focus: itemReference(ctx, p.itemId),
    for: patientReference(ctx, p.mrn),
    authoredOn: ctx.row.created_at,
    restriction: { period: { end: p.statementBy } },
    input: [input('open-amount', { valueMoney: money(p.openCents) }), input('carried-on', { valueDate: p.carriedOn }), input('statement-by', { valueDate: p.statementBy })],
  });
}

function writeOff(ctx: Context, p: Payload<'item.written_off'>): Task {
  return task(ctx, {
    extension: [policyVersion(p.policyVersion)],
    identifier: identifiers(ctx, DESK_LEDGER_ENTRY_SYSTEM, p.entryId),
    intent: 'order',
    code: concept(DESK_ACTION_SYSTEM, 'write-off', 'Write off'),
    description: `Write off ${formatCents(p.amountCents)}: ${WRITE_OFF_RULE_LABELS[p.rule]}.`,
    focus: itemReference(ctx, p.itemId),
    for: patientReference(ctx, p.mrn),
    authoredOn: p.postedAt,
    reasonCode: concept(WRITE_OFF_RULE_SYSTEM, p.rule, WRITE_OFF_RULE_LABELS[p.rule]),
    input: [input('amount', { valueMoney: money(p.amountCents) })],
  });
}

function exceptionRequest(ctx: Context, p: Payload<'exception.requested'>): Task {
  return task(ctx, {
    extension: [policyVersion(p.policyVersion)],
    identifier: identifiers(ctx, DESK_REQUEST_SYSTEM, p.requestId),
    intent: 'proposal',
    code: concept(DESK_ACTION_SYSTEM, 'write-off-request', "Write-off awaiting a manager's approval"),
    description: `Request to write off ${formatCents(p.amountCents)}: ${p.reason}`,
    focus: itemReference(ctx, p.itemId),
    for: patientReference(ctx, p.mrn),
    authoredOn: p.requestedAt,
    reasonCode: { text: p.reason },
    input: [input('amount', { valueMoney: money(p.amountCents) }), ...(p.documentationRef ? [input('documentation', { valueString: p.documentationRef })] : [])],
  });
}

function collectionAttempt(ctx: Context, p: Payload<'collection.attempted'>): Communication {
  const [mode, label] = MEDIUM[p.kind];
  return {
    resourceType: 'Communication',
    meta: meta(ctx),
    extension: [
      { url: COLLECTION_KIND_EXTENSION, valueCode: p.kind },
      { url: AMOUNT_EXTENSION, valueMoney: money(p.amountCents) },
    ],
    identifier: identifiers(ctx, DESK_COLLECTION_ATTEMPT_SYSTEM, p.attemptId),
    status: 'completed',
    category: [concept(DESK_ACTION_SYSTEM, 'collection-attempt', 'Collection attempt')],
    medium: [{ coding: [coding(PARTICIPATION_MODE_SYSTEM, mode)], text: label }],
    subject: patientReference(ctx, p.mrn),
    sent: p.attemptedOn,
    about: p.itemIds.map((itemId) => itemReference(ctx, itemId)),
    payload: [{ contentString: p.note || `${label} about ${formatCents(p.amountCents)} owed.` }],
  };
}

function parse<K extends OutboxKind>(row: OutboxRow, kind: K): Payload<K> {
  let payload: unknown = row.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      throw new OutboxMappingError(row.id, 'the payload is not JSON.');
    }
  }
  const result = SCHEMAS[kind].safeParse(payload);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    throw new OutboxMappingError(row.id, `a ${kind} payload is not as expected (${problems}).`);
  }
  return result.data as Payload<K>;
}

/** The FHIR resource for an outbox row. Throws OutboxMappingError for an unknown kind or a malformed payload. */
export function outboxToFhir(row: OutboxRow, options: OutboxMappingOptions = {}): OutboxResource {
  if (!row.idempotency_key) throw new OutboxMappingError(row.id, 'no idempotency key.');
  if (!z.iso.datetime({ offset: true }).safeParse(row.created_at).success) throw new OutboxMappingError(row.id, `created_at is not an instant (${row.created_at}).`);
  const ctx: Context = { row, options };
  switch (row.kind as OutboxKind) {
    case 'payment.recorded':
      return payment(ctx, parse(row, 'payment.recorded'));
    case 'refund.recorded':
      return refund(ctx, parse(row, 'refund.recorded'));
    case 'item.carried_forward':
      return carryForward(ctx, parse(row, 'item.carried_forward'));
    case 'item.written_off':
      return writeOff(ctx, parse(row, 'item.written_off'));
    case 'exception.requested':
      return exceptionRequest(ctx, parse(row, 'exception.requested'));
    case 'collection.attempted':
      return collectionAttempt(ctx, parse(row, 'collection.attempted'));
    default:
      throw new OutboxMappingError(row.id, `unknown kind "${row.kind}".`);
  }
}
