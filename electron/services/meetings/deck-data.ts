import type { Db } from '../../db/open';
import { ageOn, type CaseStatus, type Sex, type SiteChapter } from '../../../shared/domain/case';
import { addMinutes } from '../../../shared/dates';
import { type AgendaItemState, type MeetingStatus } from '../../../shared/domain/meeting';
import type { Annotation } from '../../../shared/domain/imaging';
import { measurementText } from '../../../shared/imaging/measurement-text';
import type { CaseDeckInput, DeckAgendaItem, DeckMeeting, MeetingDeckItem } from '../../../shared/deck/input';
import { buildCaseDeck } from '../../../shared/deck/build';
import type { CaseDeck, SlideEdit } from '../../../shared/deck/model';
import { caseGrade, loadCaseData } from '../clinical/case-data';
import * as clinicalSql from '../clinical/clinical-sql';
import { planOf } from '../clinical/plan-service';
import { readinessView } from '../clinical/readiness-service';
import { stageFor } from '../clinical/staging-service';
import { TimelineService } from '../clinical/timeline-service';
import * as imagingSql from '../imaging/imaging-sql';
import { renderUrl } from '../imaging/key-images-service';
import { LesionsService } from '../imaging/lesions-service';
import { responseViewForCase } from '../imaging/tracking-service';
import * as sql from './meetings-sql';
import { assertItem, assertMeeting, historiesOf, meetingDay } from './views';

export function toSlideEdit(row: sql.DeckEditRow): SlideEdit {
  return {
    slideKey: row.slide_key,
    hidden: row.hidden === 1,
    position: row.position,
    text: JSON.parse(row.text_json) as Record<string, string>,
  };
}

export function deckMeeting(row: sql.MeetingRow): DeckMeeting {
  return {
    id: row.id,
    title: row.title,
    boardType: row.board_type,
    startsAt: row.starts_at,
    endsAt: addMinutes(row.starts_at, row.duration_minutes),
    durationMinutes: row.duration_minutes,
    place: row.place,
    videoLink: row.video_link,
    chair: row.chair,
    coordinator: row.coordinator,
    status: row.status as MeetingStatus,
  };
}

function keyImagesOf(db: Db, caseId: number): CaseDeckInput['keyImages'] {
  return imagingSql.listKeyImages(db, caseId).map((k) => ({
    id: k.id,
    caption: k.caption,
    renderUrl: renderUrl(k.id),
    studyDate: k.study_date,
    seriesDescription: k.series_description,
    measurements: (JSON.parse(k.annotations_json) as Annotation[])
      .map(measurementText)
      .filter((t): t is string => t !== null),
  }));
}

/**
 * Everything the slides of a meeting are built from, for every agenda item (or only `onlyItemId`), in agenda
 * order. Grade and readiness come from one batch load for all cases (loadCaseData: a fixed number of queries);
 * stage, plan, timeline, lesions and key images reuse the clinical and imaging services' own functions per case,
 * so the slides say exactly what the case page says.
 */
export function loadMeetingDeckData(
  db: Db,
  meetingId: number,
  onlyItemId: number | null = null,
): { meeting: DeckMeeting; items: MeetingDeckItem[] } {
  const meetingRow = assertMeeting(db, meetingId);
  const day = meetingDay(meetingRow.starts_at);
  const all = sql.deckRowsOfMeeting(db, meetingId);
  const rows = onlyItemId === null ? all : all.filter((r) => r.id === onlyItemId);
  const caseIds = rows.map((r) => r.case_id);
  const data = loadCaseData(db, caseIds);
  const weeks = clinicalSql.staleWeeks(db);
  const histories = historiesOf(db, meetingId);
  const edits = new Map<number, SlideEdit[]>();
  for (const e of sql.editsOfItems(
    db,
    rows.map((r) => r.id),
  )) {
    const list = edits.get(e.item_id) ?? [];
    list.push(toSlideEdit(e));
    edits.set(e.item_id, list);
  }
  const timeline = new TimelineService(db);
  const lesions = new LesionsService(db);

  // Numbers and planned start times come from the whole agenda, also when one item is asked for.
  const placement = new Map<number, { number: number; plannedStart: string }>();
  let offset = 0;
  all.forEach((r, i) => {
    placement.set(r.id, { number: i + 1, plannedStart: addMinutes(meetingRow.starts_at, offset) });
    offset += r.minutes;
  });

  const items = rows.map((r): MeetingDeckItem => {
    const caseData = data.get(r.case_id)!;
    const grade = caseGrade(caseData.reports);
    const site = r.site_chapter as SiteChapter;
    const stage = stageFor(db, r.case_id, site, grade, caseData.reports, { meetingDate: day, staleWeeks: weeks });
    const readiness = readinessView(caseData, day, weeks);
    const plan = planOf(db, r.case_id);
    const record: CaseDeckInput = {
      caseId: r.case_id,
      patient: {
        familyName: r.family_name,
        givenNames: r.given_names,
        mrn: r.mrn,
        dateOfBirth: r.date_of_birth,
        sex: r.sex as Sex,
      },
      meetingDate: day,
      ageAtMeeting: ageOn(r.date_of_birth, day),
      tumourSite: r.tumour_site,
      siteChapter: site,
      workingDiagnosis: r.working_diagnosis,
      clinicalHistory: r.clinical_history,
      boardQuestion: r.board_question,
      ecog: r.ecog,
      comorbidities: r.comorbidities,
      patientKnowledge: r.patient_knowledge,
      consultantName: r.consultant_name,
      consultantContact: r.consultant_contact,
      referringHospital: r.referring_hospital,
      status: r.case_status as CaseStatus,
      clinical: {
        grade: grade.grade,
        stage,
        readiness: {
          ready: readiness.ready,
          missing: readiness.missing,
          pending: readiness.pending,
          stale: readiness.stale,
          items: readiness.items.map((i) => ({ label: i.label, state: i.state, reason: i.reason })),
        },
        drivingReportId: grade.driving?.id ?? null,
        drivingReason: grade.drivingReason,
      },
      pathology: caseData.reports,
      lesions: lesions.list(r.case_id),
      keyImages: keyImagesOf(db, r.case_id),
      plan: { options: plan.options, text: plan.text },
      // The patient's tracked lesions and timepoints: a Response slide when there is a follow-up.
      response: responseViewForCase(db, r.case_id),
      timeline: timeline.list(r.case_id),
    };
    const place = placement.get(r.id)!;
    const item: DeckAgendaItem = {
      id: r.id,
      number: place.number,
      presenter: r.presenter,
      minutes: r.minutes,
      plannedStart: place.plannedStart,
      state: r.state as AgendaItemState,
      history: (histories.get(r.id) ?? []).map((h) => ({
        meetingTitle: h.meetingTitle,
        startsAt: h.startsAt,
        state: h.state,
        deferredReason: h.deferredReason,
      })),
    };
    return { item, record, edits: edits.get(r.id) ?? [] };
  });
  return { meeting: deckMeeting(meetingRow), items };
}

/**
 * One agenda item's slides as the record and the presenter's edits make them now (hidden ones flagged, not
 * de-identified): the slide editor's deck, and what sign-off freezes (freeze-service.ts).
 */
export function liveCaseDeck(db: Db, itemId: number): CaseDeck {
  const row = assertItem(db, itemId);
  const { items } = loadMeetingDeckData(db, row.meeting_id, itemId);
  const { record, item, edits } = items[0];
  return buildCaseDeck(record, { item, edits });
}
