/**
 * Money is integer cents everywhere. These helpers are the only place where
 * cents meet decimal text, so rounding happens in one spot.
 */

export type Cents = number;

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** "$1,234.56" / "-$3.00" for display. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}$${dollars}.${rest}`;
}

/**
 * Parses what a person types ("12", "12.5", "$1,234.56") into cents.
 * Returns null for anything that is not an exact amount with at most two decimals:
 * a desk must never have an amount silently rounded.
 */
export function parseDollarsToCents(text: string): Cents | null {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  const match = /^(-)?(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, minus, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return minus ? -cents : cents;
}
