import type { Migration } from './types';

/**
 * The office manager's decisions. A write-off request records who decided it (their name as shown
 * then), under which policy version, and the write-off an approval posted; a bad-debt candidate's
 * decision is a row of its own, with the collection facts it was made on (a denial holds until they
 * change). Sync conflicts and quarantined records already carry resolved_at/by and the resolution.
 */
export const migration006: Migration = {
  version: 6,
  name: 'manager decisions',
  up: (db) => {
    db.exec(`
      ALTER TABLE exception_requests ADD COLUMN decided_by_name TEXT;
      ALTER TABLE exception_requests ADD COLUMN decision_policy_version INTEGER REFERENCES policy_versions(version);
      -- The write-off an approval posted; an approved request without one may still be written off (approved_exception).
      ALTER TABLE exception_requests ADD COLUMN write_off_entry_id INTEGER REFERENCES ledger_entries(id);

      CREATE TABLE bad_debt_decisions (
        id                  INTEGER PRIMARY KEY,
        item_id             INTEGER NOT NULL REFERENCES patient_items(id),
        patient_id          INTEGER NOT NULL REFERENCES patients(id),
        decision            TEXT NOT NULL CHECK (decision IN ('approved','denied')),
        reason              TEXT NOT NULL CHECK (length(reason) >= 5),
        -- The collection facts the decision was made on: a denial holds while they stay the same.
        open_cents          INTEGER NOT NULL,
        collection_attempts INTEGER NOT NULL CHECK (collection_attempts >= 0),
        write_off_entry_id  INTEGER REFERENCES ledger_entries(id),
        decided_by          TEXT NOT NULL,
        decided_by_name     TEXT NOT NULL,
        decided_at          TEXT NOT NULL,
        policy_version      INTEGER NOT NULL REFERENCES policy_versions(version),
        CHECK (decision = 'approved' OR write_off_entry_id IS NULL)
      ) STRICT;
      CREATE INDEX bad_debt_decisions_by_item ON bad_debt_decisions(item_id, id);
    `);
  },
};
