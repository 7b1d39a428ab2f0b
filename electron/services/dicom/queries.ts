import { existsSync } from 'node:fs';
import type { Db } from '../../db/open';
import { DomainError } from '../errors';
import * as sql from './dicom-sql';
import { sortStack } from './geometry';
import { absoluteStoredPath } from './store';

/** Read side of the image index, for the viewer. Rows are returned in display order. */

export interface StudyRecord {
  id: number;
  studyInstanceUid: string;
  caseId: number | null;
  patientIdDicom: string | null;
  patientNameDicom: string | null;
  patientBirthDate: string | null;
  studyDate: string | null;
  studyTime: string | null;
  studyDescription: string | null;
  accessionNumber: string | null;
  modalities: string[];
  bodyParts: string[];
  referringPhysician: string | null;
  institutionName: string | null;
  seriesCount: number;
  instanceCount: number;
}

export interface SeriesRecord {
  id: number;
  seriesInstanceUid: string;
  studyId: number;
  modality: string | null;
  seriesNumber: number | null;
  seriesDescription: string | null;
  bodyPartExamined: string | null;
  seriesDate: string | null;
  seriesTime: string | null;
  laterality: string | null;
  frameOfReferenceUid: string | null;
  instanceCount: number;
}

export interface InstanceRecord {
  id: number;
  sopInstanceUid: string;
  sopClassUid: string;
  seriesId: number;
  instanceNumber: number | null;
  imagePositionPatient: number[] | null;
  imageOrientationPatient: number[] | null;
  slicePosition: number | null;
  sliceLocation: number | null;
  pixelSpacing: number[] | null;
  imagerPixelSpacing: number[] | null;
  sliceThickness: number | null;
  rows: number | null;
  columns: number | null;
  numberOfFrames: number;
  bitsAllocated: number | null;
  photometric: string | null;
  transferSyntaxUid: string;
  windowCenter: number[] | null;
  windowWidth: number[] | null;
  rescaleSlope: number | null;
  rescaleIntercept: number | null;
  fileHash: string;
  fileSize: number;
  /** Relative to the data folder, `/`-separated. */
  storedPath: string;
}

const split = (v: string | null) => (v ? v.split('\\') : []);
const parseJson = (v: string | null): number[] | null => (v === null ? null : (JSON.parse(v) as number[]));

function toStudy(r: sql.StudyListRow): StudyRecord {
  return {
    id: r.id,
    studyInstanceUid: r.study_instance_uid,
    caseId: r.case_id,
    patientIdDicom: r.patient_id_dicom,
    patientNameDicom: r.patient_name_dicom,
    patientBirthDate: r.patient_birth_date,
    studyDate: r.study_date,
    studyTime: r.study_time,
    studyDescription: r.study_description,
    accessionNumber: r.accession_number,
    modalities: split(r.modalities_in_study),
    bodyParts: split(r.body_part),
    referringPhysician: r.referring_physician,
    institutionName: r.institution_name,
    seriesCount: r.series_count,
    instanceCount: r.instance_count,
  };
}

function toSeries(r: sql.SeriesListRow): SeriesRecord {
  return {
    id: r.id,
    seriesInstanceUid: r.series_instance_uid,
    studyId: r.study_id,
    modality: r.modality,
    seriesNumber: r.series_number,
    seriesDescription: r.series_description,
    bodyPartExamined: r.body_part_examined,
    seriesDate: r.series_date,
    seriesTime: r.series_time,
    laterality: r.laterality,
    frameOfReferenceUid: r.frame_of_reference_uid,
    instanceCount: r.instance_count,
  };
}

function toInstance(r: sql.InstanceRow): InstanceRecord {
  return {
    id: r.id,
    sopInstanceUid: r.sop_instance_uid,
    sopClassUid: r.sop_class_uid,
    seriesId: r.series_id,
    instanceNumber: r.instance_number,
    imagePositionPatient: parseJson(r.image_position_patient),
    imageOrientationPatient: parseJson(r.image_orientation_patient),
    slicePosition: r.slice_position,
    sliceLocation: r.slice_location,
    pixelSpacing: parseJson(r.pixel_spacing),
    imagerPixelSpacing: parseJson(r.imager_pixel_spacing),
    sliceThickness: r.slice_thickness,
    rows: r.rows,
    columns: r.columns,
    numberOfFrames: r.number_of_frames,
    bitsAllocated: r.bits_allocated,
    photometric: r.photometric,
    transferSyntaxUid: r.transfer_syntax_uid,
    windowCenter: parseJson(r.window_center),
    windowWidth: parseJson(r.window_width),
    rescaleSlope: r.rescale_slope,
    rescaleIntercept: r.rescale_intercept,
    fileHash: r.file_hash,
    fileSize: r.file_size,
    storedPath: r.stored_path,
  };
}

/** Studies attached to a case, newest first. */
export function listCaseStudies(db: Db, caseId: number): StudyRecord[] {
  return sql.listStudiesOfCase(db, caseId).map(toStudy);
}

/** Studies not attached to any case (e.g. left unattached after a patient mismatch). */
export function listUnattachedStudies(db: Db): StudyRecord[] {
  return sql.listUnattachedStudies(db).map(toStudy);
}

/** A study's series by series number (then date, time, UID). */
export function listStudySeries(db: Db, studyUid: string): SeriesRecord[] {
  const study = sql.getStudyByUid(db, studyUid);
  if (!study) throw new DomainError('not-found', `Study ${studyUid} is not in the image index`);
  return sql.listSeriesOfStudy(db, study.id).map(toSeries);
}

/** A series' instances in stack order: along the slice normal when the geometry allows, else by instance number. */
export function listSeriesInstances(db: Db, seriesUid: string): InstanceRecord[] {
  const series = sql.getSeriesByUid(db, seriesUid);
  if (!series) throw new DomainError('not-found', `Series ${seriesUid} is not in the image index`);
  return sortStack(sql.listInstancesOfSeries(db, series.id).map(toInstance));
}

export interface CaseImaging {
  study: StudyRecord;
  series: (SeriesRecord & { instances: InstanceRecord[] })[];
}

/** Everything the viewer needs for a case in one call: studies, their series, and each series' sorted instances. */
export function getCaseImaging(db: Db, caseId: number): CaseImaging[] {
  return listCaseStudies(db, caseId).map((study) => ({
    study,
    series: listStudySeries(db, study.studyInstanceUid).map((s) => ({
      ...s,
      instances: listSeriesInstances(db, s.seriesInstanceUid),
    })),
  }));
}

/** Absolute path of an instance's stored file. */
export function instanceFilePath(db: Db, dataDir: string, sopInstanceUid: string): string {
  const row = sql.getInstanceByUid(db, sopInstanceUid);
  if (!row) throw new DomainError('not-found', `Image ${sopInstanceUid} is not in the image index`);
  const file = absoluteStoredPath(dataDir, row.stored_path);
  if (!existsSync(file))
    throw new DomainError('not-found', `The stored file of image ${sopInstanceUid} is missing from the data folder`);
  return file;
}
