import type { Migration } from './types';

/**
 * Indexes for searching the audit trail newest first by user, kind of action or day (patient has
 * audit_log_by_patient since version 1). Each ends in `at`, so a filtered page is read in order
 * and stops at its limit instead of sorting the whole log; the distinct users and actions offered
 * as filters come from the same indexes.
 */
export const migration008: Migration = {
  version: 8,
  name: 'audit trail search',
  up: (db) => {
    db.exec(`
      CREATE INDEX audit_log_by_at ON audit_log(at);
      CREATE INDEX audit_log_by_actor ON audit_log(actor, at);
      CREATE INDEX audit_log_by_action ON audit_log(action, at);
    `);
  },
};
