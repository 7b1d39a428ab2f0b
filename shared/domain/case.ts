import { localIsoDate } from '../dates';
import { z } from 'zod';

/** Case status along the board workflow: prepared (draft/ready), discussed at a meeting, then closed. */
export const CaseStatus = z.enum(['draft', 'ready', 'discussed', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const CASE_STATUS_LABEL: Record<CaseStatus, string> = {
  draft: 'Draft',
  ready: 'Ready',
  discussed: 'Discussed',
  closed: 'Closed',
};

/** Sex as recorded for the patient (administrative sex, as on the hospital record). */
export const Sex = z.enum(['female', 'male', 'other', 'unknown'], { message: 'Choose the sex' });
export type Sex = z.infer<typeof Sex>;
export const SEX_LABEL: Record<Sex, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };

/**
 * AJCC 8th edition soft tissue sarcoma site chapters (see shared/clinical reference, "T by site chapter").
 * `other` covers sites outside the four sarcoma chapters (e.g. a carcinoma invading the psoas).
 */
export const SiteChapter = z.enum(['trunk-extremity', 'retroperitoneum', 'head-and-neck', 'visceral', 'other']);
export type SiteChapter = z.infer<typeof SiteChapter>;
export const SITE_CHAPTER_LABEL: Record<SiteChapter, string> = {
  'trunk-extremity': 'Trunk and extremities',
  retroperitoneum: 'Retroperitoneum',
  'head-and-neck': 'Head and neck',
  visceral: 'Abdominal and thoracic visceral organs',
  other: 'Other / not a sarcoma site chapter',
};

/**
 * Why the patient is at the board this time (issue 13). A patient returns many times: after the operation, at
 * restaging after neoadjuvant therapy, at recurrence, from surveillance. Each visit is its own case (an episode)
 * sharing the patient and the imaging.
 */
export const EpisodeKind = z.enum(['new-diagnosis', 'post-operative', 'restaging', 'recurrence', 'surveillance'], {
  message: 'Episode is new diagnosis, post-operative review, restaging, recurrence or surveillance',
});
export type EpisodeKind = z.infer<typeof EpisodeKind>;
export const EPISODE_KIND_LABEL: Record<EpisodeKind, string> = {
  'new-diagnosis': 'New diagnosis',
  'post-operative': 'Post-operative review',
  restaging: 'Restaging after treatment',
  recurrence: 'Recurrence',
  surveillance: 'Surveillance',
};

/**
 * What kind of question the board is asked: it shapes the work-up checklist (shared/clinical/readiness.ts), e.g. a
 * post-operative question needs the resection margins, not a pre-operative biopsy.
 */
export const QuestionKind = z.enum(['diagnosis', 'post-operative', 'recurrence', 'palliative'], {
  message: 'Question is diagnosis/pre-operative, post-operative, recurrence/metastatic or palliative',
});
export type QuestionKind = z.infer<typeof QuestionKind>;
export const QUESTION_KIND_LABEL: Record<QuestionKind, string> = {
  diagnosis: 'Diagnosis and pre-operative planning',
  'post-operative': 'Post-operative (margins, adjuvant treatment)',
  recurrence: 'Recurrence or metastatic disease',
  palliative: 'Palliative or symptom control',
};

/** ECOG performance status 0-4 (5 = dead is not a state a case is presented in). */
export const ECOG_LABEL: Record<number, string> = {
  0: '0 - Fully active',
  1: '1 - Restricted in strenuous activity, ambulatory',
  2: '2 - Ambulatory, self-care, unable to work',
  3: '3 - Limited self-care, in bed or chair >50% of waking hours',
  4: '4 - Completely disabled',
};

const trimmed = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (label: string, max: number) => trimmed(max).min(1, `${label} is required`);

/** ISO calendar date (YYYY-MM-DD) that really exists (no 2023-02-30). */
export const IsoDate = z
  .string()
  // An empty field is asked for in words; the format is named only to whoever types one (the CLI, the API).
  .min(1, 'Give the date')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Not a real calendar date');

/** Date of birth: a real date, not in the future, not more than 130 years ago. */
export const DateOfBirth = IsoDate.refine((s) => s <= localIsoDate(), 'Date of birth is in the future').refine(
  (s) => Number(s.slice(0, 4)) >= new Date().getUTCFullYear() - 130,
  'Date of birth is more than 130 years ago',
);

/** Medical record number: the hospital's identifier; letters, digits and - / . only, so it can be matched. */
export const Mrn = required('MRN', 32).regex(
  /^[A-Za-z0-9][A-Za-z0-9./-]*$/,
  'MRN may hold letters, digits, "-", "/" and "." only',
);

export const PatientInput = z.object({
  familyName: required('Family name', 100),
  givenNames: required('Given names', 100),
  mrn: Mrn,
  dateOfBirth: DateOfBirth,
  sex: Sex,
});
export type PatientInput = z.infer<typeof PatientInput>;

/** Everything a coordinator types for a case; the patient travels with it. */
export const CaseInput = z.object({
  patient: PatientInput,
  consultantName: required('Responsible consultant', 120),
  consultantContact: required('How to reach the consultant', 200),
  referringHospital: trimmed(200).default(''),
  tumourSite: required('Tumour site', 200),
  siteChapter: SiteChapter,
  workingDiagnosis: required('Working diagnosis', 300),
  clinicalHistory: trimmed(20000).default(''),
  boardQuestion: required('Question for the board', 2000),
  episodeKind: EpisodeKind.default('new-diagnosis'),
  questionKind: QuestionKind.default('diagnosis'),
  ecog: z.number().int().min(0, 'ECOG is 0 to 4').max(4, 'ECOG is 0 to 4').nullable().default(null),
  comorbidities: trimmed(5000).default(''),
  patientKnowledge: trimmed(2000).default(''),
  status: CaseStatus.default('draft'),
});
export type CaseInput = z.input<typeof CaseInput>;
export type CaseFields = z.output<typeof CaseInput>;

export const Patient = PatientInput.extend({ id: z.number().int() });
export type Patient = z.infer<typeof Patient>;

export const CaseRecord = CaseInput.extend({
  id: z.number().int(),
  patient: Patient,
  /** Bumped on every save; an edit must name the version it started from, so two windows cannot overwrite each other. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

export const CaseSummary = z.object({
  id: z.number().int(),
  patientName: z.string(),
  mrn: z.string(),
  dateOfBirth: z.string(),
  sex: Sex,
  tumourSite: z.string(),
  siteChapter: SiteChapter,
  workingDiagnosis: z.string(),
  consultantName: z.string(),
  episodeKind: EpisodeKind,
  /** Which of the patient's episodes this case is (1-based, in creation order), and how many the patient has. */
  episodeNumber: z.number().int(),
  episodeCount: z.number().int(),
  status: CaseStatus,
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** "DOE, Jane": family name first in capitals, as on hospital lists, so patients are not confused. */
export function displayName(p: { familyName: string; givenNames: string }): string {
  return `${p.familyName.toUpperCase()}, ${p.givenNames}`;
}

/** Age in whole years on a given day (ISO dates). */
export function ageOn(dateOfBirth: string, onDay: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDay.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
