import { z } from 'zod';
import { READINESS_ITEM_IDS, READINESS_STATES } from '../clinical/readiness';
import { CaseRecord, IsoDate, type QuestionKind, type SiteChapter } from './case';
import { FnclccGradeCode, GradeResult } from './pathology';

/** The clinical record around a case besides pathology: staging inputs, readiness, plan, timeline, ready overrides. */

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

// ---- Staging inputs ------------------------------------------------------------------------------------------

export const T_OVERRIDES = ['TX', 'T0', 'T1', 'T2', 'T2a', 'T2b', 'T3', 'T4', 'T4a', 'T4b', 'T4c'] as const;

export const StagingInputsFields = z
  .object({
    /** A size typed by hand instead of the largest lesion (e.g. the pathology gross size); needs a reason. */
    sizeOverrideCm: z
      .number()
      .positive('Size must be more than 0 cm')
      .max(100, 'At most 100 cm')
      .nullable()
      .default(null),
    sizeOverrideReason: text(500).default(''),
    /** NX = not known, which AJCC 8th counts as N0 (reference, "N0 = ... or unknown nodal status"). */
    N: z.enum(['N0', 'N1', 'NX'], { message: 'Nodal status is N0, N1 or NX (not known)' }).default('NX'),
    M: z.enum(['M0', 'M1'], { message: 'Metastasis status is M0 or M1' }).default('M0'),
    prefix: z
      .enum(['c', 'p', 'y', 'r'], {
        message: 'Prefix is c (clinical), p (pathological), y (after neoadjuvant therapy) or r (recurrence)',
      })
      .default('c'),
    /** T by anatomical extent (head and neck T4a/T4b, any visceral T, T0); null = T from size. */
    tOverride: z.enum(T_OVERRIDES, { message: 'Choose a T category from the AJCC 8th table' }).nullable().default(null),
    /** Why N/M were set as they are, e.g. "possible lung metastasis, not confirmed". Shown with the stage. */
    note: text(2000).default(''),
  })
  .strict();
export const StagingInputsInput = StagingInputsFields.superRefine((s, ctx) => {
  if (s.sizeOverrideCm !== null && s.sizeOverrideReason === '') {
    ctx.addIssue({
      code: 'custom',
      path: ['sizeOverrideReason'],
      message: 'Say why the size is typed by hand (e.g. "pathology gross size")',
    });
  }
});
export type StagingInputsInput = z.input<typeof StagingInputsInput>;
export type StagingInputs = z.output<typeof StagingInputsFields>;

export const SizeSource = z.object({
  sizeCm: z.number().nullable(),
  kind: z.enum(['lesion', 'override', 'none']),
  lesionId: z.number().int().nullable(),
  /** e.g. "16.3 cm, lesion 'primary', CT of 22 Sep 2026" / "typed override: pathology gross size". */
  text: z.string(),
  /** The study date of the measurement used (ISO); null for a typed size or a lesion without a study date. */
  date: z.string().nullable(),
  /** The measurement is older than the staleness limit before the meeting date (readiness_settings.stale_weeks). */
  stale: z.boolean(),
  /** Why it is stale (or, for a measurement, how old it is at the meeting); '' when there is nothing to say. */
  staleReason: z.string(),
});
export type SizeSource = z.infer<typeof SizeSource>;

const STAGE_GROUPS = ['IA', 'IB', 'II', 'IIIA', 'IIIB', 'IV'] as const;

/** The fields a stage group is shown from (shared/clinical/stage-text.ts): never the bare GX group alone. */
export const StageGroupFields = z.object({
  stageGroup: z.enum(STAGE_GROUPS).nullable(),
  /** The group at the histotype's lowest possible grade when G is GX and that group is higher; null otherwise. */
  atLeastStageGroup: z.enum(STAGE_GROUPS).nullable(),
  /** e.g. "grade not assessed, a dedifferentiated liposarcoma is at least G2"; '' when atLeastStageGroup is null. */
  atLeastReason: z.string(),
});

/**
 * The pathological stage after a resection or excision with the tumour's dimensions: pT (ypT after neoadjuvant
 * therapy) from the specimen's largest dimension, N and M from the staging inputs.
 */
export const PathologicalStage = StageGroupFields.extend({
  T: z.string(),
  N: z.string(),
  M: z.string(),
  G: FnclccGradeCode,
  explanation: z.string(),
  sizeCm: z.number(),
  reportId: z.number().int(),
  /** The specimen's date (ISO). */
  date: z.string(),
  /** e.g. "12.5 cm, resection specimen S26-1234 of 3 Nov 2026". */
  source: z.string(),
  /** Where the grade of the pathological stage comes from (the resection, or the pre-treatment biopsy). */
  gradeNote: z.string(),
});
export type PathologicalStage = z.infer<typeof PathologicalStage>;

