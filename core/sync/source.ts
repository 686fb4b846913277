/**
 * What a parser of main-system data yields: claims to apply and records to
 * quarantine, one at a time (streamed, so a file of a million lines never sits
 * in memory whole). A parser throws ImportRefusal when the file itself is
 * unusable; then nothing of that file is written.
 */
import type { ImportedClaim, ImportedCoverage, ImportedPatient, RejectedRecord } from './records';

export type ParsedRecord =
  | { kind: 'claim'; claim: ImportedClaim }
  /** A patient (and coverage) known before any claim: FHIR Patient/Coverage, CSV rows. */
  | { kind: 'patient'; patient: ImportedPatient; coverage: ImportedCoverage | null }
  | { kind: 'rejected'; rejected: RejectedRecord };

export class ImportRefusal extends Error {
  readonly file: string;
  /** Where: "segment 14 (CAS)", "line 3", "entry 7". */
  readonly location: string;

  constructor(file: string, location: string, problem: string) {
    super(`${file}: ${location}: ${problem}`);
    this.name = 'ImportRefusal';
    this.file = file;
    this.location = location;
  }
}

/** A parser reads a file (as a stream of text chunks) and yields its records. */
export type RecordParser = (chunks: AsyncIterable<string>, file: string) => AsyncGenerator<ParsedRecord>;
