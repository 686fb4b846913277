/** The published versions of the financial policy, newest last; a version is never changed once published. */
import type { PolicyVersionSummary } from '../../shared/api/policy-editor';
import type { PolicyDocument } from '../../shared/policy/document';
import { parsePolicyDocument } from '../../shared/policy/document';
import type { Db } from '../db/connection';

interface VersionRow {
  version: number;
  document: string;
  published_at: string;
  published_by: string;
  note: string | null;
}

export interface StoredPolicyVersion extends PolicyVersionSummary {
  document: PolicyDocument;
}

export function latestPolicyVersion(db: Db): number | null {
  return (db.prepare('SELECT max(version) AS version FROM policy_versions').get() as { version: number | null }).version;
}

function titleOf(document: string): string {
  try {
    const title = (JSON.parse(document) as { title?: unknown }).title;
    return typeof title === 'string' ? title : '';
  } catch {
    return '';
  }
}

/** Every version, newest first. */
export function listPolicyVersions(db: Db): PolicyVersionSummary[] {
  const rows = db.prepare('SELECT version, document, published_at, published_by, note FROM policy_versions ORDER BY version DESC').all() as VersionRow[];
  return rows.map((r, i) => ({ version: r.version, title: titleOf(r.document), publishedAt: r.published_at, publishedBy: r.published_by, note: r.note, inForce: i === 0 }));
}

/** One version, its document validated as it is read; null when there is no such version. */
export function readPolicyVersion(db: Db, version: number): StoredPolicyVersion | null {
  const row = db.prepare('SELECT version, document, published_at, published_by, note FROM policy_versions WHERE version = ?').get(version) as VersionRow | undefined;
  if (!row) return null;
  const document = parsePolicyDocument(JSON.parse(row.document));
  return { version: row.version, title: document.title, publishedAt: row.published_at, publishedBy: row.published_by, note: row.note, inForce: version === latestPolicyVersion(db), document };
}

export function insertPolicyVersion(db: Db, row: { version: number; document: PolicyDocument; publishedAt: string; publishedBy: string; note: string }): void {
  db.prepare('INSERT INTO policy_versions (version, document, published_at, published_by, note) VALUES (?, ?, ?, ?, ?)').run(row.version, JSON.stringify(row.document), row.publishedAt, row.publishedBy, row.note);
}
