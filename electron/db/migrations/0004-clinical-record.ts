import type { Migration } from '../migrate';

const ISO_DATE = `GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;

/**
 * The clinical record of a case (issue 4): structured pathology, staging inputs, the readiness checklist's manual
 * ticks and settings, the proposed plan, timeline events and "ready despite missing items" overrides.
 * Grade, stage and readiness themselves are never stored: they are computed from these rows by the pure rules in
 * shared/clinical/ every time, so they cannot go stale.
 */
export const m0004: Migration = {
  version: 4,
  name: 'clinical record',
  sql: `
    -- One row per pathology report (a case may have a biopsy, then a resection, ...). Histotype is either a
    -- catalogue id (shared/clinical/histotypes.ts) or free text, which the app flags as not coded.
    CREATE TABLE pathology_reports (
      id                       INTEGER PRIMARY KEY,
      case_id                  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      procedure                TEXT NOT NULL
        CHECK (procedure IN ('core-needle-biopsy', 'incisional', 'excision', 'resection', 'biopsy-not-specified')),
      specimen_id              TEXT NOT NULL DEFAULT '',
      specimen_date            TEXT NOT NULL CHECK (specimen_date ${ISO_DATE}),
      report_date              TEXT CHECK (report_date ${ISO_DATE}),
      laboratory               TEXT NOT NULL DEFAULT '',
      histotype_id             TEXT CHECK (histotype_id <> ''),
      histotype_text           TEXT NOT NULL DEFAULT '',
      icd_o3                   TEXT CHECK (icd_o3 GLOB '[0-9][0-9][0-9][0-9]/[0-9]'),
      -- FNCLCC components. NULL differentiation means "take it from the catalogue" (PDQ Table 4).
      differentiation          INTEGER CHECK (differentiation BETWEEN 1 AND 3),
      mitoses_per_10hpf        INTEGER CHECK (mitoses_per_10hpf >= 0),
      necrosis_percent         REAL CHECK (necrosis_percent BETWEEN 0 AND 100),
      neoadjuvant_therapy      INTEGER NOT NULL DEFAULT 0 CHECK (neoadjuvant_therapy IN (0, 1)),
      round_cell_percent       REAL CHECK (round_cell_percent BETWEEN 0 AND 100),
      -- The grade as the report states it, for reports that give a grade but not its components.
      reported_grade           TEXT CHECK (reported_grade IN ('G1', 'G2', 'G3', 'GX')),
      margin_status            TEXT CHECK (margin_status IN ('R0', 'R1', 'R2', 'RX')),
      closest_margin_mm        REAL CHECK (closest_margin_mm >= 0),
      -- 1 when the report gives only an upper bound ("< 1 mm").
      closest_margin_less_than INTEGER NOT NULL DEFAULT 0 CHECK (closest_margin_less_than IN (0, 1)),
      treatment_effect         TEXT NOT NULL DEFAULT '',
      review_by                TEXT CHECK (review_by <> ''),
      review_date              TEXT CHECK (review_date ${ISO_DATE}),
      review_agreement         TEXT CHECK (review_agreement IN ('concordant', 'minor-discordance', 'major-discordance')),
      report_text              TEXT NOT NULL DEFAULT '',
      created_at               TEXT NOT NULL,
      updated_at               TEXT NOT NULL,
      CHECK (histotype_id IS NULL OR histotype_text = ''),
      CHECK (closest_margin_less_than = 0 OR closest_margin_mm IS NOT NULL),
      -- An expert review is all three (who, when, agreement) or nothing.
      CHECK ((review_by IS NULL) = (review_date IS NULL) AND (review_by IS NULL) = (review_agreement IS NULL))
    ) STRICT;
    CREATE INDEX pathology_reports_case ON pathology_reports (case_id, specimen_date);

    CREATE TABLE pathology_ihc (
      id        INTEGER PRIMARY KEY,
      report_id INTEGER NOT NULL REFERENCES pathology_reports (id) ON DELETE CASCADE,
      position  INTEGER NOT NULL,
      marker    TEXT NOT NULL CHECK (marker <> ''),
      result    TEXT NOT NULL CHECK (result IN ('positive', 'negative', 'focal', 'equivocal')),
      note      TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX pathology_ihc_report ON pathology_ihc (report_id, position);

    -- e.g. test 'MDM2 amplification (FISH)', result 'amplified'.
    CREATE TABLE pathology_molecular (
      id        INTEGER PRIMARY KEY,
      report_id INTEGER NOT NULL REFERENCES pathology_reports (id) ON DELETE CASCADE,
      position  INTEGER NOT NULL,
      test      TEXT NOT NULL CHECK (test <> ''),
      result    TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX pathology_molecular_report ON pathology_molecular (report_id, position);

    -- What staging needs besides size and grade. No row = defaults: NX (counted as N0), M0, clinical prefix.
    CREATE TABLE staging_inputs (
      case_id              INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
      size_override_cm     REAL CHECK (size_override_cm > 0 AND size_override_cm <= 100),
      size_override_reason TEXT NOT NULL DEFAULT '',
      n_status             TEXT NOT NULL DEFAULT 'NX' CHECK (n_status IN ('N0', 'N1', 'NX')),
      m_status             TEXT NOT NULL DEFAULT 'M0' CHECK (m_status IN ('M0', 'M1')),
      prefix               TEXT NOT NULL DEFAULT 'c' CHECK (prefix IN ('c', 'p', 'y', 'r')),
      t_override           TEXT CHECK (t_override IN ('TX', 'T0', 'T1', 'T2', 'T2a', 'T2b', 'T3', 'T4', 'T4a', 'T4b', 'T4c')),
      note                 TEXT NOT NULL DEFAULT '',
      updated_at           TEXT NOT NULL,
      CHECK (size_override_cm IS NULL OR size_override_reason <> '')
    ) STRICT;

    -- Work-up items ticked by hand (evidence not held as an imported study or a pathology report). One per item.
    CREATE TABLE readiness_ticks (
      id         INTEGER PRIMARY KEY,
      case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      item       TEXT NOT NULL CHECK (item IN ('primary-imaging', 'chest-ct', 'biopsy', 'expert-review', 'fnclcc-grade',
                   'mdm2', 'ct-abdomen-pelvis', 'whole-spine-mri', 'brain-imaging', 'nodal-assessment')),
      date       TEXT NOT NULL CHECK (date ${ISO_DATE}),
      ticked_by  TEXT NOT NULL CHECK (ticked_by <> ''),
      note       TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      UNIQUE (case_id, item)
    ) STRICT;

    -- Board-wide readiness settings: a single row.
    CREATE TABLE readiness_settings (
      id          INTEGER PRIMARY KEY CHECK (id = 1),
      stale_weeks REAL NOT NULL DEFAULT 8 CHECK (stale_weeks > 0 AND stale_weeks <= 52)
    ) STRICT;
    INSERT INTO readiness_settings (id, stale_weeks) VALUES (1, 8);

    -- The presenter's proposed plan: a set of options (JSON array of option ids) and free text.
    CREATE TABLE case_plans (
      case_id      INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
      options_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(options_json) AND json_type(options_json) = 'array'),
      text         TEXT NOT NULL DEFAULT '',
      updated_at   TEXT NOT NULL
    ) STRICT;

    -- Timeline events no other record holds: presentation and treatments given. Date is a day or, when only the
    -- month is known, YYYY-MM.
    CREATE TABLE case_events (
      id         INTEGER PRIMARY KEY,
      case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      kind       TEXT NOT NULL
        CHECK (kind IN ('presentation', 'surgery', 'radiotherapy', 'systemic-therapy', 'procedure', 'other')),
      date       TEXT NOT NULL CHECK (date ${ISO_DATE} OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
      text       TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX case_events_case ON case_events (case_id, date);
    CREATE UNIQUE INDEX case_events_one_presentation ON case_events (case_id) WHERE kind = 'presentation';

    -- A case marked ready although work-up items were missing: who, why, when, and what was missing then.
    CREATE TABLE ready_overrides (
      id           INTEGER PRIMARY KEY,
      case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      by_whom      TEXT NOT NULL CHECK (by_whom <> ''),
      why          TEXT NOT NULL CHECK (why <> ''),
      meeting_date TEXT NOT NULL CHECK (meeting_date ${ISO_DATE}),
      missing_json TEXT NOT NULL CHECK (json_valid(missing_json) AND json_type(missing_json) = 'array'),
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX ready_overrides_case ON ready_overrides (case_id, id);
  `,
};
