import type { Db } from '../../db/open';
import type { MeetingFieldsValue } from '../../../shared/domain/meeting';

/**
 * All SQL for meetings, agenda items, deck edits and decisions (migration 0005). Parameters are always bound;
 * lists of ids travel as one JSON array parameter (`json_each(?)`), so nothing is spliced into a query.
 */

const ids = (list: readonly number[]) => JSON.stringify(list);

// ---------------------------------------------------------------------------------------------- meetings

export interface MeetingRow {
  id: number;
  board_type: string;
  title: string;
  starts_at: string;
  duration_minutes: number;
  place: string;
  video_link: string;
  chair: string;
  coordinator: string;
  submission_cutoff: string | null;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A meeting with its agenda totals. */
export interface MeetingListRow extends MeetingRow {
  case_count: number;
  total_minutes: number;
  awaiting_carry_over: number;
}

/** Items not discussed or deferred that have no successor on a later meeting yet. */
const AWAITING = `a.state IN ('not-discussed', 'deferred')
  AND NOT EXISTS (SELECT 1 FROM agenda_items n WHERE n.carried_from_item_id = a.id)`;

const SELECT_MEETING_TOTALS = `
  SELECT m.*,
    (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS case_count,
    (SELECT coalesce(sum(a.minutes), 0) FROM agenda_items a WHERE a.meeting_id = m.id) AS total_minutes,
    (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id AND ${AWAITING}) AS awaiting_carry_over
  FROM meetings m`;

export function listMeetingRows(db: Db, boardType: string | null): MeetingListRow[] {
  return db
    .prepare(
      `${SELECT_MEETING_TOTALS} WHERE (@boardType IS NULL OR m.board_type = @boardType) ORDER BY m.starts_at, m.id`,
    )
    .all({ boardType }) as MeetingListRow[];
}

export function getMeetingTotals(db: Db, id: number): MeetingListRow | undefined {
  return db.prepare(`${SELECT_MEETING_TOTALS} WHERE m.id = ?`).get(id) as MeetingListRow | undefined;
}

export function getMeeting(db: Db, id: number): MeetingRow | undefined {
  return db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
}

function meetingParams(f: MeetingFieldsValue) {
  return {
    board_type: f.boardType,
    title: f.title,
    starts_at: f.startsAt,
    duration_minutes: f.durationMinutes,
    place: f.place,
    video_link: f.videoLink,
    chair: f.chair,
    coordinator: f.coordinator,
    submission_cutoff: f.submissionCutoff,
  };
}

export function insertMeeting(db: Db, f: MeetingFieldsValue, now: string): number {
  const info = db
    .prepare(
      `INSERT INTO meetings (board_type, title, starts_at, duration_minutes, place, video_link, chair, coordinator,
         submission_cutoff, status, version, created_at, updated_at)
       VALUES (@board_type, @title, @starts_at, @duration_minutes, @place, @video_link, @chair, @coordinator,
         @submission_cutoff, 'scheduled', 1, @now, @now)`,
    )
    .run({ ...meetingParams(f), now });
  return Number(info.lastInsertRowid);
}

/** Returns false when the stored version is not `version` (someone else saved first). */
export function updateMeeting(db: Db, id: number, version: number, f: MeetingFieldsValue, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE meetings SET board_type = @board_type, title = @title, starts_at = @starts_at,
           duration_minutes = @duration_minutes, place = @place, video_link = @video_link, chair = @chair,
           coordinator = @coordinator, submission_cutoff = @submission_cutoff, version = version + 1, updated_at = @now
         WHERE id = @id AND version = @version`,
      )
      .run({ ...meetingParams(f), id, version, now }).changes === 1
  );
}

export function setMeetingStatus(db: Db, id: number, status: string, now: string): void {
  db.prepare('UPDATE meetings SET status = ?, version = version + 1, updated_at = ? WHERE id = ?').run(status, now, id);
}

export function deleteMeeting(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM meetings WHERE id = ?').run(id).changes === 1;
}

export function meetingAt(db: Db, boardType: string, startsAt: string): MeetingRow | undefined {
  return db
    .prepare('SELECT * FROM meetings WHERE board_type = ? AND starts_at = ? ORDER BY id LIMIT 1')
    .get(boardType, startsAt) as MeetingRow | undefined;
}

/** The first meeting of the board after the given one (by start time, then id), not finished. */
export function nextMeetingAfter(
  db: Db,
  m: Pick<MeetingRow, 'id' | 'board_type' | 'starts_at'>,
): MeetingRow | undefined {
  return db
    .prepare(
      `SELECT * FROM meetings
       WHERE board_type = @board_type AND status <> 'finished' AND id <> @id
         AND (starts_at > @starts_at OR (starts_at = @starts_at AND id > @id))
       ORDER BY starts_at, id LIMIT 1`,
    )
    .get({ id: m.id, board_type: m.board_type, starts_at: m.starts_at }) as MeetingRow | undefined;
}

/** Finished meetings of the board before `startsAt` that still hold cases waiting for a later meeting. */
export function meetingsWithQueuedItems(db: Db, boardType: string, startsAt: string): MeetingRow[] {
  return db
    .prepare(
      `SELECT m.* FROM meetings m
       WHERE m.board_type = ? AND m.status = 'finished' AND m.starts_at < ?
         AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.meeting_id = m.id AND ${AWAITING})
       ORDER BY m.starts_at, m.id`,
    )
    .all(boardType, startsAt) as MeetingRow[];
}

/** Whether another meeting of the board (any status) lies between the two, by start time then id. */
export function meetingBetween(
  db: Db,
  from: Pick<MeetingRow, 'id' | 'board_type' | 'starts_at'>,
  to: Pick<MeetingRow, 'id' | 'starts_at'>,
): boolean {
  return !!db
    .prepare(
      `SELECT 1 FROM meetings
       WHERE board_type = @board AND id NOT IN (@fromId, @toId)
         AND (starts_at > @fromAt OR (starts_at = @fromAt AND id > @fromId))
         AND (starts_at < @toAt OR (starts_at = @toAt AND id < @toId))
       LIMIT 1`,
    )
    .get({ board: from.board_type, fromId: from.id, fromAt: from.starts_at, toId: to.id, toAt: to.starts_at });
}

/** Whether any item of the meeting has been carried over to a later one. */
export function meetingHasCarriedItems(db: Db, meetingId: number): boolean {
  return !!db
    .prepare(
      'SELECT 1 FROM agenda_items a JOIN agenda_items n ON n.carried_from_item_id = a.id WHERE a.meeting_id = ? LIMIT 1',
    )
    .get(meetingId);
}

export function successorOf(db: Db, itemId: number): SuccessorRow | undefined {
  return db
    .prepare(
      'SELECT n.id, m.title, m.starts_at FROM agenda_items n JOIN meetings m ON m.id = n.meeting_id WHERE n.carried_from_item_id = ?',
    )
    .get(itemId) as SuccessorRow | undefined;
}
export interface SuccessorRow {
  id: number;
  title: string;
  starts_at: string;
}

export function meetingHasDecisions(db: Db, meetingId: number): boolean {
  return !!db
    .prepare('SELECT 1 FROM decisions d JOIN agenda_items a ON a.id = d.item_id WHERE a.meeting_id = ? LIMIT 1')
    .get(meetingId);
}

// ---------------------------------------------------------------------------------------------- agenda items

export interface ItemRow {
  id: number;
  meeting_id: number;
  case_id: number;
  position: number;
  presenter: string;
  minutes: number;
  state: string;
  deferred_reason: string;
  carried_from_item_id: number | null;
  created_at: string;
  updated_at: string;
}

/** An agenda item with what the agenda screen shows of its case, its decision and its successor. */
export interface ItemViewRow extends ItemRow {
  tumour_site: string;
  site_chapter: string;
  working_diagnosis: string;
  consultant_name: string;
  case_status: string;
  family_name: string;
  given_names: string;
  mrn: string;
  date_of_birth: string;
  sex: string;
  decision_id: number | null;
  signed_off_at: string | null;
  amendments: number;
  carried_to_item_id: number | null;
}

export function itemViewsOfMeeting(db: Db, meetingId: number): ItemViewRow[] {
  return db
    .prepare(
      `SELECT a.*, c.tumour_site, c.site_chapter, c.working_diagnosis, c.consultant_name, c.status AS case_status,
              p.family_name, p.given_names, p.mrn, p.date_of_birth, p.sex,
              d.id AS decision_id, d.signed_off_at,
              (SELECT count(*) FROM decision_amendments x WHERE x.decision_id = d.id) AS amendments,
              (SELECT n.id FROM agenda_items n WHERE n.carried_from_item_id = a.id) AS carried_to_item_id
       FROM agenda_items a
       JOIN cases c ON c.id = a.case_id
       JOIN patients p ON p.id = c.patient_id
       LEFT JOIN decisions d ON d.item_id = a.id
       WHERE a.meeting_id = ?
       ORDER BY a.position, a.id`,
    )
    .all(meetingId) as ItemViewRow[];
}

/** An agenda item with its whole case record (what the slides are built from). */
export interface DeckItemRow extends ItemRow {
  family_name: string;
  given_names: string;
  mrn: string;
  date_of_birth: string;
  sex: string;
  consultant_name: string;
  consultant_contact: string;
  referring_hospital: string;
  tumour_site: string;
  site_chapter: string;
  working_diagnosis: string;
  clinical_history: string;
  board_question: string;
  ecog: number | null;
  comorbidities: string;
  patient_knowledge: string;
  case_status: string;
}

/** The meeting's items in agenda order with their cases. */
export function deckRowsOfMeeting(db: Db, meetingId: number): DeckItemRow[] {
  return db
    .prepare(
      `SELECT a.*, p.family_name, p.given_names, p.mrn, p.date_of_birth, p.sex, c.consultant_name, c.consultant_contact,
              c.referring_hospital, c.tumour_site, c.site_chapter, c.working_diagnosis, c.clinical_history, c.board_question,
              c.ecog, c.comorbidities, c.patient_knowledge, c.status AS case_status
       FROM agenda_items a JOIN cases c ON c.id = a.case_id JOIN patients p ON p.id = c.patient_id
       WHERE a.meeting_id = ?
       ORDER BY a.position, a.id`,
    )
    .all(meetingId) as DeckItemRow[];
}

export function itemsOfMeeting(db: Db, meetingId: number): ItemRow[] {
  return db
    .prepare('SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position, id')
    .all(meetingId) as ItemRow[];
}

export function getItem(db: Db, id: number): ItemRow | undefined {
  return db.prepare('SELECT * FROM agenda_items WHERE id = ?').get(id) as ItemRow | undefined;
}

export function itemOfCase(db: Db, meetingId: number, caseId: number): ItemRow | undefined {
  return db.prepare('SELECT * FROM agenda_items WHERE meeting_id = ? AND case_id = ?').get(meetingId, caseId) as
    ItemRow | undefined;
}

export function existingCaseIds(db: Db, caseIds: readonly number[]): Set<number> {
  return new Set(
    db
      .prepare('SELECT id FROM cases WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(ids(caseIds)) as number[],
  );
}

export function nextPosition(db: Db, meetingId: number): number {
  return (
    db.prepare('SELECT coalesce(max(position) + 1, 0) AS p FROM agenda_items WHERE meeting_id = ?').get(meetingId) as {
      p: number;
    }
  ).p;
}

export function insertItem(
  db: Db,
  row: {
    meeting_id: number;
    case_id: number;
    position: number;
    presenter: string;
    minutes: number;
    carried_from_item_id: number | null;
  },
  now: string,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO agenda_items (meeting_id, case_id, position, presenter, minutes, state, deferred_reason,
           carried_from_item_id, created_at, updated_at)
         VALUES (@meeting_id, @case_id, @position, @presenter, @minutes, 'pending', '', @carried_from_item_id, @now, @now)`,
      )
      .run({ ...row, now }).lastInsertRowid,
  );
}

