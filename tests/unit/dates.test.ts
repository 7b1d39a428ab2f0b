import { describe, expect, it } from 'vitest';
import {
  clockTime,
  dateTime,
  dayMonthYear,
  localIsoDate,
  localWallTime,
  longDate,
  MONTHS,
  MONTHS_SHORT,
  monthShort,
  shortDate,
} from '../../shared/dates';
import * as deckFormat from '../../shared/deck/format';
import * as frame from '../../renderer/slides/frame';

describe('shared/dates: one way of writing dates', () => {
  it('every month is twelve names, abbreviated to three letters ("Sep", not "Sept")', () => {
    expect(MONTHS).toHaveLength(12);
    expect(MONTHS_SHORT).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    expect(monthShort('2026-09-22T13:00')).toBe('Sep');
    expect(monthShort('not a date')).toBe('');
    expect(monthShort('2026-13-01')).toBe('');
  });

  it.each([
    ['2026-09-22', '22 Sep 2026'],
    ['2026-09', 'Sep 2026'],
    ['2026-11-12T14:00', '12 Nov 2026'],
    ['2026-11-12 14:00:05', '12 Nov 2026'],
    ['2026-13-01', '2026-13-01'],
    ['next week', 'next week'],
    ['', ''],
  ])('dayMonthYear(%j) -> %j', (input, out) => {
    expect(dayMonthYear(input)).toBe(out);
  });

  it('writes a meeting day long and short, with its weekday, whatever the machine locale', () => {
    expect(longDate('2026-12-10T13:00')).toBe('Thursday 10 December 2026');
    expect(shortDate('2026-12-10T13:00')).toBe('Thu 10 Dec 2026');
    expect(longDate('2026-09-01')).toBe('Tuesday 1 September 2026');
    expect(shortDate('2026-09-01')).toBe('Tue 1 Sep 2026');
    expect(longDate('soon')).toBe('soon');
  });

  it('gives the wall-clock time of a local date-time, nothing for none', () => {
    expect(clockTime('2026-12-10T13:05')).toBe('13:05');
    expect(clockTime(null)).toBe('');
  });

  it('writes an instant in local time and today as the local calendar day', () => {
    const at = new Date(2026, 10, 12, 14, 0);
    expect(dateTime(at.toISOString())).toBe('12 Nov 2026, 14:00');
    expect(dateTime('2026-11-12')).toBe('12 Nov 2026');
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('the slides and the deck format use these very functions, not copies', () => {
    expect(frame.longDate).toBe(longDate);
    expect(frame.shortDate).toBe(shortDate);
    expect(frame.clock).toBe(clockTime);
    expect(frame.dayMonthYear).toBe(dayMonthYear);
    expect(deckFormat.clockTime).toBe(clockTime);
    expect(deckFormat.dayMonthYear).toBe(dayMonthYear);
  });
});

describe('local wall-clock times', () => {
  it("are the workstation's day and time to the minute, as meetings store them", () => {
    expect(localWallTime(new Date(2026, 11, 3, 8, 5, 59))).toBe('2026-12-03T08:05');
    expect(localWallTime(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01T00:00');
  });
});
