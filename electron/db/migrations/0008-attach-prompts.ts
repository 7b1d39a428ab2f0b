import type { Migration } from '../migrate';

/**
 * Pending patient-mismatch prompts (issue 12, item 9). An import into a case that finds a study whose DICOM patient
 * differs from the case's leaves the study unattached and asks the user; until now that question lived only in the
 * import's job result, so a reload lost it while the study sat unattached. A row here is the open question "attach
 * this study to this case?" and stays until it is answered (attached anyway, or left unattached) or the study is
 * purged. What the prompt says (the differences, the image count) is recomputed from the study when read, so it
 * never goes stale.
 *
 * No audit triggers: a prompt is not a clinical act. Its answer is: attaching changes dicom_studies.case_id (logged
 * by 0007's trigger on dicom_studies); leaving a study unattached changes nothing in the record.
 */
export const m0008: Migration = {
  version: 8,
  name: 'patient-mismatch prompts',
  sql: `
    CREATE TABLE dicom_attach_prompts (
      case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      study_id   INTEGER NOT NULL REFERENCES dicom_studies (id) ON DELETE CASCADE,
      import_id  INTEGER REFERENCES dicom_imports (id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (case_id, study_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX dicom_attach_prompts_study ON dicom_attach_prompts (study_id);
  `,
};