export function updateItem(
  db: Db,
  id: number,
  row: { presenter: string; minutes: number; state: string; deferred_reason: string },
  now: string,
): void {
  db.prepare(
    `UPDATE agenda_items SET presenter = @presenter, minutes = @minutes, state = @state, deferred_reason = @deferred_reason,
       updated_at = @now WHERE id = @id`,
  ).run({ ...row, id, now });
}

export function setCarriedFrom(db: Db, id: number, fromItemId: number, now: string): void {
  db.prepare('UPDATE agenda_items SET carried_from_item_id = ?, updated_at = ? WHERE id = ?').run(fromItemId, now, id);
}

export function deleteItem(db: Db, id: number): void {
  db.prepare('DELETE FROM agenda_items WHERE id = ?').run(id);
}

/**
 * Sets positions 0..n-1 in the given order (all of the meeting's items). Positions are unique per meeting, so
 * the items are first moved above the current range, then placed.
 */
export function setPositions(db: Db, meetingId: number, orderedIds: readonly number[], now: string): void {
  db.prepare(
    `UPDATE agenda_items SET position = position + (SELECT max(position) + 1 FROM agenda_items WHERE meeting_id = @m)
     WHERE meeting_id = @m`,
  ).run({ m: meetingId });
  const place = db.prepare('UPDATE agenda_items SET position = ?, updated_at = ? WHERE id = ? AND meeting_id = ?');
  orderedIds.forEach((id, i) => place.run(i, now, id, meetingId));
}

