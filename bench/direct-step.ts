/** The direct insert of the rows a measured step wrote (run in its own process, like the step): prints { rows, seconds, cpuSeconds } as JSON. */
import { dirname } from 'node:path';
import { openDatabase } from '../core/db/connection';
import { directInsertSeconds } from './direct-copy';

const [dbFile, name] = process.argv.slice(2) as [string, string];
const source = openDatabase(dbFile);
const timed = directInsertSeconds(source, dirname(dbFile), name);
source.close();
console.log(JSON.stringify(timed));
