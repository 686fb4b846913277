/** One measured 835 import (run by import-835.ts in its own process): prints { seconds, peakMiB } as JSON. */
import { fixedClock } from '../core/clock';
import { openDatabase } from '../core/db/connection';
import { importFile } from '../core/sync/import-file';
import { parse835 } from '../core/sync/x12/parse-835';
import { peakRss } from './direct-copy';

const [file, dbFile] = process.argv.slice(2) as [string, string];
const db = openDatabase(dbFile, { create: true });
const started = performance.now();
const { result, peakMiB } = await peakRss(() => importFile({ db, clock: fixedClock('2026-11-22T12:00:00Z'), file, parser: parse835, source: 'x12-835' }));
const seconds = (performance.now() - started) / 1000;
db.close();
if (result.status !== 'imported') throw new Error(`the generated file was refused: ${result.message}`);
console.log(JSON.stringify({ seconds, peakMiB }));
