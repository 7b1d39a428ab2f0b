import type { Migration } from '../migrate';

export const m0001: Migration = {
  version: 1,
  name: 'patients and cases',
  sql: `
    CREATE TABLE patients (
      id            INTEGER PRIMARY KEY,
      family_name   TEXT NOT NULL,
      given_names   TEXT NOT NULL,
      mrn           TEXT NOT NULL,
      date_of_birth TEXT NOT NULL CHECK (date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      sex           TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown'))
    ) STRICT;
    -- MRNs are compared case-insensitively: 'ab123' and 'AB123' are the same hospital number.
    CREATE UNIQUE INDEX patients_mrn ON patients (mrn COLLATE NOCASE);

    CREATE TABLE cases (
      id                 INTEGER PRIMARY KEY,
      patient_id         INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
      consultant_name    TEXT NOT NULL,
      consultant_contact TEXT NOT NULL,
      referring_hospital TEXT NOT NULL DEFAULT '',
      tumour_site        TEXT NOT NULL,
      site_chapter       TEXT NOT NULL
        CHECK (site_chapter IN ('trunk-extremity', 'retroperitoneum', 'head-and-neck', 'visceral', 'other')),
      working_diagnosis  TEXT NOT NULL,
      clinical_history   TEXT NOT NULL DEFAULT '',
      board_question     TEXT NOT NULL,
      ecog               INTEGER CHECK (ecog BETWEEN 0 AND 4),
      comorbidities      TEXT NOT NULL DEFAULT '',
      patient_knowledge  TEXT NOT NULL DEFAULT '',
      status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'discussed', 'closed')),
      version            INTEGER NOT NULL DEFAULT 1,
      created_at         TEXT NOT NULL,
      updated_at         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cases_patient ON cases (patient_id);
    CREATE INDEX cases_updated ON cases (updated_at DESC);
  `,
};
