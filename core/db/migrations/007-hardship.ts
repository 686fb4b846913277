import { HARDSHIP_DOCUMENTS } from '../../../shared/policy/hardship';
import type { Migration } from './types';

const documentList = HARDSHIP_DOCUMENTS.map((d) => `'${d}'`).join(',');

/**
 * Financial hardship applications (policy 5.1, 5.2): the facts the desk recorded, the sliding-scale
 * result the engine computed (with the guideline and policy version it used), the manager's decision
 * and, for an approval, the day it expires. At most one application per patient waits at a time.
 */
export const migration007: Migration = {
  version: 7,
  name: 'financial hardship applications',
  up: (db) => {
    db.exec(`
      CREATE TABLE hardship_applications (
        id                   INTEGER PRIMARY KEY,
        patient_id           INTEGER NOT NULL REFERENCES patients(id),
        household_size       INTEGER NOT NULL CHECK (household_size BETWEEN 1 AND 100),
        annual_income_cents  INTEGER NOT NULL CHECK (annual_income_cents >= 0),
        note                 TEXT,
        submitted_by         TEXT NOT NULL,
        submitted_at         TEXT NOT NULL,
        -- The sliding-scale result (recomputed under the policy in force when a manager approves).
        guideline_year       INTEGER NOT NULL,
        guideline_cents      INTEGER NOT NULL CHECK (guideline_cents > 0),
        percent_of_guideline INTEGER NOT NULL CHECK (percent_of_guideline >= 0),
        band_up_to_percent   INTEGER CHECK (band_up_to_percent > 0),
        discount_percent     INTEGER NOT NULL CHECK (discount_percent BETWEEN 0 AND 100),
        policy_version       INTEGER NOT NULL REFERENCES policy_versions(version),
        status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','denied')),
        decided_by           TEXT,
        decided_at           TEXT,
        decision_reason      TEXT,
        -- Approved only: the first day the determination no longer applies.
        expires_on           TEXT CHECK (expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        CHECK ((status = 'pending') = (decided_by IS NULL AND decided_at IS NULL AND decision_reason IS NULL)),
        CHECK ((status = 'approved') = (expires_on IS NOT NULL))
      ) STRICT;
      CREATE INDEX hardship_applications_by_patient ON hardship_applications(patient_id, status, expires_on);
      CREATE INDEX hardship_applications_by_status ON hardship_applications(status, submitted_at);
      -- One application waits for a manager per patient; a second is refused.
      CREATE UNIQUE INDEX hardship_applications_one_pending ON hardship_applications(patient_id) WHERE status = 'pending';

      -- The evidence the desk saw, from a fixed list.
      CREATE TABLE hardship_application_documents (
        application_id INTEGER NOT NULL REFERENCES hardship_applications(id),
        document       TEXT NOT NULL CHECK (document IN (${documentList})),
        PRIMARY KEY (application_id, document)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
