import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import {
  CaseInput,
  type CaseFields,
  type CaseRecord,
  type CaseStatus,
  type EpisodeKind,
  type QuestionKind,
  type Sex,
  type SiteChapter,
} from '../../../shared/domain/case';

/**
 * What the form holds: the contract's shape (so a field's name is its contract path, and a refusal naming
 * `patient.mrn` lands on that field), but every value as typed, so nothing the user typed is lost to parsing.
 */
export interface CaseDraft {
  patient: { familyName: string; givenNames: string; mrn: string; dateOfBirth: string; sex: Sex | '' };
  consultantName: string;
  consultantContact: string;
  referringHospital: string;
  tumourSite: string;
  siteChapter: SiteChapter | '';
  workingDiagnosis: string;
  clinicalHistory: string;
  boardQuestion: string;
  episodeKind: EpisodeKind;
  questionKind: QuestionKind;
  ecog: string;
  comorbidities: string;
  patientKnowledge: string;
  status: CaseStatus;
}

export const EMPTY_DRAFT: CaseDraft = {
  patient: { familyName: '', givenNames: '', mrn: '', dateOfBirth: '', sex: '' },
  consultantName: '',
  consultantContact: '',
  referringHospital: '',
  tumourSite: '',
  siteChapter: '',
  workingDiagnosis: '',
  clinicalHistory: '',
  boardQuestion: '',
  episodeKind: 'new-diagnosis',
  questionKind: 'diagnosis',
  ecog: '',
  comorbidities: '',
  patientKnowledge: '',
  status: 'draft',
};

export function draftFromRecord(r: CaseRecord): CaseDraft {
  const { patient, ecog } = r;
  return {
    patient: {
      familyName: patient.familyName,
      givenNames: patient.givenNames,
      mrn: patient.mrn,
      dateOfBirth: patient.dateOfBirth,
      sex: patient.sex,
    },
    consultantName: r.consultantName,
    consultantContact: r.consultantContact,
    referringHospital: r.referringHospital,
    tumourSite: r.tumourSite,
    siteChapter: r.siteChapter,
    workingDiagnosis: r.workingDiagnosis,
    clinicalHistory: r.clinicalHistory,
    boardQuestion: r.boardQuestion,
    episodeKind: r.episodeKind,
    questionKind: r.questionKind,
    ecog: ecog === null ? '' : String(ecog),
    comorbidities: r.comorbidities,
    patientKnowledge: r.patientKnowledge,
    status: r.status,
  };
}

/** The draft as contract input: a choice not made and an empty date are absent (so they read as "required"). */
function inputFromDraft(d: CaseDraft): unknown {
  return {
    ...d,
    patient: { ...d.patient, dateOfBirth: d.patient.dateOfBirth || undefined, sex: d.patient.sex || undefined },
    siteChapter: d.siteChapter || undefined,
    ecog: d.ecog === '' ? null : Number(d.ecog),
  };
}

/** The messages for a value left out, by contract path: the schema's own would say "invalid input". */
const MISSING: Record<string, string> = {
  'patient.sex': 'Choose the sex',
  'patient.dateOfBirth': 'Date of birth is required',
  siteChapter: 'Choose the AJCC site chapter',
};

/** The draft checked by the same schema the main process enforces; the form submits its parsed output. */
const CaseDraftSchema = z.custom<CaseDraft>().transform(inputFromDraft).pipe(CaseInput.strict());

/** React Hook Form's validation of the case form: errors by contract path, the fields as the contract takes them. */
export const caseResolver = zodResolver<CaseDraft, unknown, CaseFields>(CaseDraftSchema, {
  error: (issue) => (issue.input === undefined ? MISSING[(issue.path ?? []).join('.')] : undefined),
});
