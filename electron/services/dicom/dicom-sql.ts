import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';

/** All SQL for the DICOM index. Parameters are always bound; no string is ever spliced into a query. */

// ---------------------------------------------------------------------------------------------- rows

export interface StudyRow {
  id: number;
  study_instance_uid: string;
  case_id: number | null;
  patient_id_dicom: string | null;
  patient_name_dicom: string | null;
  patient_birth_date: string | null;
  patient_sex_dicom: string | null;
  study_date: string | null;
  study_time: string | null;
  study_description: string | null;
  accession_number: string | null;
  study_id: string | null;
  modalities_in_study: string | null;
  body_part: string | null;
  referring_physician: string | null;
  institution_name: string | null;
  first_import_id: number | null;
  created_at: string;
}

export interface StudyListRow extends StudyRow {
  series_count: number;
  instance_count: number;
}

export interface SeriesRow {
  id: number;
  series_instance_uid: string;
  study_id: number;
  modality: string | null;
  series_number: number | null;
  series_description: string | null;
  body_part_examined: string | null;
  series_date: string | null;
  series_time: string | null;
  laterality: string | null;
  frame_of_reference_uid: string | null;
}

export interface SeriesListRow extends SeriesRow {
  instance_count: number;
}

export interface InstanceRow {
  id: number;
  sop_instance_uid: string;
  sop_class_uid: string;
  series_id: number;
  instance_number: number | null;
  image_position_patient: string | null;
  image_orientation_patient: string | null;
  slice_position: number | null;
  slice_location: number | null;
  pixel_spacing: string | null;
  imager_pixel_spacing: string | null;
  slice_thickness: number | null;
  rows: number | null;
  columns: number | null;
  number_of_frames: number;
  samples_per_pixel: number | null;
  bits_allocated: number | null;
  bits_stored: number | null;
  pixel_representation: number | null;
  photometric: string | null;
  transfer_syntax_uid: string;
  window_center: string | null;
  window_width: string | null;
  rescale_slope: number | null;
  rescale_intercept: number | null;
  file_hash: string;
  file_size: number;
  stored_path: string;
  imported_at: string;
  import_id: number;
}

export interface ImportRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  case_id: number | null;
  scanned: number;
  imported: number;
  duplicates: number;
  rejected: number;
  bytes_stored: number;
  source: string;
  error: string | null;
  process_id: number | null;
}

export interface CasePatientRow {
  case_id: number;
  mrn: string;
  family_name: string;
  given_names: string;
  date_of_birth: string;
}

// ---------------------------------------------------------------------------------------------- imports

export function insertImport(
  db: Db,
  p: { startedAt: string; caseId: number | null; source: string; pid: number },
): number {
  const info = db
    .prepare(
      `INSERT INTO dicom_imports (started_at, status, case_id, source, process_id)
       VALUES (@startedAt, 'running', @caseId, @source, @pid)`,
    )
    .run(p);
  return Number(info.lastInsertRowid);
}

export interface ImportCounts {
  status: 'done' | 'cancelled' | 'failed';
  finishedAt: string;
  scanned: number;
  imported: number;
  duplicates: number;
  rejected: number;
  bytesStored: number;
  error: string | null;
}

export function finishImport(db: Db, id: number, c: ImportCounts): void {
  db.prepare(
    `UPDATE dicom_imports SET status = @status, finished_at = @finishedAt, scanned = @scanned, imported = @imported,
       duplicates = @duplicates, rejected = @rejected, bytes_stored = @bytesStored, error = @error
     WHERE id = @id`,
  ).run({ ...c, id });
}

export function getImport(db: Db, id: number): ImportRow | undefined {
  return db.prepare('SELECT * FROM dicom_imports WHERE id = ?').get(id) as ImportRow | undefined;
}

export function runningImports(db: Db): ImportRow[] {
  return db.prepare("SELECT * FROM dicom_imports WHERE status = 'running' ORDER BY id").all() as ImportRow[];
}

export function markImportInterrupted(db: Db, id: number, finishedAt: string): void {
  db.prepare(
    `UPDATE dicom_imports SET status = 'failed', finished_at = ?, error = 'interrupted (the program stopped during the import); nothing from it was kept'
     WHERE id = ? AND status = 'running'`,
  ).run(finishedAt, id);
}

