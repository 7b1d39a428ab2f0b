import type { PacsImported, PacsSeries, PacsStudy } from '../../../shared/domain/pacs';
import type { DicomJson } from './client';

/**
 * DICOM JSON (PS3.18 F.2) as both transports answer it, turned into the PacsStudy and PacsSeries the screens and the
 * command line show. Keys are the tags as 8 hex digits; a PN value is { Alphabetic: 'DOE^JOHN' }; IS values may be
 * numbers or strings; an absent or empty attribute has no Value.
 */

export const TAG = {
  studyDate: '00080020',
  accession: '00080050',
  modalitiesInStudy: '00080061',
  modality: '00080060',
  studyDescription: '00081030',
  seriesDescription: '0008103E',
  patientName: '00100010',
  patientId: '00100020',
  studyUid: '0020000D',
  seriesUid: '0020000E',
  seriesNumber: '00200011',
  studySeriesCount: '00201206',
  studyInstanceCount: '00201208',
  seriesInstanceCount: '00201209',
  sopInstanceUid: '00080018',
} as const;

function values(json: DicomJson, tag: string): unknown[] {
  // Some servers answer lower-case hex keys; the standard's are upper case.
  return (json[tag] ?? json[tag.toLowerCase()])?.Value ?? [];
}

/** The attribute's values as text: a PN by its alphabetic form, anything else as written. */
export function texts(json: DicomJson, tag: string): string[] {
  return values(json, tag)
    .map((v) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'object') return String((v as { Alphabetic?: unknown }).Alphabetic ?? '');
      return String(v);
    })
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function text(json: DicomJson, tag: string): string {
  return texts(json, tag)[0] ?? '';
}

/** An IS or US value as a whole number, or null when absent or not a number. */
export function integer(json: DicomJson, tag: string): number | null {
  const raw = values(json, tag)[0];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isInteger(n) ? n : null;
}

/** A DA value (YYYYMMDD, or the old YYYY.MM.DD) as an ISO date, or null when absent or not a real date. */
export function isoDate(json: DicomJson, tag: string): string | null {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(text(json, tag));
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? `${y}-${mo}-${d}` : null;
}

/** How much of a study or series BoardPrep holds: its instances held against those the PACS has. */
export function importedMark(held: number, onPacs: number | null): PacsImported {
  if (held === 0) return 'none';
  // A PACS that does not count its instances cannot tell us we hold them all.
  return onPacs !== null && held >= onPacs ? 'all' : 'some';
}

/** A study as the PACS answered it; `imported` is filled by the caller from the index. */
export function toStudy(json: DicomJson): Omit<PacsStudy, 'imported'> | null {
  const studyUid = text(json, TAG.studyUid);
  if (studyUid === '') return null;
  return {
    studyUid,
    patientId: text(json, TAG.patientId),
    patientName: text(json, TAG.patientName),
    date: isoDate(json, TAG.studyDate),
    description: text(json, TAG.studyDescription),
    accession: text(json, TAG.accession),
    modalities: [...new Set(texts(json, TAG.modalitiesInStudy).flatMap((m) => m.split('\\')))],
    seriesCount: integer(json, TAG.studySeriesCount),
    instanceCount: integer(json, TAG.studyInstanceCount),
  };
}

export function toSeries(json: DicomJson, studyUid: string): Omit<PacsSeries, 'imported'> | null {
  const seriesUid = text(json, TAG.seriesUid);
  if (seriesUid === '') return null;
  return {
    studyUid: text(json, TAG.studyUid) || studyUid,
    seriesUid,
    modality: text(json, TAG.modality),
    number: integer(json, TAG.seriesNumber),
    description: text(json, TAG.seriesDescription),
    instanceCount: integer(json, TAG.seriesInstanceCount),
  };
}
