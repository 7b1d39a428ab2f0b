import type { ImportOutcome } from '../../../shared/domain/imaging';
import type { ImportResult } from './types';

/**
 * An import's result as the contract reports it (shared/domain/imaging.ts ImportOutcome): counts, rejections with
 * their reasons, studies held back for a patient mismatch, studies attached. One definition for the file import
 * (host/handlers/imaging.ts) and the PACS retrieval (services/pacs/retrieve-service.ts). `showPath` turns a path the
 * import read into the one the user knows (an upload's own relative path, a retrieved instance's file name).
 */
export function outcome(result: ImportResult, showPath: (p: string) => string): ImportOutcome {
  const studies = new Map(result.studies.map((s) => [s.studyInstanceUid, s]));
  return {
    counts: {
      scanned: result.scanned,
      imported: result.imported,
      duplicates: result.duplicates,
      rejected: result.rejected.length,
      total: result.scanned,
      indexFiles: result.indexFiles,
    },
    rejected: result.rejected.map((r) => ({ path: showPath(r.path), reason: r.reason })),
    needsConfirmation: result.needsConfirmation.map((m) => {
      const study = studies.get(m.studyInstanceUid);
      return {
        studyInstanceUid: m.studyInstanceUid,
        dicomPatientName: m.dicom.patientName,
        dicomPatientId: m.dicom.patientId,
        reason: m.differences.join('; '),
        studyDate: m.studyDate,
        studyDescription: m.studyDescription,
        modalities: study?.modalities ?? [],
        imageCount: study ? study.instancesImported + study.duplicates : null,
      };
    }),
    attachedStudies: result.studies.filter((s) => s.caseId !== null).map((s) => s.studyInstanceUid),
    incompleteDicomdirs: result.incompleteDicomdirs.map((d) => ({ ...d, path: showPath(d.path) })),
  };
}
