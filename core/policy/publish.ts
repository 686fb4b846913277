/**
 * Publishing a new version of the financial policy: validated again, refused
 * when someone published since the manager started editing, then the version,
 * an audit record with every changed setting and an outbox message for the
 * main system, in one transaction keyed by the manager's idempotency key.
 */
import { createHash } from 'node:crypto';
import type { ApiParsedInput } from '../../shared/contract';
import type { PublishedPolicyVersion } from '../../shared/api/policy-editor';
import { ApiError } from '../../shared/errors';
import { policyChanges } from '../../shared/policy/diff';
import { checkPolicyDocument } from '../../shared/policy/issues';
import type { CoreContext } from '../api/context';
import { runOnce } from '../ledger/idempotent';
import { enqueueOutbox, recordAudit } from '../ledger/journal';
import { insertPolicyVersion, latestPolicyVersion, readPolicyVersion } from './versions';

export const POLICY_PUBLISHED = 'policy.published';

export function publishPolicy(ctx: CoreContext, input: ApiParsedInput<'publishPolicy'>): PublishedPolicyVersion {
  const checked = checkPolicyDocument(input.document);
  if (!checked.ok) {
    const count = checked.issues.length;
    throw new ApiError('invalid_input', `The policy cannot be published: ${count === 1 ? 'one setting needs' : `${count} settings need`} fixing. ${checked.issues.map((i) => i.message).join(' ')}`, checked.issues.map((i) => ({ path: `document.${i.path}`, message: i.message })));
  }
  const document = checked.document;
  const publishedAt = ctx.clock.now().toISOString();
  return runOnce(ctx.db, input.idempotencyKey, 'publish_policy', null, publishedAt, () => {
    const latest = latestPolicyVersion(ctx.db);
    const inForce = latest === null ? null : readPolicyVersion(ctx.db, latest);
    if (!inForce) throw new ApiError('not_found', 'No financial policy has been published yet.');
    if (inForce.version !== input.basedOnVersion) {
      throw new ApiError(
        'refused',
        `${inForce.publishedBy} published version ${inForce.version} (${inForce.publishedAt.slice(0, 10)}) while you were editing version ${input.basedOnVersion}. Your change was not published: open version ${inForce.version}, make your change there and preview it again.`,
      );
    }
    const changes = policyChanges(inForce.document, document);
    if (changes.length === 0) throw new ApiError('refused', `Nothing to publish: this is the same as version ${inForce.version}, the policy in force.`);

    const version = inForce.version + 1;
    insertPolicyVersion(ctx.db, { version, document, publishedAt, publishedBy: ctx.actor, note: input.note });
    // The document's hash in the hash-chained audit log makes the stored text of each version tamper-evident.
    const documentSha256 = createHash('sha256').update(JSON.stringify(document)).digest('hex');
    recordAudit(ctx.db, {
      at: publishedAt,
      actor: ctx.actor,
      action: POLICY_PUBLISHED,
      patientId: null,
      entity: 'policy_version',
      entityId: version,
      policyVersion: version,
      detail: { basedOnVersion: inForce.version, note: input.note, documentSha256, changes: changes.map(({ path, before, after, text }) => ({ path, before, after, text })) },
    });
    enqueueOutbox(ctx.db, {
      at: publishedAt,
      kind: POLICY_PUBLISHED,
      idempotencyKey: `${input.idempotencyKey}:${POLICY_PUBLISHED}`,
      payload: { policyVersion: version, basedOnVersion: inForce.version, title: document.title, reason: input.note, publishedAt, publishedBy: ctx.actor, changes: changes.map((c) => c.text), document },
    });
    return { version, publishedAt, changes };
  });
}
