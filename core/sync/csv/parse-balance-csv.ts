/** Streams a CSV patient-balance export (layout in balance-row.ts) into claims, one per row. */
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { RecordParser } from '../source';
import { ImportRefusal } from '../source';
import { balanceRowToClaim } from './balance-row';

const REQUIRED_COLUMNS = ['patient_id', 'last_name', 'first_name', 'claim_number', 'service_date', 'service_code', 'category', 'amount'];

export const parseBalanceCsv: RecordParser = async function* (chunks, file) {
  const rows = Readable.from(chunks).pipe(
    parse({
      columns: (header: string[]) => {
        const columns = header.map((h) => h.trim().toLowerCase());
        const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
        if (missing.length) throw new ImportRefusal(file, 'line 1 (header)', `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
        return columns;
      },
      bom: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
      info: true,
    }),
  );
  try {
    for await (const { record, info } of rows as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      try {
        yield { kind: 'claim', claim: balanceRowToClaim(record) };
      } catch (error) {
        yield { kind: 'rejected', rejected: { location: `line ${info.lines}`, reason: error instanceof Error ? error.message : String(error), raw: JSON.stringify(record) } };
      }
    }
  } catch (error) {
    if (error instanceof ImportRefusal) throw error;
    if (error instanceof CsvError) throw new ImportRefusal(file, `line ${(error as CsvError & { lines?: number }).lines ?? '?'}`, error.message.replace(/^Invalid [^:]*: /, ''));
    throw error;
  }
};
