import type { Db } from '../../db/open';
import { greatestDimension, Lesion, type LesionInput } from '../../../shared/domain/imaging';
import { DomainError } from '../errors';
import * as sql from './imaging-sql';

type LesionFields = Required<Omit<LesionInput, 'note'>> & { note: string };

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
    greatestDimensionCm: greatestDimension(dims),
    updatedAt: row.updated_at,
  });
}

function columns(l: LesionFields, now: string) {
  return {
    label: l.label,
    long_cm: l.longCm,
    short_cm: l.shortCm,
    craniocaudal_cm: l.craniocaudalCm,
    study_date: l.studyDate,
    source: l.source,
    note: l.note,
    updated_at: now,
  };
}

/** Lesions of a case with their sizes in cm; the greatest dimension feeds AJCC T. */
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

  create(caseId: number, lesion: LesionFields): Lesion {
    if (!sql.caseExists(this.db, caseId)) throw new DomainError('not-found', `Case ${caseId} does not exist`);
    return this.get(sql.insertLesion(this.db, { case_id: caseId, ...columns(lesion, this.now()) }));
  }

  update(id: number, lesion: LesionFields): Lesion {
    if (!sql.updateLesion(this.db, id, columns(lesion, this.now())))
      throw new DomainError('not-found', `Lesion ${id} does not exist`);
    return this.get(id);
  }

  remove(id: number): void {
    if (!sql.deleteLesion(this.db, id)) throw new DomainError('not-found', `Lesion ${id} does not exist`);
  }
}
