import type { Db } from '../../db/open';

/** SQL for measurements, key images and lesions. Parameters are always bound. */

export interface AnnotationRow {
  id: string;
  case_id: number;
  series_instance_uid: string;
  sop_instance_uid: string;
  frame: number;
  tool: string;
  handles_json: string;
  values_json: string;
  updated_at: string;
}

export function listAnnotations(db: Db, caseId: number, seriesUid: string): AnnotationRow[] {
  return db
    .prepare(
      'SELECT * FROM annotations WHERE case_id = ? AND series_instance_uid = ? ORDER BY sop_instance_uid, frame, id',
    )
    .all(caseId, seriesUid) as AnnotationRow[];
}

export function deleteAnnotationsOfSeries(db: Db, caseId: number, seriesUid: string): void {
  db.prepare('DELETE FROM annotations WHERE case_id = ? AND series_instance_uid = ?').run(caseId, seriesUid);
}

export function insertAnnotation(db: Db, row: AnnotationRow): void {
  db.prepare(
    `INSERT INTO annotations (id, case_id, series_instance_uid, sop_instance_uid, frame, tool, handles_json, values_json, updated_at)
     VALUES (@id, @case_id, @series_instance_uid, @sop_instance_uid, @frame, @tool, @handles_json, @values_json, @updated_at)`,
  ).run(row);
}

/** The series an instance belongs to, and the case its study is attached to (null when unattached). */
export function instanceOwner(
  db: Db,
  sopUid: string,
):
  | {
      series_instance_uid: string;
      case_id: number | null;
      study_date: string | null;
      series_description: string | null;
    }
  | undefined {
  return db
    .prepare(
      `SELECT se.series_instance_uid, st.case_id, st.study_date, se.series_description
       FROM dicom_instances i
       JOIN dicom_series se ON se.id = i.series_id
       JOIN dicom_studies st ON st.id = se.study_id
       WHERE i.sop_instance_uid = ?`,
    )
    .get(sopUid) as
    | {
        series_instance_uid: string;
        case_id: number | null;
        study_date: string | null;
        series_description: string | null;
      }
    | undefined;
}

export interface KeyImageRow {
  id: number;
  case_id: number;
  sop_instance_uid: string;
  frame: number;
  caption: string;
  view_json: string;
  annotations_json: string;
  render_path: string;
  position: number;
  created_at: string;
  study_date: string | null;
  series_description: string | null;
}

const SELECT_KEY_IMAGE = `
  SELECT k.*, st.study_date, se.series_description
  FROM key_images k
  JOIN dicom_instances i ON i.sop_instance_uid = k.sop_instance_uid
  JOIN dicom_series se ON se.id = i.series_id
  JOIN dicom_studies st ON st.id = se.study_id`;

export function listKeyImages(db: Db, caseId: number): KeyImageRow[] {
  return db.prepare(`${SELECT_KEY_IMAGE} WHERE k.case_id = ? ORDER BY k.position, k.id`).all(caseId) as KeyImageRow[];
}

export function getKeyImage(db: Db, id: number): KeyImageRow | undefined {
  return db.prepare(`${SELECT_KEY_IMAGE} WHERE k.id = ?`).get(id) as KeyImageRow | undefined;
}

export function insertKeyImage(
  db: Db,
  row: Omit<KeyImageRow, 'id' | 'position' | 'study_date' | 'series_description'>,
): number {
  const info = db
    .prepare(
      `INSERT INTO key_images (case_id, sop_instance_uid, frame, caption, view_json, annotations_json, render_path, position, created_at)
       VALUES (@case_id, @sop_instance_uid, @frame, @caption, @view_json, @annotations_json, @render_path,
         (SELECT coalesce(max(position), 0) + 1 FROM key_images WHERE case_id = @case_id), @created_at)`,
    )
    .run(row);
  return Number(info.lastInsertRowid);
}

export function updateKeyImageCaption(db: Db, id: number, caption: string): boolean {
  return db.prepare('UPDATE key_images SET caption = ? WHERE id = ?').run(caption, id).changes === 1;
}

export function deleteKeyImage(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM key_images WHERE id = ?').run(id).changes === 1;
}

export function allRenderPaths(db: Db): string[] {
  return (db.prepare('SELECT render_path FROM key_images').all() as { render_path: string }[]).map(
    (r) => r.render_path,
  );
}

export interface LesionRow {
  id: number;
  case_id: number;
  label: string;
  long_cm: number | null;
  short_cm: number | null;
  craniocaudal_cm: number | null;
  study_date: string | null;
  source: string;
  note: string;
  updated_at: string;
  tracked_lesion_id: number | null;
  mean_hu: number | null;
  study_instance_uid: string | null;
}

export function listLesions(db: Db, caseId: number): LesionRow[] {
  return db.prepare('SELECT * FROM lesions WHERE case_id = ? ORDER BY id').all(caseId) as LesionRow[];
}

export function getLesion(db: Db, id: number): LesionRow | undefined {
  return db.prepare('SELECT * FROM lesions WHERE id = ?').get(id) as LesionRow | undefined;
}

export function insertLesion(db: Db, row: Omit<LesionRow, 'id'>): number {
  const info = db
    .prepare(
      `INSERT INTO lesions (case_id, label, long_cm, short_cm, craniocaudal_cm, study_date, source, note, updated_at,
         tracked_lesion_id, mean_hu, study_instance_uid)
       VALUES (@case_id, @label, @long_cm, @short_cm, @craniocaudal_cm, @study_date, @source, @note, @updated_at,
         @tracked_lesion_id, @mean_hu, @study_instance_uid)`,
    )
    .run(row);
  return Number(info.lastInsertRowid);
}

export function updateLesion(db: Db, id: number, row: Omit<LesionRow, 'id' | 'case_id'>): boolean {
  return (
    db
      .prepare(
        `UPDATE lesions SET label = @label, long_cm = @long_cm, short_cm = @short_cm, craniocaudal_cm = @craniocaudal_cm,
           study_date = @study_date, source = @source, note = @note, updated_at = @updated_at,
           tracked_lesion_id = @tracked_lesion_id, mean_hu = @mean_hu, study_instance_uid = @study_instance_uid
         WHERE id = @id`,
      )
      .run({ ...row, id }).changes === 1
  );
}

export function deleteLesion(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM lesions WHERE id = ?').run(id).changes === 1;
}

export function caseExists(db: Db, caseId: number): boolean {
  return db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId) !== undefined;
}