/** The top-level T, N, M, G and group are the clinical stage (prefix from the inputs, c by default). */
export const StageSummary = StageGroupFields.extend({
  /** False for site chapter 'other': no AJCC soft tissue sarcoma staging. */
  applicable: z.boolean(),
  T: z.string().nullable(),
  N: z.string().nullable(),
  M: z.string().nullable(),
  G: FnclccGradeCode,
  explanation: z.string(),
  size: SizeSource,
  /**
   * The lowest grade the driving report's histotype allows (minimumGrade, shared/clinical/grading.ts) and why; the
   * screen's preview of unsaved inputs needs it to give the same "at least" group. null when there is no floor.
   */
  gradeFloor: z.object({ G: z.enum(['G2', 'G3']), reason: z.string() }).nullable(),
  /** null when there is no resection or excision report with the tumour's dimensions (or staging does not apply). */
  pathological: PathologicalStage.nullable(),
  inputs: StagingInputsFields,
  /** True when no staging inputs were saved and the defaults (NX, M0, c) were used. */
  defaults: z.boolean(),
});
export type StageSummary = z.infer<typeof StageSummary>;

// ---- Readiness -----------------------------------------------------------------------------------------------

export const ReadinessItemIdSchema = z.enum(READINESS_ITEM_IDS, { message: 'Not a work-up item' });

const EvidenceSchema = z.object({
  kind: z.enum(['study', 'report', 'manual', 'case', 'event']),
  description: z.string(),
  date: z.string().nullable(),
});

export const ReadinessItemSchema = z.object({
  id: ReadinessItemIdSchema,
  /** What the item is for, for the case's question (readinessItemLabel). */
  label: z.string(),
  /** pending = not yet decidable (e.g. the liposarcoma subtype is not known): open, like missing. */
  state: z.enum(READINESS_STATES),
  evidence: EvidenceSchema.nullable(),
  /** Evidence dated after the meeting: flagged, never counted. */
  afterMeeting: EvidenceSchema.nullable().default(null),
  reason: z.string(),
});

/** Who ticked is not part of the input: the record takes the signed-in user (issue 12). */
export const TickInput = z
  .object({
    item: ReadinessItemIdSchema,
    date: IsoDate,
    note: text(1000).default(''),
  })
  .strict();
export type TickInput = z.input<typeof TickInput>;

export const ManualTickRecord = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  item: ReadinessItemIdSchema,
  date: z.string(),
  /** The display name of the user who ticked it, as it was then. */
  by: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type ManualTickRecord = z.infer<typeof ManualTickRecord>;

/** The meeting a readiness check was made for, when it defaulted to the case's next one on an agenda. */
export const ReadinessMeeting = z.object({ id: z.number().int(), title: z.string(), startsAt: z.string() });
export type ReadinessMeeting = z.infer<typeof ReadinessMeeting>;

export const ReadinessView = z.object({
  meetingDate: z.string(),
  meeting: ReadinessMeeting.nullable(),
  staleWeeks: z.number(),
  items: z.array(ReadinessItemSchema),
  missing: z.number().int(),
  /** Items not yet decidable; a case with one is not ready. */
  pending: z.number().int().default(0),
  stale: z.number().int(),
  ready: z.boolean(),
  ticks: z.array(ManualTickRecord),
  /** Things the checklist could not use, e.g. an imported study without a valid date. */
  notes: z.array(z.string()),
});
export type ReadinessView = z.infer<typeof ReadinessView>;

export const ReadinessCount = z.object({
  caseId: z.number().int(),
  /** The date it was judged for: the one asked, else the case's next meeting, else today. */
  meetingDate: z.string(),
  meeting: ReadinessMeeting.nullable(),
  missing: z.number().int(),
  pending: z.number().int().default(0),
  stale: z.number().int(),
  ready: z.boolean(),
});
export type ReadinessCount = z.infer<typeof ReadinessCount>;

// ---- Plan --------------------------------------------------------------------------------------------------

export const PLAN_OPTIONS = [
  'surgery',
  'preoperative-radiotherapy',
  'postoperative-radiotherapy',
  'systemic-therapy',
  'clinical-trial',
  'surveillance',
  'best-supportive-care',
  'further-investigations',
  'palliative-radiotherapy',
  'analgesia',
  'interventional-pain',
  'refer-other-mdt',
] as const;
export const PlanOption = z.enum(PLAN_OPTIONS, { message: 'Not one of the plan options' });
export type PlanOption = z.infer<typeof PlanOption>;
export const PLAN_OPTION_LABEL: Record<PlanOption, string> = {
  surgery: 'Surgery',
  'preoperative-radiotherapy': 'Preoperative radiotherapy',
  'postoperative-radiotherapy': 'Postoperative radiotherapy',
  'systemic-therapy': 'Systemic therapy',
  'clinical-trial': 'Clinical trial',
  surveillance: 'Surveillance',
  'best-supportive-care': 'Best supportive care',
  'further-investigations': 'Further investigations',
  'palliative-radiotherapy': 'Palliative radiotherapy',
  analgesia: 'Analgesia (optimise pain medication)',
  'interventional-pain': 'Interventional pain management (e.g. nerve block)',
  'refer-other-mdt': 'Refer to another MDT',
};

