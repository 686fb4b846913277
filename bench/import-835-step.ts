/** One measured 835 import (run by import-835.ts in its own process): prints { seconds, cpuSeconds, peakMiB } as JSON. */
import { fixedClock } from '../core/clock';
import { openDatabase } from '../core/db/connection';
import { importFile } from '../core/sync/import-file';
import { parse835 } from '../core/sync/x12/parse-835';
import { measured } from './direct-copy';

const [file, dbFile] = process.argv.slice(2) as [string, string];
const db = openDatabase(dbFile, { create: true });
const { result, seconds, cpuSeconds, peakMiB } = await measured(() => importFile({ db, clock: fixedClock('2026-11-22T12:00:00Z'), file, parser: parse835, source: 'x12-835' }));
db.close();
if (result.status !== 'imported') throw new Error(`the generated file was refused: ${result.message}`);
console.log(JSON.stringify({ seconds, cpuSeconds, peakMiB }));
