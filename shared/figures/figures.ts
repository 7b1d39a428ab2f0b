import { z } from 'zod';
import { IsoDate } from '../domain/case';
import { BoardType } from '../domain/meeting';

/**
 * Service figures (issue 14 item 11): what a board's meetings did over a date range, for the service's own review.
 * One shape for the screen, its charts, their tables and the CSV (figures-csv.ts), so they always agree.
 */

/** Which meetings count: one board (meetings.board_type) or all, and the meeting's day from/to (both included). */
export const FiguresQuery = z
  .object({ boardSlug: BoardType.optional(), from: IsoDate.optional(), to: IsoDate.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '"From" is after "To"', path: ['to'] });
export type FiguresQuery = z.output<typeof FiguresQuery>;

/** Median and range of a number of days; null when nothing was measured. */
export const DaySpread = z.object({
  count: z.number().int(),
  median: z.number().nullable(),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
});
export type DaySpread = z.infer<typeof DaySpread>;

/** One meeting's figures. Dates are data here ('YYYY-MM-DD'); screens format them with shared/dates. */
export const MeetingFigures = z.object({
  meetingId: z.number().int(),
  boardSlug: z.string(),
  title: z.string(),
  /** The meeting's day, 'YYYY-MM-DD'. */
  date: z.string(),
  status: z.enum(['scheduled', 'in-progress', 'finished']),
  /** Cases on the agenda. */
  cases: z.number().int(),
  discussed: z.number().int(),
  deferred: z.number().int(),
  /** Not discussed, and still pending once the meeting finished. */
  notReached: z.number().int(),
  /** Still pending on a meeting not finished yet. */
  pending: z.number().int(),
  /** Cases whose status was 'ready' at the submission cut-off; null while the cut-off is still ahead. */
  readyAtCutoff: z.number().int().nullable(),
  /** Days from referral (else the case's creation) to this meeting, for the cases it was the first board of. */
  referralToBoard: DaySpread,
  /** Signed-off decisions (outcome discussed) on this meeting, and how many have no letter yet. */
  decided: z.number().int(),
  withoutLetter: z.number().int(),
  /** Days from sign-off to the first letter produced for the case, for the decided cases with a letter. */
  decisionToLetter: DaySpread,
  /** Actions set by this meeting's decisions still open, and those of them past their due date. */
  openActions: z.number().int(),
  overdueActions: z.number().int(),
});
export type MeetingFigures = z.infer<typeof MeetingFigures>;

export const Figures = z.object({
  /** Every board with meetings or a template, to choose from. */
  boards: z.array(z.object({ slug: z.string(), name: z.string() })),
  /** The day the figures were computed ('YYYY-MM-DD', local): "overdue" is due before it. */
  today: z.string(),
  meetings: z.array(MeetingFigures),
  /** Over all meetings shown. */
  totals: z.object({
    cases: z.number().int(),
    discussed: z.number().int(),
    deferred: z.number().int(),
    notReached: z.number().int(),
    readyAtCutoff: z.number().int(),
    /** Cases of the meetings whose cut-off has passed (what readyAtCutoff is out of). */
    casesPastCutoff: z.number().int(),
    referralToBoard: DaySpread,
    /** Cases left out of referralToBoard: recorded after their first board (e.g. loaded later). */
    referralRecordedLater: z.number().int(),
    decided: z.number().int(),
    withoutLetter: z.number().int(),
    decisionToLetter: DaySpread,
    openActions: z.number().int(),
    overdueActions: z.number().int(),
  }),
});
export type Figures = z.infer<typeof Figures>;

/** Median and range of whole-day counts. */
export function spreadOf(days: readonly number[]): DaySpread {
  if (days.length === 0) return { count: 0, median: null, min: null, max: null };
  const sorted = [...days].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}
