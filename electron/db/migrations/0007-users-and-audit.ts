import type { Migration } from '../migrate';

const JSON_OBJECT = (col: string) => `json_valid(${col}) AND json_type(${col}) = 'object'`;

/** How an audited table's row names its patient (patients.id), for the Audit screen's filter. */
export const VIA_CASE = (r: string) => `(SELECT patient_id FROM cases WHERE id = ${r}.case_id)`;
const VIA_ITEM = (r: string, col = 'item_id') =>
  `(SELECT c.patient_id FROM agenda_items a JOIN cases c ON c.id = a.case_id WHERE a.id = ${r}.${col})`;

export interface Audited {
  table: string;
  /** The row's own id column (entity_id in the log). */
  key: string;
  columns: readonly string[];
  patient: (row: 'NEW' | 'OLD') => string;
}

/**
 * The tables whose every insert, update and delete is logged with the row before and after. Written out here, not
 * read from the schema: a released migration must say the same thing for ever. A later migration that adds a
 * column to one of these tables drops and recreates its three triggers.
 */
const AUDITED: readonly Audited[] = [
  {
    table: 'patients',
    key: 'id',
    columns: ['id', 'family_name', 'given_names', 'mrn', 'date_of_birth', 'sex'],
    patient: (r) => `${r}.id`,
  },
  {
    table: 'cases',
    key: 'id',
    columns: [
      'id',
      'patient_id',
      'consultant_name',
      'consultant_contact',
      'referring_hospital',
      'tumour_site',
      'site_chapter',
      'working_diagnosis',
      'clinical_history',
      'board_question',
      'ecog',
      'comorbidities',
      'patient_knowledge',
      'status',
    ],
    patient: (r) => `${r}.patient_id`,
  },
  { table: 'case_events', key: 'id', columns: ['id', 'case_id', 'kind', 'date', 'text'], patient: VIA_CASE },
  { table: 'case_plans', key: 'case_id', columns: ['case_id', 'options_json', 'text'], patient: VIA_CASE },
  {
    table: 'staging_inputs',
    key: 'case_id',
    columns: [
      'case_id',
      'size_override_cm',
      'size_override_reason',
      'n_status',
      'm_status',
      'prefix',
      't_override',
      'note',
    ],
    patient: VIA_CASE,
  },
  {
    table: 'readiness_ticks',
    key: 'id',
    columns: ['id', 'case_id', 'item', 'date', 'ticked_by', 'ticked_by_user_id', 'note'],
    patient: VIA_CASE,
  },
  {
    table: 'ready_overrides',
    key: 'id',
    columns: ['id', 'case_id', 'by_whom', 'by_user_id', 'why', 'meeting_date', 'missing_json'],
    patient: VIA_CASE,
  },
  {
    table: 'pathology_reports',
    key: 'id',
    columns: [
      'id',
      'case_id',
      'procedure',
      'specimen_id',
      'specimen_date',
      'report_date',
      'laboratory',
      'histotype_id',
      'histotype_text',
      'icd_o3',
      'differentiation',
      'mitoses_per_10hpf',
      'necrosis_percent',
      'neoadjuvant_therapy',
      'round_cell_percent',
      'reported_grade',
      'margin_status',
      'closest_margin_mm',
      'closest_margin_less_than',
      'treatment_effect',
      'review_by',
      'review_date',
      'review_agreement',
      'report_text',
    ],
    patient: VIA_CASE,
  },
  {
    table: 'pathology_ihc',
    key: 'id',
    columns: ['id', 'report_id', 'position', 'marker', 'result', 'note'],
    patient: (r) =>
      `(SELECT c.patient_id FROM pathology_reports p JOIN cases c ON c.id = p.case_id WHERE p.id = ${r}.report_id)`,
  },
  {
    table: 'pathology_molecular',
    key: 'id',
    columns: ['id', 'report_id', 'position', 'test', 'result'],
    patient: (r) =>
      `(SELECT c.patient_id FROM pathology_reports p JOIN cases c ON c.id = p.case_id WHERE p.id = ${r}.report_id)`,
  },
  {
    table: 'lesions',
    key: 'id',
    columns: ['id', 'case_id', 'label', 'long_cm', 'short_cm', 'craniocaudal_cm', 'study_date', 'source', 'note'],
    patient: VIA_CASE,
  },
  {
    table: 'key_images',
    key: 'id',
    columns: ['id', 'case_id', 'sop_instance_uid', 'frame', 'caption', 'annotations_json', 'render_path', 'position'],
    patient: VIA_CASE,
  },
  {
    table: 'annotations',
    key: 'id',
    columns: ['id', 'case_id', 'series_instance_uid', 'sop_instance_uid', 'frame', 'tool', 'values_json'],
    patient: VIA_CASE,
  },
  {
    // Imports and attachments: a study's case_id changing is an attach or a detach.
    table: 'dicom_studies',
    key: 'id',
    columns: [
      'id',
      'study_instance_uid',
      'case_id',
      'patient_id_dicom',
      'patient_name_dicom',
      'study_date',
      'study_description',
      'accession_number',
      'modalities_in_study',
      'first_import_id',
    ],
    patient: VIA_CASE,
  },
  {
    table: 'meetings',
    key: 'id',
    columns: [
      'id',
      'board_type',
      'title',
      'starts_at',
      'duration_minutes',
      'place',
      'video_link',
      'chair',
      'coordinator',
      'submission_cutoff',
      'status',
    ],
    patient: () => 'NULL',
  },
  {
    table: 'agenda_items',
    key: 'id',
    columns: [
      'id',
      'meeting_id',
      'case_id',
      'position',
      'presenter',
      'minutes',
      'state',
      'deferred_reason',
      'carried_from_item_id',
    ],
    patient: VIA_CASE,
  },
  {
    table: 'deck_edits',
    key: 'id',
    columns: ['id', 'item_id', 'slide_key', 'hidden', 'position', 'text_json'],
    patient: (r) => VIA_ITEM(r),
  },
  {
    table: 'decisions',
    key: 'id',
    columns: [
      'id',
      'item_id',
      'attendance_json',
      'recommendation_json',
      'recommendation_text',
      'intent',
      'actions_json',
      'notes',
      'outcome',
      'outcome_reason',
      'signed_off_at',
      'signed_off_by',
      'signed_off_user_id',
      'sign_off_json',
    ],
    patient: (r) => VIA_ITEM(r),
  },
  {
    table: 'decision_amendments',
    key: 'id',
    columns: ['id', 'decision_id', 'by_whom', 'by_user_id', 'why', 'before_json', 'after_json'],
    patient: (r) =>
      `(SELECT c.patient_id FROM decisions d JOIN agenda_items a ON a.id = d.item_id JOIN cases c ON c.id = a.case_id WHERE d.id = ${r}.decision_id)`,
  },
  { table: 'readiness_settings', key: 'id', columns: ['id', 'stale_weeks'], patient: () => 'NULL' },
  {
    // Never the password hash: only that it changed.
    table: 'users',
    key: 'id',
    columns: ['id', 'username', 'display_name', 'role', 'specialty', 'must_change_password', 'disabled_at'],
    patient: () => 'NULL',
  },
  {
    table: 'app_settings',
    key: 'id',
    columns: ['id', 'auth_policy', 'lock_minutes', 'demo_users', 'backup_dir', 'backup_keep', 'backup_daily'],
    patient: () => 'NULL',
  },
];

