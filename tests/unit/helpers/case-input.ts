import type { CaseInput } from '../../../shared/domain/case';

/** A valid case; tests change what they are about. */
export type CaseOverrides = Omit<Partial<CaseInput>, 'patient'> & { patient?: Partial<CaseInput['patient']> };

export function caseInput(overrides: CaseOverrides = {}): CaseInput {
  const { patient, ...rest } = overrides;
  return {
    patient: {
      familyName: 'Quill',
      givenNames: 'Ada',
      mrn: 'T-1001',
      dateOfBirth: '1961-05-02',
      sex: 'female',
      ...patient,
    },
    consultantName: 'Dr B. Surgeon',
    consultantContact: 'bleep 2001',
    referringHospital: 'Northgate General',
    tumourSite: 'Left thigh, deep',
    siteChapter: 'trunk-extremity',
    workingDiagnosis: 'Undifferentiated pleomorphic sarcoma',
    clinicalHistory: 'Enlarging painless mass over 4 months.',
    boardQuestion: 'Neoadjuvant radiotherapy?',
    ecog: 1,
    comorbidities: 'Type 2 diabetes',
    patientKnowledge: 'Aware of a likely sarcoma diagnosis',
    status: 'draft',
    ...rest,
  };
}
