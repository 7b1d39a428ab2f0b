import type { MismatchPrompt } from '../../../shared/contract/reversible';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { DomainError } from '../errors';
import * as dicom from './dicom-sql';
import { mismatchFor } from './patient-match';
import * as sql from './reversible-sql';

/**
 * The patient-mismatch questions an import asked and nobody answered yet (migration 0008). The import writes one in
 * its indexing transaction (import-index.ts); attaching the study (patient-match.ts attachStudy) or leaving it
 * unattached (dismiss) clears it; so does a purge. What it says is recomputed from the study and the case's patient.
 */
export function listPrompts(db: Db, caseId: number): MismatchPrompt[] {
  const patient = dicom.getCasePatient(db, caseId);
  if (!patient) throw new DomainError('not-found', `Case ${caseId} does not exist`);
  return sql.listPrompts(db, caseId).flatMap((p) => {
    const study = dicom.getStudyByUid(db, p.study_instance_uid);
    if (!study) return [];
    const mismatch = mismatchFor(patient, {
      studyInstanceUid: study.study_instance_uid,
      patientIdDicom: study.patient_id_dicom,
      patientNameDicom: study.patient_name_dicom,
      patientBirthDate: study.patient_birth_date,
    });
    return [
      {
        studyInstanceUid: study.study_instance_uid,
        dicomPatientName: study.patient_name_dicom,
        dicomPatientId: study.patient_id_dicom,
        // The case's patient may have been corrected meanwhile: then nothing differs any more, but it was asked.
        reason: mismatch ? mismatch.differences.join('; ') : 'the patient was not confirmed when it was imported',
        studyDate: study.study_date,
        studyDescription: study.study_description,
        modalities: study.modalities_in_study ? study.modalities_in_study.split('\\') : [],
        imageCount: p.image_count,
      },
    ];
  });
}

/** "Leave unattached": the question is closed; the study stays in the store, attached to no case. */
export function dismissPrompt(db: Db, caseId: number, studyInstanceUid: string): void {
  writeTransaction(db, () => {
    const study = dicom.getStudyByUid(db, studyInstanceUid);
    if (!study) throw new DomainError('not-found', `Study ${studyInstanceUid} is not in the image index`);
    if (!sql.deletePrompt(db, caseId, study.id)) {
      throw new DomainError('not-found', `Case ${caseId} has no open question about this study`);
    }
  });
}
