import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateResource } from '@medplum/core';
import { parse } from 'csv-parse/sync';
import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyPreviewResult } from '../../shared/api/policy-editor';
import { ApiError } from '../../shared/errors';
import type { PolicyDocument } from '../../shared/policy/document';
import { DEFAULT_POLICY } from '../../shared/policy/document';
import { evaluateItems } from '../../shared/policy/engine';
import { policyEditorHandlers } from '../api/handlers/policy-editor';
import { call } from '../api/dispatch';
import type { SessionStore } from '../auth/sessions';
import { loadItems } from '../balances/item-facts';
import { exportOutboxCsv } from '../sync/csv/export-outbox';
import { outboxToFhir } from '../sync/fhir-client/outbox-mapping';
import { loadFhirDefinitions } from '../sync/reference-server/server';
import type { OutboxRow } from '../sync/fhir-client/outbox-mapping';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';
import type { OpenItemFacts } from './open-item-facts';
import { loadAllOpenItems } from './open-item-facts';
import { verdictOutcome } from './verdict-outcome';

const raisedThreshold: PolicyDocument = { ...DEFAULT_POLICY, statementThresholdCents: 5_000, carryForward: { ...DEFAULT_POLICY.carryForward, maxCarriedTotalCents: 5_000 } };

let key = 0;
const nextKey = () => `policy-test-${++key}`;

/** Transitions counted the slow, obvious way: every patient's items loaded one by one, the engine run twice. */
function directTransitions(store: TempStore, before: PolicyDocument, after: PolicyDocument): Map<string, number> {
  const counts = new Map<string, number>();
  const patients = store.db.prepare('SELECT id FROM patients ORDER BY id').all() as { id: number }[];
  for (const { id } of patients) {
    const items = loadItems(store.db, id).filter((i) => i.openCents > 0);
    const a = evaluateItems(items, { today: TEST_TODAY, hardshipDiscountPercent: null }, before);
    const b = evaluateItems(items, { today: TEST_TODAY, hardshipDiscountPercent: null }, after);
    items.forEach((_, i) => {
      const from = verdictOutcome(a[i]!);
      const to = verdictOutcome(b[i]!);
      if (from !== to) counts.set(`${from}>${to}`, (counts.get(`${from}>${to}`) ?? 0) + 1);
    });
  }
  return counts;
}

/** The first open item the document lets the desk carry forward (and `also` accepts). */
function carryForwardable(store: TempStore, document: PolicyDocument, also: (item: OpenItemFacts) => boolean = () => true): OpenItemFacts {
  for (const patient of loadAllOpenItems(store.db)) {
    const verdicts = evaluateItems(patient.items, { today: TEST_TODAY, hardshipDiscountPercent: null }, document);
    const index = patient.items.findIndex((item, i) => verdicts[i]!.carryForwardUntil !== null && !item.carriedSince && also(item));
    if (index >= 0) return patient.items[index]!;
  }
  throw new Error('no item may be carried forward');
}

const asMap = (preview: PolicyPreviewResult) => new Map(preview.transitions.map((t) => [`${t.from}>${t.to}`, t.items]));

function preview(store: TempStore, document: unknown): PolicyPreviewResult {
  const result = call(store.ctx, 'previewPolicy', { document });
  if (!result.valid) throw new Error(`expected a valid preview: ${JSON.stringify(result.issues)}`);
  return result;
}

