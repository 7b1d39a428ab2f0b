import type { Migration } from '../migrate';

export const m0003: Migration = {
  version: 3,
  name: 'measurements, key images and lesions',
  sql: `
    -- Measurements a presenter drew on a case's images, in image coordinates with their computed values.
    CREATE TABLE annotations (
      id                  TEXT PRIMARY KEY,
      case_id             INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      series_instance_uid TEXT NOT NULL,
      sop_instance_uid    TEXT NOT NULL REFERENCES dicom_instances (sop_instance_uid),
      frame               INTEGER NOT NULL CHECK (frame >= 0),
      tool                TEXT NOT NULL CHECK (tool IN ('length', 'bidirectional', 'ellipse')),
      handles_json        TEXT NOT NULL CHECK (json_valid(handles_json)),
      values_json         TEXT NOT NULL CHECK (json_valid(values_json)),
      updated_at          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX annotations_case_series ON annotations (case_id, series_instance_uid);

    -- A saved view: the image, window/level, zoom and pan, the measurements on it, and the rendered PNG.
    CREATE TABLE key_images (
      id               INTEGER PRIMARY KEY,
      case_id          INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      sop_instance_uid TEXT NOT NULL REFERENCES dicom_instances (sop_instance_uid),
      frame            INTEGER NOT NULL CHECK (frame >= 0),
      caption          TEXT NOT NULL,
      view_json        TEXT NOT NULL CHECK (json_valid(view_json)),
      annotations_json TEXT NOT NULL CHECK (json_valid(annotations_json)),
      render_path      TEXT NOT NULL,
      position         INTEGER NOT NULL DEFAULT 0,
      created_at       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX key_images_case ON key_images (case_id, position, id);

    -- Lesion sizes in cm (long x short x craniocaudal); the greatest is what staging uses.
    CREATE TABLE lesions (
      id              INTEGER PRIMARY KEY,
      case_id         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      label           TEXT NOT NULL,
      long_cm         REAL CHECK (long_cm > 0),
      short_cm        REAL CHECK (short_cm > 0),
      craniocaudal_cm REAL CHECK (craniocaudal_cm > 0),
      study_date      TEXT,
      source          TEXT NOT NULL CHECK (source IN ('measured', 'typed')),
      note            TEXT NOT NULL DEFAULT '',
      updated_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX lesions_case ON lesions (case_id);
  `,
};
