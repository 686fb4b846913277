import { auditHash, GENESIS } from '../../audit/chain';
import type { AuditContent } from '../../audit/chain';
import type { Migration } from './types';

/** Chains the audit log by hash (records already written are chained in their order). */
export const migration004: Migration = {
  version: 4,
  name: 'tamper-evident audit log',
  up: (db) => {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      DROP TRIGGER audit_log_no_update;
    `);
    let prev = GENESIS;
    const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, at, actor, action, patient_id, entity, entity_id, policy_version, detail FROM audit_log ORDER BY id').all() as (AuditContent & { id: number })[]) {
      const hash = auditHash(row, prev);
      set.run(prev, hash, row.id);
      prev = hash;
    }
    db.exec(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE UNIQUE INDEX audit_log_by_hash ON audit_log(hash);
    `);
  },
};
