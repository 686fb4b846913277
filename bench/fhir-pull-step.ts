/** One measured full FHIR pull (run by fhir-sync.ts in its own process), as the app pulls (default page size): prints { seconds, cpuSeconds, peakMiB } as JSON. */
import { openDatabase } from '../core/db/connection';
import { pullUpdates } from '../core/sync/fhir-sync/pull';
import { measured } from './direct-copy';

const [baseUrl, dbFile, today] = process.argv.slice(2) as [string, string, string];
const db = openDatabase(dbFile, { create: true });
const { seconds, cpuSeconds, peakMiB } = await measured(() => pullUpdates(db, baseUrl, () => new Date(`${today}T12:00:00Z`)));
db.close();
console.log(JSON.stringify({ seconds, cpuSeconds, peakMiB }));
