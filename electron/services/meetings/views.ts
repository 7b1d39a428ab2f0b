import type { Db } from '../../db/open';
import { ageOn, displayName, type CaseStatus, type Sex, type SiteChapter } from '../../../shared/domain/case';
import { addMinutes, wallDateTime } from '../../../shared/dates';
import {
  type AgendaHistoryEntry,
  type AgendaItemState,
  type AgendaItemView,
  type MeetingDetail,
  type MeetingRef,
  type MeetingStatus,
  type MeetingSummary,
} from '../../../shared/domain/meeting';
import type { ClinicalServices } from '../clinical';
import { DomainError } from '../errors';
import { historyDecisionsOf } from './decision-values';
import * as sql from './meetings-sql';

/** What the meetings services share: the database, the clinical rules (readiness) and the clocks. */
export interface MeetingsContext {
  db: Db;
  clinical: ClinicalServices;
  /** An instant, ISO 8601 UTC: stamps rows. */
  now: () => string;
  /** The local wall-clock time now ('YYYY-MM-DDTHH:MM'): decides what is upcoming and what is past. */
  localNow: () => string;
}

export const meetingDay = (startsAt: string) => startsAt.slice(0, 10);

export function toSummary(row: sql.MeetingListRow, localNow: string): MeetingSummary {
  const endsAt = addMinutes(row.starts_at, row.duration_minutes);
  const status = row.status as MeetingStatus;
  return {
    id: row.id,
    boardType: row.board_type,
    title: row.title,
    startsAt: row.starts_at,
    endsAt,
    durationMinutes: row.duration_minutes,
    place: row.place,
    videoLink: row.video_link,
    chair: row.chair,
    coordinator: row.coordinator,
    submissionCutoff: row.submission_cutoff,
    status,
    version: row.version,
    caseCount: row.case_count,
    totalMinutes: row.total_minutes,
    minutesLeft: row.duration_minutes - row.total_minutes,
    when: status !== 'finished' && endsAt > localNow ? 'upcoming' : 'past',
    awaitingCarryOver: row.awaiting_carry_over,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const toRef = (row: sql.MeetingRow): MeetingRef => ({
  id: row.id,
  title: row.title,
  startsAt: row.starts_at,
  status: row.status as MeetingStatus,
});

export function assertMeeting(db: Db, id: number): sql.MeetingRow {
  const row = sql.getMeeting(db, id);
  if (!row) throw new DomainError('not-found', `Meeting ${id} does not exist`);
  return row;
}

export function assertItem(db: Db, id: number): sql.ItemRow {
  const row = sql.getItem(db, id);
  if (!row) throw new DomainError('not-found', `Agenda item ${id} does not exist`);
  return row;
}

const when = (m: sql.MeetingRow) => `${m.title} (${wallDateTime(m.starts_at)})`;

/** Agenda changes are refused once the meeting is finished: its agenda is the record of what happened. */
export function assertAgendaOpen(m: sql.MeetingRow): void {
  if (m.status === 'finished') {
    throw new DomainError('refused', `${when(m)} is finished: its agenda is part of the record and cannot be changed.`);
  }
}

/** Earlier meetings of each carried-over item, oldest first, keyed by item id. */
export function historiesOf(db: Db, meetingId: number): Map<number, AgendaHistoryEntry[]> {
  const out = new Map<number, AgendaHistoryEntry[]>();
  const rows = sql.historyOfMeetingItems(db, meetingId);
  const decisions = historyDecisionsOf(db, [...new Set(rows.map((h) => h.item_id))]);
  for (const h of rows) {
    const list = out.get(h.start_id) ?? [];
    // Rows come nearest first; the history reads oldest first.
    list.unshift({
      itemId: h.item_id,
      meetingId: h.meeting_id,
      meetingTitle: h.title,
      startsAt: h.starts_at,
      state: h.state as AgendaItemState,
      deferredReason: h.deferred_reason,
      decision: decisions.get(h.item_id) ?? null,
    });
    out.set(h.start_id, list);
  }
  return out;
}

/** The agenda of a meeting as the agenda screen shows it (a fixed number of queries for any number of cases). */
export function agendaItems(ctx: MeetingsContext, meeting: sql.MeetingRow): AgendaItemView[] {
  const rows = sql.itemViewsOfMeeting(ctx.db, meeting.id);
  const day = meetingDay(meeting.starts_at);
  const readiness = new Map(
    ctx.clinical
      .readinessCounts(
        rows.map((r) => r.case_id),
        day,
      )
      .map((r) => [r.caseId, r]),
  );
  const histories = historiesOf(ctx.db, meeting.id);
  let offset = 0;
  return rows.map((r, i) => {
    const ready = readiness.get(r.case_id);
    const view: AgendaItemView = {
      id: r.id,
      meetingId: r.meeting_id,
      caseId: r.case_id,
      position: r.position,
      number: i + 1,
      presenter: r.presenter,
      minutes: r.minutes,
      offsetMinutes: offset,
      plannedStart: addMinutes(meeting.starts_at, offset),
      state: r.state as AgendaItemState,
      deferredReason: r.deferred_reason,
      carriedFromItemId: r.carried_from_item_id,
      carriedToItemId: r.carried_to_item_id,
      case: {
        patientName: displayName({ familyName: r.family_name, givenNames: r.given_names }),
        mrn: r.mrn,
        sex: r.sex as Sex,
        ageAtMeeting: ageOn(r.date_of_birth, day),
        tumourSite: r.tumour_site,
        siteChapter: r.site_chapter as SiteChapter,
        workingDiagnosis: r.working_diagnosis,
        consultantName: r.consultant_name,
        status: r.case_status as CaseStatus,
      },
      readiness: ready
        ? { missing: ready.missing, pending: ready.pending, stale: ready.stale, ready: ready.ready }
        : { missing: 0, pending: 0, stale: 0, ready: false },
      decision: {
        status: r.decision_id === null ? 'none' : r.signed_off_at ? 'signed' : 'draft',
        amendments: r.amendments,
      },
      history: histories.get(r.id) ?? [],
    };
    offset += r.minutes;
    return view;
  });
}

export function meetingDetail(ctx: MeetingsContext, id: number): MeetingDetail {
  const totals = sql.getMeetingTotals(ctx.db, id);
  if (!totals) throw new DomainError('not-found', `Meeting ${id} does not exist`);
  const next = sql.nextMeetingAfter(ctx.db, totals);
  return {
    ...toSummary(totals, ctx.localNow()),
    items: agendaItems(ctx, totals),
    nextMeeting: next ? toRef(next) : null,
  };
}
