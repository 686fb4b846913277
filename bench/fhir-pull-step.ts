/** One measured full FHIR pull (run by fhir-sync.ts in its own process): prints { seconds, peakMiB } as JSON. */
import { openDatabase } from '../core/db/connection';
import { pullUpdates } from '../core/sync/fhir-sync/pull';
import { peakRss } from './direct-copy';

const [baseUrl, dbFile, today] = process.argv.slice(2) as [string, string, string];
const db = openDatabase(dbFile, { create: true });
const started = performance.now();
const { peakMiB } = await peakRss(() => pullUpdates(db, baseUrl, () => new Date(`${today}T12:00:00Z`), { pageSize: 1_000 }));
const seconds = (performance.now() - started) / 1000;
db.close();
console.log(JSON.stringify({ seconds, peakMiB }));