describe('previewPolicy on a seeded demo practice', () => {
  let store: TempStore;
  beforeAll(() => {
    store = tempStore({ demoPatients: 400 });
  });
  afterAll(() => store.cleanup());

  it('raising the carry-forward threshold makes more items carry-forwardable, and the numbers match a direct evaluation', () => {
    const result = preview(store, raisedThreshold);
    const toCarry = result.transitions.find((t) => t.from === 'collect' && t.to === 'carry_forward');
    expect(toCarry?.items).toBeGreaterThan(0);
    expect(toCarry?.summary).toBe(`${toCarry?.items} item${toCarry?.items === 1 ? '' : 's'}: collect → may be carried forward`);
    expect(result.transitions.every((t) => t.to === 'carry_forward')).toBe(true);
    const carry = result.outcomes.find((o) => o.outcome === 'carry_forward')!;
    expect(carry.after.items).toBe(carry.before.items + result.itemsChanged);

    expect(asMap(result)).toEqual(directTransitions(store, DEFAULT_POLICY, raisedThreshold));
    expect(result.itemsEvaluated).toBe(result.outcomes.reduce((sum, o) => sum + o.before.items, 0));
    expect(result.centsChanged).toBe(result.transitions.reduce((sum, t) => sum + t.cents, 0));
    expect(result.changes.map((c) => c.text)).toEqual(['Statement threshold: $20.00 → $50.00', 'Statement carried balances once their total reaches: $20.00 → $50.00']);
    expect(result.basedOnVersion).toBe(1);
  });

  it('gives a handful of examples per transition, largest first, with who, what and why', () => {
    const toCarry = preview(store, raisedThreshold).transitions[0]!;
    expect(toCarry.examples.length).toBe(Math.min(5, toCarry.items));
    const amounts = toCarry.examples.map((e) => e.openCents);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const example = toCarry.examples[0]!;
    expect(example.patientName).toMatch(/^.+, .+$/);
    expect(example.mrn).toBeTruthy();
    expect(example.openCents).toBeLessThan(5_000);
    expect(example.reason).toMatch(/^2\.1 Small balances are carried forward/);
  });

  it('a small-balance write-off shows which way verdicts move, with the routine-waiver caution', () => {
    const document = { ...DEFAULT_POLICY, smallBalanceWriteOff: { enabled: true, maxCents: 1_000 } };
    const result = preview(store, document);
    expect(result.transitions.length).toBeGreaterThan(0);
    expect(result.transitions.every((t) => t.to === 'small_balance')).toBe(true);
    expect(asMap(result)).toEqual(directTransitions(store, DEFAULT_POLICY, document));
    expect(result.warnings.join(' ')).toMatch(/routine waiver \(OIG Advisory Opinion 19-01\)/);
  });

  it('the same document changes nothing', () => {
    const result = preview(store, DEFAULT_POLICY);
    expect(result.itemsChanged).toBe(0);
    expect(result.transitions).toEqual([]);
    expect(result.changes).toEqual([]);
  });

  it('loads the same facts in one statement as the desk loads patient by patient', () => {
    // Give the demo some desk decisions first: a carry-forward, a pending request, a statement.
    const small = carryForwardable(store, DEFAULT_POLICY);
    call(store.ctx, 'carryForward', { itemId: small.id, idempotencyKey: nextKey() });
    const [other, third] = loadAllOpenItems(store.db).slice(5, 7);
    call(store.ctx, 'requestWriteOff', { itemId: other!.items[0]!.id, reason: 'Patient disputes the charge', idempotencyKey: nextKey() });
    call(store.ctx, 'recordCollectionAttempt', { patientId: third!.patientId, kind: 'statement', itemIds: [third!.items[0]!.id], idempotencyKey: nextKey() });

    for (const patient of loadAllOpenItems(store.db)) {
      const direct = loadItems(store.db, patient.patientId).filter((i) => i.openCents > 0);
      expect(patient.items).toEqual(
        direct.map((i) => ({
          id: i.id,
          serviceDate: i.serviceDate,
          billedOn: i.billedOn,
          serviceCode: i.serviceCode,
          description: i.description,
          category: i.category,
          group: i.group,
          carc: i.carc,
          rarc: i.rarc,
          amountCents: i.amountCents,
          openCents: i.openCents,
          paidCents: i.paidCents,
          program: i.program,
          statementsSent: i.statementsSent,
          firstStatementDate: i.firstStatementDate,
          carriedSince: i.carriedSince,
          pendingRequest: i.pendingRequest,
          approvedException: i.approvedException,
          conflict: i.conflict,
        })),
      );
    }
  });
});

