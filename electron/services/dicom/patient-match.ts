import { formatPersonName } from '../../../shared/domain/imaging';
import type { Db } from '../../db/open';
import { DomainError } from '../errors';
import * as sql from './dicom-sql';
import type { PatientMismatch } from './types';
import { writeTransaction } from '../../db/transaction';
import { deletePromptsOfStudy } from './reversible-sql';

/**
 * Does a study's DICOM patient look like the case's patient? A study is attached to a case without asking only
 * when the DICOM Patient ID equals the case's MRN and the DICOM name and birth date, where present, agree.
 * Anything else (a different ID, as with images from another hospital; a different name or birth date; or no
 * patient identity in the images at all) is a mismatch the user must confirm.
 */

export interface StudyPatient {
  studyInstanceUid: string;
  patientIdDicom: string | null;
  patientNameDicom: string | null;
  patientBirthDate: string | null;
  studyDescription?: string | null;
  studyDate?: string | null;
}

/** Lower case, accents removed, only letters and digits: "O'Brien-Smith" and "OBRIEN SMITH" compare equal. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function words(s: string): string[] {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** DICOM PN (`Family^Given^Middle^Prefix^Suffix`, alphabetic group only) to family and given parts. */
export function parsePersonName(pn: string): { family: string; given: string[] } {
  const alphabetic = pn.split('=')[0];
  const parts = alphabetic.split('^');
  if (parts.length === 1) {
    // Some writers put "FAMILY, GIVEN" or "GIVEN FAMILY" in one component.
    const [family, given] = alphabetic.includes(',') ? alphabetic.split(',', 2) : [alphabetic, ''];
    return { family: family.trim(), given: words(given) };
  }
  return { family: parts[0].trim(), given: [...words(parts[1] ?? ''), ...words(parts[2] ?? '')] };
}

/** A name matches when the family names agree and the first given name agrees (or either lacks given names). */
function namesMatch(pn: string, familyName: string, givenNames: string): boolean {
  const dicom = parsePersonName(pn);
  if (fold(dicom.family) !== fold(familyName)) {
    // "GIVEN FAMILY" in a single component.
    const all = words(pn.replace(/\^/g, ' '));
    const fam = words(familyName);
    const giv = words(givenNames);
    return fam.length > 0 && fam.every((w) => all.includes(w)) && (giv.length === 0 || all.includes(giv[0]));
  }
  const caseGiven = words(givenNames);
  if (dicom.given.length === 0 || caseGiven.length === 0) return true;
  return dicom.given[0] === caseGiven[0];
}

function displayPn(pn: string): string {
  return formatPersonName(pn) ?? pn;
}

export function describeMismatch(patient: sql.CasePatientRow, study: StudyPatient): string[] {
  const differences: string[] = [];
  const id = study.patientIdDicom?.trim() || null;
  const name = study.patientNameDicom?.trim() || null;
  if (!id && !name) {
    differences.push('the images carry no patient ID or name to check against the case');
    return differences;
  }
  if (!id) differences.push(`the images carry no patient ID to check against the case's MRN "${patient.mrn}"`);
  else if (id.toLowerCase() !== patient.mrn.trim().toLowerCase()) {
    differences.push(`patient ID "${id}" is not the case's MRN "${patient.mrn}"`);
  }
  if (name && !namesMatch(name, patient.family_name, patient.given_names)) {
    differences.push(
      `name "${displayPn(name)}" is not the case's patient "${patient.given_names} ${patient.family_name}"`,
    );
  }
  const dob = study.patientBirthDate;
  if (dob && /^\d{4}-\d{2}-\d{2}$/.test(dob) && dob !== patient.date_of_birth) {
    differences.push(`birth date ${dob} is not the case's ${patient.date_of_birth}`);
  }
  return differences;
}

function casePatient(db: Db, caseId: number): sql.CasePatientRow {
  const patient = sql.getCasePatient(db, caseId);
  if (!patient) throw new DomainError('not-found', `Case ${caseId} does not exist`);
  return patient;
}

export function mismatchFor(patient: sql.CasePatientRow, study: StudyPatient): PatientMismatch | undefined {
  const differences = describeMismatch(patient, study);
  if (differences.length === 0) return undefined;
  return {
    studyInstanceUid: study.studyInstanceUid,
    studyDescription: study.studyDescription ?? null,
    studyDate: study.studyDate ?? null,
    dicom: { patientId: study.patientIdDicom, patientName: study.patientNameDicom, birthDate: study.patientBirthDate },
    case: {
      caseId: patient.case_id,
      mrn: patient.mrn,
      familyName: patient.family_name,
      givenNames: patient.given_names,
      dateOfBirth: patient.date_of_birth,
    },
    differences,
  };
}

/** The studies whose DICOM patient differs from the case's patient (empty when all match). */
export function checkPatientMatch(db: Db, caseId: number, studies: readonly StudyPatient[]): PatientMismatch[] {
  const patient = casePatient(db, caseId);
  return studies.map((s) => mismatchFor(patient, s)).filter((m): m is PatientMismatch => m !== undefined);
}

/**
 * Attaches an imported study to a case: the explicit "attach anyway" after the user has seen any patient mismatch
 * (returned, so the caller can record what was confirmed). A study attached to another case is moved only with
 * `move: true`.
 */
export function attachStudy(
  db: Db,
  studyUid: string,
  caseId: number,
  options: { move?: boolean } = {},
): { mismatch: PatientMismatch | null; previousCaseId: number | null } {
  return writeTransaction(db, () => {
    const study = sql.getStudyByUid(db, studyUid);
    if (!study) throw new DomainError('not-found', `Study ${studyUid} is not in the image index`);
    const patient = casePatient(db, caseId);
    if (study.case_id !== null && study.case_id !== caseId && !options.move) {
      throw new DomainError(
        'conflict',
        `This study is attached to case ${study.case_id}; move it explicitly to attach it to case ${caseId}.`,
      );
    }
    const mismatch =
      mismatchFor(patient, {
        studyInstanceUid: study.study_instance_uid,
        patientIdDicom: study.patient_id_dicom,
        patientNameDicom: study.patient_name_dicom,
        patientBirthDate: study.patient_birth_date,
        studyDescription: study.study_description,
        studyDate: study.study_date,
      }) ?? null;
    sql.setStudyCase(db, study.id, caseId);
    // The question "attach this study?" is answered, for every case that asked it (migration 0008).
    deletePromptsOfStudy(db, study.id);
    return { mismatch, previousCaseId: study.case_id };
  });
}
