import type { PacsStudyQuery } from '../../../../shared/domain/pacs';
import { PacsError, type DicomJson, type RetrieveTarget } from '../client';
import type { DicomwebHttp } from './http';

/** QIDO-RS (PS3.18 10.6): study, series and instance searches, answered as DICOM JSON. */

export const JSON_ACCEPT = { Accept: 'application/dicom+json, application/json;q=0.9' };
/** Instances are asked for in pages this big; a server may cap lower, and says so with a Warning (PS3.18 8.3.4.3). */
const PAGE = 1000;
/** 1000 pages of 1000 instances: far beyond any study, so a server that keeps answering the same page stops here. */
const MAX_PAGES = 1000;

const STUDY_FIELDS = [
  '00201206', // NumberOfStudyRelatedSeries
  '00201208', // NumberOfStudyRelatedInstances
  '00081030', // StudyDescription
  '00080061', // ModalitiesInStudy
  '00080050', // AccessionNumber
  '00100010', // PatientName
  '00100020', // PatientID
  '00080020', // StudyDate
];
const SERIES_FIELDS = [
  '00201209', // NumberOfSeriesRelatedInstances
  '0008103E', // SeriesDescription
  '00200011', // SeriesNumber
  '00080060', // Modality
];
const INSTANCE_FIELDS = [
  '0020000E', // SeriesInstanceUID (a study's instances are fetched series by series on a resume)
  '00080018', // SOPInstanceUID
];

/** ISO YYYY-MM-DD → DICOM DA YYYYMMDD. */
const da = (iso: string): string => iso.replaceAll('-', '');

/** The QIDO-RS parameters of a study query: the patient, a date range, the modality, the accession number. */
export function studyParams(query: PacsStudyQuery): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = { includefield: STUDY_FIELDS };
  if (query.patientId) params.PatientID = query.patientId;
  // A name is matched as typed and beyond ("SMITH" finds "SMITH^JOHN"), unless the user wrote a wildcard.
  if (query.patientName)
    params.PatientName = /[*?]/.test(query.patientName) ? query.patientName : `${query.patientName}*`;
  if (query.from || query.to) params.StudyDate = `${query.from ? da(query.from) : ''}-${query.to ? da(query.to) : ''}`;
  if (query.modality) params.ModalitiesInStudy = query.modality;
  if (query.accession) params.AccessionNumber = query.accession;
  return params;
}

export function findStudies(http: DicomwebHttp, query: PacsStudyQuery, signal?: AbortSignal): Promise<DicomJson[]> {
  return search(http, '/studies', studyParams(query), signal);
}

export function findSeries(http: DicomwebHttp, studyUid: string, signal?: AbortSignal): Promise<DicomJson[]> {
  return search(http, `/studies/${seg(studyUid)}/series`, { includefield: SERIES_FIELDS }, signal, { studyUid });
}

export interface InstanceRef {
  seriesUid: string;
  sopInstanceUid: string;
}

/** Every instance of a study or series with its series (a study-level search may omit it: then the target's). */
export async function listInstances(
  http: DicomwebHttp,
  target: RetrieveTarget,
  signal?: AbortSignal,
): Promise<InstanceRef[]> {
  const path = `/studies/${seg(target.studyUid)}${target.seriesUid ? `/series/${seg(target.seriesUid)}` : ''}/instances`;
  const found = await search(http, path, { includefield: INSTANCE_FIELDS }, signal, { studyUid: target.studyUid });
  return found.flatMap((item) => {
    const sopInstanceUid = str(item, '00080018');
    const seriesUid = str(item, '0020000E') ?? target.seriesUid;
    if (!sopInstanceUid) return [];
    if (!seriesUid)
      throw new PacsError(
        'bad-answer',
        `The PACS listed instance ${sopInstanceUid} without its series (${http.nodeName})`,
      );
    return [{ seriesUid, sopInstanceUid }];
  });
}

/** The instance count of a study or series as the PACS gives it, or null when it does not. */
export async function instanceCount(
  http: DicomwebHttp,
  target: RetrieveTarget,
  signal?: AbortSignal,
): Promise<number | null> {
  const [item] = target.seriesUid
    ? await search(
        http,
        `/studies/${seg(target.studyUid)}/series`,
        { SeriesInstanceUID: target.seriesUid, includefield: ['00201209'] },
        signal,
        { studyUid: target.studyUid },
      )
    : await search(http, '/studies', { StudyInstanceUID: target.studyUid, includefield: ['00201208'] }, signal);
  const value = item?.[target.seriesUid ? '00201209' : '00201208']?.Value?.[0];
  const count = typeof value === 'string' ? Number(value) : value;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null;
}

/**
 * One QIDO-RS search, page by page: a page as long as asked for, or a Warning that more results exist, asks for
 * the next one from the offset reached. `max` caps the results (a test asks for one study).
 */
export async function search(
  http: DicomwebHttp,
  path: string,
  params: Record<string, string | readonly string[]>,
  signal: AbortSignal | undefined,
  options: { studyUid?: string; max?: number } = {},
): Promise<DicomJson[]> {
  const max = options.max ?? PAGE * MAX_PAGES;
  const all: DicomJson[] = [];
  while (all.length < max) {
    const limit = Math.min(PAGE, max - all.length);
    const res = await http.request(path, {
      params: { ...params, limit: String(limit), ...(all.length > 0 ? { offset: String(all.length) } : {}) },
      headers: JSON_ACCEPT,
      signal,
      notFound: options.studyUid ? `The PACS has no study ${options.studyUid}` : undefined,
    });
    const items = await readJsonArray(http, res, path, signal);
    all.push(...items.slice(0, max - all.length));
    const more = /\b299\b.*additional results/i.test(res.headers.get('warning') ?? '');
    if (items.length === 0 || (items.length < limit && !more)) break;
  }
  return all;
}

/** The body as an array of DICOM JSON objects; 204 No Content (dcm4chee's "nothing found") is an empty one. */
export async function readJsonArray(
  http: DicomwebHttp,
  res: Awaited<ReturnType<DicomwebHttp['request']>>,
  path: string,
  signal: AbortSignal | undefined,
): Promise<DicomJson[]> {
  if (res.status === 204) return [];
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw http.failure(error, signal, true);
  }
  if (text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PacsError('bad-answer', `The PACS answered ${path} with something that is not JSON (${http.nodeName})`);
  }
  if (!Array.isArray(parsed) || parsed.some((item) => item === null || typeof item !== 'object' || Array.isArray(item)))
    // Orthanc's own REST API answers /studies with a list of ids: the URL points at the server, not its DICOMweb root.
    throw notDicomweb(http);
  return parsed as DicomJson[];
}

/** The URL answers HTTP, but not as DICOMweb (e.g. Orthanc's REST root instead of its /dicom-web). */
export function notDicomweb(http: DicomwebHttp): PacsError {
  return new PacsError(
    'not-found',
    `No DICOMweb service at ${http.base}: it answers, but not as DICOMweb: check the base URL (${http.nodeName})`,
  );
}

function str(item: DicomJson, tag: string): string | undefined {
  const value = item[tag]?.Value?.[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A UID as a path segment (UIDs are digits and dots, but a bad one must not change the path). */
export const seg = (uid: string): string => encodeURIComponent(uid);