/** The options a palliative question or a non-sarcoma case (e.g. malignant psoas syndrome) most often needs. */
export const PALLIATIVE_PLAN_OPTIONS: readonly PlanOption[] = [
  'palliative-radiotherapy',
  'analgesia',
  'interventional-pain',
  'best-supportive-care',
  'refer-other-mdt',
];

/**
 * The plan options in the order offered: for a palliative question or a case outside the sarcoma site chapters the
 * palliative options come first, then the rest in their usual order. Same set either way.
 */
export function planOptionsFor(question: QuestionKind, site: SiteChapter): PlanOption[] {
  if (question !== 'palliative' && site !== 'other') return [...PLAN_OPTIONS];
  return [...PALLIATIVE_PLAN_OPTIONS, ...PLAN_OPTIONS.filter((o) => !PALLIATIVE_PLAN_OPTIONS.includes(o))];
}

export const PlanInput = z
  .object({
    options: z
      .array(PlanOption)
      .max(PLAN_OPTIONS.length)
      .refine((o) => new Set(o).size === o.length, 'Each option once')
      .default([]),
    text: text(5000).default(''),
  })
  .strict();
export type PlanInput = z.input<typeof PlanInput>;

export const Plan = z.object({
  caseId: z.number().int(),
  options: z.array(PlanOption),
  text: z.string(),
  /** null when no plan has been proposed yet. */
  updatedAt: z.string().nullable(),
});
export type Plan = z.infer<typeof Plan>;

// ---- Timeline ----------------------------------------------------------------------------------------------

export const EVENT_KINDS = [
  'presentation',
  'surgery',
  'radiotherapy',
  'systemic-therapy',
  'procedure',
  'other',
] as const;
export const EventKind = z.enum(EVENT_KINDS, {
  message: 'Event is presentation, surgery, radiotherapy, systemic therapy, procedure or other',
});
export type EventKind = z.infer<typeof EventKind>;
export const EVENT_KIND_LABEL: Record<EventKind, string> = {
  presentation: 'Presentation',
  surgery: 'Surgery',
  radiotherapy: 'Radiotherapy',
  'systemic-therapy': 'Systemic therapy',
  procedure: 'Procedure',
  other: 'Other',
};

/** A day (YYYY-MM-DD), or a month (YYYY-MM) when only the month is known. */
export const EventDate = z.union([IsoDate, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)], {
  message: 'Use YYYY-MM-DD, or YYYY-MM when only the month is known',
});

export const EventInput = z
  .object({
    kind: EventKind,
    date: EventDate,
    text: text(2000).default(''),
  })
  .strict()
  .refine((e) => e.kind === 'presentation' || e.text !== '', {
    path: ['text'],
    message: 'Describe the treatment given',
  });
export type EventInput = z.input<typeof EventInput>;

export const CaseEvent = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  kind: EventKind,
  date: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

export const TimelineEntry = z.object({
  /** YYYY-MM-DD or YYYY-MM; null for an imported study without a usable date (listed last). */
  date: z.string().nullable(),
  kind: z.enum(['presentation', 'study', 'biopsy', 'diagnosis', 'review', 'treatment', 'discussion']),
  title: z.string(),
  detail: z.string(),
  /** Where the entry comes from, so the UI can open it (and only events can be removed from the timeline). */
  source: z.object({
    type: z.enum(['event', 'study', 'pathology']),
    id: z.union([z.number().int(), z.string()]),
  }),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

// ---- Ready gate ---------------------------------------------------------------------------------------------

/** Who overrides is not part of the input: the record takes the signed-in user (issue 12). */
export const ReadyOverrideInput = z
  .object({
    why: z
      .string()
      .trim()
      .min(1, 'Say why the case should go to the board with items missing')
      .max(2000, 'At most 2000 characters'),
  })
  .strict();
export type ReadyOverrideInput = z.input<typeof ReadyOverrideInput>;

export const ReadyOverride = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  by: z.string(),
  why: z.string(),
  meetingDate: z.string(),
  missing: z.array(z.object({ id: ReadinessItemIdSchema, label: z.string(), reason: z.string() })),
  createdAt: z.string(),
});
export type ReadyOverride = z.infer<typeof ReadyOverride>;

export const MarkReadyResult = z.object({ case: CaseRecord, override: ReadyOverride.nullable() });
export type MarkReadyResult = z.infer<typeof MarkReadyResult>;

// ---- One call for the case page ----------------------------------------------------------------------------

export const ClinicalSummary = z.object({
  caseId: z.number().int(),
  grade: GradeResult,
  stage: StageSummary,
  readiness: ReadinessView,
  plan: Plan,
  /** The report that drives grade and staging, and why that one. */
  drivingReportId: z.number().int().nullable(),
  drivingReason: z.string(),
  /** The most recent "ready despite missing items" override, if any. */
  lastReadyOverride: ReadyOverride.nullable(),
});
export type ClinicalSummary = z.infer<typeof ClinicalSummary>;
