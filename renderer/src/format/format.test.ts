import { describe, expect, it } from 'vitest';
import { formatAgo, formatDayHeading, formatLocalTime, formatUsDate } from './dates';
import { formatPhone, openAmountParts, priorityLabel } from './labels';

describe('dates', () => {
  it('shows ISO dates as MM/DD/YYYY without going through a time zone', () => {
    expect(formatUsDate('1980-03-02')).toBe('03/02/1980');
    expect(formatUsDate('2000-12-31')).toBe('12/31/2000');
    expect(formatUsDate('not a date')).toBe('not a date');
  });

  it('shows appointment times on a 12-hour clock', () => {
    expect(formatLocalTime('2025-11-22T09:05')).toBe('9:05 AM');
    expect(formatLocalTime('2025-11-22T00:30')).toBe('12:30 AM');
    expect(formatLocalTime('2025-11-22T12:00')).toBe('12:00 PM');
    expect(formatLocalTime('2025-11-22T13:45')).toBe('1:45 PM');
  });

  it('names the weekday of the calendar date', () => {
    expect(formatDayHeading('2026-11-22')).toBe('Sunday, 11/22/2026');
  });

  it('says how long ago in plain words', () => {
    const now = new Date('2025-11-22T15:00:00Z');
    const ago = (ms: number) => formatAgo(new Date(now.getTime() - ms), now);
    expect(ago(20_000)).toBe('just now');
    expect(ago(12 * 60_000)).toBe('12 min ago');
    expect(ago(3 * 3_600_000 + 59 * 60_000)).toBe('3 h ago');
    expect(ago(30 * 3_600_000)).toBe('1 day ago');
    expect(ago(5 * 86_400_000)).toBe('5 days ago');
  });
});

describe('labels', () => {
  it('shows the original amount only when part of an item is paid', () => {
    expect(openAmountParts({ openCents: 1200, amountCents: 4000 })).toEqual({ open: '$12.00', of: '$40.00' });
    expect(openAmountParts({ openCents: 4000, amountCents: 4000 })).toEqual({ open: '$40.00', of: null });
  });

  it('names coverage priorities and formats phone numbers', () => {
    expect(priorityLabel(1)).toBe('Primary');
    expect(priorityLabel(2)).toBe('Secondary');
    expect(priorityLabel(4)).toBe('Coverage 4');
    expect(formatPhone('5552014477')).toBe('(555) 201-4477');
    expect(formatPhone('+1 555 201 4477')).toBe('(555) 201-4477');
    expect(formatPhone('12345')).toBe('12345');
  });
});
