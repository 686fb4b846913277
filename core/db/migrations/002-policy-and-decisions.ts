import { DEFAULT_POLICY } from '../../../shared/policy/document';
import type { Migration } from './types';

/**
 * The financial policy (versioned documents), payments as received, the desk's
 * decisions (carry-forwards, exception requests) and idempotent operations.
 * Additive only: version-1 data stays valid.
 */
export const migration002: Migration = {
  version: 2,
  name: 'financial policy, payments and desk decisions',
  up: (db) => {
    db.exec(`
      CREATE TABLE policy_versions (
        version      INTEGER PRIMARY KEY,
        document     TEXT NOT NULL,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        note         TEXT
      ) STRICT;

      -- One payment as the patient handed it over; its ledger entries say where it went.
      CREATE TABLE payments (
        id             INTEGER PRIMARY KEY,
        patient_id     INTEGER NOT NULL REFERENCES patients(id),
        received_at    TEXT NOT NULL,
        amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
        method         TEXT NOT NULL CHECK (method IN ('cash','check','card')),
        reference      TEXT,
        actor          TEXT NOT NULL,
        policy_version INTEGER NOT NULL REFERENCES policy_versions(version)
      ) STRICT;
      CREATE INDEX payments_by_patient ON payments(patient_id, received_at);

      ALTER TABLE ledger_entries ADD COLUMN payment_id INTEGER REFERENCES payments(id);
      ALTER TABLE ledger_entries ADD COLUMN rule TEXT;
      ALTER TABLE ledger_entries ADD COLUMN policy_version INTEGER REFERENCES policy_versions(version);
      CREATE INDEX ledger_entries_by_payment ON ledger_entries(payment_id);

      -- Items the desk creates (today's copay) name their coverage and appointment.
      ALTER TABLE patient_items ADD COLUMN coverage_id INTEGER REFERENCES coverages(id);
      ALTER TABLE patient_items ADD COLUMN appointment_id INTEGER REFERENCES appointments(id);
      CREATE INDEX patient_items_by_appointment ON patient_items(appointment_id) WHERE appointment_id IS NOT NULL;

      CREATE TABLE carry_forwards (
        id             INTEGER PRIMARY KEY,
        item_id        INTEGER NOT NULL REFERENCES patient_items(id),
        patient_id     INTEGER NOT NULL REFERENCES patients(id),
        carried_on     TEXT NOT NULL,
        statement_by   TEXT NOT NULL,
        actor          TEXT NOT NULL,
        policy_version INTEGER NOT NULL REFERENCES policy_versions(version)
      ) STRICT;
      CREATE INDEX carry_forwards_by_item ON carry_forwards(item_id, carried_on);
      CREATE INDEX carry_forwards_by_patient ON carry_forwards(patient_id, carried_on);

      CREATE TABLE exception_requests (
        id                INTEGER PRIMARY KEY,
        item_id           INTEGER NOT NULL REFERENCES patient_items(id),
        patient_id        INTEGER NOT NULL REFERENCES patients(id),
        kind              TEXT NOT NULL CHECK (kind IN ('write_off')),
        amount_cents      INTEGER NOT NULL CHECK (amount_cents > 0),
        reason            TEXT NOT NULL,
        documentation_ref TEXT,
        status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','denied')),
        requested_by      TEXT NOT NULL,
        requested_at      TEXT NOT NULL,
        decided_by        TEXT,
        decided_at        TEXT,
        decision_reason   TEXT,
        policy_version    INTEGER NOT NULL REFERENCES policy_versions(version)
      ) STRICT;
      CREATE INDEX exception_requests_by_item ON exception_requests(item_id, status);
      CREATE INDEX exception_requests_by_status ON exception_requests(status, requested_at);

      ALTER TABLE collection_attempts ADD COLUMN policy_version INTEGER REFERENCES policy_versions(version);

      -- Every write the desk asks for, by its idempotency key: a replay returns the first answer.
      CREATE TABLE operations (
        idempotency_key TEXT PRIMARY KEY,
        kind            TEXT NOT NULL,
        patient_id      INTEGER REFERENCES patients(id),
        result          TEXT NOT NULL,
        created_at      TEXT NOT NULL
      ) STRICT;
    `);
    // Today's copay, once the desk takes it, is an item of its own until the claim comes back.
    db.prepare("INSERT INTO service_codes (code, description) VALUES ('COPAY', 'Copay for the visit') ON CONFLICT (code) DO NOTHING").run();
    db.prepare("INSERT INTO policy_versions (version, document, published_at, published_by, note) VALUES (1, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'system', 'Default policy')").run(
      JSON.stringify(DEFAULT_POLICY),
    );
  },
};
