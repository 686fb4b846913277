/**
 * A page of changes from the main system turned into work for pull.ts: every resource mapped to its
 * records (claims with their content hash), Appointments kept as they came. No database here: the sync
 * worker does this off the thread that writes (worker/pull-job.ts), or pull.ts itself when there is no
 * worker.
 */
import { claimJson, hashOfJson } from '../content-hash';
import { recordsOfResource } from '../fhir/parse-bundle';
import type { ImportedClaim } from '../records';
import type { ParsedRecord } from '../source';

type Json = Record<string, unknown>;

export const PULLED_TYPES = ['Patient', 'Coverage', 'ExplanationOfBenefit', 'ClaimResponse', 'Appointment'] as const;
export type PulledType = (typeof PULLED_TYPES)[number];

/**
 * One thing to apply: a mapped (or rejected) record, a claim as the worker sent it (the JSON text its hash
 * was made from, parsed only as it is applied), or an Appointment. `resource` is the record's resource
 * when it is at hand; from a worker only its place in the page's Bundle (`entry`) travels, and the resource
 * is read back from the page's body if the record ever has to be quarantined.
 */
export type Work =
  | { record: ParsedRecord; hash: string | null; resource?: Json; entry: number; json?: string }
  | { claimJson: string; hash: string; entry: number }
  | { appointment: Json };

export interface PulledPage {
  type: PulledType;
  pageNumber: number;
  /** The run's cursor after this page (see fetchUpdates). */
  cursor: string | null;
  last: boolean;
  /** Resources on the page new to this run. */
  count: number;
  work: Work[];
  /** The Bundle as the server sent it, when `work` does not hold the resources. */
  body?: Uint8Array;
}

/**
 * `entryIndexes[i]`: where resources[i] sits in the page's Bundle. `keep.resources`: the work holds them;
 * `keep.json`: a claim's work holds its JSON text (the hash is made from it anyway).
 */
export function workOfPage(resources: readonly Json[], entryIndexes: readonly number[], baseUrl: string, keep: { resources: boolean; json: boolean }): Work[] {
  const work: Work[] = [];
  resources.forEach((resource, i) => {
    if (resource.resourceType === 'Appointment') {
      work.push({ appointment: resource });
      return;
    }
    for (const record of recordsOfResource(resource, { baseUrl })) {
      const json = record.kind === 'claim' ? claimJson(record.claim) : undefined;
      const item: Work = { record, hash: json === undefined ? null : hashOfJson(json), entry: entryIndexes[i]! };
      if (keep.resources) item.resource = resource;
      if (keep.json && json !== undefined) item.json = json;
      work.push(item);
    }
  });
  return work;
}

const utf8 = new TextDecoder();

/** The resource behind a piece of work, for quarantine: from the work, else from the page's body (read once). */
export function resourceReader(page: PulledPage): (work: Work) => Json | null {
  let entries: { resource?: Json }[] | null = null;
  return (work) => {
    if ('appointment' in work) return work.appointment;
    if ('resource' in work && work.resource) return work.resource;
    if (!page.body) return null;
    entries ??= ((JSON.parse(utf8.decode(page.body)) as { entry?: { resource?: Json }[] }).entry ?? []);
    return entries[work.entry]?.resource ?? null;
  };
}

/**
 * How a page crosses from the worker: each claim as the JSON text its hash was made from (a string is
 * copied whole, where a claim's objects would be walked one by one), the rest as they are. The writing
 * thread parses a claim's text only as it applies it: the pages waiting for their transaction hold compact
 * strings, not object graphs that each young-generation collection would copy again.
 */
export function toWire(page: PulledPage): PulledPage {
  return { ...page, work: page.work.map((w) => ('record' in w && w.json !== undefined ? { claimJson: w.json, hash: w.hash!, entry: w.entry } : w)) };
}

/** The record a piece of work (not an Appointment) applies. */
export function recordOf(work: Exclude<Work, { appointment: Json }>): { record: ParsedRecord; hash: string | null } {
  return 'claimJson' in work ? { record: { kind: 'claim', claim: JSON.parse(work.claimJson) as ImportedClaim }, hash: work.hash } : work;
}
