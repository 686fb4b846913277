import type { PublishedPolicy } from '../../shared/policy/document';
import { parsePolicyDocument } from '../../shared/policy/document';
import type { Db } from '../db/connection';

const cache = new WeakMap<Db, PublishedPolicy>();

/** The policy in force: the newest published version, validated when loaded. */
export function currentPolicy(db: Db): PublishedPolicy {
  const { version } = db.prepare('SELECT max(version) AS version FROM policy_versions').get() as { version: number | null };
  if (version === null) throw new Error('No financial policy has been published.');
  const cached = cache.get(db);
  if (cached?.version === version) return cached;
  const row = db.prepare('SELECT document FROM policy_versions WHERE version = ?').get(version) as { document: string };
  const policy = { version, document: parsePolicyDocument(JSON.parse(row.document)) };
  cache.set(db, policy);
  return policy;
}