describe('previewPolicy with an invalid document', () => {
  let store: TempStore;
  beforeAll(() => {
    store = tempStore();
  });
  afterAll(() => store.cleanup());

  it('answers every problem at its setting, in plain words', () => {
    const document = {
      ...DEFAULT_POLICY,
      title: '',
      carryForward: { maxAgeDays: 0, maxCarriedTotalCents: 2_000 },
      collectionEffort: { ...DEFAULT_POLICY.collectionEffort, minStatements: 0 },
      hardship: { ...DEFAULT_POLICY.hardship, slidingScale: [{ upToPercentOfGuideline: 150, discountPercent: 75 }, { upToPercentOfGuideline: 100, discountPercent: 120 }] },
      vipWaiver: true,
    };
    const result = call(store.ctx, 'previewPolicy', { document });
    expect(result.valid).toBe(false);
    if (result.valid) return;
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
    expect(byPath).toEqual({
      title: 'Policy title: enter some text.',
      'carryForward.maxAgeDays': 'At least 1 day.',
      'collectionEffort.minStatements': 'Statements sent before bad debt must be at least 1.',
      'hardship.slidingScale.1.discountPercent': 'Sliding scale, tier 2: Discount (%) must be at most 100.',
      'hardship.slidingScale': 'Bands must go up in income.',
      '': expect.stringMatching(/^"vipWaiver" is not a setting of the financial policy\. .*never on who the patient is\.$/),
    });
  });

  it('a document that is not an object at all is one plain issue, not a crash', () => {
    const result = call(store.ctx, 'previewPolicy', { document: 'raise it' });
    expect(result).toEqual({ valid: false, issues: [{ path: '', message: 'The policy must be a group of settings.' }] });
  });
});

