/**
 * `front-desk verify`: walks the audit chain and checks the ledger's
 * invariants; reports the first broken record, in words.
 */
import type { Db } from '../db/connection';
import type { AuditContent } from './chain';
import { auditHash, GENESIS } from './chain';

export interface VerifyReport {
  auditRecords: number;
  ledgerEntries: number;
  /** The first problem found, or null when everything holds. */
  broken: string | null;
}

function verifyChain(db: Db): { count: number; broken: string | null } {
  let prev = GENESIS;
  let count = 0;
  for (const row of db.prepare('SELECT id, at, actor, action, patient_id, entity, entity_id, policy_version, detail, prev_hash, hash FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditContent & { id: number; prev_hash: string | null; hash: string | null }>) {
    count += 1;
    if (row.prev_hash !== prev) return { count, broken: `Audit record ${row.id}: it does not follow the record before it (a record was removed, inserted or reordered).` };
    if (row.hash !== auditHash(row, prev)) return { count, broken: `Audit record ${row.id}: its contents changed after it was written.` };
    prev = row.hash;
  }
  return { count, broken: null };
}

/** Ledger invariants that no sequence of core writes can break. */
const LEDGER_CHECKS: { sql: string; problem: (row: { id: number }) => string }[] = [
  {
    sql: `SELECT e.id FROM ledger_entries e JOIN patient_items i ON i.id = e.item_id WHERE e.patient_id != i.patient_id ORDER BY e.id LIMIT 1`,
    problem: (r) => `Ledger entry ${r.id}: it belongs to a different patient than its item.`,
  },
  {
    sql: `SELECT p.id FROM payments p WHERE p.amount_cents != -(SELECT coalesce(sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.payment_id = p.id) ORDER BY p.id LIMIT 1`,
    problem: (r) => `Payment ${r.id}: the amounts it was applied as do not add up to the payment.`,
  },
  {
    sql: `SELECT e.id FROM ledger_entries e WHERE e.kind = 'write_off' AND (e.rule IS NULL OR e.policy_version IS NULL) AND e.actor NOT LIKE 'sync:%' AND e.actor != 'demo-seed' ORDER BY e.id LIMIT 1`,
    problem: (r) => `Ledger entry ${r.id}: a write-off without its rule or policy version.`,
  },
  {
    sql: `SELECT e.id FROM ledger_entries e WHERE e.kind = 'charge' AND e.amount_cents < 0 ORDER BY e.id LIMIT 1`,
    problem: (r) => `Ledger entry ${r.id}: a negative charge.`,
  },
];

export function verifyStore(db: Db): VerifyReport {
  const chain = verifyChain(db);
  const { n: ledgerEntries } = db.prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number };
  if (chain.broken) return { auditRecords: chain.count, ledgerEntries, broken: chain.broken };
  for (const check of LEDGER_CHECKS) {
    const row = db.prepare(check.sql).get() as { id: number } | undefined;
    if (row) return { auditRecords: chain.count, ledgerEntries, broken: check.problem(row) };
  }
  return { auditRecords: chain.count, ledgerEntries, broken: null };
}
