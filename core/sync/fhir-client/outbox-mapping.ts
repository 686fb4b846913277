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
 * | exception.approved   | Task code write-off-decision (or          | A manager's decision on a write-off request (basedOn the      |
 * | exception.denied     |   bad-debt-decision): approved intent     | request's Task) or on a bad-debt candidate. An approval also  |
 * |                      |   order status completed; denied intent   | sends item.written_off, the adjustment to post; a denial      |
 * |                      |   proposal status rejected                | closes the proposal with the manager's reason.                |
 * | hardship.submitted   | Task code hardship-application, intent    | A financial hardship application waiting for a manager, as    |
 * |                      |   proposal                                | for a write-off request; the facts and result in input[].     |
 * | hardship.decided     | Task code hardship-determination: intent  | An approval is an order the main system applies to the        |
 * |                      |   order (approved, until expiresOn) or    | patient's balances until it expires (restriction.period.end); |
 * |                      |   proposal status rejected (denied)       | a denial closes the proposal with the manager's reason.       |
 * | policy.published     | DocumentReference, status current         | A new version of the practice's written financial policy: a   |
 * |                      |   (relatesTo replaces the version before) | document, not an action; the JSON travels as the attachment.  |
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
 * - hardship.submitted: applicationId -> identifier DESK_HARDSHIP_SYSTEM; mrn -> for; submittedAt -> authoredOn;
 *   householdSize, annualIncomeCents, percentOfGuideline, discountPercent, guidelineYear, documentsSeen[] -> input[];
 *   note -> note.
 * - hardship.decided: applicationId -> identifier DESK_HARDSHIP_SYSTEM; decision approved -> intent order, status
 *   requested; denied -> intent proposal, status rejected, statusReason; reason -> reasonCode.text; discountPercent,
 *   percentOfGuideline -> input[]; expiresOn -> restriction.period.end (the first day it no longer applies) and
 *   input expires-on; decidedAt -> authoredOn; mrn -> for.
 * - policy.published: policyVersion -> identifier DESK_POLICY_VERSION_SYSTEM and the policy-version extension;
 *   basedOnVersion -> relatesTo replaces; publishedAt -> date; publishedBy -> author.display; title, reason (the note) ->
 *   description; document -> content[0] (application/json, base64); changes[] -> content[1] (text/plain, one a line).
 * - exception.approved / exception.denied: recordId -> identifier DESK_REQUEST_SYSTEM (decisionOf write_off_request,
 *   also basedOn the request's Task) or DESK_BAD_DEBT_DECISION_SYSTEM (decisionOf bad_debt); rule -> reasonCode
 *   (WRITE_OFF_RULE_SYSTEM); reason -> note (and statusReason when denied); amountCents (written off, or left to
 *   collect when denied) -> input amount; entryId -> input write-off-entry; decidedBy -> owner.display;
 *   decidedAt -> authoredOn, lastModified; itemId -> focus; mrn -> for.
 *
 * Items and patients are logical references (by identifier): an item as ChargeItem with the desk's
 * item id (DESK_ITEM_SYSTEM) unless options.itemReference resolves the main system's own identifier;
 * a patient by MRN (type v2-0203#MR, system options.mrnSystem when known).
 */
import type { Coding, Communication, DocumentReference, Extension, Identifier, Meta, Money, Patient, PaymentReconciliation, Reference, Task, TaskInput } from '@medplum/fhirtypes';
import { z } from 'zod';
import { COLLECTION_ATTEMPT_KINDS, PAYMENT_METHODS } from '../../../shared/domain';
import type { CollectionAttemptKind, PaymentMethod } from '../../../shared/domain';
import { formatCents } from '../../../shared/money';
import { HARDSHIP_DOCUMENTS, HARDSHIP_DOCUMENT_LABELS } from '../../../shared/policy/hardship';
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
export const DESK_HARDSHIP_SYSTEM = 'urn:front-desk:desk:hardship-application';
export const DESK_POLICY_VERSION_SYSTEM = 'urn:front-desk:desk:policy-version';
export const DESK_BAD_DEBT_DECISION_SYSTEM = 'urn:front-desk:desk:bad-debt-decision';
export const WRITE_OFF_RULE_SYSTEM = 'urn:front-desk:write-off-rule';
export const PATIENT_EXTENSION = 'urn:front-desk:fhir:extension:patient';
export const POLICY_VERSION_EXTENSION = 'urn:front-desk:fhir:extension:policy-version';
export const PAYMENT_METHOD_EXTENSION = 'urn:front-desk:fhir:extension:payment-method';
export const COLLECTION_KIND_EXTENSION = 'urn:front-desk:fhir:extension:collection-kind';
export const AMOUNT_EXTENSION = 'urn:front-desk:fhir:extension:amount';
const PAYMENT_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/payment-type';
const PAYMENT_METHOD_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0570';
const PARTICIPATION_MODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode';

export const OUTBOX_KINDS = ['payment.recorded', 'item.carried_forward', 'item.written_off', 'exception.requested', 'collection.attempted', 'refund.recorded', 'hardship.submitted', 'hardship.decided', 'policy.published', 'exception.approved', 'exception.denied'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** An outbox row as stored (core/db/migrations/001-initial.ts); payload as JSON text or already parsed. */
export interface OutboxRow {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: string | Record<string, unknown>;
  created_at: string;
}

export type OutboxResource = PaymentReconciliation | Task | Communication | DocumentReference;

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

/** A manager's decision on a write-off request or a bad-debt candidate (core/decisions/outbox.ts). */
const decisionSchema = z.object({
  decisionOf: z.enum(['write_off_request', 'bad_debt']),
  recordId: id,
  itemId: id,
  mrn: z.string().min(1),
  rule: z.enum(WRITE_OFF_RULES),
  amountCents: cents.nonnegative(),
  entryId: id.nullable(),
  reason: z.string().min(1),
  decidedBy: z.string().min(1),
  decidedAt: instant,
  policyVersion: id,
});

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
  'hardship.submitted': z.object({
    applicationId: id,
    mrn: z.string().min(1),
    householdSize: z.number().int().positive(),
    annualIncomeCents: cents.nonnegative(),
    documentsSeen: z.array(z.enum(HARDSHIP_DOCUMENTS)),
    note: z.string().nullish(),
    percentOfGuideline: z.number().int().nonnegative(),
    discountPercent: z.number().int().min(0).max(100),
    guidelineYear: z.number().int(),
    policyVersion: id,
    submittedAt: instant,
  }),
  'hardship.decided': z.object({
    applicationId: id,
    mrn: z.string().min(1),
    decision: z.enum(['approved', 'denied']),
    reason: z.string().min(1),
    discountPercent: z.number().int().min(0).max(100),
    percentOfGuideline: z.number().int().nonnegative(),
    expiresOn: date.nullable(),
    policyVersion: id,
    decidedAt: instant,
  }),
  'policy.published': z.object({
    policyVersion: id,
    basedOnVersion: id,
    title: z.string().min(1),
    reason: z.string().min(1),
    publishedAt: instant,
    publishedBy: z.string().min(1),
    changes: z.array(z.string()),
    document: z.record(z.string(), z.unknown()),
  }),
  'exception.approved': decisionSchema,
  'exception.denied': decisionSchema,
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

function hardshipApplication(ctx: Context, p: Payload<'hardship.submitted'>): Task {
  return task(ctx, {
    extension: [policyVersion(p.policyVersion)],
    identifier: identifiers(ctx, DESK_HARDSHIP_SYSTEM, p.applicationId),
    intent: 'proposal',
    code: concept(DESK_ACTION_SYSTEM, 'hardship-application', "Financial hardship application awaiting a manager's decision"),
    description: `Hardship application: household of ${p.householdSize}, ${formatCents(p.annualIncomeCents)} a year (${p.percentOfGuideline}% of the ${p.guidelineYear} poverty guideline): ${p.discountPercent}% off under the sliding scale.`,
    for: patientReference(ctx, p.mrn),
    authoredOn: p.submittedAt,
    input: [
      input('household-size', { valueInteger: p.householdSize }),
      input('annual-income', { valueMoney: money(p.annualIncomeCents) }),
      input('percent-of-guideline', { valueInteger: p.percentOfGuideline }),
      input('discount-percent', { valueInteger: p.discountPercent }),
      input('guideline-year', { valueInteger: p.guidelineYear }),
      ...p.documentsSeen.map((d) => input('document-seen', { valueCoding: coding(DESK_INPUT_SYSTEM, d, HARDSHIP_DOCUMENT_LABELS[d]) })),
    ],
    ...(p.note ? { note: [{ text: p.note }] } : {}),
  });
}

function hardshipDecision(ctx: Context, p: Payload<'hardship.decided'>): Task {
  const approved = p.decision === 'approved';
  return {
    resourceType: 'Task',
    meta: meta(ctx),
    extension: [policyVersion(p.policyVersion)],
    identifier: identifiers(ctx, DESK_HARDSHIP_SYSTEM, p.applicationId),
    status: approved ? 'requested' : 'rejected',
    ...(approved ? {} : { statusReason: { text: p.reason } }),
    intent: approved ? 'order' : 'proposal',
    priority: 'routine',
    code: concept(DESK_ACTION_SYSTEM, 'hardship-determination', 'Financial hardship determination'),
    description: approved
      ? `Financial hardship approved: ${p.discountPercent}% off the patient's balances; it expires on ${p.expiresOn ?? ''}.`
      : `Financial hardship denied: ${p.reason}`,
    for: patientReference(ctx, p.mrn),
    authoredOn: p.decidedAt,
    reasonCode: { text: p.reason },
    ...(approved && p.expiresOn ? { restriction: { period: { end: p.expiresOn } } } : {}),
    input: [
      input('discount-percent', { valueInteger: p.discountPercent }),
      input('percent-of-guideline', { valueInteger: p.percentOfGuideline }),
      ...(p.expiresOn ? [input('expires-on', { valueDate: p.expiresOn })] : []),
    ],
  };
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function policyPublished(ctx: Context, p: Payload<'policy.published'>): DocumentReference {
  const versionReference = (version: number): Reference<DocumentReference> => ({ type: 'DocumentReference', identifier: { system: DESK_POLICY_VERSION_SYSTEM, value: String(version) } });
  return {
    resourceType: 'DocumentReference',
    meta: meta(ctx),
    extension: [policyVersion(p.policyVersion)],
    identifier: identifiers(ctx, DESK_POLICY_VERSION_SYSTEM, p.policyVersion),
    status: 'current',
    docStatus: 'final',
    type: concept(DESK_ACTION_SYSTEM, 'financial-policy', 'Patient financial policy'),
    date: p.publishedAt,
    author: [{ display: p.publishedBy }],
    description: `${p.title}, version ${p.policyVersion}: ${p.reason}`,
    relatesTo: [{ code: 'replaces', target: versionReference(p.basedOnVersion) }],
    content: [
      { attachment: { contentType: 'application/json', title: `${p.title} (version ${p.policyVersion})`, creation: p.publishedAt, data: base64(JSON.stringify(p.document)) } },
      { attachment: { contentType: 'text/plain', title: `What changed from version ${p.basedOnVersion}`, creation: p.publishedAt, data: base64(p.changes.join('\n')) } },
    ],
  };
}

function decision(ctx: Context, p: Payload<'exception.approved'>, approved: boolean): Task {
  const request = p.decisionOf === 'write_off_request';
  const what = request ? 'write-off request' : 'bad-debt write-off';
  return {
    resourceType: 'Task',
    meta: meta(ctx),
    extension: [policyVersion(p.policyVersion)],
    identifier: identifiers(ctx, request ? DESK_REQUEST_SYSTEM : DESK_BAD_DEBT_DECISION_SYSTEM, p.recordId),
    ...(request ? { basedOn: [{ type: 'Task', identifier: { system: DESK_REQUEST_SYSTEM, value: String(p.recordId) } }] } : {}),
    status: approved ? 'completed' : 'rejected',
    ...(approved ? {} : { statusReason: { text: p.reason } }),
    intent: approved ? 'order' : 'proposal',
    priority: 'routine',
    code: request ? concept(DESK_ACTION_SYSTEM, 'write-off-decision', "A manager's decision on a write-off request") : concept(DESK_ACTION_SYSTEM, 'bad-debt-decision', "A manager's decision on bad debt"),
    description: approved
      ? `${p.decidedBy} approved the ${what}: ${formatCents(p.amountCents)} written off (${WRITE_OFF_RULE_LABELS[p.rule]}). ${p.reason}`
      : `${p.decidedBy} denied the ${what}: ${formatCents(p.amountCents)} stays to be collected. ${p.reason}`,
    focus: itemReference(ctx, p.itemId),
    for: patientReference(ctx, p.mrn),
    authoredOn: p.decidedAt,
    lastModified: p.decidedAt,
    owner: { display: p.decidedBy },
    reasonCode: concept(WRITE_OFF_RULE_SYSTEM, p.rule, WRITE_OFF_RULE_LABELS[p.rule]),
    note: [{ text: p.reason, time: p.decidedAt }],
    input: [
      input('amount', { valueMoney: money(p.amountCents) }),
      ...(p.entryId ? [input('write-off-entry', { valueIdentifier: { system: DESK_LEDGER_ENTRY_SYSTEM, value: String(p.entryId) } })] : []),
    ],
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
    case 'hardship.submitted':
      return hardshipApplication(ctx, parse(row, 'hardship.submitted'));
    case 'hardship.decided':
      return hardshipDecision(ctx, parse(row, 'hardship.decided'));
    case 'policy.published':
      return policyPublished(ctx, parse(row, 'policy.published'));
    case 'exception.approved':
      return decision(ctx, parse(row, 'exception.approved'), true);
    case 'exception.denied':
      return decision(ctx, parse(row, 'exception.denied'), false);
    default:
      throw new OutboxMappingError(row.id, `unknown kind "${row.kind}".`);
  }
}
