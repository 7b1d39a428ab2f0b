import { z } from 'zod';
import { IsoDate } from '../domain/case';
import { Board, BoardInput } from '../domain/board';
import { AttendanceRegister, RegisterEntry } from '../domain/attendance-register';

const BoardId = z.number({ message: 'Choose a board' }).int().positive();
const MeetingId = z.number({ message: 'Choose a meeting' }).int().positive();

/** A meeting made from a board's template, or a week left alone because the board already meets that day. */
export const MadeMeeting = z.object({
  id: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  submissionCutoff: z.string().nullable(),
});
export type MadeMeeting = z.infer<typeof MadeMeeting>;
export const MakeMeetingsResult = z.object({
  made: z.array(MadeMeeting),
  /** Weeks skipped: the board already has a meeting that day (the existing meeting). */
  skipped: z.array(MadeMeeting),
});
export type MakeMeetingsResult = z.infer<typeof MakeMeetingsResult>;

/** Issue 14 items 5 and 8: boards as templates of their meetings, and each meeting's attendance register. */
export const boardsContract = {
  /** Every board with its members, active first, by name. */
  'boards:list': { input: z.object({}).strict(), output: z.array(Board) },
  /** Creates (id null, version 0) or updates a board (the version it was read at); members are replaced as a set. */
  'boards:save': {
    input: z.object({ id: BoardId.nullable(), version: z.number().int().min(0), board: BoardInput }).strict(),
    output: Board,
  },
  /** Makes the board's meetings for the next `weeks` weeks from `from`, skipping days it already meets. */
  'boards:makeMeetings': {
    input: z
      .object({
        boardId: BoardId,
        from: IsoDate,
        weeks: z
          .number({ message: 'Give a number of weeks' })
          .int()
          .min(1, 'At least 1 week')
          .max(26, 'At most 26 weeks'),
      })
      .strict(),
    output: MakeMeetingsResult,
  },
  /** The meeting's attendance register with the quorum rule of its board. */
  'meetings:attendance': { input: z.object({ meetingId: MeetingId }).strict(), output: AttendanceRegister },
  /** Replaces the meeting's register as a set (refused once the meeting is finished). */
  'meetings:setAttendance': {
    input: z.object({ meetingId: MeetingId, entries: z.array(RegisterEntry).max(100, 'At most 100 people') }).strict(),
    output: AttendanceRegister,
  },
} as const;

export type BoardsChannel = keyof typeof boardsContract;
