import type { Migration } from './types';

/**
 * Staff accounts for sign-in. Passwords are stored only as a salted scrypt hash
 * (core/auth/passwords.ts). Failed attempts are counted so repeated guessing is slowed.
 */
export const migration005: Migration = {
  version: 5,
  name: 'staff accounts',
  up: (db) => {
    db.exec(`
      CREATE TABLE users (
        id               INTEGER PRIMARY KEY,
        username         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 2 AND 40),
        display_name     TEXT NOT NULL,
        role             TEXT NOT NULL CHECK (role IN ('front_desk','manager')),
        password_hash    TEXT NOT NULL,
        active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
        created_at       TEXT NOT NULL,
        created_by       TEXT NOT NULL,
        last_sign_in_at  TEXT,
        failed_attempts  INTEGER NOT NULL DEFAULT 0,
        locked_until     TEXT
      ) STRICT;
    `);
  },
};
