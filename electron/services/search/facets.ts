import { localIsoDate } from '../../../shared/dates';
import { findHistotype } from '../../../shared/clinical/histotypes';
import type { SiteChapter } from '../../../shared/domain/case';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { assessCase, loadCaseData } from '../clinical/case-data';
import * as clinicalSql from '../clinical/clinical-sql';
import { readinessDates } from '../clinical/readiness-service';
import { stageFor } from '../clinical/staging-service';
import * as sql from './search-sql';

/**
 * The case_facets table (migration 0011): grade, stage group, histotype, open readiness items, next meeting and
 * the free-text words of each case, computed by the same rules the Clinical tab uses (assessCase, stageFor) so search never disagrees with
 * the record. Triggers mark a row stale when anything those rules read changes; `refreshStale` recomputes the due
 * rows (stale, or judged for a meeting that has passed) before the list queries, in chunks so a first run over a
 * whole imported database never holds the write lock for long.
 */

const CHUNK = 250;

export interface FacetValues {
  case_id: number;
  histotype_id: string | null;
  histotype_label: string;
  grade: string | null;
  stage_group: string | null;
  open_items: string;
  ready: number;
  next_meeting_id: number | null;
  next_meeting_date: string | null;
  judged_for: string | null;
  search_text: string;
  computed_at: string;
}

/** The facets of `caseIds` as the clinical rules give them now. */
export function computeFacets(db: Db, caseIds: readonly number[], now: string): FacetValues[] {
  const weeks = clinicalSql.staleWeeks(db);
  const data = loadCaseData(db, caseIds);
  const dates = readinessDates(db, caseIds, undefined, () => now);
  const texts = sql.caseTexts(db, caseIds);
  const out: FacetValues[] = [];
  for (const id of caseIds) {
    const d = data.get(id);
    const text = texts.get(id);
    if (!d || !text) continue;
    const { date, meeting } = dates.get(id)!;
    const { summary, grade } = assessCase(d, date, weeks);
    const stage = stageFor(db, id, d.siteChapter as SiteChapter, grade, d.reports, {
      meetingDate: date,
      staleWeeks: weeks,
    });
    const driving = grade.driving;
    const histotypeId = driving?.coded ? driving.histotypeId : null;
    const histotypeLabel = histotypeId
      ? (findHistotype(histotypeId)?.name ?? histotypeId)
      : (driving?.histotypeText ?? '');
    // The grade the record shows (GX when not gradable or components are missing); none without a report.
    const g = grade.grade.status === 'no-report' ? null : grade.grade.grade;
    const group = stage.applicable ? (stage.atLeastStageGroup ?? stage.stageGroup) : null;
    const open = summary.items.filter((i) => i.state === 'missing' || i.state === 'pending').map((i) => i.id);
    out.push({
      case_id: id,
      histotype_id: histotypeId,
      histotype_label: histotypeLabel,
      grade: g,
      stage_group: group,
      open_items: ` ${open.join(' ')} `,
      ready: summary.ready ? 1 : 0,
      next_meeting_id: meeting?.id ?? null,
      next_meeting_date: meeting ? meeting.startsAt.slice(0, 10) : null,
      judged_for: meeting ? date : null,
      // One string, fields joined by a line break so a word never matches across two of them.
      search_text: [
        text.family_name,
        text.given_names,
        text.mrn,
        text.working_diagnosis,
        text.tumour_site,
        text.consultant_name,
        histotypeLabel,
        g ?? '',
        group ? `stage ${group}` : '',
      ]
        .join('\n')
        .toLowerCase(),
      computed_at: now,
    });
  }
  return out;
}

/** Recomputes every due facet row; returns how many. */
export function refreshStale(db: Db, now: string): number {
  const today = localIsoDate(new Date(now));
  let done = 0;
  for (;;) {
    // Most reads find nothing due: look first, and take the write lock only when there is work.
    if (!sql.dueFacetIds(db, today, 1).length) return done;
    const n = writeTransaction(db, () => {
      const ids = sql.dueFacetIds(db, today, CHUNK);
      if (ids.length) sql.writeFacets(db, computeFacets(db, ids, now));
      return ids.length;
    });
    done += n;
    if (n < CHUNK) return done;
  }
}