export function listRejections(db: Db, importId: number): { path: string; reason: string }[] {
  return db.prepare('SELECT path, reason FROM dicom_rejections WHERE import_id = ? ORDER BY id').all(importId) as {
    path: string;
    reason: string;
  }[];
}

// ---------------------------------------------------------------------------------------------- import statements

/** Prepared once per import and reused for every file (the import's hot path). */
export class ImportStatements {
  readonly sopExists: Statement<[string]>;
  readonly upsertStudy: Statement;
  readonly upsertSeries: Statement;
  readonly insertInstance: Statement;
  readonly insertRejection: Statement<[number, string, string]>;
  readonly refreshStudy: Statement;
  readonly studyByUid: Statement<[string]>;
  readonly setStudyCase: Statement<[number | null, number]>;

  constructor(db: Db) {
    this.sopExists = db.prepare('SELECT 1 FROM dicom_instances WHERE sop_instance_uid = ?').pluck();
    // Existing studies and series keep their values; only attributes they lack are filled in.
    this.upsertStudy = db.prepare(
      `INSERT INTO dicom_studies (study_instance_uid, patient_id_dicom, patient_name_dicom, patient_birth_date,
         patient_sex_dicom, study_date, study_time, study_description, accession_number, study_id, referring_physician,
         institution_name, first_import_id, created_at)
       VALUES (@studyInstanceUid, @patientId, @patientName, @patientBirthDate, @patientSex, @studyDate, @studyTime,
         @studyDescription, @accessionNumber, @studyId, @referringPhysician, @institutionName, @importId, @now)
       ON CONFLICT (study_instance_uid) DO UPDATE SET
         patient_id_dicom = coalesce(patient_id_dicom, excluded.patient_id_dicom),
         patient_name_dicom = coalesce(patient_name_dicom, excluded.patient_name_dicom),
         patient_birth_date = coalesce(patient_birth_date, excluded.patient_birth_date),
         patient_sex_dicom = coalesce(patient_sex_dicom, excluded.patient_sex_dicom),
         study_date = coalesce(study_date, excluded.study_date),
         study_time = coalesce(study_time, excluded.study_time),
         study_description = coalesce(study_description, excluded.study_description),
         accession_number = coalesce(accession_number, excluded.accession_number),
         study_id = coalesce(study_id, excluded.study_id),
         referring_physician = coalesce(referring_physician, excluded.referring_physician),
         institution_name = coalesce(institution_name, excluded.institution_name)
       RETURNING id, case_id`,
    );
    this.upsertSeries = db.prepare(
      `INSERT INTO dicom_series (series_instance_uid, study_id, modality, series_number, series_description,
         body_part_examined, series_date, series_time, laterality, frame_of_reference_uid)
       VALUES (@seriesInstanceUid, @studyRowId, @modality, @seriesNumber, @seriesDescription, @bodyPartExamined,
         @seriesDate, @seriesTime, @laterality, @frameOfReferenceUid)
       ON CONFLICT (series_instance_uid) DO UPDATE SET
         modality = coalesce(modality, excluded.modality),
         series_number = coalesce(series_number, excluded.series_number),
         series_description = coalesce(series_description, excluded.series_description),
         body_part_examined = coalesce(body_part_examined, excluded.body_part_examined),
         series_date = coalesce(series_date, excluded.series_date),
         series_time = coalesce(series_time, excluded.series_time),
         laterality = coalesce(laterality, excluded.laterality),
         frame_of_reference_uid = coalesce(frame_of_reference_uid, excluded.frame_of_reference_uid)
       RETURNING id`,
    );
    this.insertInstance = db.prepare(
      `INSERT INTO dicom_instances (sop_instance_uid, sop_class_uid, series_id, instance_number, image_position_patient,
         image_orientation_patient, slice_position, slice_location, pixel_spacing, imager_pixel_spacing, slice_thickness,
         rows, columns, number_of_frames, samples_per_pixel, bits_allocated, bits_stored, pixel_representation,
         photometric, transfer_syntax_uid, window_center, window_width, rescale_slope, rescale_intercept, file_hash,
         file_size, stored_path, imported_at, import_id)
       VALUES (@sopInstanceUid, @sopClassUid, @seriesRowId, @instanceNumber, @imagePositionPatient,
         @imageOrientationPatient, @slicePosition, @sliceLocation, @pixelSpacing, @imagerPixelSpacing, @sliceThickness,
         @rows, @columns, @numberOfFrames, @samplesPerPixel, @bitsAllocated, @bitsStored, @pixelRepresentation,
         @photometric, @transferSyntaxUid, @windowCenter, @windowWidth, @rescaleSlope, @rescaleIntercept, @fileHash,
         @fileSize, @storedPath, @importedAt, @importId)
       ON CONFLICT (sop_instance_uid) DO NOTHING`,
    );
    this.insertRejection = db.prepare('INSERT INTO dicom_rejections (import_id, path, reason) VALUES (?, ?, ?)');
    this.refreshStudy = db.prepare(
      `UPDATE dicom_studies SET
         modalities_in_study = (SELECT group_concat(m, '\\') FROM
           (SELECT DISTINCT modality AS m FROM dicom_series WHERE study_id = @id AND modality IS NOT NULL ORDER BY m)),
         body_part = (SELECT group_concat(b, '\\') FROM
           (SELECT DISTINCT body_part_examined AS b FROM dicom_series WHERE study_id = @id AND body_part_examined IS NOT NULL ORDER BY b))
       WHERE id = @id`,
    );
    this.studyByUid = db.prepare('SELECT * FROM dicom_studies WHERE study_instance_uid = ?');
    this.setStudyCase = db.prepare('UPDATE dicom_studies SET case_id = ? WHERE id = ?');
  }
}

