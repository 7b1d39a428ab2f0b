import { z } from 'zod';
import { dayMonthYear } from '../dates';
import { CaseStatus, EpisodeKind, SEX_LABEL, Sex, type PatientInput } from './case';
import { AgendaHistoryEntry } from './meeting';

/**
 * Episodes (issue 13, item 6): a patient returns to the board many times (new diagnosis, post-operative review,
 * restaging, recurrence, surveillance). Each visit is its own case; the patient row and the imaging are shared.
 * Episodes are numbered in the order their cases were created (episode 1 is the patient's first case).
 */

/** One episode of a patient as lists name it: "episode 2 · Restaging after treatment · case 7". */
export const EpisodeRef = z.object({
  caseId: z.number().int(),
  /** 1-based, in the order the patient's cases were created. */
  number: z.number().int(),
  episodeKind: EpisodeKind,
  createdAt: z.string(),
  workingDiagnosis: z.string(),
  status: CaseStatus,
});
export type EpisodeRef = z.infer<typeof EpisodeRef>;

/** Another episode of the patient with what the board made of it: every meeting it was on, with the decision. */
export const EpisodeWithOutcomes = EpisodeRef.extend({
  /** Oldest first; a decision is the one recorded there (amendments applied), signed off or still a draft. */
  meetings: z.array(AgendaHistoryEntry),
});
export type EpisodeWithOutcomes = z.infer<typeof EpisodeWithOutcomes>;

/** What `cases:episodes` answers for one case: where it stands among the patient's episodes, and the others. */
export const CaseEpisodes = z.object({
  caseId: z.number().int(),
  patientId: z.number().int(),
  number: z.number().int(),
  count: z.number().int(),
  /** The patient's other episodes, oldest first (earlier ones before this case, later ones after). */
  others: z.array(EpisodeWithOutcomes),
});
export type CaseEpisodes = z.infer<typeof CaseEpisodes>;

/** The patient an MRN belongs to, as a new-case form offers "New episode for DOE, Jane (born ...)". */
export const MrnPatient = z.object({
  id: z.number().int(),
  /** "DOE, Jane". */
  name: z.string(),
  familyName: z.string(),
  givenNames: z.string(),
  mrn: z.string(),
  dateOfBirth: z.string(),
  sex: Sex,
  episodes: z.array(EpisodeRef),
});
export type MrnPatient = z.infer<typeof MrnPatient>;

/** "episode 2 of 3"; null for a patient with one case (nothing to say). */
export function episodeOfText(number: number, count: number): string | null {
  return count > 1 ? `episode ${number} of ${count}` : null;
}

type Demographics = Pick<PatientInput, 'familyName' | 'givenNames' | 'dateOfBirth' | 'sex'>;

/** A difference between what a new episode's form says of the patient and what is on record, by contract field. */
export interface PatientDifference {
  field: 'patient.familyName' | 'patient.givenNames' | 'patient.dateOfBirth' | 'patient.sex';
  /** "date of birth: 2 May 1961 on record, 3 May 1961 here". */
  text: string;
  /** The value on record, as a person reads it ("2 May 1961", "Female"). */
  onRecord: string;
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * What differs between a new episode's patient fields and the patient on record. Names compare without letter case
 * or surrounding spaces (the record keeps its own spelling); date of birth and sex exactly. Empty when they match.
 */
export function patientDifferences(onRecord: Demographics, typed: Demographics): PatientDifference[] {
  const out: PatientDifference[] = [];
  const add = (field: PatientDifference['field'], label: string, recorded: string, here: string) =>
    out.push({ field, text: `${label}: ${recorded} on record, ${here || 'nothing'} here`, onRecord: recorded });
  if (!sameName(onRecord.familyName, typed.familyName))
    add('patient.familyName', 'family name', `“${onRecord.familyName}”`, `“${typed.familyName}”`);
  if (!sameName(onRecord.givenNames, typed.givenNames))
    add('patient.givenNames', 'given names', `“${onRecord.givenNames}”`, `“${typed.givenNames}”`);
  if (onRecord.dateOfBirth !== typed.dateOfBirth)
    add(
      'patient.dateOfBirth',
      'date of birth',
      dayMonthYear(onRecord.dateOfBirth),
      typed.dateOfBirth ? dayMonthYear(typed.dateOfBirth) : '',
    );
  if (onRecord.sex !== typed.sex)
    add('patient.sex', 'sex', SEX_LABEL[onRecord.sex], typed.sex ? SEX_LABEL[typed.sex] : '');
  return out;
}
