import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import * as sql from './dicom-sql';
import type { ImportStage } from './import-stage';
import type { ImportTally } from './import-tally';
import { mismatchFor } from './patient-match';
import { insertPrompt } from './reversible-sql';
import type { StoreSession } from './store';
import type { ImportedStudy, PatientMismatch } from './types';

export interface IndexStepInput {
  importId: number;
  stage: ImportStage;
  tally: ImportTally;
  store: StoreSession;
  stmts: sql.ImportStatements;
  /** The case to attach the studies to, with its patient (for the mismatch check). */
  attachTo?: { caseId: number; patient: sql.CasePatientRow; confirmMismatch: boolean };
  now: () => string;
}

export interface IndexStepOutput {
  studies: ImportedStudy[];
  needsConfirmation: PatientMismatch[];
  attachWarnings: string[];
  /** Instances another import indexed meanwhile (counted as duplicates after all; their copies are not needed). */
  raced: number;
}

/**
 * Step 5, index: everything the import staged, in ONE synchronous transaction (no await inside it): study, series
 * and instance rows, the studies attached to the case (or held back for confirmation when the patient differs), the
 * rejections and the finished import log row. The store's claims are released in it: the index rows own the files
 * from then on. An instance indexed meanwhile by another import of the same files counts as a duplicate.
 */
export function indexStep(db: Db, input: IndexStepInput): IndexStepOutput {
  const { importId, stage, tally, store, stmts, attachTo, now } = input;
  const importedAt = now();
  const rejected = tally.rejected();
  const needsConfirmation: PatientMismatch[] = [];
  const attachWarnings: string[] = [];
  let raced = 0;
  const studies = writeTransaction(db, (): ImportedStudy[] => {
    const studyRows = new Map<string, number>();
    const seriesRows = new Map<string, number>();
    for (const a of stage.instances()) {
      let studyRowId = studyRows.get(a.studyUid);
      if (studyRowId === undefined) {
        const row = stmts.upsertStudy.get({ ...stage.studyParams(a.studyUid), importId, now: importedAt }) as {
          id: number;
        };
        studyRowId = row.id;
        studyRows.set(a.studyUid, studyRowId);
      }
      let seriesRowId = seriesRows.get(a.seriesUid);
      if (seriesRowId === undefined) {
        const row = stmts.upsertSeries.get({ ...stage.seriesParams(a.seriesUid), studyRowId }) as { id: number };
        seriesRowId = row.id;
        seriesRows.set(a.seriesUid, seriesRowId);
      }
      const info = stmts.insertInstance.run({ ...a.params, seriesRowId, importedAt, importId });
      if (info.changes === 0) {
        raced += 1;
        tally.study(a.studyUid).imported -= 1;
        tally.study(a.studyUid).duplicates += 1;
      }
    }
    for (const id of studyRows.values()) stmts.refreshStudy.run({ id });

    const out: ImportedStudy[] = [];
    for (const [studyUid, t] of tally.studies) {
      const row = stmts.studyByUid.get(studyUid) as sql.StudyRow | undefined;
      if (!row) continue;
      let attachedCase = row.case_id;
      if (attachTo && row.case_id !== attachTo.caseId) {
        if (row.case_id !== null) {
          attachWarnings.push(`study ${studyUid} is already attached to case ${row.case_id}: left there`);
        } else {
          const mismatch = mismatchFor(attachTo.patient, {
            studyInstanceUid: studyUid,
            patientIdDicom: row.patient_id_dicom,
            patientNameDicom: row.patient_name_dicom,
            patientBirthDate: row.patient_birth_date,
            studyDescription: row.study_description,
            studyDate: row.study_date,
          });
          if (!mismatch || attachTo.confirmMismatch) {
            stmts.setStudyCase.run(attachTo.caseId, row.id);
            attachedCase = attachTo.caseId;
          } else {
            needsConfirmation.push(mismatch);
            // The question outlives the job's report: the case's imaging tab asks it until answered (0008).
            insertPrompt(db, { caseId: attachTo.caseId, studyRowId: row.id, importId, now: importedAt });
          }
        }
      }
      out.push({
        studyInstanceUid: studyUid,
        patientIdDicom: row.patient_id_dicom,
        patientNameDicom: row.patient_name_dicom,
        patientBirthDate: row.patient_birth_date,
        studyDate: row.study_date,
        studyDescription: row.study_description,
        modalities: row.modalities_in_study ? row.modalities_in_study.split('\\') : [],
        instancesImported: t.imported,
        duplicates: t.duplicates,
        caseId: attachedCase,
      });
    }
    tally.imported -= raced;
    tally.duplicates += raced;
    for (const r of rejected) stmts.insertRejection.run(importId, r.path, r.reason);
    store.releaseClaims();
    sql.finishImport(db, importId, {
      status: 'done',
      finishedAt: now(),
      scanned: tally.scanned,
      imported: tally.imported,
      duplicates: tally.duplicates,
      rejected: rejected.length,
      bytesStored: tally.bytesStored,
      error: null,
    });
    return out;
  });
  return { studies, needsConfirmation, attachWarnings, raced };
}
