import { readFileSync } from 'node:fs';
import dcmjs, { type NaturalizedDataset } from 'dcmjs';

/**
 * What a key object copies from the image it was made from: who the patient is and which study it belongs to
 * (PS3.3 Patient and General Study modules), so the PACS files it with that study.
 */
export const COPIED_FROM_SOURCE = [
  'PatientName',
  'PatientID',
  'IssuerOfPatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'AccessionNumber',
  'StudyID',
  'StudyDescription',
  'ReferringPhysicianName',
] as const;

export type SourceHeader = NaturalizedDataset;

/** Reads the source file's header (stopping before its pixels) and keeps the patient and study attributes. */
export function readSourceHeader(file: string): SourceHeader {
  const bytes = readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { dict } = dcmjs.data.DicomMessage.readFile(buffer, { untilTag: '7FE00010', includeUntilTagValue: false });
  const all = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict);
  const header: SourceHeader = {};
  for (const key of COPIED_FROM_SOURCE) if (all[key] !== undefined) header[key] = all[key];
  return header;
}
