import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { cutoffOf, nextMeetingStarts, type Board, type BoardInput } from '../../../shared/domain/board';
import { CORE_SPECIALTIES, MeetingFields, type MeetingSummary } from '../../../shared/domain/meeting';
import type { AttendanceRegister, RegisterEntry } from '../../../shared/domain/attendance-register';
import type { MadeMeeting, MakeMeetingsResult } from '../../../shared/contract/boards';
import { DomainError } from '../errors';
import type { MeetingsService } from '../meetings/meetings-service';
import { getMeeting, listMeetingRows } from '../meetings/meetings-sql';
import * as sql from './boards-sql';

const made = (m: Pick<MeetingSummary, 'id' | 'title' | 'startsAt' | 'submissionCutoff'>): MadeMeeting => ({
  id: m.id,
  title: m.title,
  startsAt: m.startsAt,
  submissionCutoff: m.submissionCutoff,
});

/**
 * Boards (issue 14 item 5): the standing board and the template its weekly meetings are made from, and (item 8)
 * each meeting's attendance register, judged against its board's quorum rule.
 */
export class BoardsService {
  constructor(
    private readonly db: Db,
    private readonly meetings: MeetingsService,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(): Board[] {
    return sql.listBoards(this.db);
  }

  /** Creates (id null) or updates a board at the version it was read; its members are replaced as a set. */
  save(id: number | null, version: number, input: BoardInput): Board {
    this.check(input);
    const savedId = writeTransaction(this.db, () => {
      const sameSlug = sql.boardBySlug(this.db, input.slug);
      if (sameSlug && sameSlug.id !== id)
        throw new DomainError(
          'conflict',
          `The board "${sameSlug.name}" already uses the short name "${input.slug}".`,
          'slug',
        );
      const now = this.now();
      let boardId: number;
      if (id === null) {
        boardId = sql.insertBoard(this.db, input, now);
      } else {
        const current = sql.boardById(this.db, id);
        if (!current) throw new DomainError('not-found', `Board ${id} does not exist`);
        if (current.version !== version || !sql.updateBoard(this.db, id, version, input, now))
          throw new DomainError(
            'conflict',
            `The board "${current.name}" was changed elsewhere since you opened it. Reload it to see the changes; your edits are still in the form.`,
          );
        boardId = id;
      }
      sql.replaceMembers(this.db, boardId, input.members, now);
      return boardId;
    });
    return sql.boardById(this.db, savedId)!;
  }

  /** What the schema cannot say alone: users that exist, a video link a meeting accepts, each specialty once. */
  private check(input: BoardInput): void {
    for (const [field, userId] of [
      ['chairUserId', input.chairUserId],
      ['coordinatorUserId', input.coordinatorUserId],
    ] as const) {
      if (userId !== null && !sql.userExists(this.db, userId))
        throw new DomainError('invalid-input', `User ${userId} does not exist`, field);
    }
    input.members.forEach((m, i) => {
      if (m.userId !== null && !sql.userExists(this.db, m.userId))
        throw new DomainError('invalid-input', `User ${m.userId} does not exist`, `members.${i}.userId`);
      if (m.userId === null && m.name === '')
        throw new DomainError('invalid-input', 'Name the member or choose a user', `members.${i}.name`);
    });
    if (input.videoLink !== '' && !/^https?:\/\/\S+$/.test(input.videoLink))
      throw new DomainError('invalid-input', 'A video link starts with https:// (or http://)', 'videoLink');
    if (new Set(input.quorumSpecialties).size !== input.quorumSpecialties.length)
      throw new DomainError('invalid-input', 'Each quorum specialty once', 'quorumSpecialties');
  }

  /**
   * The board's meetings for `weeks` weeks from the day `from`: its weekday each week, with its title, time,
   * length, place, video link, chair and coordinator, and the cut-off its template sets. A day the board already
   * meets on is skipped (answered with the meeting already there), so making meetings twice makes nothing twice.
   */
  makeMeetings(boardId: number, from: string, weeks: number): MakeMeetingsResult {
    return writeTransaction(this.db, () => {
      const board = sql.boardById(this.db, boardId);
      if (!board) throw new DomainError('not-found', `Board ${boardId} does not exist`);
      const existing = listMeetingRows(this.db, board.slug);
      const result: MakeMeetingsResult = { made: [], skipped: [] };
      for (const startsAt of nextMeetingStarts(board, from, weeks)) {
        const sameDay = existing.find((m) => m.starts_at.slice(0, 10) === startsAt.slice(0, 10));
        if (sameDay) {
          result.skipped.push({
            id: sameDay.id,
            title: sameDay.title,
            startsAt: sameDay.starts_at,
            submissionCutoff: sameDay.submission_cutoff,
          });
          continue;
        }
        const created = this.meetings.create(
          MeetingFields.parse({
            boardType: board.slug,
            title: board.name,
            startsAt,
            durationMinutes: board.durationMinutes,
            place: board.place,
            videoLink: board.videoLink,
            chair: sql.userName(this.db, board.chairUserId),
            coordinator: sql.userName(this.db, board.coordinatorUserId),
            submissionCutoff: cutoffOf(board, startsAt),
          }),
        );
        result.made.push(made(created));
      }
      return result;
    });
  }

  /** The meeting's register, with the quorum rule of its board (every core specialty when it has none). */
  attendance(meetingId: number): AttendanceRegister {
    const meeting = getMeeting(this.db, meetingId);
    if (!meeting) throw new DomainError('not-found', `Meeting ${meetingId} does not exist`);
    const board = sql.boardBySlug(this.db, meeting.board_type);
    return {
      meetingId,
      boardName: board?.name ?? null,
      quorumSpecialties: board && board.quorumSpecialties.length > 0 ? board.quorumSpecialties : [...CORE_SPECIALTIES],
      entries: sql.registerOf(this.db, meetingId),
    };
  }

  /** Replaces the register as a set. A finished meeting's register is part of its record. */
  setAttendance(meetingId: number, entries: readonly RegisterEntry[]): AttendanceRegister {
    writeTransaction(this.db, () => {
      const meeting = getMeeting(this.db, meetingId);
      if (!meeting) throw new DomainError('not-found', `Meeting ${meetingId} does not exist`);
      if (meeting.status === 'finished')
        throw new DomainError(
          'refused',
          `${meeting.title} is finished: its attendance register is part of the record.`,
        );
      entries.forEach((e, i) => {
        if (e.userId !== null && !sql.userExists(this.db, e.userId))
          throw new DomainError('invalid-input', `User ${e.userId} does not exist`, `entries.${i}.userId`);
      });
      sql.replaceRegister(this.db, meetingId, entries, this.now());
    });
    return this.attendance(meetingId);
  }
}
