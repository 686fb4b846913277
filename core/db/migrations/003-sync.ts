import type { Migration } from './types';

/**
 * Sync with the practice's main system: patients first seen in a file may have
 * no date of birth (an 835 carries none); claims remember where they came from
 * and a hash of what was applied; invalid records wait in quarantine; sync runs
 * are logged; items whose main-system amount changed after a desk decision are
 * flagged as conflicts; the outbox learns when it was sent.
 */
export const migration003: Migration = {
  version: 3,
  name: 'sync: sources, quarantine, conflicts, sync log',
  up: (db) => {
    // Rebuild patients with a nullable dob: SQLite cannot relax a column in place, so this is its
    // documented table rebuild (the runner turns foreign keys off around migrations and checks them
    // before committing). Other tables' foreign keys name "patients" and so point at the new table.
    db.exec(`
      CREATE TABLE patients_v3 (
        id          INTEGER PRIMARY KEY,
        mrn         TEXT NOT NULL UNIQUE,
        family_name TEXT NOT NULL,
        given_name  TEXT NOT NULL,
        dob         TEXT CHECK (dob IS NULL OR dob GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        phone       TEXT CHECK (phone IS NULL OR length(phone) = 10),
        created_at  TEXT NOT NULL
      ) STRICT;
      INSERT INTO patients_v3 (id, mrn, family_name, given_name, dob, phone, created_at)
        SELECT id, mrn, family_name, given_name, dob, phone, created_at FROM patients;
      DROP TABLE patients;
      ALTER TABLE patients_v3 RENAME TO patients;
      -- Matching a patient from another source by name and date of birth starts from the date.
      CREATE INDEX patients_by_dob ON patients(dob) WHERE dob IS NOT NULL;

      ALTER TABLE claims ADD COLUMN source TEXT;
      ALTER TABLE claims ADD COLUMN content_hash TEXT;
      ALTER TABLE patient_items ADD COLUMN external_key TEXT;
      CREATE UNIQUE INDEX patient_items_by_external_key ON patient_items(external_key) WHERE external_key IS NOT NULL;
      CREATE INDEX coverages_by_member ON coverages(member_id) WHERE member_id IS NOT NULL;

      ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
      ALTER TABLE outbox ADD COLUMN sent_at TEXT;
      ALTER TABLE outbox ADD COLUMN remote_ref TEXT;

      -- A record from the main system that could not be applied, kept with the reason until someone resolves it.
      CREATE TABLE quarantine (
        id          INTEGER PRIMARY KEY,
        source      TEXT NOT NULL,
        location    TEXT NOT NULL,
        reason      TEXT NOT NULL,
        raw         TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        resolution  TEXT
      ) STRICT;
      CREATE INDEX quarantine_open ON quarantine(resolved_at, id);

      CREATE TABLE sync_runs (
        id          INTEGER PRIMARY KEY,
        source      TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('import', 'pull', 'push')),
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
        stats       TEXT NOT NULL DEFAULT '{}',
        error       TEXT
      ) STRICT;
      CREATE INDEX sync_runs_recent ON sync_runs(started_at);

      -- The main system changed an item's amount after the desk decided something about it.
      CREATE TABLE sync_conflicts (
        id                   INTEGER PRIMARY KEY,
        item_id              INTEGER NOT NULL REFERENCES patient_items(id),
        patient_id           INTEGER NOT NULL REFERENCES patients(id),
        local_action         TEXT NOT NULL,
        local_at             TEXT NOT NULL,
        previous_amount_cents INTEGER NOT NULL,
        new_amount_cents     INTEGER NOT NULL,
        source               TEXT NOT NULL,
        detected_at          TEXT NOT NULL,
        resolved_at          TEXT,
        resolved_by          TEXT,
        resolution           TEXT
      ) STRICT;
      CREATE INDEX sync_conflicts_open ON sync_conflicts(item_id, resolved_at);
    `);
    // An 835 claim without service lines is stored as one line under this code.
    db.prepare("INSERT INTO service_codes (code, description) VALUES ('CLAIM', 'Claim-level amount (no service lines in the remittance)') ON CONFLICT (code) DO NOTHING").run();
  },
};
