import { dayMonthYear, localIsoDate } from '../../../shared/dates';
import type { Db } from '../../db/open';
import type { ReadinessItemId } from '../../../shared/clinical/readiness';
import type {
  ManualTickRecord,
  ReadinessCount,
  ReadinessMeeting,
  ReadinessView,
} from '../../../shared/domain/clinical';
import { DomainError } from '../errors';
import { assessCase, loadCaseData, type CaseData } from './case-data';
import * as sql from './clinical-sql';
import { assertCase } from './pathology-service';
import { writeTransaction } from '../../db/transaction';
import type { Attribution } from '../attribution';

export interface TickFields {
  item: ReadinessItemId;
  date: string;
  note: string;
}

function toTick(row: sql.TickRow): ManualTickRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    item: row.item as ReadinessItemId,
    date: row.date,
    by: row.ticked_by,
    note: row.note,
    createdAt: row.created_at,
  };
}

export function readinessView(
  data: CaseData,
  meetingDate: string,
  staleWeeks: number,
  meeting: ReadinessMeeting | null = null,
): ReadinessView {
  const { summary, notes } = assessCase(data, meetingDate, staleWeeks);
  return { meetingDate, meeting, staleWeeks, ...summary, ticks: data.ticks.map(toTick), notes };
}

/**
 * What each case's readiness is judged for: the date asked; without one, the case's next meeting on an agenda,
 * else today.
 */
export function readinessDates(
  db: Db,
  caseIds: readonly number[],
  meetingDate: string | undefined,
  now: () => string,
): Map<number, { date: string; meeting: ReadinessMeeting | null }> {
  if (meetingDate) return new Map(caseIds.map((id) => [id, { date: meetingDate, meeting: null }]));
  const today = localIsoDate(new Date(now()));
  const next = sql.nextMeetingsOf(db, caseIds, today);
  return new Map(
    caseIds.map((id) => {
      const m = next.get(id);
      return [
        id,
        m
          ? { date: m.starts_at.slice(0, 10), meeting: { id: m.id, title: m.title, startsAt: m.starts_at } }
          : { date: today, meeting: null },
      ];
    }),
  );
}

/**
 * The work-up checklist of a case for a meeting date (assessReadiness, shared/clinical/readiness.ts: reference
 * "Work-up a sarcoma case needs before the board"), its manual ticks, and the board-wide "stale after" setting.
 */
export class ReadinessService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  staleWeeks(): number {
    return sql.staleWeeks(this.db);
  }

  setStaleWeeks(weeks: number): { staleWeeks: number } {
    if (!(weeks > 0 && weeks <= 52))
      throw new DomainError('invalid-input', 'Stale after must be more than 0 and at most 52 weeks', 'weeks');
    sql.setStaleWeeks(this.db, weeks);
    return { staleWeeks: this.staleWeeks() };
  }

  view(caseId: number, meetingDate: string): ReadinessView {
    assertCase(this.db, caseId);
    return readinessView(loadCaseData(this.db, [caseId]).get(caseId)!, meetingDate, this.staleWeeks());
  }

  /**
   * Missing/stale counts for the case list: one batch load (a fixed number of queries for any number of cases),
   * then the pure rules per case. Ids that are not cases are left out.
   */
  counts(caseIds: readonly number[], meetingDate?: string): ReadinessCount[] {
    const weeks = this.staleWeeks();
    const unique = [...new Set(caseIds)];
    const data = loadCaseData(this.db, unique);
    const dates = readinessDates(this.db, unique, meetingDate, this.now);
    return unique
      .filter((id) => data.has(id))
      .map((id) => {
        const { date, meeting } = dates.get(id)!;
        const { summary } = assessCase(data.get(id)!, date, weeks);
        return {
          caseId: id,
          meetingDate: date,
          meeting,
          missing: summary.missing,
          pending: summary.pending,
          stale: summary.stale,
          ready: summary.ready,
        };
      });
  }

  /**
   * Ticks a work-up item by hand (evidence held elsewhere) as `by` (the signed-in user); ticking the same item again
   * replaces the tick, and who ticked it.
   */
  tick(caseId: number, t: TickFields, by: Attribution): ManualTickRecord {
    // A tick records evidence that exists: it cannot be dated after today (docs/clinical-rules.md#evidence-after-the-meeting).
    const today = localIsoDate(new Date(this.now()));
    if (t.date > today)
      throw new DomainError(
        'invalid-input',
        `The evidence is dated ${dayMonthYear(t.date)}, which is in the future: give the date it was done (today, ${dayMonthYear(today)}, at the latest).`,
        'date',
      );
    const id = writeTransaction(this.db, () => {
      assertCase(this.db, caseId);
      return sql.upsertTick(this.db, {
        case_id: caseId,
        item: t.item,
        date: t.date,
        ticked_by: by.name,
        ticked_by_user_id: by.userId,
        note: t.note,
        created_at: this.now(),
      });
    });
    return toTick(sql.getTick(this.db, id)!);
  }

  untick(caseId: number, item: ReadinessItemId): void {
    assertCase(this.db, caseId);
    if (!sql.deleteTick(this.db, caseId, item))
      throw new DomainError('not-found', `"${item}" is not ticked by hand on case ${caseId}`, 'item');
  }
}
