import type { DimseSettings, PacsStudyQuery } from '../../../../shared/domain/pacs';
import { PacsError, type DicomJson, type RetrieveTarget } from '../client';
import { associate } from './association';
import { isFailureStatus, statusText } from './failures';
import { dimse, STATUS, type Response } from './lib';
import { toDicomJson } from './to-json';

/**
 * C-FIND in the Study Root model at STUDY, SERIES and IMAGE level, asking for the attributes a QIDO-RS query
 * answers by default, so a DIMSE node's studies and series read like a DICOMweb node's.
 */

const STUDY_KEYS = {
  StudyInstanceUID: '',
  StudyDate: '',
  StudyTime: '',
  AccessionNumber: '',
  ModalitiesInStudy: '',
  ReferringPhysicianName: '',
  PatientName: '',
  PatientID: '',
  PatientBirthDate: '',
  PatientSex: '',
  StudyID: '',
  StudyDescription: '',
  NumberOfStudyRelatedSeries: '',
  NumberOfStudyRelatedInstances: '',
};

const SERIES_KEYS = {
  StudyInstanceUID: '',
  SeriesInstanceUID: '',
  Modality: '',
  SeriesNumber: '',
  SeriesDescription: '',
  SeriesDate: '',
  SeriesTime: '',
  NumberOfSeriesRelatedInstances: '',
};

const IMAGE_KEYS = {
  StudyInstanceUID: '',
  SeriesInstanceUID: '',
  SOPInstanceUID: '',
  SOPClassUID: '',
  InstanceNumber: '',
};

/** '2024-03-01' → '20240301'. */
const da = (iso: string | null): string => (iso ?? '').replaceAll('-', '');

/** The study query's matching keys: a name matches as a prefix unless it has its own wildcards. */
export function studyMatchKeys(q: PacsStudyQuery): Record<string, string> {
  const keys: Record<string, string> = {};
  if (q.patientId) keys.PatientID = q.patientId;
  if (q.patientName) keys.PatientName = /[*?]/.test(q.patientName) ? q.patientName : `${q.patientName}*`;
  if (q.from || q.to) keys.StudyDate = q.from === q.to ? da(q.from) : `${da(q.from)}-${da(q.to)}`;
  if (q.modality) keys.ModalitiesInStudy = q.modality;
  if (q.accession) keys.AccessionNumber = q.accession;
  return keys;
}

/** One C-FIND: every pending answer's identifier, naturalized, in the order the PACS sent them. */
async function find(
  s: DimseSettings,
  identifier: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const request = new dimse.requests.CFindRequest();
  request.setDataset(new dimse.Dataset(identifier));
  const answers: Record<string, unknown>[] = [];
  let finalStatus: number | undefined;
  request.on('response', (response: Response) => {
    const status = response.getStatus();
    if (status === STATUS.pending || status === STATUS.pendingWarning) {
      const dataset = response.getDataset();
      if (dataset) answers.push(dataset.getElements());
    } else finalStatus = status;
  });
  await associate(s, { what: 'C-FIND', requests: [request], signal });
  if (finalStatus !== undefined && isFailureStatus(finalStatus))
    throw new PacsError('bad-answer', `The PACS refused the query (C-FIND status ${statusText(finalStatus)})`);
  return answers;
}

export async function findStudies(s: DimseSettings, q: PacsStudyQuery, signal?: AbortSignal): Promise<DicomJson[]> {
  const answers = await find(s, { ...STUDY_KEYS, ...studyMatchKeys(q), QueryRetrieveLevel: 'STUDY' }, signal);
  return answers.map(toDicomJson);
}

export async function findSeries(s: DimseSettings, studyUid: string, signal?: AbortSignal): Promise<DicomJson[]> {
  const answers = await find(s, { ...SERIES_KEYS, StudyInstanceUID: studyUid, QueryRetrieveLevel: 'SERIES' }, signal);
  return answers.map(toDicomJson);
}

/** An instance of a study as the IMAGE-level C-FIND lists it (an IMAGE-level retrieve needs its series). */
export interface InstanceRow {
  seriesUid: string;
  sopInstanceUid: string;
}

export async function findInstanceRows(
  s: DimseSettings,
  target: RetrieveTarget,
  signal?: AbortSignal,
): Promise<InstanceRow[]> {
  const answers = await find(
    s,
    {
      ...IMAGE_KEYS,
      StudyInstanceUID: target.studyUid,
      SeriesInstanceUID: target.seriesUid ?? '',
      QueryRetrieveLevel: 'IMAGE',
    },
    signal,
  );
  return answers
    .map((a) => ({ seriesUid: String(a.SeriesInstanceUID ?? ''), sopInstanceUid: String(a.SOPInstanceUID ?? '') }))
    .filter((row) => row.sopInstanceUid !== '');
}
