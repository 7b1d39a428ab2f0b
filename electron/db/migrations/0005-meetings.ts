import type { Migration } from '../migrate';

/** A local wall-clock time, 'YYYY-MM-DDTHH:MM' (the board's own time; no zone: the board meets where it meets). */
const LOCAL_DATETIME = `GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'`;
const JSON_OBJECT = (col: string) => `json_valid(${col}) AND json_type(${col}) = 'object'`;
const JSON_ARRAY = (col: string) => `json_valid(${col}) AND json_type(${col}) = 'array'`;

/**
 * Board meetings (issue 5): the meeting, its agenda (one item per case, in order, with presenter and minutes and
 * the item it was carried over from), the presenter's slide edits per item, the decision captured per item, and
 * amendments to signed-off decisions.
 *
 * A signed-off decision is never changed in place: triggers refuse UPDATE and DELETE of a signed row and of any
 * amendment, so the original stays readable and the current value is the original plus the amendments in order.
 */
export const m0005: Migration = {
  version: 5,
  name: 'meetings, agenda and decisions',
  sql: `
    CREATE TABLE meetings (
      id                INTEGER PRIMARY KEY,
      -- A slug naming the board, e.g. 'sarcoma'; carry-over moves cases to the next meeting of the same board.
      board_type        TEXT NOT NULL CHECK (board_type <> '' AND board_type NOT GLOB '*[^a-z0-9-]*'),
      title             TEXT NOT NULL CHECK (title <> ''),
      starts_at         TEXT NOT NULL CHECK (starts_at ${LOCAL_DATETIME}),
      duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
      place             TEXT NOT NULL DEFAULT '',
      video_link        TEXT NOT NULL DEFAULT '',
      chair             TEXT NOT NULL DEFAULT '',
      coordinator       TEXT NOT NULL DEFAULT '',
      submission_cutoff TEXT CHECK (submission_cutoff ${LOCAL_DATETIME}),
      status            TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'in-progress', 'finished')),
      version           INTEGER NOT NULL DEFAULT 1,
      created_at        TEXT NOT NULL,
      updated_at        TEXT NOT NULL,
      CHECK (submission_cutoff IS NULL OR submission_cutoff <= starts_at)
    ) STRICT;
    CREATE INDEX meetings_board_start ON meetings (board_type, starts_at);
    CREATE INDEX meetings_start ON meetings (starts_at);

    -- One row per case on a meeting's agenda. A case carried over to the next meeting gets a new row there that
    -- names the row it came from (carried_from_item_id), so the history is a chain back to its first meeting.
    -- A case that has been on an agenda cannot be deleted (RESTRICT): its meeting history is part of the record.
    CREATE TABLE agenda_items (
      id                   INTEGER PRIMARY KEY,
      meeting_id           INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
      case_id              INTEGER NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
      position             INTEGER NOT NULL CHECK (position >= 0),
      presenter            TEXT NOT NULL DEFAULT '',
      minutes              INTEGER NOT NULL DEFAULT 5 CHECK (minutes BETWEEN 1 AND 240),
      state                TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'discussed', 'deferred', 'not-discussed')),
      deferred_reason      TEXT NOT NULL DEFAULT '',
      carried_from_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
      created_at           TEXT NOT NULL,
      updated_at           TEXT NOT NULL,
      UNIQUE (meeting_id, case_id),
      UNIQUE (meeting_id, position),
      CHECK (state = 'deferred' OR deferred_reason = ''),
      CHECK (carried_from_item_id IS NULL OR carried_from_item_id <> id)
    ) STRICT;
    CREATE INDEX agenda_items_case ON agenda_items (case_id);
    -- An item is carried over once: at most one successor.
    CREATE UNIQUE INDEX agenda_items_carried_from ON agenda_items (carried_from_item_id) WHERE carried_from_item_id IS NOT NULL;

    -- The presenter's changes to the slides of one agenda item, by stable slide key (e.g. 'case-12/pathology'):
    -- hidden, position in the case's slides (NULL = the record's order), and edited text fields
    -- ({"question": "..."}). Everything not edited follows the record.
    CREATE TABLE deck_edits (
      id         INTEGER PRIMARY KEY,
      item_id    INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
      slide_key  TEXT NOT NULL CHECK (slide_key <> ''),
      hidden     INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
      position   INTEGER CHECK (position >= 0),
      text_json  TEXT NOT NULL DEFAULT '{}' CHECK (${JSON_OBJECT('text_json')}),
      updated_at TEXT NOT NULL,
      UNIQUE (item_id, slide_key)
    ) STRICT;

    -- The board's decision on one agenda item, captured live: attendance of the core specialties
    -- ({"surgeon": {"present": true, "names": [...]}, ...}), the recommendation (plan option ids, as in
    -- case_plans, and free text), treatment intent, actions ([{"what", "who", "byWhen"}]), discussion notes and
    -- the outcome. Signing off (signed_off_at/by) locks the row.
    CREATE TABLE decisions (
      id                  INTEGER PRIMARY KEY,
      item_id             INTEGER NOT NULL UNIQUE REFERENCES agenda_items (id) ON DELETE RESTRICT,
      attendance_json     TEXT NOT NULL DEFAULT '{}' CHECK (${JSON_OBJECT('attendance_json')}),
      recommendation_json TEXT NOT NULL DEFAULT '[]' CHECK (${JSON_ARRAY('recommendation_json')}),
      recommendation_text TEXT NOT NULL DEFAULT '',
      intent              TEXT CHECK (intent IN ('curative', 'palliative', 'uncertain')),
      actions_json        TEXT NOT NULL DEFAULT '[]' CHECK (${JSON_ARRAY('actions_json')}),
      notes               TEXT NOT NULL DEFAULT '',
      outcome             TEXT CHECK (outcome IN ('discussed', 'deferred')),
      outcome_reason      TEXT NOT NULL DEFAULT '',
      signed_off_at       TEXT,
      signed_off_by       TEXT CHECK (signed_off_by <> ''),
      version             INTEGER NOT NULL DEFAULT 1,
      created_at          TEXT NOT NULL,
      updated_at          TEXT NOT NULL,
      CHECK ((signed_off_at IS NULL) = (signed_off_by IS NULL)),
      CHECK (signed_off_at IS NULL OR outcome IS NOT NULL)
    ) STRICT;

    CREATE TRIGGER decisions_signed_no_update BEFORE UPDATE ON decisions WHEN OLD.signed_off_at IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, 'decision is signed off: record an amendment instead');
    END;
    CREATE TRIGGER decisions_signed_no_delete BEFORE DELETE ON decisions WHEN OLD.signed_off_at IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, 'decision is signed off: it cannot be deleted');
    END;

    -- A change to a signed-off decision: who, when, why, and the changed fields before and after
    -- ({"intent": "curative"} -> {"intent": "palliative"}). Append only.
    CREATE TABLE decision_amendments (
      id          INTEGER PRIMARY KEY,
      decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE RESTRICT,
      by_whom     TEXT NOT NULL CHECK (by_whom <> ''),
      why         TEXT NOT NULL CHECK (why <> ''),
      before_json TEXT NOT NULL CHECK (${JSON_OBJECT('before_json')}),
      after_json  TEXT NOT NULL CHECK (${JSON_OBJECT('after_json')}),
      created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX decision_amendments_decision ON decision_amendments (decision_id, id);

    CREATE TRIGGER decision_amendments_no_update BEFORE UPDATE ON decision_amendments
    BEGIN
      SELECT RAISE(ABORT, 'amendments are append only');
    END;
    CREATE TRIGGER decision_amendments_no_delete BEFORE DELETE ON decision_amendments
    BEGIN
      SELECT RAISE(ABORT, 'amendments are append only');
    END;
  `,
};
