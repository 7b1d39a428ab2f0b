import { describe, expect, it } from 'vitest';
import { cutoffOf, nextMeetingStarts } from '../../../shared/domain/board';

describe('board templates', () => {
  it('gives the next meetings on the board weekday at its time, starting today when today is the day', () => {
    // 3 Dec 2026 is a Thursday (ISO weekday 4).
    expect(nextMeetingStarts({ weekday: 4, startTime: '13:00' }, '2026-12-03', 4)).toEqual([
      '2026-12-03T13:00',
      '2026-12-10T13:00',
      '2026-12-17T13:00',
      '2026-12-24T13:00',
    ]);
    expect(nextMeetingStarts({ weekday: 1, startTime: '08:30' }, '2026-12-03', 2)).toEqual([
      '2026-12-07T08:30',
      '2026-12-14T08:30',
    ]);
  });

  it('puts the cut-off its days before the meeting at its time, across a month end', () => {
    expect(cutoffOf({ cutoffDaysBefore: 2, cutoffTime: '12:00' }, '2026-12-01T13:00')).toBe('2026-11-29T12:00');
  });
});
