/**
 * How old the size used for T is at the meeting (docs/clinical-rules.md#size-for-t-its-date-and-age): the same
 * limit as the work-up checklist's imaging (readiness_settings.stale_weeks, strictly older than that many weeks
 * before the meeting date is stale), so staging never uses silently a measurement the checklist calls stale.
 */
import { dayMonthYear } from '../dates';

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export interface SizeAge {
  stale: boolean;
  /** "measured 45 days before the meeting of 3 Dec 2026" or the stale warning; '' when there is no date. */
  reason: string;
}

export function sizeAge(date: string | null, meetingDate: string, staleWeeks: number): SizeAge {
  if (!date || !ISO.test(date) || !ISO.test(meetingDate)) return { stale: false, reason: '' };
  const days = Math.round((Date.parse(`${meetingDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
  const meeting = `the meeting of ${dayMonthYear(meetingDate)}`;
  if (days > staleWeeks * 7) {
    return {
      stale: true,
      reason:
        `The size is from ${dayMonthYear(date)}, ${days} days before ${meeting}: older than ${staleWeeks} weeks, ` +
        'so T may not reflect the tumour now. Measure a current study or type the current size.',
    };
  }
  if (days < 0) return { stale: false, reason: `The size is from ${dayMonthYear(date)}, after ${meeting}.` };
  return { stale: false, reason: `Measured ${days} days before ${meeting}.` };
}
