import type { Migration } from '../migrate';
import { auditTriggers, VIA_CASE, type Audited } from './0007-users-and-audit';

const ISO_DATE = `GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;
const JSON_ARRAY = (col: string) => `json_valid(${col}) AND json_type(${col}) = 'array'`;
const VIA_PATIENT = (r: string) => `${r}.patient_id`;

/**
 * Audited tables that gain columns here, or are new. Written out in full (a released migration says the same thing
 * for ever): their triggers from 0007 are dropped and recreated with the new column lists.
 */
const CHANGED: readonly Audited[] = [
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
      'episode_kind',
      'question_kind',
    ],
    patient: VIA_PATIENT,
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
      'tumour_dim1_cm',
      'tumour_dim2_cm',
      'tumour_dim3_cm',
      'depth',
      'margins_json',
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
    table: 'lesions',
    key: 'id',
    columns: [
      'id',
      'case_id',
      'label',
      'long_cm',
      'short_cm',
      'craniocaudal_cm',
      'study_date',
      'source',
      'note',
      'tracked_lesion_id',
      'mean_hu',
      'study_instance_uid',
    ],
    patient: VIA_CASE,
  },
];

const ADDED: readonly Audited[] = [
  {
    table: 'tracked_lesions',
    key: 'id',
    columns: ['id', 'patient_id', 'name', 'role', 'is_node', 'note'],
    patient: VIA_PATIENT,
  },
  {
    table: 'response_timepoints',
    key: 'id',
    columns: ['id', 'patient_id', 'study_date', 'non_target', 'new_lesions', 'note', 'by_user_id'],
    patient: VIA_PATIENT,
  },
  {
    table: 'driving_report_choices',
    key: 'case_id',
    columns: ['case_id', 'report_id', 'reason', 'by_user_id'],
    patient: VIA_CASE,
  },
];

const dropTriggers = (table: string) =>
  ['insert', 'update', 'delete'].map((op) => `DROP TRIGGER audit_${table}_${op};`).join('\n    ');

/**
 * Clinical depth (issue 13).
 *
 * - Episodes: a patient may have several cases (new diagnosis, post-operative review, recurrence, surveillance,
 *   restaging); each case says which episode it is and what kind of question it asks the board, because the
 *   question shapes the work-up checklist. Existing cases become "new diagnosis" with a diagnostic question: the
 *   migration does not guess from the free text.
 * - Pathology: the specimen's three tumour dimensions, depth and a list of margins with distances, for pT after a
 *   resection.
 * - A chosen driving report (which pathology report drives grade and stage, and why), when the user overrides the
 *   rule.
 * - Response: tracked lesions belong to the patient (a lesion is followed across studies and episodes); each lesions
 *   row becomes one measurement of a tracked lesion at a study, with a mean density from an ellipse. Existing
 *   lesions are grouped by patient and label into tracked lesions, so nothing measured before is lost. A response
 *   timepoint records what the sums cannot: non-target status and new lesions at a study date.
 * - readiness_ticks is rebuilt because its CHECK lists the work-up items, and the question-shaped checklist adds
 *   items; rows are copied with their ids.
 */
export const m0009: Migration = {
  version: 9,
  name: 'episodes, specimen and response',
  sql: `
    ${dropTriggers('cases')}
    ${dropTriggers('pathology_reports')}
    ${dropTriggers('readiness_ticks')}
    ${dropTriggers('lesions')}

    ALTER TABLE cases ADD COLUMN episode_kind TEXT NOT NULL DEFAULT 'new-diagnosis'
      CHECK (episode_kind IN ('new-diagnosis', 'post-operative', 'recurrence', 'surveillance', 'restaging'));
    ALTER TABLE cases ADD COLUMN question_kind TEXT NOT NULL DEFAULT 'diagnosis'
      CHECK (question_kind IN ('diagnosis', 'post-operative', 'recurrence', 'palliative'));

    ALTER TABLE pathology_reports ADD COLUMN tumour_dim1_cm REAL CHECK (tumour_dim1_cm > 0 AND tumour_dim1_cm <= 100);
    ALTER TABLE pathology_reports ADD COLUMN tumour_dim2_cm REAL CHECK (tumour_dim2_cm > 0 AND tumour_dim2_cm <= 100);
    ALTER TABLE pathology_reports ADD COLUMN tumour_dim3_cm REAL CHECK (tumour_dim3_cm > 0 AND tumour_dim3_cm <= 100);
    ALTER TABLE pathology_reports ADD COLUMN depth TEXT CHECK (depth IN ('superficial', 'deep', 'not-assessable'));
    -- [{ "margin": "deep", "distanceMm": 1.5, "lessThan": false, "involved": false }, ...]
    ALTER TABLE pathology_reports ADD COLUMN margins_json TEXT NOT NULL DEFAULT '[]' CHECK (${JSON_ARRAY('margins_json')});

    CREATE TABLE driving_report_choices (
      case_id    INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
      report_id  INTEGER NOT NULL REFERENCES pathology_reports (id) ON DELETE CASCADE,
      reason     TEXT NOT NULL CHECK (reason <> ''),
      by_user_id INTEGER REFERENCES users (id),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX driving_report_choices_report ON driving_report_choices (report_id);

    CREATE TABLE tracked_lesions (
      id         INTEGER PRIMARY KEY,
      patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
      name       TEXT NOT NULL CHECK (name <> ''),
      -- RECIST 1.1: target lesions are summed; non-target lesions are followed qualitatively.
      role       TEXT NOT NULL DEFAULT 'target' CHECK (role IN ('target', 'non-target')),
      -- A lymph node is measured on its short axis (RECIST 1.1).
      is_node    INTEGER NOT NULL DEFAULT 0 CHECK (is_node IN (0, 1)),
      note       TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX tracked_lesions_patient ON tracked_lesions (patient_id);

    ALTER TABLE lesions ADD COLUMN tracked_lesion_id INTEGER REFERENCES tracked_lesions (id) ON DELETE SET NULL;
    ALTER TABLE lesions ADD COLUMN mean_hu REAL CHECK (mean_hu BETWEEN -2000 AND 5000);
    ALTER TABLE lesions ADD COLUMN study_instance_uid TEXT CHECK (study_instance_uid <> '');
    CREATE INDEX lesions_tracked ON lesions (tracked_lesion_id);

    -- Existing lesions: one tracked lesion per patient and label (the oldest row's label and time).
    INSERT INTO tracked_lesions (patient_id, name, role, is_node, note, created_at)
      SELECT c.patient_id, l.label, 'target', 0, '', min(l.updated_at)
      FROM lesions l JOIN cases c ON c.id = l.case_id
      GROUP BY c.patient_id, l.label
      ORDER BY min(l.id);
    UPDATE lesions SET tracked_lesion_id = (
      SELECT t.id FROM tracked_lesions t JOIN cases c ON c.patient_id = t.patient_id
      WHERE c.id = lesions.case_id AND t.name = lesions.label);

    CREATE TABLE response_timepoints (
      id          INTEGER PRIMARY KEY,
      patient_id  INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
      study_date  TEXT NOT NULL CHECK (study_date ${ISO_DATE}),
      non_target  TEXT CHECK (non_target IN ('CR', 'non-CR/non-PD', 'PD', 'NE')),
      new_lesions INTEGER NOT NULL DEFAULT 0 CHECK (new_lesions IN (0, 1)),
      note        TEXT NOT NULL DEFAULT '',
      by_user_id  INTEGER REFERENCES users (id),
      updated_at  TEXT NOT NULL,
      UNIQUE (patient_id, study_date)
    ) STRICT;

    CREATE TABLE readiness_ticks_new (
      id                INTEGER PRIMARY KEY,
      case_id           INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      item              TEXT NOT NULL CHECK (item IN ('primary-imaging', 'chest-ct', 'biopsy', 'expert-review',
                          'fnclcc-grade', 'mdm2', 'ct-abdomen-pelvis', 'whole-spine-mri', 'brain-imaging',
                          'nodal-assessment', 'resection-pathology', 'post-operative-imaging', 'treatment-history',
                          'performance-status', 'symptom-assessment')),
      date              TEXT NOT NULL CHECK (date ${ISO_DATE}),
      ticked_by         TEXT NOT NULL CHECK (ticked_by <> ''),
      note              TEXT NOT NULL DEFAULT '',
      created_at        TEXT NOT NULL,
      ticked_by_user_id INTEGER REFERENCES users (id),
      UNIQUE (case_id, item)
    ) STRICT;
    INSERT INTO readiness_ticks_new (id, case_id, item, date, ticked_by, note, created_at, ticked_by_user_id)
      SELECT id, case_id, item, date, ticked_by, note, created_at, ticked_by_user_id FROM readiness_ticks;
    DROP TABLE readiness_ticks;
    ALTER TABLE readiness_ticks_new RENAME TO readiness_ticks;

    ${[...CHANGED, ...ADDED].map(auditTriggers).join('\n')}
  `,
};