/** Pending items become not discussed (when a meeting finishes). */
export function markPendingNotDiscussed(db: Db, meetingId: number, now: string): number {
  return db
    .prepare(
      "UPDATE agenda_items SET state = 'not-discussed', updated_at = ? WHERE meeting_id = ? AND state = 'pending'",
    )
    .run(now, meetingId).changes;
}

export function awaitingItems(db: Db, meetingId: number): ItemRow[] {
  return db
    .prepare(`SELECT a.* FROM agenda_items a WHERE a.meeting_id = ? AND ${AWAITING} ORDER BY a.position, a.id`)
    .all(meetingId) as ItemRow[];
}

export interface HistoryRow {
  start_id: number;
  depth: number;
  item_id: number;
  state: string;
  deferred_reason: string;
  meeting_id: number;
  title: string;
  starts_at: string;
}

/** For every item of the meeting that was carried over: the chain of earlier items, nearest first (depth 1). */
export function historyOfMeetingItems(db: Db, meetingId: number): HistoryRow[] {
  return db
    .prepare(
      `WITH RECURSIVE chain (start_id, item_id, depth) AS (
         SELECT id, carried_from_item_id, 1 FROM agenda_items WHERE meeting_id = ? AND carried_from_item_id IS NOT NULL
         UNION ALL
         SELECT c.start_id, a.carried_from_item_id, c.depth + 1
         FROM chain c JOIN agenda_items a ON a.id = c.item_id
         WHERE a.carried_from_item_id IS NOT NULL AND c.depth < 100
       )
       SELECT c.start_id, c.depth, a.id AS item_id, a.state, a.deferred_reason, m.id AS meeting_id, m.title, m.starts_at
       FROM chain c JOIN agenda_items a ON a.id = c.item_id JOIN meetings m ON m.id = a.meeting_id
       ORDER BY c.start_id, c.depth`,
    )
    .all(meetingId) as HistoryRow[];
}

