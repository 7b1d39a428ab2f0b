/**
 * Dates as BoardPrep writes them for people, everywhere (screens, slides, exports, messages from the services):
 * "22 Sep 2026", and for an instant the local calendar day with a 24-hour clock, "12 Nov 2026, 14:00". Pure, and
 * the same on every machine: no locale formatting (en-GB's `toLocaleString` says "Sept" in newer ICU versions).
 * The one place with month and weekday names; everything else formats through these functions.
 */

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
/** Always the first three letters: "Sep", never "Sept". */
export const MONTHS_SHORT = MONTHS.map((m) => m.slice(0, 3));
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Year, month and day of 'YYYY-MM-DD...' (a time after it is ignored); null for anything else. */
function calendarDay(at: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(at);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? { y, m: mo, d } : null;
}
const weekday = (p: { y: number; m: number; d: number }) => WEEKDAYS[new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay()];

/** "22 Sep 2026" for 'YYYY-MM-DD' (a time after it is ignored), "Sep 2026" for 'YYYY-MM'; anything else as it is. */
export function dayMonthYear(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(date);
  if (!m) return date;
  const month = MONTHS_SHORT[Number(m[2]) - 1];
  if (!month) return date;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** "Thursday 10 December 2026" from 'YYYY-MM-DD...' (a meeting's day on its title slide and in exports). */
export function longDate(at: string): string {
  const p = calendarDay(at);
  return p ? `${weekday(p)} ${p.d} ${MONTHS[p.m - 1]} ${p.y}` : at;
}

/** "Thu 10 Dec 2026" from 'YYYY-MM-DD...' (a meeting's day where space is short). */
export function shortDate(at: string): string {
  const p = calendarDay(at);
  return p ? `${weekday(p).slice(0, 3)} ${p.d} ${MONTHS_SHORT[p.m - 1]} ${p.y}` : at;
}

/** "Dec" from 'YYYY-MM...'; '' for anything else. */
export function monthShort(at: string): string {
  const m = /^\d{4}-(\d{2})/.exec(at);
  return (m && MONTHS_SHORT[Number(m[1]) - 1]) ?? '';
}

/** "13:00" from a local wall-clock time 'YYYY-MM-DDTHH:MM'; '' when there is none. */
export const clockTime = (at: string | null | undefined): string => (at ? at.slice(11, 16) : '');

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day where BoardPrep runs, 'YYYY-MM-DD' (not UTC's: a board at 08:00 in Sydney is still "today"). */
export function localIsoDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local wall-clock time of an instant, as 'YYYY-MM-DDTHH:MM' (how meetings and their slots are stored). */
export function localWallTime(d: Date): string {
  return `${localIsoDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Adds minutes to a local wall-clock time (pure arithmetic on the wall clock, no time zone involved). */
export function addMinutes(at: string, minutes: number): string {
  return new Date(Date.parse(`${at}:00Z`) + minutes * 60_000).toISOString().slice(0, 16);
}

/** An instant (ISO timestamp) as "12 Nov 2026, 14:00" in local time; a plain date as "12 Nov 2026". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(iso)) return dayMonthYear(iso);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${dayMonthYear(localIsoDate(d))}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "10 Dec 2026, 13:00" from a local wall-clock time 'YYYY-MM-DDTHH:MM' (a meeting, its cut-off); a day alone without a time. */
export function wallDateTime(at: string | null | undefined): string {
  if (!at) return '';
  const time = clockTime(at);
  return time ? `${dayMonthYear(at)}, ${time}` : dayMonthYear(at);
}

/**
 * Every ISO date in free text as people write it: "CT (2026-09-22)" -> "CT (22 Sep 2026)", "2026-11-12 13:00" ->
 * "12 Nov 2026 13:00". Anything that is not a real calendar date is left alone.
 */
export function readableDates(text: string): string {
  if (!text) return text;
  return text.replace(
    /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?(?![\d-])/g,
    (whole, y: string, mo: string, d: string, time?: string) => {
      const month = Number(mo);
      const day = Number(d);
      if (month < 1 || month > 12 || day < 1 || day > 31) return whole;
      return `${day} ${MONTHS_SHORT[month - 1]} ${y}${time ? ` ${time}` : ''}`;
    },
  );
}
