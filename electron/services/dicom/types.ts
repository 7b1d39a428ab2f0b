/** Types shared by the DICOM import and the viewer queries. Plain data: safe to send over IPC as JSON. */

/** The header fields BoardPrep indexes for one DICOM instance. Absent or empty attributes are null. */
export interface InstanceHeader {
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;

  patientId: string | null;
  /** DICOM Person Name as stored, components separated by `^` (e.g. `Doe^Archibald`). */
  patientName: string | null;
  /** ISO `YYYY-MM-DD` when the file held a valid DICOM date, otherwise the text as found. */
  patientBirthDate: string | null;
  patientSex: string | null;

  studyDate: string | null;
  studyTime: string | null;
  studyDescription: string | null;
  accessionNumber: string | null;
  studyId: string | null;
  referringPhysician: string | null;
  institutionName: string | null;

  modality: string | null;
  seriesNumber: number | null;
  seriesDescription: string | null;
  bodyPartExamined: string | null;
  seriesDate: string | null;
  seriesTime: string | null;
  laterality: string | null;
  frameOfReferenceUid: string | null;

  instanceNumber: number | null;
  imagePositionPatient: number[] | null;
  imageOrientationPatient: number[] | null;
  sliceLocation: number | null;
  pixelSpacing: number[] | null;
  imagerPixelSpacing: number[] | null;
  sliceThickness: number | null;
  rows: number | null;
  columns: number | null;
  numberOfFrames: number;
  samplesPerPixel: number | null;
  bitsAllocated: number | null;
  bitsStored: number | null;
  pixelRepresentation: number | null;
  photometric: string | null;
  windowCenter: number[] | null;
  windowWidth: number[] | null;
  rescaleSlope: number | null;
  rescaleIntercept: number | null;
}

export interface Rejection {
  path: string;
  /** Plain English, naming what is wrong (e.g. `truncated: pixel data ends early (8130 of 8192 bytes)`). */
  reason: string;
}

export type ImportPhase = 'scanning' | 'importing' | 'indexing';

export interface ImportProgress {
  phase: ImportPhase;
  /** Files examined so far (DICOMDIR files are directories, not counted). */
  scanned: number;
  imported: number;
  duplicates: number;
  rejected: number;
  /** Files to examine; 0 while still scanning. */
  total: number;
}

/** A study seen in an import, as summarised for the caller. */
export interface ImportedStudy {
  studyInstanceUid: string;
  patientIdDicom: string | null;
  patientNameDicom: string | null;
  patientBirthDate: string | null;
  studyDate: string | null;
  studyDescription: string | null;
  modalities: string[];
  /** Instances of this study newly stored by this import. */
  instancesImported: number;
  /** Instances of this study that were already in the index. */
  duplicates: number;
  /** The case the study is attached to after the import (null: unattached). */
  caseId: number | null;
}

/** Why a study was not attached to the chosen case. */
export interface PatientMismatch {
  studyInstanceUid: string;
  studyDescription: string | null;
  studyDate: string | null;
  dicom: { patientId: string | null; patientName: string | null; birthDate: string | null };
  case: { caseId: number; mrn: string; familyName: string; givenNames: string; dateOfBirth: string };
  /** Each difference in words, e.g. `patient ID "0000006" is not the case's MRN "T-1001"`. */
  differences: string[];
}

export interface IncompleteDicomdir {
  path: string;
  /** Files the DICOMDIR lists. */
  listed: number;
  /** Of those, how many were not found with it. */
  missing: number;
}

export interface ImportResult {
  importId: number;
  status: 'done' | 'cancelled';
  scanned: number;
  imported: number;
  duplicates: number;
  rejected: Rejection[];
  studies: ImportedStudy[];
  /** Studies left unattached because their DICOM patient differs from the case's patient (see `confirmMismatch`). */
  needsConfirmation: PatientMismatch[];
  /** Things worth knowing that did not stop a file from being imported. */
  warnings: string[];
  /**
   * DICOMDIR files read as a CD's index, not as images (not counted in `scanned`). So every file examined is
   * either scanned (imported, duplicate or rejected) or one of these.
   */
  indexFiles: number;
  /**
   * DICOMDIRs met inside a folder (not chosen on their own) that list files which were not among the files
   * imported, e.g. a DICOMDIR uploaded without its CD's folders. Each is also a rejection (counted in `scanned`).
   */
  incompleteDicomdirs: IncompleteDicomdir[];
  bytesStored: number;
  seconds: number;
}
