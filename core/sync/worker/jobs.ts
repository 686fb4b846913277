/** What the sync worker can be asked to do, and what it sends back for each (worker-entry.ts runs them). */
import type { RetryPolicy } from '../fhir-client/backoff';
import type { PulledPage, PulledType } from '../fhir-sync/page-work';
import type { FileFormat } from '../formats';
import type { ParsedRecord } from '../source';
import type { WireError } from './wire-errors';

/** Read and parse one file with the parser of its source; sends ParsedBatch messages. */
export interface ParseFileJob {
  kind: 'parse-file';
  file: string;
  source: FileFormat['source'];
  /** Records per message. */
  batchSize: number;
}

export interface ParsedBatch {
  records: ParsedRecord[];
  /** contentHash of each claim record (null for the others). */
  hashes: (string | null)[];
  /** Bytes of the file read so far. */
  bytes: number;
}

/** Pull every type's changes since its cursor from a FHIR server, mapped; sends PulledPage messages (page-work.ts, toWire), types in order. */
export interface PullJob {
  kind: 'pull';
  baseUrl: string;
  /** `resumeAt`: go on from a page the caller fetched itself (fetchUpdates' option). */
  types: { type: PulledType; since: string | null; resumeAt?: { url: string; pageNumber: number; cursor: string | null } }[];
  pageSize?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export type Job = ParseFileJob | PullJob;

/** Worker -> caller. */
export type FromWorker = { kind: 'ready' } | { kind: 'data'; data: ParsedBatch | PulledPage } | { kind: 'done' } | { kind: 'error'; error: WireError };

/** Caller -> worker: one more message may be sent. */
export interface Credit {
  kind: 'credit';
}
