import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { greatestDimension, Lesion, type LesionInput } from '../../../shared/domain/imaging';
import { DomainError } from '../errors';
import * as sql from './imaging-sql';
import * as tracking from './tracking-sql';

type LesionFields = LesionInput & { note?: string };

function toLesion(row: sql.LesionRow): Lesion {
  const dims = { longCm: row.long_cm, shortCm: row.short_cm, craniocaudalCm: row.craniocaudal_cm };
  return Lesion.parse({
    id: row.id,
    caseId: row.case_id,
    label: row.label,
    ...dims,
    studyDate: row.study_date,
    source: row.source,
    note: row.note,
    trackedLesionId: row.tracked_lesion_id,
    meanHu: row.mean_hu,
    studyInstanceUid: row.study_instance_uid,
    greatestDimensionCm: greatestDimension(dims),
    updatedAt: row.updated_at,
  });
}

function columns(l: LesionFields, trackedLesionId: number, now: string) {
  return {
    label: l.label,
    long_cm: l.longCm,
    short_cm: l.shortCm,
    craniocaudal_cm: l.craniocaudalCm,
    study_date: l.studyDate,
    source: l.source,
    note: l.note ?? '',
    tracked_lesion_id: trackedLesionId,
    mean_hu: l.meanHu ?? null,
    study_instance_uid: l.studyInstanceUid ?? null,
    updated_at: now,
  };
}

/**
 * Lesions of a case with their sizes in cm; the greatest dimension feeds AJCC T. Each row is one measurement of a
 * tracked lesion of the patient (docs/clinical-rules.md#lesion-tracking), linked when it is saved.
 */
export class LesionsService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(caseId: number): Lesion[] {
    return sql.listLesions(this.db, caseId).map(toLesion);
  }

  get(id: number): Lesion {
    const row = sql.getLesion(this.db, id);
    if (!row) throw new DomainError('not-found', `Lesion ${id} does not exist`);
    return toLesion(row);
  }

  /**
   * The tracked lesion a row belongs to: the one named by id (it must be this patient's), else the patient's
   * tracked lesion of the same name (case and spaces ignored), else a new one with that name (a target, not a
   * node, until the user says otherwise).
   */
  private trackedLesionFor(caseId: number, lesion: LesionFields): number {
    const patientId = tracking.patientOfCase(this.db, caseId);
    if (patientId === undefined) throw new DomainError('not-found', `Case ${caseId} does not exist`);
    if (lesion.trackedLesionId != null) {
      const tracked = tracking.getTrackedLesion(this.db, lesion.trackedLesionId);
      if (!tracked || tracked.patient_id !== patientId)
        throw new DomainError(
          'invalid-input',
          `Tracked lesion ${lesion.trackedLesionId} is not a lesion of this case's patient`,
          'trackedLesionId',
        );
      return tracked.id;
    }
    const named = tracking.findTrackedLesionByName(this.db, patientId, lesion.label);
    return named?.id ?? tracking.insertTrackedLesion(this.db, patientId, lesion.label.trim(), this.now());
  }

  create(caseId: number, lesion: LesionFields): Lesion {
    return writeTransaction(this.db, () => {
      const trackedId = this.trackedLesionFor(caseId, lesion);
      return this.get(sql.insertLesion(this.db, { case_id: caseId, ...columns(lesion, trackedId, this.now()) }));
    });
  }

  /**
   * Keeps the row's tracked lesion unless another is named, or the label changed (then it is linked by the new
   * name): renaming a tracked lesion does not move its measurements.
   */
  update(id: number, lesion: LesionFields): Lesion {
    return writeTransaction(this.db, () => {
      const row = sql.getLesion(this.db, id);
      if (!row) throw new DomainError('not-found', `Lesion ${id} does not exist`);
      const keep =
        lesion.trackedLesionId == null && row.tracked_lesion_id !== null && row.label.trim() === lesion.label.trim();
      const trackedId = keep ? row.tracked_lesion_id! : this.trackedLesionFor(row.case_id, lesion);
      sql.updateLesion(this.db, id, columns(lesion, trackedId, this.now()));
      return this.get(id);
    });
  }

  remove(id: number): void {
    if (!sql.deleteLesion(this.db, id)) throw new DomainError('not-found', `Lesion ${id} does not exist`);
  }
}
