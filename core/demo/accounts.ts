/**
 * The demo practice's staff accounts. Real accounts with real hashes: only the demo database has
 * them; a practice's own store starts with its first manager instead.
 */
import { createUser } from '../auth/users';
import { DEMO_ACCOUNTS } from './demo-accounts';
import type { Db } from '../db/connection';
import type { SeedOptions } from './seed';
import { seedDemoPractice } from './seed';


export function seedDemoAccounts(db: Db, today: string): void {
  const at = new Date(`${today}T07:00:00`).toISOString();
  db.transaction(() => {
    for (const account of Object.values(DEMO_ACCOUNTS)) createUser(db, account, 'demo', at);
  })();
}

/** The whole demo as people use it: the practice's patients and its staff accounts. */
export function seedDemoWithAccounts(db: Db, options: SeedOptions): void {
  seedDemoPractice(db, options);
  seedDemoAccounts(db, options.today);
}
