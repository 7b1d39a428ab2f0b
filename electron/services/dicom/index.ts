/** DICOM import and the image index. Runs under plain Node: takes a database handle and the data folder path. */
export { importDicom, ImportFailedError, type ImportOptions } from './import-service';
export { sweepImageStore, type SweepResult } from './sweep';
export { checkPatientMatch, attachStudy, type StudyPatient } from './patient-match';
export { detachStudy, listUnattached, purgeStudies, type PurgeResult } from './detach-purge';
export { listPrompts, dismissPrompt } from './attach-prompts';
export {
  listCaseStudies,
  listUnattachedStudies,
  listStudySeries,
  listSeriesInstances,
  getCaseImaging,
  instanceFilePath,
  type StudyRecord,
  type SeriesRecord,
  type InstanceRecord,
  type CaseImaging,
} from './queries';
export { parseInstance, type ParseOutcome } from './parse';
export { scanPaths } from './scan';
export type { ImportProgress, ImportResult, ImportedStudy, PatientMismatch, Rejection, InstanceHeader } from './types';
