import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { searchSql } from '../patients/queries';
import { insertPatient } from '../patients/queries';
import type { TempStore } from '../testing/temp-db';
import { tempDir, tempStore } from '../testing/temp-db';
import { openDatabase } from './connection';
import { StoreError } from './errors';
import { migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { seedDemoPractice } from '../demo/seed';

let store: TempStore | undefined;
afterEach(() => store?.cleanup());

describe('openDatabase', () => {
  it('creates a WAL store with foreign keys, a busy timeout and the latest schema', () => {
    store = tempStore();
    const { db } = store;
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('makes every table STRICT', () => {
    store = tempStore();
    const tables = store.db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      strict: number;
    }[];
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([]);
  });

  it('refuses a missing file unless asked to create it', () => {
    const { dir, cleanup } = tempDir();
    try {
      expect(() => openDatabase(join(dir, 'nope.sqlite'))).toThrow(StoreError);
      expect(existsSync(join(dir, 'nope.sqlite'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('refuses a database written by a newer app and leaves it unchanged', () => {
    store = tempStore();
    store.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    store.db.close();
    const before = statSync(store.file).mtimeMs;
    const error = (() => {
      try {
        openDatabase(store.file);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('too_new');
    expect((error as StoreError).message).toMatch(/newer version/);
    expect(statSync(store.file).mtimeMs).toBe(before);
  });

  it('refuses a file that is not a database', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'notes.sqlite');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'this is not sqlite, just some text that is long enough to be read as a header');
    try {
      expect(() => openDatabase(file)).toThrow(/not a Front Desk Balances database/);
    } finally {
      cleanup();
    }
  });
});

describe('migrate', () => {
  it('applies pending steps in one transaction: a failing step leaves nothing behind', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, name: 'one', up: (d: Database.Database) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, name: 'two', up: () => { throw new Error('boom'); } },
    ];
    expect(() => migrate(db, steps)).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'a'").get()).toEqual({ n: 0 });
  });

  it('is a no-op on an up-to-date database', () => {
    store = tempStore();
    expect(migrate(store.db)).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('upgrading a store with data', () => {
  it('keeps every row and every reference valid from v2 to the latest schema', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'old.sqlite');
      const db = new Database(file);
      db.pragma('foreign_keys = ON');
      migrate(db, MIGRATIONS.slice(0, 2));
      seedDemoPractice(db, { patients: 40, seed: 3, today: '2026-11-22' });
      const before = db.prepare('SELECT count(*) AS n FROM patients').get();
      db.close();
      const upgraded = openDatabase(file);
      expect(schemaVersion(upgraded)).toBe(LATEST_SCHEMA_VERSION);
      expect(upgraded.prepare('SELECT count(*) AS n FROM patients').get()).toEqual(before);
      expect(upgraded.pragma('foreign_key_check')).toEqual([]);
      upgraded.prepare("INSERT INTO patients (mrn, family_name, given_name, dob, created_at) VALUES ('X1', 'Budd', 'William', NULL, 'now')").run();
      upgraded.close();
    } finally {
      cleanup();
    }
  });
});

describe('schema v9', () => {
  it("makes every stored identifier's value searchable, as sync expects of identifiers it finds stored", () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 8));
    const patientId = Number(db.prepare("INSERT INTO patients (mrn, family_name, given_name, created_at) VALUES ('M1', 'Doe', 'Jane', 'x')").run().lastInsertRowid);
    db.prepare("INSERT INTO patient_identifiers (patient_id, system, value) VALUES (?, 'urn:main', 'PM-00042')").run(patientId);
    migrate(db);
    const terms = (db.prepare('SELECT term FROM patient_search_terms WHERE patient_id = ? ORDER BY term').pluck().all(patientId) as string[]);
    expect(terms).toEqual(expect.arrayContaining(['pm', '00042', 'pm00042']));
    expect(insertPatient(db, { mrn: 'M2', familyName: 'Roe', givenName: 'Rita', dob: null, phone: null, createdAt: 'x', identifiers: [{ system: 'urn:main', value: 'PM-7' }] })).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM patient_search_terms WHERE term = 'pm7'").pluck().get()).toBe(1);
    db.close();
  });
});

describe('schema v4', () => {
  it('chains audit records written before the upgrade, in their order', async () => {
    const { verifyStore } = await import('../audit/verify');
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 3));
    for (const action of ['a', 'b', 'c']) db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01', 'x', ?)").run(action);
    migrate(db);
    expect(verifyStore(db)).toMatchObject({ auditRecords: 3, broken: null });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'y'").run()).toThrow(/append-only/);
  });
});

describe('schema v1', () => {
  it('keeps ledger entries and the audit log append-only', () => {
    store = tempStore();
    const { db } = store;
    const patientId = insertPatient(db, { mrn: 'M1', familyName: 'Doe', givenName: 'Jane', dob: '1990-01-01', phone: null, createdAt: 'x' });
    db.prepare("INSERT INTO ledger_entries (patient_id, kind, amount_cents, posted_at, actor) VALUES (?, 'payment', -500, 'now', 'test')").run(patientId);
    expect(() => db.prepare('UPDATE ledger_entries SET amount_cents = 0').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_entries').run()).toThrow(/append-only/);
    db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('now', 'test', 'x')").run();
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('rejects wrong types and unknown codes (STRICT + CHECK)', () => {
    store = tempStore();
    const { db } = store;
    const patientId = insertPatient(db, { mrn: 'M1', familyName: 'Doe', givenName: 'Jane', dob: '1990-01-01', phone: null, createdAt: 'x' });
    expect(() =>
      db.prepare("INSERT INTO ledger_entries (patient_id, kind, amount_cents, posted_at, actor) VALUES (?, 'payment', 5.5, 'now', 't')").run(patientId),
    ).toThrow(/cannot store REAL value in INTEGER column/);
    expect(() => db.prepare("INSERT INTO coverages (patient_id, payer_name, program) VALUES (?, 'X', 'vip')").run(patientId)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO coverages (patient_id, payer_name, program) VALUES (999, 'X', 'medicare')").run()).toThrow(/FOREIGN KEY/);
  });

  it.each([false, true])('answers patient search from its index, whatever the number of words (analyzed: %s)', (analyzed) => {
    store = tempStore({ demoPatients: 300 });
    const { db } = store;
    if (analyzed) db.exec('ANALYZE');
    for (const words of [1, 2, 3]) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${searchSql(words)}`).all(...Array(words * 2).fill('a'), 50) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n');
      expect(plan).toMatch(/SEARCH t0 USING (PRIMARY KEY|COVERING INDEX \w+) \(term>\? AND term<\?\)/);
      expect(plan).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
      expect(plan).not.toMatch(/SCAN (t\d|p)\b/);
      if (words > 1) expect(plan).toMatch(/SEARCH t1 (EXISTS )?USING COVERING INDEX patient_search_terms_by_patient \(patient_id=\? AND term>\? AND term<\?\)/);
    }
  });
});