describe('publishPolicy', () => {
  let store: TempStore;
  beforeAll(() => {
    loadFhirDefinitions();
    store = tempStore({ demoPatients: 50 });
  });
  afterAll(() => store.cleanup());

  it('creates version N+1 with an audit record of every changed setting and an outbox message, in one go', () => {
    const idempotencyKey = nextKey();
    const published = call(store.ctx, 'publishPolicy', { document: raisedThreshold, note: 'Fewer statements for small balances', basedOnVersion: 1, idempotencyKey });
    expect(published.version).toBe(2);
    expect(published.changes.map((c) => c.path)).toEqual(['statementThresholdCents', 'carryForward.maxCarriedTotalCents']);

    const versions = call(store.ctx, 'listPolicyVersions', {});
    expect(versions.map((v) => [v.version, v.inForce, v.note, v.publishedBy])).toEqual([
      [2, true, 'Fewer statements for small balances', 'test-desk'],
      [1, false, 'Default policy', 'system'],
    ]);

    const audit = store.db.prepare("SELECT actor, entity, entity_id, policy_version, detail FROM audit_log WHERE action = 'policy.published'").all() as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'test-desk', entity: 'policy_version', entity_id: 2, policy_version: 2 });
    const detail = JSON.parse(audit[0]!.detail) as { basedOnVersion: number; note: string; documentSha256: string; changes: { path: string; before: unknown; after: unknown; text: string }[] };
    expect(detail.basedOnVersion).toBe(1);
    expect(detail.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.changes[0]).toEqual({ path: 'statementThresholdCents', before: 2_000, after: 5_000, text: 'Statement threshold: $20.00 → $50.00' });

    const outbox = store.db.prepare("SELECT id, kind, idempotency_key, payload, created_at FROM outbox WHERE kind = 'policy.published'").all() as OutboxRow[];
    expect(outbox).toHaveLength(1);
    const resource = outboxToFhir(outbox[0]!) as DocumentReference;
    expect(() => validateResource(resource)).not.toThrow();
    expect(resource.resourceType).toBe('DocumentReference');
    expect(resource.relatesTo?.[0]?.target.identifier?.value).toBe('1');
    expect(JSON.parse(Buffer.from(resource.content[0]!.attachment.data!, 'base64').toString('utf8'))).toEqual(raisedThreshold);

    // For file-based main systems: the CSV row carries the note as the reason and the version.
    const file = join(store.dir, 'outbox.csv');
    exportOutboxCsv(store.db, file, '2026-11-22T15:00:00.000Z');
    const csvRow = (parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]).find((r) => r.kind === 'policy.published');
    expect(csvRow).toMatchObject({ reason: 'Fewer statements for small balances', policy_version: '2', mrn: '', item_id: '' });

    // A retry with the same key publishes nothing more and answers the same.
    expect(call(store.ctx, 'publishPolicy', { document: raisedThreshold, note: 'Fewer statements for small balances', basedOnVersion: 1, idempotencyKey })).toEqual(published);
    expect(call(store.ctx, 'listPolicyVersions', {})).toHaveLength(2);
  });

  it('refuses a publication based on a version that is no longer in force, saying so plainly', () => {
    const stale = () => call(store.ctx, 'publishPolicy', { document: { ...DEFAULT_POLICY, allowPrepayment: false }, note: 'No more prepayments', basedOnVersion: 1, idempotencyKey: nextKey() });
    expect(stale).toThrow(ApiError);
    expect(stale).toThrow(/test-desk published version 2 .* while you were editing version 1\. Your change was not published: open version 2/);
    expect(call(store.ctx, 'listPolicyVersions', {})).toHaveLength(2);
  });

  it('refuses an invalid document with its problems, and a document that changes nothing', () => {
    let error: unknown;
    try {
      call(store.ctx, 'publishPolicy', { document: { ...raisedThreshold, statementThresholdCents: -1 }, note: 'Negative threshold', basedOnVersion: 2, idempotencyKey: nextKey() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_input');
    expect((error as ApiError).issues).toEqual([{ path: 'document.statementThresholdCents', message: 'Amounts cannot be negative.' }]);
    expect(() => call(store.ctx, 'publishPolicy', { document: raisedThreshold, note: 'Same again', basedOnVersion: 2, idempotencyKey: nextKey() })).toThrow(/Nothing to publish: this is the same as version 2/);
    expect(() => call(store.ctx, 'publishPolicy', { document: raisedThreshold, note: '', basedOnVersion: 2, idempotencyKey: nextKey() })).toThrow(/Say what changed and why/);
  });

  it('keeps old versions readable, with their written clauses', () => {
    const old = call(store.ctx, 'getPolicyVersion', { version: 1 });
    expect(old).toMatchObject({ version: 1, inForce: false, document: DEFAULT_POLICY });
    expect(old.clauses.find((c) => c.section === '2.1')?.text).toMatch(/under \$20\.00 is not sent a statement/);
    const current = call(store.ctx, 'getPolicyVersion', {});
    expect(current).toMatchObject({ version: 2, inForce: true });
    expect(current.clauses.find((c) => c.section === '2.1')?.text).toMatch(/under \$50\.00 is not sent a statement/);
    expect(() => call(store.ctx, 'getPolicyVersion', { version: 9 })).toThrow(/There is no version 9/);
  });

  it('front-desk staff read the policy in force, not earlier versions', () => {
    const desk = { ...store.ctx, sessions: {} as SessionStore, user: { id: 2, username: 'desk', displayName: 'Dana Desk', role: 'front_desk' as const } };
    expect(policyEditorHandlers.getPolicyVersion(desk, {}).version).toBe(2);
    expect(() => policyEditorHandlers.getPolicyVersion(desk, { version: 1 })).toThrow(/Only a manager can open earlier versions/);
  });

  it('later verdicts and decisions cite the new version', () => {
    const patientId = (store.db.prepare('SELECT min(id) AS id FROM patients').get() as { id: number }).id;
    expect(call(store.ctx, 'getPatientBalance', { patientId }).policyVersion).toBe(2);
    // An item the new threshold lets the desk carry forward: the decision records version 2.
    const small = carryForwardable(store, raisedThreshold, (item) => item.openCents >= 2_000);
    const done = call(store.ctx, 'carryForward', { itemId: small.id, idempotencyKey: nextKey() });
    expect(done.result.policyVersion).toBe(2);
    expect(store.db.prepare('SELECT policy_version FROM carry_forwards WHERE id = ?').get(done.result.carryForwardId)).toEqual({ policy_version: 2 });
  });
});
