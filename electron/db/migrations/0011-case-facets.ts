import type { Migration } from '../migrate';

/**
 * What a case's record stands for in search, kept in a table (issue 14 item 12): the grade, stage group, histotype
 * and open readiness items are computed by the clinical rules (staging-service, readiness-service), too slow to
 * compute per row per query at 10,000 cases. Choice: stale-marking triggers on every table the rules read, and the
 * case list recomputes the stale rows before it queries (electron/services/cases/facets.ts). A write never pays for
 * the recompute and no service has to remember to call it; a trigger cannot forget a write path.
 *
 * A row is also due when the meeting its readiness was judged for has passed (`judged_for` < today): the list
 * checks that in its query, so no date-driven job is needed.
 */

/** Tables with a case_id whose rows feed the grade, stage or readiness rules (or the next meeting). */
const BY_CASE = [
  'pathology_reports',
  'staging_inputs',
  'readiness_ticks',
  'case_events',
  'lesions',
  'driving_report_choices',
  'agenda_items',
];

const STALE = (caseExpr: string) => `UPDATE case_facets SET stale = 1 WHERE case_id = ${caseExpr};`;

function byCase(table: string): string {
  return `
    CREATE TRIGGER ${table}_facets_ins AFTER INSERT ON ${table} BEGIN ${STALE('NEW.case_id')} END;
    CREATE TRIGGER ${table}_facets_upd AFTER UPDATE ON ${table} BEGIN ${STALE('OLD.case_id')} ${STALE('NEW.case_id')} END;
    CREATE TRIGGER ${table}_facets_del AFTER DELETE ON ${table} BEGIN ${STALE('OLD.case_id')} END;`;
}

function byReport(table: string): string {
  const of = (r: string) => `(SELECT case_id FROM pathology_reports WHERE id = ${r}.report_id)`;
  return `
    CREATE TRIGGER ${table}_facets_ins AFTER INSERT ON ${table} BEGIN ${STALE(of('NEW'))} END;
    CREATE TRIGGER ${table}_facets_upd AFTER UPDATE ON ${table} BEGIN ${STALE(of('NEW'))} END;
    CREATE TRIGGER ${table}_facets_del AFTER DELETE ON ${table} BEGIN ${STALE(of('OLD'))} END;`;
}

export const m0011: Migration = {
  version: 11,
  name: 'case-facets',
  sql: `
    CREATE TABLE case_facets (
      case_id            INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
      -- 1: something the rules read changed since the row was computed.
      stale              INTEGER NOT NULL DEFAULT 1 CHECK (stale IN (0, 1)),
      histotype_id       TEXT,
      -- The coded histotype's name, or the free text of an uncoded one ('' when none).
      histotype_label    TEXT NOT NULL DEFAULT '',
      grade              TEXT CHECK (grade IS NULL OR grade IN ('G1', 'G2', 'G3', 'GX')),
      -- AJCC stage group (the "at least" group for a GX tumour with a grade floor); NULL when not staged.
      stage_group        TEXT CHECK (stage_group IS NULL OR stage_group IN ('IA', 'IB', 'II', 'IIIA', 'IIIB', 'IV')),
      -- Readiness items missing or pending, space-separated with a space at each end (' mdm2 biopsy ').
      open_items         TEXT NOT NULL DEFAULT ' ',
      ready              INTEGER NOT NULL DEFAULT 0 CHECK (ready IN (0, 1)),
      next_meeting_id    INTEGER,
      next_meeting_date  TEXT,
      -- The meeting date the readiness was judged for; NULL when judged for the day of computing (no meeting).
      judged_for         TEXT,
      -- Everything free text matches, lower-cased, in one column so a word costs one LIKE per case: name, MRN,
      -- working diagnosis, tumour site, consultant, histotype, grade, "stage IIIA".
      search_text        TEXT NOT NULL DEFAULT '',
      computed_at        TEXT
    ) STRICT;
    CREATE INDEX case_facets_stale ON case_facets (stale) WHERE stale = 1;
    CREATE INDEX case_facets_grade ON case_facets (grade);
    CREATE INDEX case_facets_stage ON case_facets (stage_group);
    CREATE INDEX case_facets_histotype ON case_facets (histotype_id);
    CREATE INDEX case_facets_meeting ON case_facets (next_meeting_id);
    CREATE INDEX case_facets_judged ON case_facets (judged_for) WHERE judged_for IS NOT NULL;
    CREATE INDEX cases_consultant ON cases (consultant_name COLLATE NOCASE);
    CREATE INDEX cases_created ON cases (created_at);

    INSERT INTO case_facets (case_id) SELECT id FROM cases;

    CREATE TRIGGER cases_facets_ins AFTER INSERT ON cases BEGIN
      INSERT INTO case_facets (case_id) VALUES (NEW.id);
    END;
    CREATE TRIGGER cases_facets_upd AFTER UPDATE ON cases BEGIN ${STALE('NEW.id')} END;
    -- The patient's name and MRN are in the search text of each of their cases.
    CREATE TRIGGER patients_facets_upd AFTER UPDATE ON patients BEGIN
      UPDATE case_facets SET stale = 1 WHERE case_id IN (SELECT id FROM cases WHERE patient_id = NEW.id);
    END;

    ${BY_CASE.map(byCase).join('\n')}
    ${['pathology_ihc', 'pathology_molecular'].map(byReport).join('\n')}

    -- Imaging evidence and measured sizes: a study attached, detached or re-dated; a series added.
    CREATE TRIGGER dicom_studies_facets_ins AFTER INSERT ON dicom_studies BEGIN ${STALE('NEW.case_id')} END;
    CREATE TRIGGER dicom_studies_facets_upd AFTER UPDATE ON dicom_studies BEGIN ${STALE('OLD.case_id')} ${STALE('NEW.case_id')} END;
    CREATE TRIGGER dicom_studies_facets_del AFTER DELETE ON dicom_studies BEGIN ${STALE('OLD.case_id')} END;
    CREATE TRIGGER dicom_series_facets_ins AFTER INSERT ON dicom_series BEGIN
      ${STALE('(SELECT case_id FROM dicom_studies WHERE id = NEW.study_id)')}
    END;

    -- A meeting re-dated or finished changes which meeting is a case's next.
    CREATE TRIGGER meetings_facets_upd AFTER UPDATE ON meetings BEGIN
      UPDATE case_facets SET stale = 1 WHERE case_id IN (SELECT case_id FROM agenda_items WHERE meeting_id = NEW.id);
    END;

    -- A tracked lesion belongs to the patient: all their cases.
    CREATE TRIGGER tracked_lesions_facets_upd AFTER UPDATE ON tracked_lesions BEGIN
      UPDATE case_facets SET stale = 1 WHERE case_id IN (SELECT id FROM cases WHERE patient_id = NEW.patient_id);
    END;
  `,
};
