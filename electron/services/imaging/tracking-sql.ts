import type { Db } from '../../db/open';

/** SQL for lesions tracked across studies and the response time points (issue 13). Parameters are always bound. */

export interface TrackedLesionRow {
  id: number;
  patient_id: number;
  name: string;
  role: 'target' | 'non-target';
  is_node: number;
  note: string;
  created_at: string;
}

export interface TrackedMeasurementRow {
  id: number;
  case_id: number;
  tracked_lesion_id: number;
  long_cm: number | null;
  short_cm: number | null;
  mean_hu: number | null;
  study_date: string | null;
  study_instance_uid: string | null;
  source: 'measured' | 'typed';
}

export interface TimepointRow {
  id: number;
  patient_id: number;
  study_date: string;
  non_target: 'CR' | 'non-CR/non-PD' | 'PD' | 'NE' | null;
  new_lesions: number;
  note: string;
}

export function patientOfCase(db: Db, caseId: number): number | undefined {
  const row = db.prepare('SELECT patient_id FROM cases WHERE id = ?').get(caseId) as { patient_id: number } | undefined;
  return row?.patient_id;
}

export function getTrackedLesion(db: Db, id: number): TrackedLesionRow | undefined {
  return db.prepare('SELECT * FROM tracked_lesions WHERE id = ?').get(id) as TrackedLesionRow | undefined;
}

export function listTrackedLesions(db: Db, patientId: number): TrackedLesionRow[] {
  return db
    .prepare('SELECT * FROM tracked_lesions WHERE patient_id = ? ORDER BY id')
    .all(patientId) as TrackedLesionRow[];
}

/** The patient's tracked lesion of this name, ignoring case and surrounding spaces (how a board names lesions). */
export function findTrackedLesionByName(db: Db, patientId: number, name: string): TrackedLesionRow | undefined {
  return db
    .prepare(
      `SELECT * FROM tracked_lesions WHERE patient_id = ? AND lower(trim(name)) = lower(trim(?)) ORDER BY id LIMIT 1`,
    )
    .get(patientId, name) as TrackedLesionRow | undefined;
}

export function insertTrackedLesion(db: Db, patientId: number, name: string, now: string): number {
  return Number(
    db.prepare('INSERT INTO tracked_lesions (patient_id, name, created_at) VALUES (?, ?, ?)').run(patientId, name, now)
      .lastInsertRowid,
  );
}

export function updateTrackedLesion(
  db: Db,
  id: number,
  row: Pick<TrackedLesionRow, 'name' | 'role' | 'is_node' | 'note'>,
): boolean {
  return (
    db
      .prepare('UPDATE tracked_lesions SET name = @name, role = @role, is_node = @is_node, note = @note WHERE id = @id')
      .run({ ...row, id }).changes === 1
  );
}

/** Every measurement of the patient's tracked lesions, across all the patient's cases (episodes). */
export function listTrackedMeasurements(db: Db, patientId: number): TrackedMeasurementRow[] {
  return db
    .prepare(
      `SELECT l.id, l.case_id, l.tracked_lesion_id, l.long_cm, l.short_cm, l.mean_hu, l.study_date,
         l.study_instance_uid, l.source
       FROM lesions l JOIN tracked_lesions t ON t.id = l.tracked_lesion_id
       WHERE t.patient_id = ? ORDER BY l.study_date, l.id`,
    )
    .all(patientId) as TrackedMeasurementRow[];
}

export function listTimepoints(db: Db, patientId: number): TimepointRow[] {
  return db
    .prepare('SELECT * FROM response_timepoints WHERE patient_id = ? ORDER BY study_date')
    .all(patientId) as TimepointRow[];
}

export function upsertTimepoint(
  db: Db,
  row: Omit<TimepointRow, 'id'> & { by_user_id: number | null; updated_at: string },
): void {
  db.prepare(
    `INSERT INTO response_timepoints (patient_id, study_date, non_target, new_lesions, note, by_user_id, updated_at)
     VALUES (@patient_id, @study_date, @non_target, @new_lesions, @note, @by_user_id, @updated_at)
     ON CONFLICT (patient_id, study_date) DO UPDATE SET non_target = excluded.non_target,
       new_lesions = excluded.new_lesions, note = excluded.note, by_user_id = excluded.by_user_id,
       updated_at = excluded.updated_at`,
  ).run(row);
}
