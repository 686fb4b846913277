import { migration001 } from './001-initial';
import { migration002 } from './002-policy-and-decisions';
import { migration003 } from './003-sync';
import { migration004 } from './004-audit-chain';
import { migration005 } from './005-staff-accounts';
import { migration006 } from './006-decisions';
import { migration007 } from './007-hardship';
import { migration008 } from './008-audit-search';
import { migration009 } from './009-identifier-terms';
import { migration010 } from './010-patients-by-dob-and-name';
import type { Migration } from './types';

/** Every schema step, in order. Once shipped, a step never changes: add a new one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