function rowJson(columns: readonly string[], row: 'NEW' | 'OLD'): string {
  return `json_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})`;
}

/**
 * Three AFTER triggers per table append the change to audit_log with the actor of the call under way (the bp_*
 * functions, registered on every connection by electron/db/audit-functions.ts). An update that changes none of the
 * listed columns (a touched updated_at) logs nothing.
 */
export function auditTriggers({ table, key, columns, patient }: Audited): string {
  const insert = (action: string, row: 'NEW' | 'OLD', before: string, after: string) => `
    INSERT INTO audit_log (at, user_id, actor, session_id, workstation, action, entity, entity_id, patient_id,
                           before_json, after_json)
    VALUES (bp_now(), bp_user_id(), bp_actor(), bp_session_id(), bp_workstation(), '${action}', '${table}',
            CAST(${row}.${key} AS TEXT), ${patient(row)}, ${before}, ${after});`;
  return `
    CREATE TRIGGER audit_${table}_insert AFTER INSERT ON ${table}
    BEGIN ${insert('create', 'NEW', 'NULL', rowJson(columns, 'NEW'))}
    END;
    CREATE TRIGGER audit_${table}_update AFTER UPDATE ON ${table}
    WHEN ${rowJson(columns, 'OLD')} IS NOT ${rowJson(columns, 'NEW')}${table === 'users' ? ' OR OLD.password_hash IS NOT NEW.password_hash' : ''}
    BEGIN ${insert('change', 'NEW', rowJson(columns, 'OLD'), rowJson(columns, 'NEW'))}
    END;
    CREATE TRIGGER audit_${table}_delete AFTER DELETE ON ${table}
    BEGIN ${insert('delete', 'OLD', rowJson(columns, 'OLD'), 'NULL')}
    END;`;
}

