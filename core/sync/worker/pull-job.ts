/**
 * In the sync worker: fetches each type's changes page by page (fetchUpdates: retries, duplicate and
 * out-of-order pages) and maps them (page-work.ts), so the thread that writes only writes. The next page
 * is asked for before this one is mapped: the server prepares it meanwhile.
 */
import { fetchUpdates } from '../fhir-client/fetch-updates';
import type { PulledPage } from '../fhir-sync/page-work';
import { toWire, workOfPage } from '../fhir-sync/page-work';
import type { PullJob } from './jobs';

type Json = Record<string, unknown>;

export async function pullJob(job: PullJob, send: (page: PulledPage, transfer: ArrayBuffer[]) => Promise<void>): Promise<void> {
  for (const { type, since, resumeAt } of job.types) {
    const pages = fetchUpdates(job.baseUrl, type, since, { pageSize: job.pageSize, timeoutMs: job.timeoutMs, retry: job.retry, keepBody: true, resumeAt });
    let next = pages.next();
    for (;;) {
      const result = await next;
      if (result.done) break;
      const page = result.value;
      if (!page.last) next = pages.next();
      const work = workOfPage(page.resources as unknown as Json[], page.entryIndexes, job.baseUrl, { resources: false, json: true });
      const body = page.body!;
      await send(toWire({ type, pageNumber: page.pageNumber, cursor: page.cursor, last: page.last, count: page.resources.length, work, body }), [body.buffer as ArrayBuffer]);
      if (page.last) break;
    }
  }
}
