import { dayMonthYear } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { EVENT_KIND_LABEL, type CaseEvent, type EventKind, type TimelineEntry } from '../../../shared/domain/clinical';
import { PROCEDURE_LABEL, isBiopsy, type PathologyReport } from '../../../shared/domain/pathology';
import { marginSummary, specimenSizeText } from '../../../shared/clinical/specimen';
import { DomainError } from '../errors';
import * as sql from './clinical-sql';
import { assertCase, groupBy, loadReports } from './pathology-service';
import { writeTransaction } from '../../db/transaction';

function toEvent(row: sql.EventRow): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as EventKind,
    date: row.date,
    text: row.text,
    createdAt: row.created_at,
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
// Same day: the order things happen in a work-up.
const RANK: Record<TimelineEntry['kind'], number> = {
  presentation: 0,
  study: 1,
  biopsy: 2,
  diagnosis: 3,
  review: 4,
  treatment: 5,
  discussion: 6,
};

function pathologyEntries(r: PathologyReport): TimelineEntry[] {
  const histotype = r.histotypeName ? `${r.histotypeName}${r.coded ? '' : ' (not coded)'}` : 'histotype not stated';
  const detail = [
    `FNCLCC ${r.grade.grade}${r.grade.source === 'reported' ? ' (as reported)' : ''}`,
    specimenSizeText(r) && `tumour ${specimenSizeText(r)}`,
    r.depth && r.depth !== 'not-assessable' ? r.depth : '',
    marginSummary(r),
    r.specimenId && `specimen ${r.specimenId}`,
    r.laboratory,
  ]
    .filter(Boolean)
    .join('; ');
  const entries: TimelineEntry[] = [
    {
      date: r.specimenDate,
      kind: isBiopsy(r.procedure) ? 'biopsy' : 'diagnosis',
      title: `${PROCEDURE_LABEL[r.procedure]}: ${histotype}`,
      detail,
      source: { type: 'pathology', id: r.id },
    },
  ];
  if (r.expertReview) {
    entries.push({
      date: r.expertReview.date,
      kind: 'review',
      title: `Expert pathology review (${r.expertReview.agreement})`,
      detail: `By ${r.expertReview.by}, of the ${PROCEDURE_LABEL[r.procedure].toLowerCase()} of ${dayMonthYear(r.specimenDate)}`,
      source: { type: 'pathology', id: r.id },
    });
  }
  return entries;
}

function studyEntries(rows: sql.StudySeriesRow[]): TimelineEntry[] {
  return [...groupBy(rows, (r) => r.study_instance_uid)].map(([uid, series]) => {
    const s = series[0];
    const real = series.filter((x) => x.series_instance_uid !== null);
    const modalities = [
      ...new Set(
        real.length
          ? real.map((x) => (x.modality ?? '').toUpperCase()).filter(Boolean)
          : (s.modalities_in_study ?? '').split('\\').filter(Boolean),
      ),
    ];
    const bodyParts = [...new Set(real.map((x) => x.body_part_examined).filter(Boolean))];
    const date =
      [s.study_date, ...series.map((x) => x.series_date)].find((d): d is string => !!d && ISO.test(d)) ?? null;
    return {
      date,
      kind: 'study' as const,
      title: [modalities.join('/'), s.study_description].filter(Boolean).join(': ') || 'Imported study',
      detail: [bodyParts.join(', '), real.length ? `${real.length} series` : '', date ? '' : 'no valid study date']
        .filter(Boolean)
        .join('; '),
      source: { type: 'study' as const, id: uid },
    };
  });
}

/**
 * The case timeline, drawn from the record: presentation and treatments (case_events), each imported study,
 * each pathology report (biopsy / diagnosis) and expert review. Board discussions join when meetings exist.
 * Sorted by date (a month-only date sorts before the days of that month); undated studies last.
 */
export class TimelineService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(caseId: number): TimelineEntry[] {
    assertCase(this.db, caseId);
    const entries: TimelineEntry[] = [
      ...sql.eventsOfCase(this.db, caseId).map((e): TimelineEntry => ({
        date: e.date,
        kind: e.kind === 'presentation' ? 'presentation' : 'treatment',
        title: EVENT_KIND_LABEL[e.kind as EventKind],
        detail: e.text,
        source: { type: 'event', id: e.id },
      })),
      ...studyEntries(sql.studySeriesOfCases(this.db, [caseId])),
      ...(loadReports(this.db, [caseId]).get(caseId) ?? []).flatMap(pathologyEntries),
    ];
    return entries
      .map((e, i) => ({ e, i }))
      .sort((a, b) => {
        if (a.e.date === null || b.e.date === null)
          return a.e.date === b.e.date ? a.i - b.i : a.e.date === null ? 1 : -1;
        return a.e.date.localeCompare(b.e.date) || RANK[a.e.kind] - RANK[b.e.kind] || a.i - b.i;
      })
      .map((x) => x.e);
  }

  events(caseId: number): CaseEvent[] {
    assertCase(this.db, caseId);
    return sql.eventsOfCase(this.db, caseId).map(toEvent);
  }

  addEvent(caseId: number, e: { kind: EventKind; date: string; text: string }): CaseEvent {
    const id = writeTransaction(this.db, () => {
      assertCase(this.db, caseId);
      if (e.kind === 'presentation') {
        const existing = sql.presentationOf(this.db, caseId);
        if (existing) {
          throw new DomainError(
            'conflict',
            `This case already has a presentation date (${dayMonthYear(existing.date)}). Remove it before adding another.`,
            'kind',
          );
        }
      }
      return sql.insertEvent(this.db, {
        case_id: caseId,
        kind: e.kind,
        date: e.date,
        text: e.text,
        created_at: this.now(),
      });
    });
    return toEvent(sql.getEvent(this.db, id)!);
  }

  removeEvent(id: number): void {
    if (!sql.deleteEvent(this.db, id)) throw new DomainError('not-found', `Timeline event ${id} does not exist`);
  }
}
