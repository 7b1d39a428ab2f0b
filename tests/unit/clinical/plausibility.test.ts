import { describe, expect, it } from 'vitest';
import {
  actionDueWarnings,
  birthDateWarnings,
  meetingDateWarnings,
  meetingDayWarnings,
  readinessDateWarnings,
} from '../../../shared/domain/plausibility';

const ids = (w: { id: string }[]) => w.map((x) => x.id);

describe('plausibility warnings', () => {
  it('warns of a meeting dated in the past, not of one today or later', () => {
    expect(meetingDateWarnings('2026-12-02T13:00', '2026-12-03')[0]).toEqual({
      id: 'meeting-in-past',
      message: 'The meeting is dated 2 Dec 2026, which is in the past.',
    });
    expect(meetingDateWarnings('2026-12-03T08:00', '2026-12-03')).toEqual([]);
  });

  it('warns of starting or signing off more than a day away from the meeting', () => {
    expect(meetingDayWarnings('start', '2026-12-10T13:00', '2026-12-11')).toEqual([]);
    expect(meetingDayWarnings('start', '2026-12-10T13:00', '2026-12-03')[0].message).toBe(
      'Starting the meeting now would be 7 days before the meeting (10 Dec 2026).',
    );
    expect(ids(meetingDayWarnings('sign-off', '2026-12-10T13:00', '2026-12-14'))).toEqual(['signed-off-far-from-date']);
  });

  it('warns of a date of birth over 110 years ago or in the future, with the age it gives', () => {
    expect(birthDateWarnings('1915-12-02', '2026-12-03')[0].message).toBe(
      'The date of birth (2 Dec 1915) makes the patient 111 years old: check the year.',
    );
    expect(birthDateWarnings('1916-12-02', '2026-12-03')).toEqual([]);
    expect(ids(birthDateWarnings('1915-01-01', '2026-12-03'))).toEqual(['birth-over-110-years']);
    expect(ids(birthDateWarnings('2027-01-01', '2026-12-03'))).toEqual(['birth-in-future']);
  });

  it('warns of an action due before its meeting and evidence dated after it', () => {
    expect(ids(actionDueWarnings('2026-12-09', '2026-12-10T13:00'))).toEqual(['action-due-before-meeting']);
    expect(actionDueWarnings('2026-12-10', '2026-12-10T13:00')).toEqual([]);
    expect(ids(readinessDateWarnings('2026-12-11', '2026-12-10T13:00'))).toEqual(['readiness-after-meeting']);
    expect(readinessDateWarnings('2026-12-10', '2026-12-10T13:00')).toEqual([]);
  });
});
