import type { Db } from '../../db/open';
import { ImportStageStatements } from './dicom-sql';
import { slicePosition } from './geometry';
import type { InstanceHeader } from './types';

/** Where a stored file is: what its index row says besides the header. */
export interface StoredFile {
  hash: string;
  size: number;
  storedPath: string;
}

const json = (v: number[] | null) => (v === null ? null : JSON.stringify(v));

/** The instance row's insert parameters (everything but the series row, import and time, known when indexing). */
export function instanceParams(h: InstanceHeader, file: StoredFile): Record<string, unknown> {
  return {
    sopInstanceUid: h.sopInstanceUid,
    sopClassUid: h.sopClassUid,
    instanceNumber: h.instanceNumber,
    imagePositionPatient: json(h.imagePositionPatient),
    imageOrientationPatient: json(h.imageOrientationPatient),
    slicePosition: slicePosition(h.imagePositionPatient, h.imageOrientationPatient),
    sliceLocation: h.sliceLocation,
    pixelSpacing: json(h.pixelSpacing),
    imagerPixelSpacing: json(h.imagerPixelSpacing),
    sliceThickness: h.sliceThickness,
    rows: h.rows,
    columns: h.columns,
    numberOfFrames: h.numberOfFrames,
    samplesPerPixel: h.samplesPerPixel,
    bitsAllocated: h.bitsAllocated,
    bitsStored: h.bitsStored,
    pixelRepresentation: h.pixelRepresentation,
    photometric: h.photometric,
    transferSyntaxUid: h.transferSyntaxUid,
    windowCenter: json(h.windowCenter),
    windowWidth: json(h.windowWidth),
    rescaleSlope: h.rescaleSlope,
    rescaleIntercept: h.rescaleIntercept,
    fileHash: file.hash,
    fileSize: file.size,
    storedPath: file.storedPath,
  };
}

export function studyParams(h: InstanceHeader) {
  return {
    studyInstanceUid: h.studyInstanceUid,
    patientId: h.patientId,
    patientName: h.patientName,
    patientBirthDate: h.patientBirthDate,
    patientSex: h.patientSex,
    studyDate: h.studyDate,
    studyTime: h.studyTime,
    studyDescription: h.studyDescription,
    accessionNumber: h.accessionNumber,
    studyId: h.studyId,
    referringPhysician: h.referringPhysician,
    institutionName: h.institutionName,
  };
}
export type StudyParams = ReturnType<typeof studyParams>;

export function seriesParams(h: InstanceHeader) {
  return {
    seriesInstanceUid: h.seriesInstanceUid,
    modality: h.modality,
    seriesNumber: h.seriesNumber,
    seriesDescription: h.seriesDescription,
    bodyPartExamined: h.bodyPartExamined,
    seriesDate: h.seriesDate,
    seriesTime: h.seriesTime,
    laterality: h.laterality,
    frameOfReferenceUid: h.frameOfReferenceUid,
  };
}
export type SeriesParams = ReturnType<typeof seriesParams>;

export interface StagedInstance {
  studyUid: string;
  seriesUid: string;
  params: Record<string, unknown>;
}

/**
 * Step 4, stage: what an import has accepted, waiting for the one transaction that indexes it all. Each instance's
 * insert parameters go to a temp table as its file is stored, and only the study and series rows (a handful per
 * import) stay in memory, each from the instance first in file order. Memory stays flat however many files a CD holds.
 */
export class ImportStage {
  private readonly stmts: ImportStageStatements;
  private readonly studies = new Map<string, { order: number; params: StudyParams }>();
  private readonly series = new Map<string, { order: number; params: SeriesParams }>();

  constructor(db: Db, importId: number) {
    this.stmts = new ImportStageStatements(db, importId);
  }

  /** A stored instance; `order` is its file's place in the import (files are stored out of order). */
  add(order: number, h: InstanceHeader, file: StoredFile): void {
    this.stmts.insert.run(order, h.studyInstanceUid, h.seriesInstanceUid, JSON.stringify(instanceParams(h, file)));
    const s = this.studies.get(h.studyInstanceUid);
    if (!s || order < s.order) this.studies.set(h.studyInstanceUid, { order, params: studyParams(h) });
    const r = this.series.get(h.seriesInstanceUid);
    if (!r || order < r.order) this.series.set(h.seriesInstanceUid, { order, params: seriesParams(h) });
  }

  studyParams(uid: string): StudyParams {
    return this.studies.get(uid)!.params;
  }

  seriesParams(uid: string): SeriesParams {
    return this.series.get(uid)!.params;
  }

  /** The staged instances in file order, a page at a time (a statement cannot stay open while others run). */
  *instances(pageSize = 500): Generator<StagedInstance> {
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
