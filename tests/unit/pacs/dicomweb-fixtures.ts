import type { DicomwebSettings, PacsStudyQuery } from '../../../shared/domain/pacs';
import type { DicomJson } from '../../../electron/services/pacs/client';
import type { Orthanc } from '../../orthanc/orthanc';

/** The 37-slice CT (tests/fixtures CT_SERIES) as Orthanc holds it. */
export const CT_STUDY_UID = '1.3.6.1.4.1.25403.345050719074.3824.20170126085406.1';
export const CT_PATIENT_ID = '0000006';
export const CT_INSTANCES = 37;

export function settings(url: string, more: Partial<DicomwebSettings> = {}): DicomwebSettings {
  return { url, auth: 'none', username: '', caFile: '', ...more };
}

export function query(more: Partial<PacsStudyQuery>): PacsStudyQuery {
  return { patientId: '', patientName: '', from: null, to: null, modality: '', accession: '', ...more };
}

/** The first value of an attribute in a DICOM JSON answer. */
export function value(item: DicomJson, tag: string): unknown {
  return item[tag]?.Value?.[0];
}

/** The SOP Instance UIDs Orthanc holds, read through its own REST API (not DICOMweb). */
export async function orthancSopUids(orthanc: Orthanc): Promise<string[]> {
  const instances = await orthanc.rest<{ MainDicomTags: { SOPInstanceUID: string } }[]>('/instances?expand');
  return instances.map((i) => i.MainDicomTags.SOPInstanceUID).sort();
}