export interface CaseItemRow extends ItemRow {
  title: string;
  starts_at: string;
  meeting_status: string;
  decision_id: number | null;
  signed_off_at: string | null;
}

export function itemsOfCase(db: Db, caseId: number): CaseItemRow[] {
  return db
    .prepare(
      `SELECT a.*, m.title, m.starts_at, m.status AS meeting_status, d.id AS decision_id, d.signed_off_at
       FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id LEFT JOIN decisions d ON d.item_id = a.id
       WHERE a.case_id = ? ORDER BY m.starts_at, m.id`,
    )
    .all(caseId) as CaseItemRow[];
}

// ---------------------------------------------------------------------------------------------- deck edits

export interface DeckEditRow {
  id: number;
  item_id: number;
  slide_key: string;
  hidden: number;
  position: number | null;
  text_json: string;
  updated_at: string;
}

export function editsOfItems(db: Db, itemIds: readonly number[]): DeckEditRow[] {
  return db
    .prepare('SELECT * FROM deck_edits WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id, id')
    .all(ids(itemIds)) as DeckEditRow[];
}

export function upsertEdit(db: Db, row: Omit<DeckEditRow, 'id'>): void {
  db.prepare(
    `INSERT INTO deck_edits (item_id, slide_key, hidden, position, text_json, updated_at)
     VALUES (@item_id, @slide_key, @hidden, @position, @text_json, @updated_at)
     ON CONFLICT (item_id, slide_key) DO UPDATE SET hidden = excluded.hidden, position = excluded.position,
       text_json = excluded.text_json, updated_at = excluded.updated_at`,
  ).run(row);
}

export function deleteEdit(db: Db, itemId: number, slideKey: string): boolean {
  return db.prepare('DELETE FROM deck_edits WHERE item_id = ? AND slide_key = ?').run(itemId, slideKey).changes === 1;
}

