import type { Migration } from '../migrate';
import { auditTriggers, VIA_CASE, type Audited } from './0007-users-and-audit';

const ISO_DATE = `GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;
const CLOCK = `GLOB '[0-2][0-9]:[0-5][0-9]'`;
const SLUG = (col: string) => `${col} <> '' AND ${col} NOT GLOB '*[^a-z0-9-]*'`;
const JSON_OBJECT = (col: string) => `json_valid(${col}) AND json_type(${col}) = 'object'`;
const JSON_ARRAY = (col: string) => `json_valid(${col}) AND json_type(${col}) = 'array'`;
const VIA_DECISION = (r: string) =>
  `(SELECT c.patient_id FROM decisions d JOIN agenda_items a ON a.id = d.item_id JOIN cases c ON c.id = a.case_id WHERE d.id = ${r}.decision_id)`;
const VIA_ITEM = (r: string) =>
  `(SELECT c.patient_id FROM agenda_items a JOIN cases c ON c.id = a.case_id WHERE a.id = ${r}.item_id)`;
const NO_PATIENT = () => 'NULL';

/** New audited tables (issue 14): every insert, change and delete is logged like the clinical record's. */
const ADDED: readonly Audited[] = [
  {
    table: 'boards',
    key: 'id',
    columns: [
      'id',
      'slug',
      'name',
      'weekday',
      'start_time',
      'duration_minutes',
      'place',
      'video_link',
      'chair_user_id',
      'coordinator_user_id',
      'cutoff_days_before',
      'cutoff_time',
      'quorum_json',
      'dataset_json',
      'letter_target_days',
      'active',
    ],
    patient: NO_PATIENT,
  },
  {
    table: 'board_members',
    key: 'id',
    columns: ['id', 'board_id', 'specialty', 'user_id', 'name', 'is_cover', 'position'],
    patient: NO_PATIENT,
  },
  {
    table: 'meeting_attendance',
    key: 'id',
    columns: ['id', 'meeting_id', 'specialty', 'user_id', 'name', 'as_cover', 'arrived_at', 'left_at'],
    patient: NO_PATIENT,
  },
  {
    table: 'referrals',
    key: 'id',
    columns: [
      'id',
      'board_slug',
      'case_id',
      'referrer_name',
      'referrer_contact',
      'referring_hospital',
      'received_at',
      'urgency',
      'question',
      'dataset_json',
      'status',
      'meeting_id',
      'late',
      'decided_by_user_id',
      'decided_at',
      'decline_reason',
    ],
    patient: VIA_CASE,
  },
  {
    table: 'action_follow_ups',
    key: 'id',
    columns: [
      'id',
      'decision_id',
      'action_index',
      'what',
      'owner',
      'owner_user_id',
      'due_date',
      'status',
      'closed_by_user_id',
      'closed_by',
      'closed_at',
      'note',
    ],
    patient: VIA_DECISION,
  },
  {
    table: 'letters',
    key: 'id',
    columns: [
      'id',
      'item_id',
      'recipient',
      'recipient_kind',
      'produced_at',
      'produced_by_user_id',
      'produced_by',
      'deidentified',
      'file_name',
      'sha256',
    ],
    patient: VIA_ITEM,
  },
];

/**
 * The board at full size (issue 14): boards as templates for their weekly meetings, referrals in a triage queue,
 * the meeting's attendance register, follow-up of the actions a decision sets, the register of outcome letters,
 * and each user's saved case-list filters. Nothing existing changes: meetings keep their board_type slug, which
 * names a board by boards.slug when one is set up.
 */
export const m0010: Migration = {
  version: 10,
  name: 'boards, referrals, attendance register, action follow-up, letters, saved filters',
  sql: `
    -- A standing board (e.g. "Sarcoma MDT") and the template its meetings are made from.
    CREATE TABLE boards (
      id                  INTEGER PRIMARY KEY,
      -- The meetings of this board carry the same slug in meetings.board_type.
      slug                TEXT NOT NULL UNIQUE CHECK (${SLUG('slug')}),
      name                TEXT NOT NULL CHECK (name <> ''),
      -- ISO weekday: 1 Monday ... 7 Sunday; the board's local wall-clock start.
      weekday             INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      start_time          TEXT NOT NULL CHECK (start_time ${CLOCK}),
      duration_minutes    INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
      place               TEXT NOT NULL DEFAULT '',
      video_link          TEXT NOT NULL DEFAULT '',
      chair_user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
      coordinator_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
      -- Referrals close this many days before the meeting, at this time.
      cutoff_days_before  INTEGER NOT NULL DEFAULT 2 CHECK (cutoff_days_before BETWEEN 0 AND 14),
      cutoff_time         TEXT NOT NULL DEFAULT '12:00' CHECK (cutoff_time ${CLOCK}),
      -- The quorum rule: {"specialties": [core specialty ids that must be present]}.
      quorum_json         TEXT NOT NULL DEFAULT '{}' CHECK (${JSON_OBJECT('quorum_json')}),
      -- The minimum referral dataset: field ids a referral to this board must give.
      dataset_json        TEXT NOT NULL DEFAULT '[]' CHECK (${JSON_ARRAY('dataset_json')}),
      -- Outcome letters are due this many working days after sign-off.
      letter_target_days  INTEGER NOT NULL DEFAULT 1 CHECK (letter_target_days BETWEEN 0 AND 30),
      active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      version             INTEGER NOT NULL DEFAULT 1,
      created_at          TEXT NOT NULL,
      updated_at          TEXT NOT NULL
    ) STRICT;

    -- The board's core members per specialty, and their named cover (is_cover = 1). A user of BoardPrep or a
    -- named person without an account.
    CREATE TABLE board_members (
      id         INTEGER PRIMARY KEY,
      board_id   INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
      specialty  TEXT NOT NULL CHECK (${SLUG('specialty')}),
      user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
      name       TEXT NOT NULL DEFAULT '',
      is_cover   INTEGER NOT NULL DEFAULT 0 CHECK (is_cover IN (0, 1)),
      position   INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
      created_at TEXT NOT NULL,
      CHECK (user_id IS NOT NULL OR name <> '')
    ) STRICT;
    CREATE INDEX board_members_board ON board_members (board_id, specialty, position);

    -- The meeting's attendance register: who came (for which specialty, as cover or not), when they arrived and
    -- left ('HH:MM', the board's local time; NULL = from the start / to the end). Each case's decision records
    -- only where its attendance differs.
    CREATE TABLE meeting_attendance (
      id         INTEGER PRIMARY KEY,
      meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      specialty  TEXT NOT NULL CHECK (${SLUG('specialty')}),
      user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
      name       TEXT NOT NULL DEFAULT '',
      as_cover   INTEGER NOT NULL DEFAULT 0 CHECK (as_cover IN (0, 1)),
      arrived_at TEXT CHECK (arrived_at ${CLOCK}),
      left_at    TEXT CHECK (left_at ${CLOCK}),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (user_id IS NOT NULL OR name <> ''),
      CHECK (arrived_at IS NULL OR left_at IS NULL OR left_at >= arrived_at)
    ) STRICT;
    CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id, specialty);

    -- A referral to a board: who asked what, how urgently, and the board's minimum dataset as given. It creates
    -- a case (case_id) that waits in the triage queue until the coordinator accepts it onto a meeting or declines
    -- it. late = 1 when it came after the cut-off of the meeting it was meant for.
    CREATE TABLE referrals (
      id                 INTEGER PRIMARY KEY,
      board_slug         TEXT NOT NULL CHECK (${SLUG('board_slug')}),
      case_id            INTEGER REFERENCES cases (id) ON DELETE SET NULL,
      referrer_name      TEXT NOT NULL CHECK (referrer_name <> ''),
      referrer_contact   TEXT NOT NULL DEFAULT '',
      referring_hospital TEXT NOT NULL DEFAULT '',
      received_at        TEXT NOT NULL,
      urgency            TEXT NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
      question           TEXT NOT NULL CHECK (question <> ''),
      dataset_json       TEXT NOT NULL DEFAULT '{}' CHECK (${JSON_OBJECT('dataset_json')}),
      status             TEXT NOT NULL DEFAULT 'triage' CHECK (status IN ('triage', 'accepted', 'declined')),
      meeting_id         INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
      late               INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
      decided_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
      decided_at         TEXT,
      decline_reason     TEXT NOT NULL DEFAULT '',
      version            INTEGER NOT NULL DEFAULT 1,
      created_at         TEXT NOT NULL,
      updated_at         TEXT NOT NULL,
      CHECK (status = 'triage' OR decided_at IS NOT NULL),
      CHECK (status = 'declined' OR decline_reason = '')
    ) STRICT;
    CREATE INDEX referrals_status ON referrals (status, received_at);
    CREATE INDEX referrals_case ON referrals (case_id);

    -- Follow-up of the actions a decision sets (the decision itself is locked at sign-off; its actions' status
    -- is not). action_index is the action's place in the decision's current value; what is kept to match it
    -- again after an amendment reorders the list.
    CREATE TABLE action_follow_ups (
      id                INTEGER PRIMARY KEY,
      decision_id       INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
      action_index      INTEGER NOT NULL CHECK (action_index >= 0),
      what              TEXT NOT NULL CHECK (what <> ''),
      owner             TEXT NOT NULL DEFAULT '',
      owner_user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
      due_date          TEXT CHECK (due_date ${ISO_DATE}),
      status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
      closed_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
      closed_by         TEXT NOT NULL DEFAULT '',
      closed_at         TEXT,
      note              TEXT NOT NULL DEFAULT '',
      version           INTEGER NOT NULL DEFAULT 1,
      created_at        TEXT NOT NULL,
      updated_at        TEXT NOT NULL,
      UNIQUE (decision_id, action_index),
      CHECK ((status = 'open') = (closed_at IS NULL))
    ) STRICT;
    CREATE INDEX action_follow_ups_open ON action_follow_ups (status, due_date);

    -- The letter register: each outcome letter produced, for whom, by whom, when. Append only.
    CREATE TABLE letters (
      id                  INTEGER PRIMARY KEY,
      item_id             INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE RESTRICT,
      recipient           TEXT NOT NULL CHECK (recipient <> ''),
      recipient_kind      TEXT NOT NULL CHECK (recipient_kind IN ('referrer', 'gp', 'patient', 'other')),
      produced_at         TEXT NOT NULL,
      produced_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
      produced_by         TEXT NOT NULL CHECK (produced_by <> ''),
      deidentified        INTEGER NOT NULL DEFAULT 0 CHECK (deidentified IN (0, 1)),
      file_name           TEXT NOT NULL DEFAULT '',
      sha256              TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX letters_item ON letters (item_id, produced_at);
    CREATE TRIGGER letters_no_update BEFORE UPDATE ON letters
    BEGIN
      SELECT RAISE(ABORT, 'the letter register is append only');
    END;
    CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters
    BEGIN
      SELECT RAISE(ABORT, 'the letter register is append only');
    END;

    -- A user's saved case-list filters, by name.
    CREATE TABLE saved_filters (
      id          INTEGER PRIMARY KEY,
      user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name        TEXT NOT NULL CHECK (name <> ''),
      filter_json TEXT NOT NULL CHECK (${JSON_OBJECT('filter_json')}),
      created_at  TEXT NOT NULL,
      UNIQUE (user_id, name)
    ) STRICT;

    ${ADDED.map(auditTriggers).join('\n')}
  `,
};
