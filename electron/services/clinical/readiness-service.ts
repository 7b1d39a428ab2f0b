import type { Db } from '../../db/open';
import type { ReadinessItemId } from '../../../shared/clinical/readiness';
import type { ManualTickRecord, ReadinessCount, ReadinessView } from '../../../shared/domain/clinical';
import { DomainError } from '../errors';
import { assessCase, loadCaseData, type CaseData } from './case-data';
import * as sql from './clinical-sql';
import { assertCase } from './pathology-service';

export interface TickFields {
  item: ReadinessItemId;
  date: string;
  by: string;
  note: string;
}

function toTick(row: sql.TickRow): ManualTickRecord {
  return { id: row.id, caseId: row.case_id, item: row.item as ReadinessItemId, date: row.date, by: row.ticked_by, note: row.note, createdAt: row.created_at };
}

export function readinessView(data: CaseData, meetingDate: string, staleWeeks: number): ReadinessView {
  const { summary, notes } = assessCase(data, meetingDate, staleWeeks);
  return { meetingDate, staleWeeks, ...summary, ticks: data.ticks.map(toTick), notes };
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
    if (!(weeks > 0 && weeks <= 52)) throw new DomainError('invalid-input', 'Stale after must be more than 0 and at most 52 weeks', 'weeks');
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
  counts(caseIds: readonly number[], meetingDate: string): ReadinessCount[] {
    const weeks = this.staleWeeks();
    const unique = [...new Set(caseIds)];
    const data = loadCaseData(this.db, unique);
    return unique
      .filter((id) => data.has(id))
      .map((id) => {
        const { summary } = assessCase(data.get(id)!, meetingDate, weeks);
        return { caseId: id, missing: summary.missing, stale: summary.stale, ready: summary.ready };
      });
  }

  /** Ticks a work-up item by hand (evidence held elsewhere); ticking the same item again replaces the tick. */
  tick(caseId: number, t: TickFields): ManualTickRecord {
    const id = this.db.transaction(() => {
      assertCase(this.db, caseId);
      return sql.upsertTick(this.db, { case_id: caseId, item: t.item, date: t.date, ticked_by: t.by, note: t.note, created_at: this.now() });
    })();
    return toTick(sql.getTick(this.db, id)!);
  }

  untick(caseId: number, item: ReadinessItemId): void {
    assertCase(this.db, caseId);
    if (!sql.deleteTick(this.db, caseId, item)) throw new DomainError('not-found', `"${item}" is not ticked by hand on case ${caseId}`, 'item');
  }
}
