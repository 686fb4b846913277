/** How the Reports page writes its figures: money from cents, months, rates. */
import { formatCents } from '../../../../shared/money';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11" -> "Nov 2026"; anything unexpected as it came. */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
}

/** Charts plot dollars (cents would read as hundreds); tooltips and axes write them back as money. */
export const toDollars = (cents: number) => cents / 100;
export const formatDollars = (dollars: number) => formatCents(Math.round(dollars * 100));

export const formatPct = (pct: number | null) => (pct === null ? '—' : `${pct.toLocaleString('en-US', { maximumFractionDigits: 2 })}%`);

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** Colours for chart series, from Mantine's palette, in a fixed order. */
export const SERIES_COLORS = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.7', 'pink.6', 'lime.8', 'gray.6'] as const;
export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;
