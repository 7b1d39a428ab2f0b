import type { Db } from '../../db/open';
import type { Board, BoardInput, BoardMember } from '../../../shared/domain/board';
import type { RegisterEntry } from '../../../shared/domain/attendance-register';

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

// ---- Writing (the boards service) ----------------------------------------------------------------------------

function boardParams(b: BoardInput) {
  return {
    slug: b.slug,
    name: b.name,
    weekday: b.weekday,
    start_time: b.startTime,
    duration_minutes: b.durationMinutes,
    place: b.place,
    video_link: b.videoLink,
    chair_user_id: b.chairUserId,
    coordinator_user_id: b.coordinatorUserId,
    cutoff_days_before: b.cutoffDaysBefore,
    cutoff_time: b.cutoffTime,
    quorum_json: JSON.stringify({ specialties: b.quorumSpecialties }),
    dataset_json: JSON.stringify(b.dataset),
    letter_target_days: b.letterTargetDays,
  };
}

export function insertBoard(db: Db, b: BoardInput, now: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO boards (slug, name, weekday, start_time, duration_minutes, place, video_link, chair_user_id,
           coordinator_user_id, cutoff_days_before, cutoff_time, quorum_json, dataset_json, letter_target_days,
           active, version, created_at, updated_at)
         VALUES (@slug, @name, @weekday, @start_time, @duration_minutes, @place, @video_link, @chair_user_id,
           @coordinator_user_id, @cutoff_days_before, @cutoff_time, @quorum_json, @dataset_json, @letter_target_days,
           1, 1, @now, @now)`,
      )
      .run({ ...boardParams(b), now }).lastInsertRowid,
  );
}

/** False when the stored version is not `version` (someone else saved first). */
export function updateBoard(db: Db, id: number, version: number, b: BoardInput, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE boards SET slug = @slug, name = @name, weekday = @weekday, start_time = @start_time,
           duration_minutes = @duration_minutes, place = @place, video_link = @video_link,
           chair_user_id = @chair_user_id, coordinator_user_id = @coordinator_user_id,
           cutoff_days_before = @cutoff_days_before, cutoff_time = @cutoff_time, quorum_json = @quorum_json,
           dataset_json = @dataset_json, letter_target_days = @letter_target_days, version = version + 1,
           updated_at = @now
         WHERE id = @id AND version = @version`,
      )
      .run({ ...boardParams(b), id, version, now }).changes === 1
  );
}

/** The members as a set: the old rows go, the given ones are written in order. */
export function replaceMembers(db: Db, boardId: number, members: readonly BoardMember[], now: string): void {
  db.prepare('DELETE FROM board_members WHERE board_id = ?').run(boardId);
  const insert = db.prepare(
    `INSERT INTO board_members (board_id, specialty, user_id, name, is_cover, position, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  members.forEach((m, i) => insert.run(boardId, m.specialty, m.userId, m.name, m.isCover ? 1 : 0, i, now));
}

/** Display names of users by id (the names a meeting made from the board prints). */
export function userName(db: Db, id: number | null): string {
  if (id === null) return '';
  const row = db.prepare('SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined;
  return row?.display_name ?? '';
}

export function userExists(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM users WHERE id = ?').get(id) !== undefined;
}

// ---- The attendance register ----------------------------------------------------------------------------------

interface RegisterRow {
  specialty: string;
  user_id: number | null;
  name: string;
  as_cover: number;
  arrived_at: string | null;
  left_at: string | null;
}

export function registerOf(db: Db, meetingId: number): RegisterEntry[] {
  const rows = db
    .prepare(
      `SELECT specialty, user_id, name, as_cover, arrived_at, left_at FROM meeting_attendance
       WHERE meeting_id = ? ORDER BY id`,
    )
    .all(meetingId) as RegisterRow[];
  return rows.map((r) => ({
    specialty: r.specialty as RegisterEntry['specialty'],
    userId: r.user_id,
    name: r.name,
    asCover: r.as_cover === 1,
    arrivedAt: r.arrived_at,
    leftAt: r.left_at,
  }));
}

/** The register as a set: the old rows go, the given ones are written in order. */
export function replaceRegister(db: Db, meetingId: number, entries: readonly RegisterEntry[], now: string): void {
  db.prepare('DELETE FROM meeting_attendance WHERE meeting_id = ?').run(meetingId);
  const insert = db.prepare(
    `INSERT INTO meeting_attendance (meeting_id, specialty, user_id, name, as_cover, arrived_at, left_at,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries)
    insert.run(meetingId, e.specialty, e.userId, e.name, e.asCover ? 1 : 0, e.arrivedAt, e.leftAt, now, now);
}
