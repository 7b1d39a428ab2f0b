import type { Db } from '../../db/open';

/** A lesion measurement of a case, with the tracked lesion it belongs to (migration 0009). */
export interface LesionMeasurementRow {
  id: number;
  label: string;
  long_cm: number | null;
  short_cm: number | null;
  craniocaudal_cm: number | null;
  study_date: string | null;
  source: string;
  tracked_lesion_id: number | null;
}

export function lesionMeasurementsOfCase(db: Db, caseId: number): LesionMeasurementRow[] {
  return db
    .prepare(
      `SELECT id, label, long_cm, short_cm, craniocaudal_cm, study_date, source, tracked_lesion_id
       FROM lesions WHERE case_id = ? ORDER BY id`,
    )
    .all(caseId) as LesionMeasurementRow[];
}
