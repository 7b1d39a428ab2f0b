import type { Db } from '../../db/open';

/**
 * The rows the service figures are counted from (issue 14 item 11). Every query takes the same meeting filter
 * (board slug, meeting day from/to, all bound; NULL = any), so each figure is about the same meetings.
 */

export interface MeetingFilter {
  board: string | null;
  from: string | null;
  to: string | null;
}

const CHOSEN = `chosen AS (
  SELECT id FROM meetings
  WHERE (@board IS NULL OR board_type = @board)
    AND (@from IS NULL OR substr(starts_at, 1, 10) >= @from)
    AND (@to IS NULL OR substr(starts_at, 1, 10) <= @to)
)`;

export interface MeetingRow {
  id: number;
  board_type: string;
  title: string;
  starts_at: string;
  submission_cutoff: string | null;
  status: 'scheduled' | 'in-progress' | 'finished';
}

export function chosenMeetings(db: Db, f: MeetingFilter): MeetingRow[] {
  return db
    .prepare(
      `WITH ${CHOSEN}
       SELECT id, board_type, title, starts_at, submission_cutoff, status FROM meetings
       WHERE id IN (SELECT id FROM chosen) ORDER BY starts_at, id`,
    )
    .all(f) as MeetingRow[];
}

export interface ItemRow {
  item_id: number;
  meeting_id: number;
  case_id: number;
  state: 'pending' | 'discussed' | 'deferred' | 'not-discussed';
  /** The decision's outcome and sign-off, when there is a decision. */
  outcome: 'discussed' | 'deferred' | null;
  signed_off_at: string | null;
  /** The first letter produced for the item (letter register, migration 0010). */
  first_letter_at: string | null;
}

export function chosenItems(db: Db, f: MeetingFilter): ItemRow[] {
  return db
    .prepare(
      `WITH ${CHOSEN}
       SELECT a.id AS item_id, a.meeting_id, a.case_id, a.state, d.outcome, d.signed_off_at,
              (SELECT min(l.produced_at) FROM letters l WHERE l.item_id = a.id) AS first_letter_at
       FROM agenda_items a LEFT JOIN decisions d ON d.item_id = a.id
       WHERE a.meeting_id IN (SELECT id FROM chosen)
       ORDER BY a.meeting_id, a.position`,
    )
    .all(f) as ItemRow[];
}

export interface FirstBoardRow {
  case_id: number;
  meeting_id: number;
  starts_at: string;
  created_at: string;
  /** The earliest referral that made or names the case. */
  referred_at: string | null;
}

/** Cases whose first meeting (of any board, by start) is one of the chosen meetings. */
export function firstBoards(db: Db, f: MeetingFilter): FirstBoardRow[] {
  return db
    .prepare(
      `WITH ${CHOSEN},
       firsts AS (
         SELECT a.case_id, m.id AS meeting_id, m.starts_at,
                row_number() OVER (PARTITION BY a.case_id ORDER BY m.starts_at, m.id) AS n
         FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
       )
       SELECT f.case_id, f.meeting_id, f.starts_at, c.created_at,
              (SELECT min(r.received_at) FROM referrals r WHERE r.case_id = f.case_id) AS referred_at
       FROM firsts f JOIN cases c ON c.id = f.case_id
       WHERE f.n = 1 AND f.meeting_id IN (SELECT id FROM chosen)`,
    )
    .all(f) as FirstBoardRow[];
}

export interface StatusChangeRow {
  case_id: number;
  /** The audit entry's instant (ISO, UTC). */
  at: string;
  status: string | null;
}

/**
 * Every recorded value of cases.status (the audit triggers of migration 0007 log each insert and change with the
 * row after it) for the cases on the chosen meetings, oldest first.
 */
export function statusHistory(db: Db, f: MeetingFilter): StatusChangeRow[] {
  return db
    .prepare(
      `WITH ${CHOSEN}
       SELECT CAST(l.entity_id AS INTEGER) AS case_id, l.at, json_extract(l.after_json, '$.status') AS status
       FROM audit_log l
       WHERE l.entity = 'cases' AND l.action IN ('create', 'change') AND l.after_json IS NOT NULL
         AND l.entity_id IN (SELECT CAST(a.case_id AS TEXT) FROM agenda_items a WHERE a.meeting_id IN (SELECT id FROM chosen))
       ORDER BY l.at, l.id`,
    )
    .all(f) as StatusChangeRow[];
}

export interface ActionCountRow {
  meeting_id: number;
  open: number;
  overdue: number;
}

/** Open actions (action_follow_ups, migration 0010) per chosen meeting, and those due before `today`. */
export function actionCounts(db: Db, f: MeetingFilter, today: string): ActionCountRow[] {
  return db
    .prepare(
      `WITH ${CHOSEN}
       SELECT a.meeting_id,
              count(*) AS open,
              coalesce(sum(f.due_date IS NOT NULL AND f.due_date < @today), 0) AS overdue
       FROM action_follow_ups f
       JOIN decisions d ON d.id = f.decision_id
       JOIN agenda_items a ON a.id = d.item_id
       WHERE f.status = 'open' AND a.meeting_id IN (SELECT id FROM chosen)
       GROUP BY a.meeting_id`,
    )
    .all({ ...f, today }) as ActionCountRow[];
}

/** Board slugs that have meetings, each with the title of its latest meeting (its name when no board is set up). */
export function meetingBoards(db: Db): { slug: string; title: string }[] {
  return db
    .prepare(
      `SELECT board_type AS slug,
              (SELECT m2.title FROM meetings m2 WHERE m2.board_type = m.board_type ORDER BY m2.starts_at DESC LIMIT 1) AS title
       FROM meetings m GROUP BY board_type ORDER BY board_type`,
    )
    .all() as { slug: string; title: string }[];
}
