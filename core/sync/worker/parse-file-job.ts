/** In the sync worker: reads a file, parses it with its source's parser, and sends the records in batches. */
import { basename } from 'node:path';
import { contentHash } from '../content-hash';
import { PARSERS } from '../formats';
import { readChunks } from '../read-chunks';
import type { ParsedRecord } from '../source';
import type { ParseFileJob, ParsedBatch } from './jobs';

export async function parseFileJob(job: ParseFileJob, send: (batch: ParsedBatch) => Promise<void>): Promise<void> {
  let bytes = 0;
  let records: ParsedRecord[] = [];
  const flush = () => send({ records, hashes: records.map((r) => (r.kind === 'claim' ? contentHash(r.claim) : null)), bytes });
  for await (const record of PARSERS[job.source](readChunks(job.file, (n) => (bytes += n)), basename(job.file))) {
    records.push(record);
    if (records.length === job.batchSize) {
      await flush();
      records = [];
    }
  }
  if (records.length) await flush();
}
