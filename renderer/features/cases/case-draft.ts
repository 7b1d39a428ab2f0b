import {
  CaseInput,
  type CaseFields,
  type CaseRecord,
  type CaseStatus,
  type Sex,
  type SiteChapter,
} from '../../../shared/domain/case';

/** What the form holds: strings as typed, so nothing the user typed is lost to parsing. */
export interface CaseDraft {
  familyName: string;
  givenNames: string;
  mrn: string;
  dateOfBirth: string;
  sex: Sex | '';
  consultantName: string;
  consultantContact: string;
  referringHospital: string;
  tumourSite: string;
  siteChapter: SiteChapter | '';
  workingDiagnosis: string;
  clinicalHistory: string;
  boardQuestion: string;
  ecog: string;
  comorbidities: string;
  patientKnowledge: string;
  status: CaseStatus;
}

export const EMPTY_DRAFT: CaseDraft = {
  familyName: '',
  givenNames: '',
  mrn: '',
  dateOfBirth: '',
  sex: '',
  consultantName: '',
  consultantContact: '',
  referringHospital: '',
  tumourSite: '',
  siteChapter: '',
  workingDiagnosis: '',
  clinicalHistory: '',
  boardQuestion: '',
  ecog: '',
  comorbidities: '',
  patientKnowledge: '',
  status: 'draft',
};

export function draftFromRecord(r: CaseRecord): CaseDraft {
  const { patient, ecog, ...rest } = r;
  return {
    familyName: patient.familyName,
    givenNames: patient.givenNames,
    mrn: patient.mrn,
    dateOfBirth: patient.dateOfBirth,
    sex: patient.sex,
    consultantName: rest.consultantName,
    consultantContact: rest.consultantContact,
    referringHospital: rest.referringHospital,
    tumourSite: rest.tumourSite,
    siteChapter: rest.siteChapter,
    workingDiagnosis: rest.workingDiagnosis,
    clinicalHistory: rest.clinicalHistory,
    boardQuestion: rest.boardQuestion,
    ecog: ecog === null ? '' : String(ecog),
    comorbidities: rest.comorbidities,
    patientKnowledge: rest.patientKnowledge,
    status: rest.status,
  };
}

export function inputFromDraft(d: CaseDraft): unknown {
  return {
    patient: {
      familyName: d.familyName,
      givenNames: d.givenNames,
      mrn: d.mrn,
      dateOfBirth: d.dateOfBirth,
      sex: d.sex || undefined,
    },
    consultantName: d.consultantName,
    consultantContact: d.consultantContact,
    referringHospital: d.referringHospital,
    tumourSite: d.tumourSite,
    siteChapter: d.siteChapter || undefined,
    workingDiagnosis: d.workingDiagnosis,
    clinicalHistory: d.clinicalHistory,
    boardQuestion: d.boardQuestion,
    ecog: d.ecog === '' ? null : Number(d.ecog),
    comorbidities: d.comorbidities,
    patientKnowledge: d.patientKnowledge,
    status: d.status,
  };
}

/** Draft keys map onto contract paths, so server errors (`patient.mrn`) land on the right field. */
export const FIELD_PATH: Record<keyof CaseDraft, string> = {
  familyName: 'patient.familyName',
  givenNames: 'patient.givenNames',
  mrn: 'patient.mrn',
  dateOfBirth: 'patient.dateOfBirth',
  sex: 'patient.sex',
  consultantName: 'consultantName',
  consultantContact: 'consultantContact',
  referringHospital: 'referringHospital',
  tumourSite: 'tumourSite',
  siteChapter: 'siteChapter',
  workingDiagnosis: 'workingDiagnosis',
  clinicalHistory: 'clinicalHistory',
  boardQuestion: 'boardQuestion',
  ecog: 'ecog',
  comorbidities: 'comorbidities',
  patientKnowledge: 'patientKnowledge',
  status: 'status',
};

const REQUIRED_CHOICE: Record<string, string> = {
  'patient.sex': 'Choose the sex',
  siteChapter: 'Choose the AJCC site chapter',
};

/** Validates with the same schema the main process enforces; returns errors by contract path. */
export function validateDraft(d: CaseDraft): { fields: CaseFields | null; errors: Record<string, string> } {
  const parsed = CaseInput.strict().safeParse(inputFromDraft(d));
  if (parsed.success) return { fields: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (errors[path]) continue;
    errors[path] =
      REQUIRED_CHOICE[path] ??
      (path === 'patient.dateOfBirth' && d.dateOfBirth === '' ? 'Date of birth is required' : issue.message);
  }
  return { fields: null, errors };
}
