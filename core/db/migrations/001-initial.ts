import type { Migration } from './types';

/**
 * The first schema. Money columns are integer cents. Tables are STRICT so a
 * wrong type is an error, not a silent coercion. Ledger entries and the audit
 * log are append-only (triggers refuse UPDATE and DELETE).
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: (db) => {
    db.exec(`
      CREATE TABLE practice_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE patients (
        id          INTEGER PRIMARY KEY,
        mrn         TEXT NOT NULL UNIQUE,
        family_name TEXT NOT NULL,
        given_name  TEXT NOT NULL,
        dob         TEXT NOT NULL CHECK (dob GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        phone       TEXT CHECK (phone IS NULL OR length(phone) = 10),
        created_at  TEXT NOT NULL
      ) STRICT;

      -- The main system's (and files') identifiers for a patient: system + value is unique.
      CREATE TABLE patient_identifiers (
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        system     TEXT NOT NULL,
        value      TEXT NOT NULL,
        PRIMARY KEY (system, value)
      ) STRICT;
      CREATE INDEX patient_identifiers_by_patient ON patient_identifiers(patient_id);

      -- Search index: every term a patient is found under (see shared/search-terms.ts).
      CREATE TABLE patient_search_terms (
        term       TEXT NOT NULL,
        patient_id INTEGER NOT NULL REFERENCES patients(id),
        PRIMARY KEY (term, patient_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_search_terms_by_patient ON patient_search_terms(patient_id, term);

      CREATE TABLE coverages (
        id          INTEGER PRIMARY KEY,
        patient_id  INTEGER NOT NULL REFERENCES patients(id),
        payer_name  TEXT NOT NULL,
        program     TEXT NOT NULL CHECK (program IN ('commercial','medicare','medicare_advantage','medicaid','qmb','self_pay')),
        member_id   TEXT,
        priority    INTEGER NOT NULL DEFAULT 1 CHECK (priority >= 1),
        copay_cents INTEGER NOT NULL DEFAULT 0 CHECK (copay_cents >= 0),
        active_from TEXT,
        active_to   TEXT,
        external_id TEXT UNIQUE
      ) STRICT;
      CREATE INDEX coverages_by_patient ON coverages(patient_id, priority);

      CREATE TABLE appointments (
        id          INTEGER PRIMARY KEY,
        patient_id  INTEGER NOT NULL REFERENCES patients(id),
        starts_at   TEXT NOT NULL,
        provider    TEXT NOT NULL,
        visit_type  TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('booked','arrived','fulfilled','cancelled','noshow')),
        external_id TEXT UNIQUE
      ) STRICT;
      CREATE INDEX appointments_by_patient ON appointments(patient_id, starts_at);
      CREATE INDEX appointments_by_start ON appointments(starts_at);

      CREATE TABLE service_codes (
        code        TEXT PRIMARY KEY,
        description TEXT NOT NULL
      ) STRICT;

      CREATE TABLE claims (
        id                 INTEGER PRIMARY KEY,
        patient_id         INTEGER NOT NULL REFERENCES patients(id),
        coverage_id        INTEGER REFERENCES coverages(id),
        claim_number       TEXT NOT NULL,
        payer_claim_number TEXT,
        status             TEXT NOT NULL CHECK (status IN ('paid','partially_paid','denied','reversed','self_pay')),
        adjudicated_on     TEXT,
        external_id        TEXT UNIQUE
      ) STRICT;
      CREATE INDEX claims_by_patient ON claims(patient_id);

      CREATE TABLE claim_lines (
        id               INTEGER PRIMARY KEY,
        claim_id         INTEGER NOT NULL REFERENCES claims(id),
        line_number      INTEGER NOT NULL,
        service_date     TEXT NOT NULL,
        service_code     TEXT NOT NULL,
        modifiers        TEXT,
        units            INTEGER NOT NULL DEFAULT 1,
        billed_cents     INTEGER NOT NULL,
        allowed_cents    INTEGER,
        payer_paid_cents INTEGER NOT NULL DEFAULT 0,
        UNIQUE (claim_id, line_number)
      ) STRICT;

      -- One CAS adjustment: group code + CARC (+ RARC) + amount.
      CREATE TABLE claim_adjustments (
        id            INTEGER PRIMARY KEY,
        claim_line_id INTEGER NOT NULL REFERENCES claim_lines(id),
        group_code    TEXT NOT NULL CHECK (group_code IN ('CO','PR','OA','PI','CR')),
        carc          TEXT NOT NULL,
        rarc          TEXT,
        amount_cents  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX claim_adjustments_by_line ON claim_adjustments(claim_line_id);

      -- What the patient is reported to owe: a PR adjustment or a self-pay charge.
      CREATE TABLE patient_items (
        id            INTEGER PRIMARY KEY,
        patient_id    INTEGER NOT NULL REFERENCES patients(id),
        claim_line_id INTEGER REFERENCES claim_lines(id),
        adjustment_id INTEGER UNIQUE REFERENCES claim_adjustments(id),
        service_date  TEXT NOT NULL,
        service_code  TEXT NOT NULL,
        category      TEXT NOT NULL CHECK (category IN ('copay','deductible','coinsurance','noncovered','self_pay','other')),
        amount_cents  INTEGER NOT NULL,
        created_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX patient_items_by_patient ON patient_items(patient_id, service_date);

      -- Append-only money movements. amount_cents > 0 raises what the patient owes, < 0 lowers it.
      CREATE TABLE ledger_entries (
        id                INTEGER PRIMARY KEY,
        patient_id        INTEGER NOT NULL REFERENCES patients(id),
        item_id           INTEGER REFERENCES patient_items(id),
        kind              TEXT NOT NULL CHECK (kind IN ('charge','payment','adjustment','write_off','refund','reversal')),
        amount_cents      INTEGER NOT NULL,
        method            TEXT CHECK (method IS NULL OR method IN ('cash','check','card','main_system')),
        reference         TEXT,
        reverses_entry_id INTEGER REFERENCES ledger_entries(id),
        idempotency_key   TEXT UNIQUE,
        posted_at         TEXT NOT NULL,
        actor             TEXT NOT NULL,
        note              TEXT
      ) STRICT;
      CREATE INDEX ledger_entries_by_item ON ledger_entries(item_id);
      CREATE INDEX ledger_entries_by_patient ON ledger_entries(patient_id, posted_at);
      CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: post a reversing entry'); END;
      CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: post a reversing entry'); END;

      -- Statements and other collection attempts, and the items each one covered.
      CREATE TABLE collection_attempts (
        id           INTEGER PRIMARY KEY,
        patient_id   INTEGER NOT NULL REFERENCES patients(id),
        kind         TEXT NOT NULL CHECK (kind IN ('statement','letter','call','portal_message')),
        attempted_on TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        actor        TEXT NOT NULL,
        note         TEXT
      ) STRICT;
      CREATE INDEX collection_attempts_by_patient ON collection_attempts(patient_id, attempted_on);
      CREATE TABLE collection_attempt_items (
        attempt_id INTEGER NOT NULL REFERENCES collection_attempts(id),
        item_id    INTEGER NOT NULL REFERENCES patient_items(id),
        PRIMARY KEY (attempt_id, item_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX collection_attempt_items_by_item ON collection_attempt_items(item_id, attempt_id);

      CREATE TABLE audit_log (
        id             INTEGER PRIMARY KEY,
        at             TEXT NOT NULL,
        actor          TEXT NOT NULL,
        action         TEXT NOT NULL,
        patient_id     INTEGER REFERENCES patients(id),
        entity         TEXT,
        entity_id      INTEGER,
        policy_version INTEGER,
        detail         TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX audit_log_by_patient ON audit_log(patient_id, at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      -- What must reach the main system, written in the same transaction as the change.
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        created_at      TEXT NOT NULL,
        kind            TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload         TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','rejected')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox(status, id);

      -- Per source: when it last synced and where its pull cursor stands.
      CREATE TABLE sync_state (
        source         TEXT PRIMARY KEY,
        last_synced_at TEXT,
        cursor         TEXT
      ) STRICT;
    `);
  },
};
