import type { Db } from '../../db/open';
import { BOARD_DEFAULTS, BoardInput, type BoardMember } from '../../../shared/domain/board';
import { boardBySlug } from '../boards/boards-sql';
import { userIdByDisplayName } from '../meetings/meetings-sql';
import { BoardsService } from '../boards/boards-service';
import { createMeetingsServices } from '../meetings';

/**
 * The demo's "Sarcoma MDT" board (issue 14 item 5): the template of the demo meetings (slug 'sarcoma', Thursdays
 * 13:00 in Seminar room 3), with its core members and cover. Members who are demo users are named as those users;
 * the others are fictional names without an account, as the demo decisions name them. Left alone when present.
 */
const member = (db: Db, specialty: BoardMember['specialty'], name: string, isCover = false): BoardMember => ({
  specialty,
  userId: userIdByDisplayName(db, name) ?? null,
  name,
  isCover,
});

export function loadDemoBoards(db: Db): void {
  if (boardBySlug(db, 'sarcoma')) return;
  const board = BoardInput.parse({
    ...BOARD_DEFAULTS,
    slug: 'sarcoma',
    name: 'Sarcoma MDT',
    weekday: 4,
    startTime: '13:00',
    durationMinutes: 60,
    place: 'Seminar room 3',
    videoLink: 'https://video.example.org/sarcoma-mdt',
    chairUserId: userIdByDisplayName(db, 'Dr Helena Marsh') ?? null,
    coordinatorUserId: userIdByDisplayName(db, 'Joanne Pike') ?? null,
    cutoffDaysBefore: 2,
    cutoffTime: '12:00',
    members: [
      member(db, 'surgeon', 'Dr Helena Marsh'),
      member(db, 'surgeon', 'Dr Amara Okafor', true),
      member(db, 'radiologist', 'Dr Naomi Feld'),
      member(db, 'radiologist', 'Dr Tomasz Wielgosz', true),
      member(db, 'pathologist', 'Dr Farah Qureshi'),
      member(db, 'medical-oncologist', 'Dr Lucia Ferrand'),
      member(db, 'radiation-oncologist', 'Dr Owen Brandt'),
      member(db, 'specialist-nurse', 'Bethan Lloyd, sarcoma clinical nurse specialist'),
    ],
  });
  new BoardsService(db, createMeetingsServices(db).meetings).save(null, 0, board);
}
