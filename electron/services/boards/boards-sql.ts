import type { Db } from '../../db/open';
import type { Board, BoardMember } from '../../../shared/domain/board';

/**
 * Reading boards (migration 0010). The boards service writes them; referrals, meetings and the figures read them
 * here, so a board is turned into its domain shape in one place.
 */

interface BoardRow {
  id: number;
  slug: string;
  name: string;
  weekday: number;
  start_time: string;
  duration_minutes: number;
  place: string;
  video_link: string;
  chair_user_id: number | null;
  coordinator_user_id: number | null;
  cutoff_days_before: number;
  cutoff_time: string;
  quorum_json: string;
  dataset_json: string;
  letter_target_days: number;
  active: number;
  version: number;
}

interface MemberRow {
  board_id: number;
  specialty: string;
  user_id: number | null;
  name: string;
  is_cover: number;
}

function boardOf(row: BoardRow, members: MemberRow[]): Board {
  const quorum = JSON.parse(row.quorum_json) as { specialties?: Board['quorumSpecialties'] };
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    weekday: row.weekday,
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    place: row.place,
    videoLink: row.video_link,
    chairUserId: row.chair_user_id,
    coordinatorUserId: row.coordinator_user_id,
    cutoffDaysBefore: row.cutoff_days_before,
    cutoffTime: row.cutoff_time,
    quorumSpecialties: quorum.specialties ?? [],
    dataset: JSON.parse(row.dataset_json) as Board['dataset'],
    letterTargetDays: row.letter_target_days,
    active: row.active === 1,
    version: row.version,
    members: members
      .filter((m) => m.board_id === row.id)
      .map((m): BoardMember => ({
        specialty: m.specialty as BoardMember['specialty'],
        userId: m.user_id,
        name: m.name,
        isCover: m.is_cover === 1,
      })),
  };
}

const membersOf = (db: Db, boardIds: number[]) =>
  db
    .prepare(
      `SELECT board_id, specialty, user_id, name, is_cover FROM board_members
       WHERE board_id IN (SELECT value FROM json_each(?)) ORDER BY board_id, specialty, is_cover, position, id`,
    )
    .all(JSON.stringify(boardIds)) as MemberRow[];

/** Every board, active first, by name. */
export function listBoards(db: Db): Board[] {
  const rows = db.prepare('SELECT * FROM boards ORDER BY active DESC, name COLLATE NOCASE').all() as BoardRow[];
  const members = membersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => boardOf(r, members));
}

/** The board whose meetings carry this board type; undefined when none is set up for it. */
export function boardBySlug(db: Db, slug: string): Board | undefined {
  const row = db.prepare('SELECT * FROM boards WHERE slug = ?').get(slug) as BoardRow | undefined;
  return row ? boardOf(row, membersOf(db, [row.id])) : undefined;
}

export function boardById(db: Db, id: number): Board | undefined {
  const row = db.prepare('SELECT * FROM boards WHERE id = ?').get(id) as BoardRow | undefined;
  return row ? boardOf(row, membersOf(db, [row.id])) : undefined;
}
