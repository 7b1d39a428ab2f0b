import { z } from 'zod';

/**
 * Response to treatment (issue 13): lesions tracked across studies and episodes of one patient, and the RECIST 1.1
 * and Choi categories computed from them by shared/clinical/response.ts. One definition used by the Imaging tab's
 * tracking table, the Response slide and the exports.
 */

export const RESPONSE_CATEGORIES = ['CR', 'PR', 'SD', 'PD', 'NE'] as const;
export const ResponseCategory = z.enum(RESPONSE_CATEGORIES);
export type ResponseCategory = z.infer<typeof ResponseCategory>;
export const RESPONSE_CATEGORY_LABEL: Record<ResponseCategory, string> = {
  CR: 'Complete response',
  PR: 'Partial response',
  SD: 'Stable disease',
  PD: 'Progressive disease',
  NE: 'Not evaluable',
};

export const NON_TARGET_STATUSES = ['CR', 'non-CR/non-PD', 'PD', 'NE'] as const;
export const NonTargetStatus = z.enum(NON_TARGET_STATUSES, {
  message: 'Non-target status is CR, non-CR/non-PD, PD or NE',
});
export type NonTargetStatus = z.infer<typeof NonTargetStatus>;

export const LesionRole = z.enum(['target', 'non-target'], { message: 'A tracked lesion is target or non-target' });
export type LesionRole = z.infer<typeof LesionRole>;

/** A lesion followed across studies: it belongs to the patient, so every episode sees it. */
export const TrackedLesion = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  name: z.string(),
  role: LesionRole,
  /** Lymph nodes are measured on the short axis (RECIST 1.1). */
  isNode: z.boolean(),
  note: z.string(),
});
export type TrackedLesion = z.infer<typeof TrackedLesion>;

/** One measurement of a tracked lesion at a study (a lesions row). */
export const TrackedMeasurement = z.object({
  lesionRowId: z.number().int(),
  caseId: z.number().int(),
  /** ISO date of the study; null when the measurement has no study date (it cannot be placed in time). */
  studyDate: z.string().nullable(),
  studyInstanceUid: z.string().nullable(),
  longMm: z.number().nullable(),
  shortMm: z.number().nullable(),
  /** Mean density (HU) of an ellipse on the lesion, for Choi. */
  meanHu: z.number().nullable(),
  /** The diameter RECIST uses: long axis, or short axis for a node. */
  recistMm: z.number().nullable(),
  source: z.enum(['measured', 'typed']),
});
export type TrackedMeasurement = z.infer<typeof TrackedMeasurement>;

export const RecistAssessment = z.object({
  target: ResponseCategory,
  overall: ResponseCategory,
  changeFromBaselinePct: z.number().nullable(),
  changeFromNadirPct: z.number().nullable(),
});
export type RecistAssessment = z.infer<typeof RecistAssessment>;

/** One study date of the patient with its sums and categories; the first is the baseline. */
export const ResponseTimepoint = z.object({
  studyDate: z.string(),
  /** Sum of target diameters (mm); null when a target lesion was not measured at this study. */
  sumMm: z.number().nullable(),
  /** Sum of the target lesions' mean densities weighted as Choi uses them (mean of means), HU; null without ellipses. */
  meanHu: z.number().nullable(),
  nonTarget: NonTargetStatus.nullable(),
  newLesions: z.boolean(),
  note: z.string(),
  /** null at the baseline. */
  recist: RecistAssessment.nullable(),
  choi: z.object({ response: ResponseCategory }).nullable(),
  /** The rule that gave the categories, in words, e.g. "Sum 98 mm is 32% below the baseline 144 mm: PR (≥ 30%)". */
  explanation: z.string(),
});
export type ResponseTimepoint = z.infer<typeof ResponseTimepoint>;

export const ResponseView = z.object({
  patientId: z.number().int(),
  lesions: z.array(TrackedLesion.extend({ measurements: z.array(TrackedMeasurement) })),
  timepoints: z.array(ResponseTimepoint),
  baselineDate: z.string().nullable(),
  nadirDate: z.string().nullable(),
  /** The latest timepoint after the baseline, or null when there is no follow-up yet. */
  current: ResponseTimepoint.nullable(),
  /** What could not be used, e.g. "Lesion 'node' has no measurement on 3 Dec 2026". */
  notes: z.array(z.string()),
});
export type ResponseView = z.infer<typeof ResponseView>;
