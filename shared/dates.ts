/**
 * Dates as BoardPrep writes them for people, everywhere (screens, slides, exports, messages from the services):
 * "22 Sep 2026", and for an instant the local calendar day with a 24-hour clock, "12 Nov 2026, 14:00". Pure.
 */

export const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "22 Sep 2026" for 'YYYY-MM-DD' (a time after it is ignored), "Sep 2026" for 'YYYY-MM'; anything else as it is. */
export function dayMonthYear(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(date);
  if (!m) return date;
  const month = MONTHS_SHORT[Number(m[2]) - 1];
  if (!month) return date;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day where BoardPrep runs, 'YYYY-MM-DD' (not UTC's: a board at 08:00 in Sydney is still "today"). */
export function localIsoDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** An instant (ISO timestamp) as "12 Nov 2026, 14:00" in local time; a plain date as "12 Nov 2026". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(iso)) return dayMonthYear(iso);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${dayMonthYear(localIsoDate(d))}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
