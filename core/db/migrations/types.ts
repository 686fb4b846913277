import type { Db } from '../connection';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; strictly increasing from 1. */
  version: number;
  name: string;
  up: (db: Db) => void;
}
