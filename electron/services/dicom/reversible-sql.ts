import type { Db } from '../../db/open';

/** SQL for detaching, purging and the pending patient-mismatch prompts (migration 0008). Parameters always bound. */

export interface UnattachedRow {
  id: number;
  study_instance_uid: string;
  patient_name_dicom: string | null;
  patient_id_dicom: string | null;
  study_date: string | null;
  study_description: string | null;
  modalities_in_study: string | null;
  created_at: string;
  image_count: number;
  bytes: number;
}

/** Studies attached to no case, with their image count and the bytes their files take in the store. */
export function listUnattached(db: Db): UnattachedRow[] {
  return db
    .prepare(
      `SELECT s.id, s.study_instance_uid, s.patient_name_dicom, s.patient_id_dicom, s.study_date, s.study_description,
         s.modalities_in_study, s.created_at,
         (SELECT count(*) FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id WHERE se.study_id = s.id) AS image_count,
         (SELECT coalesce(sum(i.file_size), 0) FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id
            WHERE se.study_id = s.id) AS bytes
       FROM dicom_studies s WHERE s.case_id IS NULL
       ORDER BY s.created_at DESC, s.id DESC`,
    )
    .all() as UnattachedRow[];
}

export interface KeyImageOfStudyRow {
  id: number;
  case_id: number;
  caption: string;
}

/** Key images (of any case, or of `caseId` only) made from an image of the study. */
export function keyImagesOfStudy(db: Db, studyRowId: number, caseId: number | null): KeyImageOfStudyRow[] {
  return db
    .prepare(
      `SELECT k.id, k.case_id, k.caption FROM key_images k
       JOIN dicom_instances i ON i.sop_instance_uid = k.sop_instance_uid
       JOIN dicom_series se ON se.id = i.series_id
       WHERE se.study_id = ? AND (? IS NULL OR k.case_id = ?)
       ORDER BY k.case_id, k.position, k.id`,
    )
    .all(studyRowId, caseId, caseId) as KeyImageOfStudyRow[];
}

/** The content hashes of a study's files (what may leave the store once its rows are gone). */
export function fileHashesOfStudy(db: Db, studyRowId: number): string[] {
  return db
    .prepare(
      `SELECT DISTINCT i.file_hash FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id
       WHERE se.study_id = ?`,
    )
    .pluck()
    .all(studyRowId) as string[];
}

/** Measurements left on a study's images (by a case it was attached to before): they go with its images. */
export function deleteAnnotationsOfStudy(db: Db, studyRowId: number): number {
  return db
    .prepare(
      `DELETE FROM annotations WHERE sop_instance_uid IN (
         SELECT i.sop_instance_uid FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id WHERE se.study_id = ?)`,
    )
    .run(studyRowId).changes;
}

/** Deletes the study row; its series, instances and prompts go with it (ON DELETE CASCADE). */
export function deleteStudy(db: Db, studyRowId: number): void {
  db.prepare('DELETE FROM dicom_studies WHERE id = ?').run(studyRowId);
}

export function casePatientId(db: Db, caseId: number): number | undefined {
  return db.prepare('SELECT patient_id FROM cases WHERE id = ?').pluck().get(caseId) as number | undefined;
}

// ---------------------------------------------------------------------------------------------- prompts

export function insertPrompt(db: Db, p: { caseId: number; studyRowId: number; importId: number; now: string }): void {
  db.prepare(
    `INSERT INTO dicom_attach_prompts (case_id, study_id, import_id, created_at) VALUES (@caseId, @studyRowId, @importId, @now)
     ON CONFLICT (case_id, study_id) DO NOTHING`,
  ).run(p);
}

export interface PromptRow {
  study_id: number;
  study_instance_uid: string;
  image_count: number;
}

/** A case's open prompts whose study is still unattached, oldest first (the order they were asked). */
export function listPrompts(db: Db, caseId: number): PromptRow[] {
  return db
    .prepare(
      `SELECT s.id AS study_id, s.study_instance_uid,
         (SELECT count(*) FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id WHERE se.study_id = s.id) AS image_count
       FROM dicom_attach_prompts p JOIN dicom_studies s ON s.id = p.study_id
       WHERE p.case_id = ? AND s.case_id IS NULL
       ORDER BY p.created_at, s.id`,
    )
    .all(caseId) as PromptRow[];
}

/** Clears one case's prompt for a study; returns whether there was one. */
export function deletePrompt(db: Db, caseId: number, studyRowId: number): boolean {
  return (
    db.prepare('DELETE FROM dicom_attach_prompts WHERE case_id = ? AND study_id = ?').run(caseId, studyRowId).changes >
    0
  );
}

/** Once a study is attached somewhere, no case needs to ask about it any more. */
export function deletePromptsOfStudy(db: Db, studyRowId: number): void {
  db.prepare('DELETE FROM dicom_attach_prompts WHERE study_id = ?').run(studyRowId);
}