/**
 * Users, sessions and the audit trail (issue 12).
 *
 * audit_log is append only and hash-chained: every row's hash covers its content and the previous row's hash
 * (bp_audit_hash, one definition in electron/db/audit-hash.ts), sealed by a trigger in the same transaction as the
 * change it records. audit_head holds the last id and hash, so deleting rows at the end is detected too.
 * Triggers refuse UPDATE and DELETE; someone who drops them and edits the table directly breaks the chain, and
 * `boardprep audit verify` names the first broken entry.
 */
export const m0007: Migration = {
  version: 7,
  name: 'users, sessions and audit trail',
  sql: `
    CREATE TABLE users (
      id                   INTEGER PRIMARY KEY,
      username             TEXT NOT NULL UNIQUE CHECK (username <> '' AND username = lower(username)),
      display_name         TEXT NOT NULL CHECK (display_name <> ''),
      role                 TEXT NOT NULL
        CHECK (role IN ('administrator', 'coordinator', 'presenter', 'chair', 'member', 'viewer')),
      -- The core specialty this user stands for in attendance (shared/domain/meeting.ts CORE_SPECIALTIES).
      specialty            TEXT CHECK (specialty <> ''),
      -- 'scrypt$N$r$p$salt$key' (electron/services/auth/password.ts); never the secret itself.
      password_hash        TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
      must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
      disabled_at          TEXT,
      created_at           TEXT NOT NULL,
      updated_at           TEXT NOT NULL
    ) STRICT;

    -- A signed-in workstation. Only the token's SHA-256 is kept. Sessions of several workstations may share one
    -- database: each row names its workstation.
    CREATE TABLE sessions (
      id           INTEGER PRIMARY KEY,
      token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
      user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
      workstation  TEXT NOT NULL,
      started_at   TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      locked_at    TEXT,
      ended_at     TEXT,
      end_reason   TEXT CHECK (end_reason IN ('signed-out', 'replaced', 'disabled', 'password-reset', 'expired'))
    ) STRICT;
    CREATE INDEX sessions_user ON sessions (user_id);

    -- Installation settings: a single row.
    CREATE TABLE app_settings (
      id             INTEGER PRIMARY KEY CHECK (id = 1),
      auth_policy    TEXT NOT NULL DEFAULT 'password' CHECK (auth_policy IN ('password', 'pin')),
      lock_minutes   INTEGER NOT NULL DEFAULT 15 CHECK (lock_minutes BETWEEN 1 AND 240),
      -- 1 once the demo board's fictional users exist: the sign-in screen shows the documented demo password.
      demo_users     INTEGER NOT NULL DEFAULT 0 CHECK (demo_users IN (0, 1)),
      -- Daily backups (boardprep backup): where, how many to keep, on or off; and when the last one ran.
      backup_dir     TEXT CHECK (backup_dir <> ''),
      backup_keep    INTEGER NOT NULL DEFAULT 7 CHECK (backup_keep BETWEEN 1 AND 365),
      backup_daily   INTEGER NOT NULL DEFAULT 0 CHECK (backup_daily IN (0, 1)),
      last_backup_at TEXT
    ) STRICT;
    INSERT INTO app_settings (id) VALUES (1);

    -- Who ticked, overrode, signed off and amended: the signed-in user (the text columns keep the name shown).
    ALTER TABLE readiness_ticks ADD COLUMN ticked_by_user_id INTEGER REFERENCES users (id);
    ALTER TABLE ready_overrides ADD COLUMN by_user_id INTEGER REFERENCES users (id);
    ALTER TABLE decisions ADD COLUMN signed_off_user_id INTEGER REFERENCES users (id);
    -- What the chair confirmed at sign-off: quorum met or not, the missing specialties, the reason given without it.
    ALTER TABLE decisions ADD COLUMN sign_off_json TEXT CHECK (sign_off_json IS NULL OR ${JSON_OBJECT('sign_off_json')});
    ALTER TABLE decision_amendments ADD COLUMN by_user_id INTEGER REFERENCES users (id);

    -- The slides the board saw when a decision was signed off (the case's slide model as shown, with its text) and
    -- the key-image PNGs they showed, byte for byte. Never changed: later edits to the record do not reach them.
    CREATE TABLE decision_snapshots (
      decision_id INTEGER PRIMARY KEY REFERENCES decisions (id) ON DELETE RESTRICT,
      frozen_at   TEXT NOT NULL,
      deck_json   TEXT NOT NULL CHECK (${JSON_OBJECT('deck_json')}),
      deck_sha256 TEXT NOT NULL CHECK (length(deck_sha256) = 64)
    ) STRICT;
    CREATE TABLE snapshot_images (
      decision_id INTEGER NOT NULL REFERENCES decision_snapshots (decision_id) ON DELETE RESTRICT,
      name        TEXT NOT NULL CHECK (name <> ''),
      png         BLOB NOT NULL,
      sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
      PRIMARY KEY (decision_id, name)
    ) STRICT;
    CREATE TRIGGER decision_snapshots_no_update BEFORE UPDATE ON decision_snapshots
    BEGIN SELECT RAISE(ABORT, 'a frozen deck is never changed'); END;
    CREATE TRIGGER decision_snapshots_no_delete BEFORE DELETE ON decision_snapshots
    BEGIN SELECT RAISE(ABORT, 'a frozen deck is never deleted'); END;
    CREATE TRIGGER snapshot_images_no_update BEFORE UPDATE ON snapshot_images
    BEGIN SELECT RAISE(ABORT, 'a frozen image is never changed'); END;
    CREATE TRIGGER snapshot_images_no_delete BEFORE DELETE ON snapshot_images
    BEGIN SELECT RAISE(ABORT, 'a frozen image is never deleted'); END;

    CREATE TABLE audit_log (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      at          TEXT NOT NULL,
      -- The signed-in user (NULL for the command line and the app itself; actor then says which).
      user_id     INTEGER,
      actor       TEXT NOT NULL CHECK (actor <> ''),
      session_id  INTEGER,
      workstation TEXT NOT NULL,
      -- create | change | delete (a row), or an event: open, export, import, sign-in, sign-in-failed, ...
      action      TEXT NOT NULL CHECK (action <> ''),
      entity      TEXT NOT NULL CHECK (entity <> ''),
      entity_id   TEXT,
      patient_id  INTEGER,
      before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
      after_json  TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
      detail      TEXT NOT NULL DEFAULT '',
      prev_hash   TEXT,
      hash        TEXT
    ) STRICT;
    CREATE INDEX audit_log_patient ON audit_log (patient_id, id);
    CREATE INDEX audit_log_actor ON audit_log (actor, id);
    CREATE INDEX audit_log_action ON audit_log (action, id);
    CREATE INDEX audit_log_at ON audit_log (at);

    CREATE TABLE audit_head (
      id        INTEGER PRIMARY KEY CHECK (id = 1),
      last_id   INTEGER NOT NULL,
      last_hash TEXT NOT NULL,
      entries   INTEGER NOT NULL
    ) STRICT;
    INSERT INTO audit_head (id, last_id, last_hash, entries) VALUES (1, 0, '', 0);

    -- Seals each new row: its predecessor's hash and its own, and moves the head. A row inserted with a hash is
    -- refused (audit_log_no_update fires on the seal), so only this trigger writes hashes.
    CREATE TRIGGER audit_log_seal AFTER INSERT ON audit_log
    BEGIN
      UPDATE audit_log
      SET prev_hash = (SELECT last_hash FROM audit_head WHERE id = 1),
          hash = bp_audit_hash((SELECT last_hash FROM audit_head WHERE id = 1), NEW.id, NEW.at, NEW.user_id,
                               NEW.actor, NEW.session_id, NEW.workstation, NEW.action, NEW.entity, NEW.entity_id,
                               NEW.patient_id, NEW.before_json, NEW.after_json, NEW.detail)
      WHERE id = NEW.id;
      UPDATE audit_head
      SET last_id = NEW.id, last_hash = (SELECT hash FROM audit_log WHERE id = NEW.id), entries = entries + 1
      WHERE id = 1;
    END;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN OLD.hash IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'the audit log is append only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append only'); END;
    CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head WHEN NEW.last_id <= OLD.last_id
    BEGIN SELECT RAISE(ABORT, 'the audit log is append only'); END;
    ${AUDITED.map(auditTriggers).join('\n')}
  `,
};
