import type { Db } from '../../db/open';
import { Annotation } from '../../../shared/domain/imaging';
import { DomainError } from '../errors';
import * as sql from './imaging-sql';
import { writeTransaction } from '../../db/transaction';

function toAnnotation(row: sql.AnnotationRow): Annotation {
  return Annotation.parse({
    id: row.id,
    tool: row.tool,
    sopInstanceUid: row.sop_instance_uid,
    frame: row.frame,
    handles: JSON.parse(row.handles_json),
    values: JSON.parse(row.values_json),
  });
}

/** Measurements on a case's images, kept exactly as drawn (image coordinates) with their values. */
export class AnnotationsService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(caseId: number, seriesUid: string): Annotation[] {
    return sql.listAnnotations(this.db, caseId, seriesUid).map(toAnnotation);
  }

  /** Replaces every measurement of the case on one series, in one transaction. */
  replace(caseId: number, seriesUid: string, annotations: Annotation[]): Annotation[] {
    writeTransaction(this.db, () => {
      if (!sql.caseExists(this.db, caseId)) throw new DomainError('not-found', `Case ${caseId} does not exist`);
      for (const [i, a] of annotations.entries()) {
        const owner = sql.instanceOwner(this.db, a.sopInstanceUid);
        if (!owner || owner.series_instance_uid !== seriesUid) {
          throw new DomainError(
            'invalid-input',
            `Measurement ${i + 1} is on image ${a.sopInstanceUid}, which is not in this series`,
            `annotations.${i}.sopInstanceUid`,
          );
        }
      }
      sql.deleteAnnotationsOfSeries(this.db, caseId, seriesUid);
      const now = this.now();
      for (const a of annotations) {
        sql.insertAnnotation(this.db, {
          id: a.id,
          case_id: caseId,
          series_instance_uid: seriesUid,
          sop_instance_uid: a.sopInstanceUid,
          frame: a.frame,
          tool: a.tool,
          handles_json: JSON.stringify(a.handles),
          values_json: JSON.stringify(a.values),
          updated_at: now,
        });
      }
    });
    return this.list(caseId, seriesUid);
  }
}