// ---------------------------------------------------------------------------------------------- cases and studies

export function getCasePatient(db: Db, caseId: number): CasePatientRow | undefined {
  return db
    .prepare(
      `SELECT c.id AS case_id, p.mrn, p.family_name, p.given_names, p.date_of_birth
       FROM cases c JOIN patients p ON p.id = c.patient_id WHERE c.id = ?`,
    )
    .get(caseId) as CasePatientRow | undefined;
}

export function getStudyByUid(db: Db, studyUid: string): StudyRow | undefined {
  return db.prepare('SELECT * FROM dicom_studies WHERE study_instance_uid = ?').get(studyUid) as StudyRow | undefined;
}

export function setStudyCase(db: Db, studyRowId: number, caseId: number | null): void {
  db.prepare('UPDATE dicom_studies SET case_id = ? WHERE id = ?').run(caseId, studyRowId);
}

// ---------------------------------------------------------------------------------------------- viewer queries

const STUDY_LIST = `
  SELECT s.*,
    (SELECT count(*) FROM dicom_series se WHERE se.study_id = s.id) AS series_count,
    (SELECT count(*) FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id WHERE se.study_id = s.id) AS instance_count
  FROM dicom_studies s`;

export function listStudiesOfCase(db: Db, caseId: number): StudyListRow[] {
  return db
    .prepare(`${STUDY_LIST} WHERE s.case_id = ? ORDER BY s.study_date DESC, s.study_time DESC, s.id`)
    .all(caseId) as StudyListRow[];
}

/** The studies attached to any of the cases (a patient's episodes share their imaging), newest first. */
export function listStudiesOfCases(db: Db, caseIds: readonly number[]): StudyListRow[] {
  return db
    .prepare(
      `${STUDY_LIST} WHERE s.case_id IN (SELECT value FROM json_each(?)) ORDER BY s.study_date DESC, s.study_time DESC, s.id`,
    )
    .all(JSON.stringify(caseIds)) as StudyListRow[];
}

export function listUnattachedStudies(db: Db): StudyListRow[] {
  return db
    .prepare(`${STUDY_LIST} WHERE s.case_id IS NULL ORDER BY s.study_date DESC, s.study_time DESC, s.id`)
    .all() as StudyListRow[];
}

export function listSeriesOfStudy(db: Db, studyRowId: number): SeriesListRow[] {
  return db
    .prepare(
      `SELECT se.*, (SELECT count(*) FROM dicom_instances i WHERE i.series_id = se.id) AS instance_count
       FROM dicom_series se WHERE se.study_id = ?
       ORDER BY se.series_number IS NULL, se.series_number, se.series_date, se.series_time, se.series_instance_uid`,
    )
    .all(studyRowId) as SeriesListRow[];
}

export function getSeriesByUid(db: Db, seriesUid: string): SeriesRow | undefined {
  return db.prepare('SELECT * FROM dicom_series WHERE series_instance_uid = ?').get(seriesUid) as SeriesRow | undefined;
}

