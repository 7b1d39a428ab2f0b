import { z } from 'zod';
import { ReadinessItemId } from '../clinical/readiness';
import { CaseStatus, CaseSummary, IsoDate, SiteChapter } from './case';

/** Grades a case can be filtered by (FNCLCC; GX: not gradable or not yet graded). */
export const GradeFilter = z.enum(['G1', 'G2', 'G3', 'GX']);
export type GradeFilter = z.infer<typeof GradeFilter>;

/** AJCC 8th stage groups (shared/clinical/staging.ts StageGroup), in order. */
export const StageGroupFilter = z.enum(['IA', 'IB', 'II', 'IIIA', 'IIIB', 'IV']);
export type StageGroupFilter = z.infer<typeof StageGroupFilter>;

/** Which date a date range applies to. */
export const DateField = z.enum(['created', 'updated', 'meeting']);
export type DateField = z.infer<typeof DateField>;
export const DATE_FIELD_LABEL: Record<DateField, string> = {
  created: 'Created',
  updated: 'Last changed',
  meeting: 'Next meeting',
};

/**
 * The filters of the case list, all optional and combined with AND. `awaiting` is a readiness item that is still
 * open (missing or pending) for the case's next meeting; `meetingId` the case's next meeting on an agenda;
 * `noMeeting` the cases on no coming agenda. Dates are inclusive (YYYY-MM-DD).
 */
export const CaseFilters = z
  .object({
    status: CaseStatus.optional(),
    consultant: z.string().trim().max(200).optional(),
    siteChapter: SiteChapter.optional(),
    histotypeId: z.string().trim().min(1).max(100).optional(),
    grade: GradeFilter.optional(),
    stageGroup: StageGroupFilter.optional(),
    awaiting: ReadinessItemId.optional(),
    ready: z.boolean().optional(),
    meetingId: z.number().int().positive().optional(),
    noMeeting: z.boolean().optional(),
    dateField: DateField.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();
export type CaseFilters = z.infer<typeof CaseFilters>;

/** One page of the case list and how many cases match in all. */
export const CasePage = z.object({ rows: z.array(CaseSummary), total: z.number().int() });
export type CasePage = z.infer<typeof CasePage>;

/** The most rows one call answers (the list loads more as it scrolls). */
export const CASE_PAGE_MAX = 200;

/** What the filter controls offer: the consultants on record, histotypes in use, coming meetings. */
export const CaseFilterOptions = z.object({
  consultants: z.array(z.string()),
  histotypes: z.array(z.object({ id: z.string(), label: z.string() })),
  meetings: z.array(z.object({ id: z.number().int(), title: z.string(), startsAt: z.string() })),
});
export type CaseFilterOptions = z.infer<typeof CaseFilterOptions>;

/** A named search of the signed-in user: the text and the filters. */
export const SavedFilterBody = z.object({ query: z.string().max(200).default(''), filters: CaseFilters });
export type SavedFilterBody = z.infer<typeof SavedFilterBody>;
export const SavedFilter = SavedFilterBody.extend({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;

/** True when no filter is set (an empty search). */
export const noFilters = (f: CaseFilters) => Object.values(f).every((v) => v === undefined || v === '');
