/** A report as CSV text: one writer for `front-desk report --csv` and the app's "Export CSV". */
import { stringify } from 'csv-stringify/sync';
import type { Report } from './reports';

/** Header first, then one line per row in the report's column order; ends with a newline. */
export function reportCsv(report: Pick<Report, 'columns' | 'rows'>): string {
  return stringify([report.columns, ...report.rows.map((row) => report.columns.map((column) => row[column] ?? ''))]);
}