/** Instances in index order; callers sort them geometrically (see geometry.ts). */
export function listInstancesOfSeries(db: Db, seriesRowId: number): InstanceRow[] {
  return db.prepare('SELECT * FROM dicom_instances WHERE series_id = ? ORDER BY id').all(seriesRowId) as InstanceRow[];
}

export function getInstanceByUid(db: Db, sopInstanceUid: string): InstanceRow | undefined {
  return db.prepare('SELECT * FROM dicom_instances WHERE sop_instance_uid = ?').get(sopInstanceUid) as
    InstanceRow | undefined;
}

export function countInstances(db: Db): number {
  return db.prepare('SELECT count(*) FROM dicom_instances').pluck().get() as number;
}

/** Every stored file's hash: only for the full store check, which walks the whole store anyway. */
export function allFileHashes(db: Db): Set<string> {
  const set = new Set<string>();
  for (const h of db.prepare('SELECT DISTINCT file_hash FROM dicom_instances').pluck().iterate()) set.add(h as string);
  return set;
}

// ---------------------------------------------------------------------------------------------- store claims

/** An import's claims on store files (see migration 0006 and store.ts). */
export class StoreClaimStatements {
  readonly claim: Statement<[string, number]>;
  readonly release: Statement<[string, number]>;
  readonly releaseAll: Statement<[number]>;
  /** 1 when an index row or any import's claim references the file. */
  readonly inUse: Statement<[string, string]>;

  constructor(db: Db) {
    this.claim = db.prepare('INSERT OR IGNORE INTO dicom_store_claims (file_hash, import_id) VALUES (?, ?)');
    this.release = db.prepare('DELETE FROM dicom_store_claims WHERE file_hash = ? AND import_id = ?');
    this.releaseAll = db.prepare('DELETE FROM dicom_store_claims WHERE import_id = ?');
    this.inUse = db
      .prepare(
        'SELECT 1 FROM dicom_instances WHERE file_hash = ? UNION ALL SELECT 1 FROM dicom_store_claims WHERE file_hash = ? LIMIT 1',
      )
      .pluck();
  }
}

export interface StaleClaimRow {
  file_hash: string;
  import_id: number;
  process_id: number | null;
}

/** Claims of imports that are no longer running (finished, or marked interrupted because their process is gone). */
export function staleClaims(db: Db): StaleClaimRow[] {
  return db
    .prepare(
      `SELECT c.file_hash, c.import_id, i.process_id FROM dicom_store_claims c JOIN dicom_imports i ON i.id = c.import_id
       WHERE i.status <> 'running' ORDER BY c.import_id, c.file_hash`,
    )
    .all() as StaleClaimRow[];
}

/** Every claimed hash: only for the full store check. */
export function claimedHashes(db: Db): Set<string> {
  return new Set(db.prepare('SELECT DISTINCT file_hash FROM dicom_store_claims').pluck().all() as string[]);
}

// ---------------------------------------------------------------------------------------------- import staging

export interface StagedRow {
  ord: number;
  study_uid: string;
  series_uid: string;
  params: string;
}

/**
 * A running import's accepted instances, in a TEMP table of its connection (invisible to every other connection and
 * gone with it, so a crash leaves nothing), so that memory does not grow with the number of files. Table names
 * cannot be bound: the name is built from the import's integer id only.
 */
export class ImportStageStatements {
  readonly table: string;
  readonly insert: Statement<[number, string, string, string]>;
  readonly page: Statement<[number, number]>;

  constructor(
    private readonly db: Db,
    importId: number,
  ) {
    if (!Number.isSafeInteger(importId)) throw new Error(`Not an import id: ${importId}`);
    this.table = `import_stage_${importId}`;
    db.exec(
      `CREATE TEMP TABLE ${this.table} (ord INTEGER PRIMARY KEY, study_uid TEXT NOT NULL, series_uid TEXT NOT NULL, params TEXT NOT NULL) STRICT`,
    );
    this.insert = db.prepare(`INSERT INTO temp.${this.table} (ord, study_uid, series_uid, params) VALUES (?, ?, ?, ?)`);
    this.page = db.prepare(
      `SELECT ord, study_uid, series_uid, params FROM temp.${this.table} WHERE ord > ? ORDER BY ord LIMIT ?`,
    );
  }

  drop(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }
}
