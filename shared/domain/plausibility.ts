import { dayMonthYear } from '../dates';

/**
 * Plausibility warnings (issue 14 item 15): entries that are allowed but unlikely, said out loud instead of being
 * accepted in silence. Keyed by id; every screen that takes one of these entries shows the same words from here.
 * A warning never blocks a save: the person entering it may know better (a meeting recorded after the event).
 */
export const PLAUSIBILITY_IDS = [
  'meeting-in-past',
  'meeting-started-far-from-date',
  'signed-off-far-from-date',
  'birth-over-110-years',
  'birth-in-future',
  'action-due-before-meeting',
  'readiness-after-meeting',
] as const;
export type PlausibilityId = (typeof PLAUSIBILITY_IDS)[number];

export interface PlausibilityWarning {
  id: PlausibilityId;
  message: string;
}

/** How far from the meeting's day starting or signing off it is still unremarkable (a late sign-off next morning). */
export const DAYS_FROM_MEETING_ALLOWED = 1;
/** The oldest plausible age at a board. */
export const MAX_PLAUSIBLE_AGE_YEARS = 110;

/** Whole days from a to b ('YYYY-MM-DD...' calendar days; b after a is positive). */
export function daysBetween(a: string, b: string): number {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((day(b) - day(a)) / 86_400_000);
}

const warn = (id: PlausibilityId, message: string): PlausibilityWarning[] => [{ id, message }];

/** A meeting scheduled on a day already past. `startsAt` 'YYYY-MM-DDTHH:MM', `today` 'YYYY-MM-DD'. */
export function meetingDateWarnings(startsAt: string, today: string): PlausibilityWarning[] {
  return daysBetween(today, startsAt) < 0
    ? warn('meeting-in-past', `The meeting is dated ${dayMonthYear(startsAt)}, which is in the past.`)
    : [];
}

/** Starting (`act` 'start') or signing off (`act` 'sign-off') on a day far from the meeting's own day. */
export function meetingDayWarnings(act: 'start' | 'sign-off', startsAt: string, today: string): PlausibilityWarning[] {
  const days = daysBetween(startsAt, today);
  if (Math.abs(days) <= DAYS_FROM_MEETING_ALLOWED) return [];
  const when = `${Math.abs(days)} days ${days < 0 ? 'before' : 'after'} the meeting (${dayMonthYear(startsAt)})`;
  return act === 'start'
    ? // Shown beside "Start meeting" before it is pressed, so it says what pressing it would do.
      warn('meeting-started-far-from-date', `Starting the meeting now would be ${when}.`)
    : warn('signed-off-far-from-date', `This decision is being signed off ${when}.`);
}

/** A date of birth more than 110 years ago, or after today. */
export function birthDateWarnings(dateOfBirth: string, today: string): PlausibilityWarning[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return [];
  if (dateOfBirth > today)
    return warn('birth-in-future', `The date of birth (${dayMonthYear(dateOfBirth)}) is after today.`);
  const age =
    Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) - (today.slice(5) < dateOfBirth.slice(5) ? 1 : 0);
  return age > MAX_PLAUSIBLE_AGE_YEARS
    ? warn(
        'birth-over-110-years',
        `The date of birth (${dayMonthYear(dateOfBirth)}) makes the patient ${age} years old: check the year.`,
      )
    : [];
}

/** An action due before the meeting that set it. `dueDate` 'YYYY-MM-DD', `meetingStartsAt` 'YYYY-MM-DD...'. */
export function actionDueWarnings(dueDate: string, meetingStartsAt: string): PlausibilityWarning[] {
  return dueDate && daysBetween(meetingStartsAt, dueDate) < 0
    ? warn(
        'action-due-before-meeting',
        `Due ${dayMonthYear(dueDate)}, before the meeting that sets it (${dayMonthYear(meetingStartsAt)}).`,
      )
    : [];
}

/** Work-up evidence dated after the meeting it is meant to be ready for. */
export function readinessDateWarnings(evidenceDate: string, meetingStartsAt: string): PlausibilityWarning[] {
  return evidenceDate && daysBetween(meetingStartsAt, evidenceDate) > 0
    ? warn(
        'readiness-after-meeting',
        `Dated ${dayMonthYear(evidenceDate)}, after the meeting (${dayMonthYear(meetingStartsAt)}): it does not count for it.`,
      )
    : [];
}
