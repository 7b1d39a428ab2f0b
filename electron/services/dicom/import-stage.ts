import type { Db } from '../../db/open';
import { ImportStageStatements } from './dicom-sql';

/**
 * What an import has accepted, waiting for the one transaction that indexes it all: each instance's insert
 * parameters go to a temp table as its file is stored, and only the study and series rows (a handful per import)
 * stay in memory. Memory stays flat however many files a CD holds.
 */
export class ImportStage<StudyParams, SeriesParams> {
  private readonly stmts: ImportStageStatements;
  /** Per UID, the params of the instance first in file order (the one whose values fill a new row). */
  private readonly studies = new Map<string, { order: number; params: StudyParams }>();
  private readonly series = new Map<string, { order: number; params: SeriesParams }>();

  constructor(db: Db, importId: number) {
    this.stmts = new ImportStageStatements(db, importId);
  }

  add(
    order: number,
    studyUid: string,
    seriesUid: string,
    study: () => StudyParams,
    series: () => SeriesParams,
    instance: Record<string, unknown>,
  ): void {
    this.stmts.insert.run(order, studyUid, seriesUid, JSON.stringify(instance));
    const s = this.studies.get(studyUid);
    if (!s || order < s.order) this.studies.set(studyUid, { order, params: study() });
    const r = this.series.get(seriesUid);
    if (!r || order < r.order) this.series.set(seriesUid, { order, params: series() });
  }

  studyParams(uid: string): StudyParams {
    return this.studies.get(uid)!.params;
  }

  seriesParams(uid: string): SeriesParams {
    return this.series.get(uid)!.params;
  }

  /** The staged instances in file order, a page at a time (a statement cannot stay open while others run). */
  *instances(pageSize = 500): Generator<{ studyUid: string; seriesUid: string; params: Record<string, unknown> }> {
    let last = -1;
    for (;;) {
      const rows = this.stmts.page.all(last, pageSize) as {
        ord: number;
        study_uid: string;
        series_uid: string;
        params: string;
      }[];
      if (rows.length === 0) return;
      for (const row of rows)
        yield {
          studyUid: row.study_uid,
          seriesUid: row.series_uid,
          params: JSON.parse(row.params) as Record<string, unknown>,
        };
      last = rows[rows.length - 1].ord;
    }
  }

  drop(): void {
    this.stmts.drop();
  }
}