/** Copies an item's slide edits to the item it was carried over to (the presenter's work follows the case). */
export function copyEdits(db: Db, fromItemId: number, toItemId: number, now: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO deck_edits (item_id, slide_key, hidden, position, text_json, updated_at)
     SELECT ?, slide_key, hidden, position, text_json, ? FROM deck_edits WHERE item_id = ?`,
  ).run(toItemId, now, fromItemId);
}

// ---------------------------------------------------------------------------------------------- decisions

export interface DecisionRow {
  id: number;
  item_id: number;
  attendance_json: string;
  recommendation_json: string;
  recommendation_text: string;
  intent: string | null;
  actions_json: string;
  notes: string;
  outcome: string | null;
  outcome_reason: string;
  signed_off_at: string | null;
  signed_off_by: string | null;
  signed_off_user_id: number | null;
  /** SignOffRecord's quorum, reason and attendance (migration 0007); null before sign-off and for older rows. */
  sign_off_json: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export type DecisionColumns = Pick<
  DecisionRow,
  | 'attendance_json'
  | 'recommendation_json'
  | 'recommendation_text'
  | 'intent'
  | 'actions_json'
  | 'notes'
  | 'outcome'
  | 'outcome_reason'
>;

export function decisionOfItem(db: Db, itemId: number): DecisionRow | undefined {
  return db.prepare('SELECT * FROM decisions WHERE item_id = ?').get(itemId) as DecisionRow | undefined;
}

export function decisionsOfItems(db: Db, itemIds: readonly number[]): DecisionRow[] {
  return db
    .prepare('SELECT * FROM decisions WHERE item_id IN (SELECT value FROM json_each(?))')
    .all(ids(itemIds)) as DecisionRow[];
}

export function insertDecision(db: Db, itemId: number, c: DecisionColumns, now: string): void {
  db.prepare(
    `INSERT INTO decisions (item_id, attendance_json, recommendation_json, recommendation_text, intent, actions_json, notes,
       outcome, outcome_reason, version, created_at, updated_at)
     VALUES (@item_id, @attendance_json, @recommendation_json, @recommendation_text, @intent, @actions_json, @notes,
       @outcome, @outcome_reason, 1, @now, @now)`,
  ).run({ ...c, item_id: itemId, now });
}

/** Saves a draft; false when the version moved on (another window saved first) or it is signed off. */
export function updateDraftDecision(db: Db, itemId: number, version: number, c: DecisionColumns, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE decisions SET attendance_json = @attendance_json, recommendation_json = @recommendation_json,
           recommendation_text = @recommendation_text, intent = @intent, actions_json = @actions_json, notes = @notes,
           outcome = @outcome, outcome_reason = @outcome_reason, version = version + 1, updated_at = @now
         WHERE item_id = @item_id AND version = @version AND signed_off_at IS NULL`,
      )
      .run({ ...c, item_id: itemId, version, now }).changes === 1
  );
}

/** Who signed off (name shown, user id), and the sign-off record (quorum, reason, attendance) as JSON. */
export interface SignOffColumns {
  by: string;
  user_id: number | null;
  sign_off_json: string;
}

export function signOffDecision(db: Db, itemId: number, version: number, c: SignOffColumns, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE decisions SET signed_off_at = @now, signed_off_by = @by, signed_off_user_id = @user_id,
           sign_off_json = @sign_off_json, version = version + 1, updated_at = @now
         WHERE item_id = @item_id AND version = @version AND signed_off_at IS NULL`,
      )
      .run({ ...c, item_id: itemId, version, now }).changes === 1
  );
}

export function deleteDraftDecision(db: Db, itemId: number): void {
  db.prepare('DELETE FROM decisions WHERE item_id = ? AND signed_off_at IS NULL').run(itemId);
}

export interface AmendmentRow {
  id: number;
  decision_id: number;
  by_whom: string;
  by_user_id: number | null;
  why: string;
  before_json: string;
  after_json: string;
  created_at: string;
}

export function amendmentsOfDecisions(db: Db, decisionIds: readonly number[]): AmendmentRow[] {
  return db
    .prepare(
      'SELECT * FROM decision_amendments WHERE decision_id IN (SELECT value FROM json_each(?)) ORDER BY decision_id, id',
    )
    .all(ids(decisionIds)) as AmendmentRow[];
}

export function insertAmendment(db: Db, row: Omit<AmendmentRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO decision_amendments (decision_id, by_whom, by_user_id, why, before_json, after_json, created_at)
         VALUES (@decision_id, @by_whom, @by_user_id, @why, @before_json, @after_json, @created_at)`,
      )
      .run(row).lastInsertRowid,
  );
}

/** The id of the enabled user with this display name, if exactly one (the demo board names attendees). */
export function userIdByDisplayName(db: Db, name: string): number | undefined {
  const rows = db.prepare('SELECT id FROM users WHERE display_name = ? AND disabled_at IS NULL LIMIT 2').all(name) as {
    id: number;
  }[];
  return rows.length === 1 ? rows[0].id : undefined;
}

// ---------------------------------------------------------------------------------------------- cases

/** Sign-off of a discussion moves the case along the workflow: draft/ready -> discussed. */
export function markCaseDiscussed(db: Db, caseId: number, now: string): void {
  db.prepare(
    "UPDATE cases SET status = 'discussed', version = version + 1, updated_at = ? WHERE id = ? AND status IN ('draft', 'ready')",
  ).run(now, caseId);
}
