import { z } from 'zod';
import { PatientIdentifiers } from '../deck/model';

/**
 * What an outcome letter and the minutes say about a case (issue 12, item 8): taken from the case record as it
 * stands (diagnosis, site, question, pathology, staging), never from the slides, whose text a presenter may edit.
 * De-identified: no patient block, the case is "Case <n>", and identifiers are scrubbed from the free text.
 */
export const CaseRecordFacts = z.object({
  itemId: z.number().int(),
  caseId: z.number().int(),
  /** Its number on the agenda (1-based). */
  number: z.number().int(),
  deidentified: z.boolean(),
  /** The patient's name, or "Case <n>" when de-identified. */
  label: z.string(),
  /** "54-year-old woman" (age on the meeting's date). */
  ageSex: z.string(),
  patient: z.object({ mrn: z.string(), dateOfBirth: z.string(), sexLabel: z.string() }).nullable(),
  diagnosis: z.string(),
  site: z.string(),
  question: z.string(),
  consultant: z.string(),
  referringHospital: z.string(),
  /** One line per pathology report, oldest first: histotype, procedure and specimen date. */
  pathology: z.array(z.string()),
  /** The driving report's histotype ("Dedifferentiated liposarcoma"), or '' when no report states one. */
  histotype: z.string(),
  /** "FNCLCC G3" (with "as reported", or why it is GX), or null outside the sarcoma chapters. */
  grade: z.string().nullable(),
  /** The stage group in the one formatter's words ("IB (at least IIIB: ...)"), or null when there is none. */
  stageGroup: z.string().nullable(),
  /** "cT2 cN0 cM0 G3, stage IIIA" (shared/clinical/stage-text.ts, pathological first), or null where AJCC staging does not apply. */
  staging: z.string().nullable(),
  /** The identifiers to scrub from a decision's free text (null in the de-identified answer itself). */
  identifiers: PatientIdentifiers.nullable(),
});
export type CaseRecordFacts = z.infer<typeof CaseRecordFacts>;
