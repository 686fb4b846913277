/**
 * Dates and times as a US front desk reads them. The core sends calendar dates
 * as ISO text (YYYY-MM-DD) and local date-times as YYYY-MM-DDTHH:MM; these are
 * formatted by slicing the text, never through Date, so no time zone can shift
 * a date of birth by a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const LOCAL_TIME = /T(\d{2}):(\d{2})/;

/** "1980-03-02" -> "03/02/1980"; anything unexpected is shown as it came. */
export function formatUsDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return `${month}/${day}/${year}`;
}

/** "2025-11-22T09:05" -> "9:05 AM"; anything unexpected is shown as it came. */
export function formatLocalTime(localDateTime: string): string {
  const match = LOCAL_TIME.exec(localDateTime);
  if (!match) return localDateTime;
  const hours = Number(match[1]);
  const minutes = match[2];
  const suffix = hours < 12 ? 'AM' : 'PM';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour12}:${minutes} ${suffix}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "2025-11-22" -> "Saturday, 11/22/2025" (the weekday of the calendar date itself). */
export function formatDayHeading(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).getUTCDay()];
  return `${weekday}, ${formatUsDate(isoDate)}`;
}

/** An instant in the desk's local time: "11/22/2025, 10:55 AM". */
export function formatInstant(instant: Date): string {
  return instant.toLocaleString('en-US', {
    month: '2-digit',
    day: '2-digit',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `then` was, in the words a person uses: "just now", "12 min ago", "3 h ago", "2 days ago". */
export function formatAgo(then: Date, now: Date): string {
  const elapsed = now.getTime() - then.getTime();
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}
