/** A report's period: calendar days, both ends inclusive and optional. */
export interface Period {
  from?: string;
  to?: string;
}

/** Bounds for comparing ISO dates or timestamps as text: the whole of the last day is inside. */
export const sqlRange = (period: Period): [string, string] => [period.from ?? '0000-01-01', period.to ? `${period.to}\uffff` : '9999-12-31'];
