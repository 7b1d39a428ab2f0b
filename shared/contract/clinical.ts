import { z } from 'zod';
import { IsoDate } from '../domain/case';
import {
  CaseEvent,
  ClinicalSummary,
  EventInput,
  ManualTickRecord,
  MarkReadyResult,
  Plan,
  PlanInput,
  ReadinessCount,
  ReadinessItemIdSchema,
  ReadyOverrideInput,
  StageSummary,
  StagingInputsInput,
  TickInput,
  TimelineEntry,
} from '../domain/clinical';
import { DrivingChoiceReason, PathologyInput, PathologyReport } from '../domain/pathology';

const Id = z.number().int().positive();
const CaseId = z.number({ message: 'Choose a case' }).int().positive();
const MeetingDate = IsoDate;
const Removed = z.object({ removed: z.literal(true) });

/** Issue 4: pathology, grade, stage, readiness, plan, timeline and the ready gate. */
export const clinicalContract = {
  /** All reports of a case (history included) and which one drives grade and staging, with the reason. */
  'pathology:list': {
    input: z.object({ caseId: CaseId }).strict(),
    output: z.object({
      reports: z.array(PathologyReport),
      drivingReportId: z.number().int().nullable(),
      drivingReason: z.string(),
    }),
  },
  'pathology:create': { input: z.object({ caseId: CaseId, report: PathologyInput }).strict(), output: PathologyReport },
  'pathology:update': { input: z.object({ id: Id, report: PathologyInput }).strict(), output: PathologyReport },
  'pathology:remove': { input: z.object({ id: Id }).strict(), output: Removed },

  /**
   * A person chooses the report that drives grade and staging, with a reason (recorded as the signed-in user's), or
   * with reportId null goes back to the content rule. Answers with the case's summary as it now stands.
   */
  'clinical:chooseDrivingReport': {
    input: z
      .object({
        caseId: CaseId,
        reportId: Id.nullable(),
        reason: DrivingChoiceReason.default(''),
      })
      .strict()
      .superRefine((c, ctx) => {
        if (c.reportId !== null && c.reason === '') {
          ctx.addIssue({
            code: 'custom',
            path: ['reason'],
            message: 'Say why this report should drive grade and staging',
          });
        }
      }),
    output: ClinicalSummary,
  },

  /** Grade, stage (with the size source), readiness for the meeting, plan and driving report: the case page. */
  /** Without a meetingDate, readiness is judged for the case's next meeting on an agenda, else for today. */
  'clinical:summary': {
    input: z.object({ caseId: CaseId, meetingDate: MeetingDate.optional() }).strict(),
    output: ClinicalSummary,
  },
  /** Readiness at a glance for the case list: missing and stale counts per case. */
  'clinical:readinessCounts': {
    input: z
      .object({ caseIds: z.array(Id).max(1000, 'At most 1000 cases at once'), meetingDate: MeetingDate.optional() })
      .strict(),
    output: z.array(ReadinessCount),
  },

  /** Saves N, M, prefix, T by extent and a typed size; answers with the stage they give. */
  'staging:setInputs': {
    input: z.object({ caseId: CaseId, inputs: StagingInputsInput }).strict(),
    output: StageSummary,
  },

  'readiness:tick': { input: z.object({ caseId: CaseId, tick: TickInput }).strict(), output: ManualTickRecord },
  'readiness:untick': { input: z.object({ caseId: CaseId, item: ReadinessItemIdSchema }).strict(), output: Removed },
  'readiness:setStaleWeeks': {
    input: z
      .object({
        weeks: z
          .number({ message: 'Give a number of weeks' })
          .positive('Stale after must be more than 0 weeks')
          .max(52, 'Stale after is at most 52 weeks'),
      })
      .strict(),
    output: z.object({ staleWeeks: z.number() }),
  },

  'plan:set': { input: z.object({ caseId: CaseId, plan: PlanInput }).strict(), output: Plan },

  'timeline:list': { input: z.object({ caseId: CaseId }).strict(), output: z.array(TimelineEntry) },
  'timeline:addEvent': { input: z.object({ caseId: CaseId, event: EventInput }).strict(), output: CaseEvent },
  'timeline:removeEvent': { input: z.object({ id: Id }).strict(), output: Removed },

  /** Refused ('refused', field 'status') while work-up items are missing, unless an override says why (recorded as the signed-in user's). */
  'cases:markReady': {
    input: z.object({ caseId: CaseId, meetingDate: MeetingDate, override: ReadyOverrideInput.optional() }).strict(),
    output: MarkReadyResult,
  },
} as const;

export type ClinicalChannel = keyof typeof clinicalContract;
export const CLINICAL_CHANNELS = Object.keys(clinicalContract) as ClinicalChannel[];
