import { existsSync } from 'node:fs';
import { camelized, type Camelized } from '../../db/camel-row';
import type { Db } from '../../db/open';
import { DomainError } from '../errors';
import * as sql from './dicom-sql';
import { sortStack } from './geometry';
import { absoluteStoredPath } from './store';

/** Read side of the image index, for the viewer. Rows are returned in display order. */

/** A study with its series and image counts; the modalities and body parts as lists. */
export type StudyRecord = Omit<Camelized<sql.StudyListRow>, 'modalitiesInStudy' | 'bodyPart'> & {
  modalities: string[];
  bodyParts: string[];
};

/** A series with its image count. */
export type SeriesRecord = Camelized<sql.SeriesListRow>;

/** The columns that hold a DICOM multi-value number (stored as JSON arrays). */
const NUMBER_LISTS = [
  'imagePositionPatient',
  'imageOrientationPatient',
  'pixelSpacing',
  'imagerPixelSpacing',
  'windowCenter',
  'windowWidth',
] as const;
type NumberList = (typeof NUMBER_LISTS)[number];

/** An image; `storedPath` is relative to the data folder, `/`-separated. */
export type InstanceRecord = Omit<Camelized<sql.InstanceRow>, NumberList> & Record<NumberList, number[] | null>;

const split = (v: string | null) => (v ? v.split('\\') : []);

function toStudy(r: sql.StudyListRow): StudyRecord {
  const { modalitiesInStudy, bodyPart, ...study } = camelized(r);
  return { ...study, modalities: split(modalitiesInStudy), bodyParts: split(bodyPart) };
}

function toInstance(r: sql.InstanceRow): InstanceRecord {
  const instance = camelized(r);
  const lists = NUMBER_LISTS.map((k) => [k, instance[k] === null ? null : (JSON.parse(instance[k]) as number[])]);
  return { ...instance, ...(Object.fromEntries(lists) as Record<NumberList, number[] | null>) };
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
  return sql.listSeriesOfStudy(db, study.id).map(camelized);
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
