import type { Db } from '../../db/open';
import { addMinutes } from '../../../shared/dates';
import { attendanceFromRegister } from '../../../shared/domain/attendance-register';
import { CORE_SPECIALTIES, type Attendance, type CoreSpecialty } from '../../../shared/domain/meeting';
import { getMeeting, itemsOfMeeting, type ItemRow } from '../meetings/meetings-sql';
import { boardBySlug, registerOf } from './boards-sql';

/**
 * What a meeting's decisions take from its board (issue 14 item 8): the quorum rule, and the attendance a case's
 * decision starts from (the register at the case's planned time). Meetings with no board set up for their board
 * type keep the rule they always had: every core specialty.
 */

/** The specialties quorum needs at this meeting: its board's rule, else every core specialty. */
export function quorumSpecialtiesOf(db: Db, meetingId: number): readonly CoreSpecialty[] {
  const meeting = getMeeting(db, meetingId);
  const board = meeting ? boardBySlug(db, meeting.board_type) : undefined;
  return board && board.quorumSpecialties.length > 0 ? board.quorumSpecialties : CORE_SPECIALTIES;
}

/**
 * Who the register has present when the case comes up (its planned start: the meeting's start plus the minutes of
 * the cases before it); null when the meeting has no register, so the decision starts empty as before.
 */
export function registerAttendanceFor(db: Db, item: ItemRow): Attendance | null {
  const entries = registerOf(db, item.meeting_id);
  const meeting = getMeeting(db, item.meeting_id);
  if (entries.length === 0 || !meeting) return null;
  const before = itemsOfMeeting(db, item.meeting_id)
    .filter((i) => i.position < item.position)
    .reduce((n, i) => n + i.minutes, 0);
  return attendanceFromRegister(entries, addMinutes(meeting.starts_at, before).slice(11, 16));
}
