import type { Db } from '../../db/open';

/** All SQL for referrals (migration 0010 `referrals`). Parameters are always bound. */

export interface ReferralRow {
  id: number;
  board_slug: string;
  case_id: number | null;
  referrer_name: string;
  referrer_contact: string;
  referring_hospital: string;
  received_at: string;
  urgency: string;
  question: string;
  dataset_json: string;
  status: string;
  meeting_id: number | null;
  late: number;
  decided_by_user_id: number | null;
  decided_at: string | null;
  decline_reason: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A referral with its patient's name and MRN (through its case). */
export interface ReferralListRow extends ReferralRow {
  family_name: string | null;
  given_names: string | null;
  mrn: string | null;
}

export interface MeetingSlotRow {
  id: number;
  title: string;
  starts_at: string;
  submission_cutoff: string | null;
}

const SELECT = `
  SELECT r.*, p.family_name, p.given_names, p.mrn
  FROM referrals r LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN patients p ON p.id = c.patient_id`;

/** Triage first (urgent first, then oldest), then the decided ones, newest decision first. */
export function listReferralRows(db: Db, status: string | null): ReferralListRow[] {
  return db
    .prepare(
      `${SELECT} WHERE (@status IS NULL OR r.status = @status)
       ORDER BY r.status <> 'triage',
         CASE WHEN r.status = 'triage' THEN CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END END,
         CASE WHEN r.status = 'triage' THEN r.received_at END,
         r.decided_at DESC, r.id`,
    )
    .all({ status }) as ReferralListRow[];
}

export function getReferralRow(db: Db, id: number): ReferralListRow | undefined {
  return db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as ReferralListRow | undefined;
}

export function insertReferral(
  db: Db,
  r: Pick<
    ReferralRow,
    | 'board_slug'
    | 'case_id'
    | 'referrer_name'
    | 'referrer_contact'
    | 'referring_hospital'
    | 'received_at'
    | 'urgency'
    | 'question'
    | 'dataset_json'
    | 'meeting_id'
    | 'late'
  >,
  now: string,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO referrals (board_slug, case_id, referrer_name, referrer_contact, referring_hospital, received_at,
           urgency, question, dataset_json, status, meeting_id, late, version, created_at, updated_at)
         VALUES (@board_slug, @case_id, @referrer_name, @referrer_contact, @referring_hospital, @received_at,
           @urgency, @question, @dataset_json, 'triage', @meeting_id, @late, 1, @now, @now)`,
      )
      .run({ ...r, now }).lastInsertRowid,
  );
}

/** Records the coordinator's decision; false when the version moved on (changed elsewhere). */
export function decideReferral(
  db: Db,
  d: {
    id: number;
    version: number;
    status: 'accepted' | 'declined';
    meeting_id: number | null;
    decided_by_user_id: number | null;
    decline_reason: string;
  },
  now: string,
): boolean {
  return (
    db
      .prepare(
        `UPDATE referrals SET status = @status, meeting_id = coalesce(@meeting_id, meeting_id),
           decided_by_user_id = @decided_by_user_id, decided_at = @now, decline_reason = @decline_reason,
           version = version + 1, updated_at = @now
         WHERE id = @id AND version = @version AND status = 'triage'`,
      )
      .run({ ...d, now }).changes === 1
  );
}

/** The board's meetings not finished and starting after `localNow`, soonest first. */
export function upcomingMeetings(db: Db, boardSlug: string, localNow: string, limit: number): MeetingSlotRow[] {
  return db
    .prepare(
      `SELECT id, title, starts_at, submission_cutoff FROM meetings
       WHERE board_type = ? AND status <> 'finished' AND starts_at > ? ORDER BY starts_at, id LIMIT ?`,
    )
    .all(boardSlug, localNow, limit) as MeetingSlotRow[];
}

export function meetingSlot(db: Db, id: number): (MeetingSlotRow & { board_type: string; status: string }) | undefined {
  return db
    .prepare('SELECT id, title, starts_at, submission_cutoff, board_type, status FROM meetings WHERE id = ?')
    .get(id) as (MeetingSlotRow & { board_type: string; status: string }) | undefined;
}

/**
 * A declined referral's case is closed (it will not come to the board); only while it is still the untouched
 * draft the referral made, so a case someone has since worked on is left as it is.
 */
export function closeDraftCase(db: Db, caseId: number, now: string): void {
  db.prepare(
    `UPDATE cases SET status = 'closed', version = version + 1, updated_at = ? WHERE id = ? AND status = 'draft'`,
  ).run(now, caseId);
}
