/** Which parser reads a file: decided from its first bytes (and the extension for NDJSON). */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseBalanceCsv } from './csv/parse-balance-csv';
import { parseFhirJson, parseFhirNdjson } from './fhir/parse-bundle';
import type { RecordParser } from './source';
import { ImportRefusal } from './source';
import { parse835 } from './x12/parse-835';

export interface FileFormat {
  /** Recorded on claims and in the sync log. */
  source: 'x12-835' | 'fhir' | 'fhir-ndjson' | 'csv';
  parser: RecordParser;
}

function head(file: string, bytes = 4096): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/** The parser of each file source (a parser worker is told the source, and finds its parser here). */
export const PARSERS: Readonly<Record<FileFormat['source'], RecordParser>> = { 'x12-835': parse835, fhir: parseFhirJson, 'fhir-ndjson': parseFhirNdjson, csv: parseBalanceCsv };

export function detectFormat(file: string): FileFormat {
  const text = head(file).trimStart();
  if (/^(ISA|ST)[^A-Za-z0-9\s]/.test(text)) return { source: 'x12-835', parser: parse835 };
  if (text.startsWith('{')) {
    const ndjson = extname(file).toLowerCase() === '.ndjson' || /^\{[^\n]*\}\r?\n\s*\{/.test(text);
    return ndjson ? { source: 'fhir-ndjson', parser: parseFhirNdjson } : { source: 'fhir', parser: parseFhirJson };
  }
  if (/^[^\n]*patient_id[^\n]*,/i.test(text)) return { source: 'csv', parser: parseBalanceCsv };
  throw new ImportRefusal(basename(file), 'byte 1', 'not an X12 835, a FHIR JSON or NDJSON file, or a CSV balance export with a header');
}
