import type { CaseStatus, Sex, SiteChapter } from '../domain/case';
import type { AgendaItemState, MeetingStatus } from '../domain/meeting';
import type { GradeResult, PathologyReport } from '../domain/pathology';
import type { PlanOption, ReadinessView, StageSummary, TimelineEntry } from '../domain/clinical';
import type { ResponseView } from '../domain/response';
import type { SlideEdit } from './model';

/**
 * What a case's slides are built from: a plain object, assembled from the database by
 * electron/services/meetings/deck-data.ts (one call per meeting) or by hand in tests and benchmarks.
 */
export interface CaseDeckInput {
  caseId: number;
  patient: { familyName: string; givenNames: string; mrn: string; dateOfBirth: string; sex: Sex };
  /** The meeting's date (YYYY-MM-DD): readiness and age are for that day. */
  meetingDate: string;
  /** Age in whole years on the meeting date. */
  ageAtMeeting: number;
  tumourSite: string;
  siteChapter: SiteChapter;
  workingDiagnosis: string;
  clinicalHistory: string;
  boardQuestion: string;
  ecog: number | null;
  comorbidities: string;
  patientKnowledge: string;
  consultantName: string;
  consultantContact: string;
  referringHospital: string;
  status: CaseStatus;
  clinical: {
    grade: GradeResult;
    stage: Pick<
      StageSummary,
      | 'applicable'
      | 'T'
      | 'N'
      | 'M'
      | 'G'
      | 'stageGroup'
      | 'atLeastStageGroup'
      | 'atLeastReason'
      | 'explanation'
      | 'size'
      | 'pathological'
      | 'defaults'
    > & {
      inputs: Pick<StageSummary['inputs'], 'prefix' | 'note'>;
    };
    readiness: Pick<ReadinessView, 'ready' | 'missing' | 'stale'> & {
      /** Not yet decidable items; absent = 0. */
      pending?: number;
      items: { label: string; state: ReadinessView['items'][number]['state']; reason: string }[];
    };
    drivingReportId: number | null;
    drivingReason: string;
  };
  /** Oldest specimen first (as the clinical services list them). */
  pathology: DeckInputReport[];
  lesions: DeckInputLesion[];
  /** In the case's key image order. */
  keyImages: DeckInputKeyImage[];
  plan: { options: PlanOption[]; text: string };
  /**
   * Response to treatment across the patient's studies (tracked lesions): the Response slide is drawn when it has a
   * follow-up timepoint (`current`). null when the patient has no tracked lesions.
   */
  response: ResponseView | null;
  timeline: Pick<TimelineEntry, 'date' | 'kind' | 'title' | 'detail'>[];
}

export type DeckInputReport = Pick<
  PathologyReport,
  | 'id'
  | 'procedure'
  | 'specimenId'
  | 'specimenDate'
  | 'laboratory'
  | 'histotypeName'
  | 'coded'
  | 'icdO3'
  | 'grade'
  | 'neoadjuvantTherapy'
  | 'ihc'
  | 'molecular'
  | 'marginStatus'
  | 'closestMarginMm'
  | 'closestMarginLessThan'
  | 'margins'
  | 'treatmentEffect'
  | 'expertReview'
  | 'reportText'
>;

export interface DeckInputLesion {
  id: number;
  label: string;
  longCm: number | null;
  shortCm: number | null;
  craniocaudalCm: number | null;
  greatestDimensionCm: number | null;
  studyDate: string | null;
  source: 'measured' | 'typed';
  note: string;
}

export interface DeckInputKeyImage {
  id: number;
  caption: string;
  /** '/media/key-images/<id>.png': the PNG with the measurements burned in. */
  renderUrl: string;
  studyDate: string | null;
  seriesDescription: string | null;
  /** The measurements on the image as text (measurementText in shared/imaging/measurement-text.ts). */
  measurements: string[];
}

/** The agenda item a case deck is built for (absent for a case deck outside a meeting). */
export interface DeckAgendaItem {
  id: number;
  number: number;
  presenter: string;
  minutes: number;
  plannedStart: string;
  state: AgendaItemState;
  /** Earlier meetings of this case (oldest first), from the carry-over chain. */
  history: { meetingTitle: string; startsAt: string; state: AgendaItemState; deferredReason: string }[];
}

export interface DeckMeeting {
  id: number;
  title: string;
  boardType: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  place: string;
  videoLink: string;
  chair: string;
  coordinator: string;
  status: MeetingStatus;
}

/** One agenda item of a meeting deck: the item, its case record and the presenter's slide edits. */
export interface MeetingDeckItem {
  item: DeckAgendaItem;
  record: CaseDeckInput;
  edits: readonly SlideEdit[];
}
