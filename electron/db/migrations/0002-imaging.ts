import type { Migration } from '../migrate';

/**
 * DICOM index. The image files themselves live in the data folder's content-addressed store
 * (`images/ab/cd/<sha256>.dcm`); these tables only describe them.
 *
 * DICOM attributes that were absent (or empty) in the file are NULL. Dates are ISO `YYYY-MM-DD` when the file held
 * a valid DICOM date, otherwise the text as found. Multi-valued numbers (positions, orientations, spacings, window
 * presets) are JSON arrays of numbers, e.g. `[-125,-128.1,-99.48]`.
 */
export const m0002: Migration = {
  version: 2,
  name: 'imaging',
  sql: `
    CREATE TABLE dicom_imports (
      id           INTEGER PRIMARY KEY,
      started_at   TEXT NOT NULL,
      finished_at  TEXT,
      status       TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
      case_id      INTEGER REFERENCES cases (id) ON DELETE SET NULL,
      scanned      INTEGER NOT NULL DEFAULT 0,
      imported     INTEGER NOT NULL DEFAULT 0,
      duplicates   INTEGER NOT NULL DEFAULT 0,
      rejected     INTEGER NOT NULL DEFAULT 0,
      bytes_stored INTEGER NOT NULL DEFAULT 0,
      -- JSON array of the paths the user chose.
      source       TEXT NOT NULL DEFAULT '[]',
      -- Why a failed import failed, in words.
      error        TEXT,
      -- OS process that ran the import: recovery leaves imports of a still-running process alone.
      process_id   INTEGER
    ) STRICT;

    CREATE TABLE dicom_rejections (
      id        INTEGER PRIMARY KEY,
      import_id INTEGER NOT NULL REFERENCES dicom_imports (id) ON DELETE CASCADE,
      path      TEXT NOT NULL,
      reason    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX dicom_rejections_import ON dicom_rejections (import_id);

    CREATE TABLE dicom_studies (
      id                  INTEGER PRIMARY KEY,
      study_instance_uid  TEXT NOT NULL UNIQUE,
      -- NULL until the study is attached to a case (a patient mismatch leaves it unattached until confirmed).
      case_id             INTEGER REFERENCES cases (id) ON DELETE SET NULL,
      patient_id_dicom    TEXT,
      patient_name_dicom  TEXT,
      patient_birth_date  TEXT,
      patient_sex_dicom   TEXT,
      study_date          TEXT,
      study_time          TEXT,
      study_description   TEXT,
      accession_number    TEXT,
      study_id            TEXT,
      -- Distinct modalities and body parts of the study's series, backslash-separated as in DICOM (e.g. 'CT\\PT').
      modalities_in_study TEXT,
      body_part           TEXT,
      referring_physician TEXT,
      institution_name    TEXT,
      first_import_id     INTEGER REFERENCES dicom_imports (id),
      created_at          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX dicom_studies_case ON dicom_studies (case_id);

    CREATE TABLE dicom_series (
      id                     INTEGER PRIMARY KEY,
      series_instance_uid    TEXT NOT NULL UNIQUE,
      study_id               INTEGER NOT NULL REFERENCES dicom_studies (id) ON DELETE CASCADE,
      modality               TEXT,
      series_number          INTEGER,
      series_description     TEXT,
      body_part_examined     TEXT,
      series_date            TEXT,
      series_time            TEXT,
      laterality             TEXT,
      frame_of_reference_uid TEXT
    ) STRICT;
    CREATE INDEX dicom_series_study ON dicom_series (study_id);

    CREATE TABLE dicom_instances (
      id                        INTEGER PRIMARY KEY,
      sop_instance_uid          TEXT NOT NULL UNIQUE,
      sop_class_uid             TEXT NOT NULL,
      series_id                 INTEGER NOT NULL REFERENCES dicom_series (id) ON DELETE CASCADE,
      instance_number           INTEGER,
      image_position_patient    TEXT,
      image_orientation_patient TEXT,
      -- Position along the slice normal (ImagePositionPatient . (row x column)), for sorting a stack.
      slice_position            REAL,
      slice_location            REAL,
      pixel_spacing             TEXT,
      imager_pixel_spacing      TEXT,
      slice_thickness           REAL,
      rows                      INTEGER,
      columns                   INTEGER,
      number_of_frames          INTEGER NOT NULL DEFAULT 1,
      samples_per_pixel         INTEGER,
      bits_allocated            INTEGER,
      bits_stored               INTEGER,
      pixel_representation      INTEGER,
      photometric               TEXT,
      transfer_syntax_uid       TEXT NOT NULL,
      window_center             TEXT,
      window_width              TEXT,
      rescale_slope             REAL,
      rescale_intercept         REAL,
      file_hash                 TEXT NOT NULL CHECK (length(file_hash) = 64),
      file_size                 INTEGER NOT NULL,
      -- Relative to the data folder, '/'-separated: images/ab/cd/<file_hash>.dcm
      stored_path               TEXT NOT NULL,
      imported_at               TEXT NOT NULL,
      import_id                 INTEGER NOT NULL REFERENCES dicom_imports (id)
    ) STRICT;
    CREATE INDEX dicom_instances_series ON dicom_instances (series_id);
    CREATE INDEX dicom_instances_hash ON dicom_instances (file_hash);
    CREATE INDEX dicom_instances_import ON dicom_instances (import_id);
  `,
};
