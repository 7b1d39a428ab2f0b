import type { Db } from '../../db/open';

/** The SQL of action follow-up and the letter register (migration 0010): parameters always bound. */

export interface FollowUpRow {
  id: number;
  decision_id: number;
  action_index: number;
  what: string;
  owner: string;
  owner_user_id: number | null;
  due_date: string | null;
  status: string;
  closed_by_user_id: number | null;
  closed_by: string;
  closed_at: string | null;
  note: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A follow-up row with the case and meeting it belongs to (the Actions screen). */
export interface FollowUpViewRow extends FollowUpRow {
  item_id: number;
  meeting_id: number;
  meeting_title: string;
  starts_at: string;
  board_type: string;
  case_id: number;
  family_name: string;
  given_names: string;
  mrn: string;
}

export type FollowUpColumns = Pick<FollowUpRow, 'action_index' | 'what' | 'owner' | 'owner_user_id' | 'due_date'>;

export function followUpsOfDecision(db: Db, decisionId: number): FollowUpRow[] {
  return db
    .prepare('SELECT * FROM action_follow_ups WHERE decision_id = ? ORDER BY action_index')
    .all(decisionId) as FollowUpRow[];
}

export function insertFollowUp(db: Db, decisionId: number, c: FollowUpColumns, now: string): void {
  db.prepare(
    `INSERT INTO action_follow_ups (decision_id, action_index, what, owner, owner_user_id, due_date, created_at, updated_at)
     VALUES (@decision_id, @action_index, @what, @owner, @owner_user_id, @due_date, @now, @now)`,
  ).run({ ...c, decision_id: decisionId, now });
}

export function updateFollowUpAction(db: Db, id: number, c: FollowUpColumns, now: string): void {
  db.prepare(
    `UPDATE action_follow_ups SET action_index = @action_index, what = @what, owner = @owner,
       owner_user_id = @owner_user_id, due_date = @due_date, version = version + 1, updated_at = @now
     WHERE id = @id`,
  ).run({ ...c, id, now });
}

/** Moves rows out of the way of the UNIQUE (decision_id, action_index) while an amendment renumbers them. */
export function parkFollowUps(db: Db, ids: readonly number[]): void {
  db.prepare(
    'UPDATE action_follow_ups SET action_index = action_index + 100000 WHERE id IN (SELECT value FROM json_each(?))',
  ).run(JSON.stringify(ids));
}

export function deleteFollowUps(db: Db, ids: readonly number[]): void {
  db.prepare('DELETE FROM action_follow_ups WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
}

const VIEW = `
  SELECT f.*, a.id AS item_id, m.id AS meeting_id, m.title AS meeting_title, m.starts_at, m.board_type,
         c.id AS case_id, p.family_name, p.given_names, p.mrn
  FROM action_follow_ups f
  JOIN decisions d ON d.id = f.decision_id
  JOIN agenda_items a ON a.id = d.item_id
  JOIN meetings m ON m.id = a.meeting_id
  JOIN cases c ON c.id = a.case_id
  JOIN patients p ON p.id = c.patient_id`;

export function followUpView(db: Db, id: number): FollowUpViewRow | undefined {
  return db.prepare(`${VIEW} WHERE f.id = ?`).get(id) as FollowUpViewRow | undefined;
}

/** Follow-ups by status ('all' for every one), optionally of one board; open ones soonest due first. */
export function listFollowUps(db: Db, status: string, board: string | null): FollowUpViewRow[] {
  return db
    .prepare(
      `${VIEW}
       WHERE (@status = 'all' OR f.status = @status) AND (@board IS NULL OR m.board_type = @board)
       ORDER BY f.due_date IS NULL, f.due_date, m.starts_at, a.position, f.action_index`,
    )
    .all({ status, board }) as FollowUpViewRow[];
}

export function followUpOwnersAndBoards(db: Db): { owners: string[]; boards: string[] } {
  const owners = db
    .prepare("SELECT DISTINCT owner FROM action_follow_ups WHERE owner <> '' ORDER BY owner COLLATE NOCASE")
    .all() as { owner: string }[];
  const boards = db
    .prepare(
      `SELECT DISTINCT m.board_type FROM action_follow_ups f JOIN decisions d ON d.id = f.decision_id
       JOIN agenda_items a ON a.id = d.item_id JOIN meetings m ON m.id = a.meeting_id ORDER BY m.board_type`,
    )
    .all() as { board_type: string }[];
  return { owners: owners.map((o) => o.owner), boards: boards.map((b) => b.board_type) };
}

/** Sets the status; false when the version moved on (another window closed it first). */
export function setFollowUpStatus(
  db: Db,
  id: number,
  version: number,
  c: { status: string; closed_by: string; closed_by_user_id: number | null; closed_at: string | null; note: string },
  now: string,
): boolean {
  return (
    db
      .prepare(
        `UPDATE action_follow_ups SET status = @status, closed_by = @closed_by, closed_by_user_id = @closed_by_user_id,
           closed_at = @closed_at, note = @note, version = version + 1, updated_at = @now
         WHERE id = @id AND version = @version`,
      )
      .run({ ...c, id, version, now }).changes === 1
  );
}

// ---------------------------------------------------------------------------------------------- letters

export interface LetterRow {
  id: number;
  item_id: number;
  recipient: string;
  recipient_kind: string;
  produced_at: string;
  produced_by_user_id: number | null;
  produced_by: string;
  deidentified: number;
  file_name: string;
  sha256: string;
}

export interface LetterViewRow extends LetterRow {
  meeting_id: number;
  meeting_title: string;
  starts_at: string;
  case_id: number;
  family_name: string;
  given_names: string;
}

export function insertLetter(db: Db, row: Omit<LetterRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO letters (item_id, recipient, recipient_kind, produced_at, produced_by_user_id, produced_by,
           deidentified, file_name, sha256)
         VALUES (@item_id, @recipient, @recipient_kind, @produced_at, @produced_by_user_id, @produced_by,
           @deidentified, @file_name, @sha256)`,
      )
      .run(row).lastInsertRowid,
  );
}

/** The register, newest first. */
export function listLetters(db: Db): LetterViewRow[] {
  return db
    .prepare(
      `SELECT l.*, m.id AS meeting_id, m.title AS meeting_title, m.starts_at, c.id AS case_id, p.family_name, p.given_names
       FROM letters l
       JOIN agenda_items a ON a.id = l.item_id
       JOIN meetings m ON m.id = a.meeting_id
       JOIN cases c ON c.id = a.case_id
       JOIN patients p ON p.id = c.patient_id
       ORDER BY l.produced_at DESC, l.id DESC`,
    )
    .all() as LetterViewRow[];
}

export interface SignedWithoutLetterRow {
  item_id: number;
  meeting_id: number;
  meeting_title: string;
  starts_at: string;
  board_type: string;
  case_id: number;
  family_name: string;
  given_names: string;
  mrn: string;
  consultant_name: string;
  referrer_name: string | null;
  signed_off_at: string;
}

/** Signed-off decisions whose case has no letter in the register yet, oldest sign-off first. */
export function signedWithoutLetter(db: Db): SignedWithoutLetterRow[] {
  return db
    .prepare(
      `SELECT a.id AS item_id, m.id AS meeting_id, m.title AS meeting_title, m.starts_at, m.board_type,
              c.id AS case_id, p.family_name, p.given_names, p.mrn, c.consultant_name, d.signed_off_at,
              (SELECT r.referrer_name FROM referrals r WHERE r.case_id = c.id ORDER BY r.received_at DESC, r.id DESC
               LIMIT 1) AS referrer_name
       FROM decisions d
       JOIN agenda_items a ON a.id = d.item_id
       JOIN meetings m ON m.id = a.meeting_id
       JOIN cases c ON c.id = a.case_id
       JOIN patients p ON p.id = c.patient_id
       WHERE d.signed_off_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM letters l WHERE l.item_id = a.id)
       ORDER BY d.signed_off_at, a.position`,
    )
    .all() as SignedWithoutLetterRow[];
}

/** Who an item's letter for the referrer goes to: the referrer of the case's latest referral, and its consultant. */
export function defaultRecipientOfItem(
  db: Db,
  itemId: number,
): { referrer_name: string | null; consultant_name: string } | undefined {
  const row = db
    .prepare(
      `SELECT c.consultant_name,
              (SELECT r.referrer_name FROM referrals r WHERE r.case_id = c.id ORDER BY r.received_at DESC, r.id DESC
               LIMIT 1) AS referrer_name
       FROM agenda_items a JOIN cases c ON c.id = a.case_id WHERE a.id = ?`,
    )
    .get(itemId) as { consultant_name: string; referrer_name: string | null } | undefined;
  return row;
}
