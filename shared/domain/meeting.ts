import { z } from 'zod';
import { CaseStatus, IsoDate, Sex, SiteChapter } from './case';
import { PlanOption } from './clinical';

/**
 * Board meetings (issue 5): the meeting, its agenda, and the decision captured per case.
 *
 * Times are local wall-clock times, 'YYYY-MM-DDTHH:MM', as the board's invitation states them: the meeting
 * happens in one place, and storing a zone would only make "13:00" move when a laptop travels.
 */

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (label: string, max: number) => text(max).min(1, `${label} is required`);

/** 'YYYY-MM-DDTHH:MM' that really exists. */
export const LocalDateTime = z
  .string()
  // An empty field is asked for in words; the format is named only to whoever types one (the CLI, the API).
  .min(1, 'Give the date and time')
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use the format YYYY-MM-DDTHH:MM (e.g. 2026-12-10T13:00)')
  .refine((s) => {
    const d = new Date(`${s}:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 16) === s;
  }, 'Not a real date and time');
export type LocalDateTime = z.infer<typeof LocalDateTime>;

// ---- Meetings -----------------------------------------------------------------------------------------------

export const BoardType = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'Board type is a short name in lower case, e.g. sarcoma');
export const BOARD_TYPE_LABEL: Record<string, string> = { sarcoma: 'Sarcoma' };
export const boardTypeLabel = (t: string) =>
  BOARD_TYPE_LABEL[t] ?? t.charAt(0).toUpperCase() + t.slice(1).replace(/-/g, ' ');

export const MEETING_STATUSES = ['scheduled', 'in-progress', 'finished'] as const;
export const MeetingStatus = z.enum(MEETING_STATUSES, {
  message: 'Meeting status is scheduled, in progress or finished',
});
export type MeetingStatus = z.infer<typeof MeetingStatus>;
export const MEETING_STATUS_LABEL: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  'in-progress': 'In progress',
  finished: 'Finished',
};

export const MeetingFields = z
  .object({
    boardType: BoardType.default('sarcoma'),
    title: required('Title', 200),
    startsAt: LocalDateTime,
    durationMinutes: z
      .number({ message: 'Give the length in minutes' })
      .int('Length is a whole number of minutes')
      .min(5, 'A meeting is at least 5 minutes')
      .max(720, 'A meeting is at most 12 hours'),
    place: text(200).default(''),
    videoLink: text(500)
      .refine((s) => s === '' || /^https?:\/\/\S+$/.test(s), 'A video link starts with https:// (or http://)')
      .default(''),
    chair: text(200).default(''),
    coordinator: text(200).default(''),
    /** Cases should be submitted by then; null when the board has no cut-off. */
    submissionCutoff: LocalDateTime.nullable().default(null),
  })
  .strict();
export const MeetingInput = MeetingFields.superRefine((m, ctx) => {
  if (m.submissionCutoff !== null && m.submissionCutoff > m.startsAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['submissionCutoff'],
      message: 'The submission cut-off is after the meeting starts',
    });
  }
});
export type MeetingInput = z.input<typeof MeetingInput>;
export type MeetingFieldsValue = z.output<typeof MeetingFields>;

export const MeetingSummary = z.object({
  id: z.number().int(),
  boardType: z.string(),
  title: z.string(),
  startsAt: z.string(),
  /** startsAt + durationMinutes. */
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  place: z.string(),
  videoLink: z.string(),
  chair: z.string(),
  coordinator: z.string(),
  submissionCutoff: z.string().nullable(),
  status: MeetingStatus,
  /** Bumped on every change of the meeting's details; an update must name the version it started from. */
  version: z.number().int(),
  caseCount: z.number().int(),
  /** Sum of the minutes allotted to the cases. */
  totalMinutes: z.number().int(),
  /** durationMinutes - totalMinutes: negative when the agenda runs over. */
  minutesLeft: z.number().int(),
  /** upcoming: not finished and not yet ended; past: finished, or its end time has passed. */
  when: z.enum(['upcoming', 'past']),
  /** Cases not discussed or deferred that are not yet on a later meeting (see agenda:carryOver). */
  awaitingCarryOver: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

// ---- Agenda -------------------------------------------------------------------------------------------------

export const AGENDA_STATES = ['pending', 'discussed', 'deferred', 'not-discussed'] as const;
export const AgendaItemState = z.enum(AGENDA_STATES);
export type AgendaItemState = z.infer<typeof AgendaItemState>;
export const AGENDA_STATE_LABEL: Record<AgendaItemState, string> = {
  pending: 'To discuss',
  discussed: 'Discussed',
  deferred: 'Deferred',
  'not-discussed': 'Not discussed',
};

export const Presenter = text(200);
export const ItemMinutes = z
  .number({ message: 'Give the minutes for this case' })
  .int('Minutes are a whole number')
  .min(1, 'At least 1 minute')
  .max(240, 'At most 240 minutes');

/** Where an agenda item was before: one entry per earlier meeting, oldest first. */
export const AgendaHistoryEntry = z.object({
  itemId: z.number().int(),
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  startsAt: z.string(),
  state: AgendaItemState,
  deferredReason: z.string(),
  /**
   * What the board recorded for the case at that meeting (the decision as it stands, amendments applied), or null
   * when nothing was recorded: outcome and why, the recommendation, and the actions with who and by when.
   */
  decision: z.lazy(() => HistoryDecision).nullable(),
});
export type AgendaHistoryEntry = z.infer<typeof AgendaHistoryEntry>;

export const DecisionStatus = z.enum(['none', 'draft', 'signed']);
export type DecisionStatus = z.infer<typeof DecisionStatus>;

export const AgendaItemView = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  caseId: z.number().int(),
  /** 0-based order on the agenda; `number` is what the room calls it (1-based). */
  position: z.number().int(),
  number: z.number().int(),
  presenter: z.string(),
  minutes: z.number().int(),
  /** Minutes after the meeting's start at which this case is expected to come up, and that time. */
  offsetMinutes: z.number().int(),
  plannedStart: z.string(),
  state: AgendaItemState,
  deferredReason: z.string(),
  carriedFromItemId: z.number().int().nullable(),
  /** The item on a later meeting this one was carried over to, if any. */
  carriedToItemId: z.number().int().nullable(),
  case: z.object({
    patientName: z.string(),
    mrn: z.string(),
    sex: Sex,
    ageAtMeeting: z.number().int(),
    tumourSite: z.string(),
    siteChapter: SiteChapter,
    workingDiagnosis: z.string(),
    consultantName: z.string(),
    status: CaseStatus,
  }),
  /** Work-up readiness for the meeting date (the clinical:readinessCounts rules). */
  /** pending: items not yet decidable, open like missing (shared/clinical/readiness.ts). */
  readiness: z.object({
    missing: z.number().int(),
    pending: z.number().int(),
    stale: z.number().int(),
    ready: z.boolean(),
  }),
  decision: z.object({ status: DecisionStatus, amendments: z.number().int() }),
  history: z.array(AgendaHistoryEntry),
});
export type AgendaItemView = z.infer<typeof AgendaItemView>;

export const MeetingRef = z.object({
  id: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  status: MeetingStatus,
});
export type MeetingRef = z.infer<typeof MeetingRef>;

export const MeetingDetail = MeetingSummary.extend({
  items: z.array(AgendaItemView),
  /** The next meeting of the same board after this one (where carry-over sends cases), if one is scheduled. */
  nextMeeting: MeetingRef.nullable(),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const MeetingList = z.object({
  /** Soonest first. */
  upcoming: z.array(MeetingSummary),
  /** Most recent first. */
  past: z.array(MeetingSummary),
});
export type MeetingList = z.infer<typeof MeetingList>;

export const CarryOverResult = z.object({
  fromMeetingId: z.number().int(),
  /** null when there is no later meeting of the board yet: the cases stay queued (awaitingCarryOver). */
  toMeeting: MeetingRef.nullable(),
  moved: z.array(z.object({ caseId: z.number().int(), fromItemId: z.number().int(), toItemId: z.number().int() })),
  /** Cases still waiting for a later meeting. */
  queued: z.number().int(),
  message: z.string(),
});
export type CarryOverResult = z.infer<typeof CarryOverResult>;

/** Every meeting a case has been on, oldest first (its board history). */
export const CaseMeetingEntry = z.object({
  itemId: z.number().int(),
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  startsAt: z.string(),
  meetingStatus: MeetingStatus,
  state: AgendaItemState,
  deferredReason: z.string(),
  carriedFromItemId: z.number().int().nullable(),
  decision: DecisionStatus,
});
export type CaseMeetingEntry = z.infer<typeof CaseMeetingEntry>;

// ---- Decisions ----------------------------------------------------------------------------------------------

/** The core specialties whose attendance shows quorum (reference, "What an MDT case record holds", Outcome). */
export const CORE_SPECIALTIES = [
  'surgeon',
  'radiologist',
  'pathologist',
  'medical-oncologist',
  'radiation-oncologist',
  'specialist-nurse',
] as const;
export const CoreSpecialty = z.enum(CORE_SPECIALTIES);
export type CoreSpecialty = z.infer<typeof CoreSpecialty>;
export const CORE_SPECIALTY_LABEL: Record<CoreSpecialty, string> = {
  surgeon: 'Surgeon',
  radiologist: 'Radiologist',
  pathologist: 'Pathologist',
  'medical-oncologist': 'Medical oncologist',
  'radiation-oncologist': 'Radiation oncologist',
  'specialist-nurse': 'Specialist nurse',
};

/**
 * One person present (issue 12): a user of BoardPrep (from users:directory), or a named guest who has no account.
 * Rows recorded before users existed held bare names; those read as guests.
 */
export const AttendeePerson = z.union([
  z.object({ userId: z.number().int().positive(), name: text(120).min(1, 'A name cannot be empty') }).strict(),
  z.object({ name: text(120).min(1, 'A name cannot be empty'), guest: z.literal(true) }).strict(),
]);
export type AttendeePerson = z.output<typeof AttendeePerson>;

/** A bare name (the shape before issue 12) is a guest. */
const person = z.preprocess((p) => (typeof p === 'string' ? { name: p, guest: true } : p), AttendeePerson);
const People = z.array(person).max(20, 'At most 20 people');

/** The stored shape before issue 12 ({present, names: string[]}) becomes {present, people}. */
const legacyAttendee = (a: unknown) => {
  if (!a || typeof a !== 'object' || !('names' in a) || 'people' in a) return a;
  const { names, ...rest } = a as { names: unknown };
  return { ...rest, people: names };
};
const peopleOnlyIfPresent = (a: { present: boolean; people: unknown[] }) => a.present || a.people.length === 0;
const peopleOnlyIfPresentError = () => ({
  path: ['present'],
  message: 'People are listed but the specialty is marked absent',
});
/** One specialty's attendance as stored and answered: present or not, and who (users and guests). */
export const AttendeeValue = z.preprocess(
  legacyAttendee,
  z.object({ present: z.boolean(), people: People }).strict().refine(peopleOnlyIfPresent, peopleOnlyIfPresentError()),
);
/** As sent: missing fields mean absent / nobody named. */
export const Attendee = z.preprocess(
  legacyAttendee,
  z
    .object({ present: z.boolean().default(false), people: People.default([]) })
    .strict()
    .refine(peopleOnlyIfPresent, peopleOnlyIfPresentError()),
);
export type Attendee = z.output<typeof AttendeeValue>;

const absent = () => ({ present: false, people: [] as AttendeePerson[] });
/** All six specialties, as stored and answered (and as an amendment must give them: whole). */
export const AttendanceValue = z
  .object({
    surgeon: AttendeeValue,
    radiologist: AttendeeValue,
    pathologist: AttendeeValue,
    'medical-oncologist': AttendeeValue,
    'radiation-oncologist': AttendeeValue,
    'specialist-nurse': AttendeeValue,
  })
  .strict();
/** As sent with a draft: a specialty left out is absent. */
export const Attendance = z
  .object({
    surgeon: Attendee.default(absent),
    radiologist: Attendee.default(absent),
    pathologist: Attendee.default(absent),
    'medical-oncologist': Attendee.default(absent),
    'radiation-oncologist': Attendee.default(absent),
    'specialist-nurse': Attendee.default(absent),
  })
  .strict();
export type Attendance = z.output<typeof AttendanceValue>;

/** "Dr A, Dr B (guest)": who was there for one specialty. */
export function peopleText(people: readonly AttendeePerson[]): string {
  return people.map((p) => ('guest' in p ? `${p.name} (guest)` : p.name)).join(', ');
}

/**
 * Quorum: every core specialty present (reference: attendance of the core specialties "to show quorum"), or, for a
 * board with its own quorum rule (issue 14), the specialties that rule names.
 */
export function quorumOf(
  attendance: Attendance,
  specialties: readonly CoreSpecialty[] = CORE_SPECIALTIES,
): { met: boolean; missing: CoreSpecialty[] } {
  const missing = CORE_SPECIALTIES.filter((s) => specialties.includes(s) && !attendance[s].present);
  return { met: missing.length === 0, missing };
}

export const TREATMENT_INTENTS = ['curative', 'palliative', 'uncertain'] as const;
export const TreatmentIntent = z.enum(TREATMENT_INTENTS, { message: 'Intent is curative, palliative or uncertain' });
export type TreatmentIntent = z.infer<typeof TreatmentIntent>;
export const TREATMENT_INTENT_LABEL: Record<TreatmentIntent, string> = {
  curative: 'Curative',
  palliative: 'Palliative',
  uncertain: 'Uncertain',
};

export const DecisionOutcome = z.enum(['discussed', 'deferred'], { message: 'Outcome is discussed or deferred' });
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const DecisionAction = z
  .object({
    what: required('What is to be done', 500),
    who: required('Who does it', 200),
    byWhen: IsoDate.nullable().default(null),
    /** The owner picked from users:directory (issue 14); absent when the owner's name was typed. */
    ownerUserId: z.number().int().positive().optional(),
  })
  .strict();
export const DecisionActionValue = z
  .object({
    what: z.string(),
    who: z.string(),
    byWhen: z.string().nullable(),
    ownerUserId: z.number().int().positive().optional(),
  })
  .strict();
export type DecisionAction = z.output<typeof DecisionActionValue>;

const RecommendationOptions = z.array(PlanOption).refine((o) => new Set(o).size === o.length, 'Each option once');
export const RecommendationValue = z.object({ options: RecommendationOptions, text: text(5000) }).strict();
/** The same option set as the proposed plan (shared/domain/clinical.ts PLAN_OPTIONS); more than one allowed. */
export const Recommendation = z
  .object({ options: RecommendationOptions.default([]), text: text(5000).default('') })
  .strict();

/** Every field of a decision, none defaulted: what is stored and answered, and what an amendment may replace. */
const DECISION_SHAPE = {
  attendance: AttendanceValue,
  recommendation: RecommendationValue,
  intent: TreatmentIntent.nullable(),
  actions: z.array(DecisionAction).max(50, 'At most 50 actions'),
  notes: text(20000),
  outcome: DecisionOutcome.nullable(),
  /** Why the case was deferred (required to sign off a deferral); may also qualify a discussion. */
  outcomeReason: text(2000),
};
export const DecisionValue = z.object(DECISION_SHAPE).strict();
export type DecisionValue = z.output<typeof DecisionValue>;
export const DECISION_FIELDS = Object.keys(DECISION_SHAPE) as (keyof DecisionValue)[];

/** A draft as sent: anything left out takes its empty value. */
export const DecisionFields = z
  .object({
    attendance: Attendance.default(() => Attendance.parse({})),
    recommendation: Recommendation.default(() => ({ options: [], text: '' })),
    intent: DECISION_SHAPE.intent.default(null),
    actions: DECISION_SHAPE.actions.default([]),
    notes: DECISION_SHAPE.notes.default(''),
    outcome: DECISION_SHAPE.outcome.default(null),
    outcomeReason: DECISION_SHAPE.outcomeReason.default(''),
  })
  .strict();
export type DecisionInput = z.input<typeof DecisionFields>;

/**
 * Some fields of a decision (no defaults: a field left out is not changed). Each given field replaces the
 * current value whole, so attendance is given for all six specialties.
 */
export const DecisionPatch = z.object(DECISION_SHAPE).partial().strict();
export type DecisionPatch = z.output<typeof DecisionPatch>;
export const DecisionChanges = DecisionPatch.refine((c) => Object.keys(c).length > 0, 'Change at least one field');
export type DecisionChanges = z.output<typeof DecisionChanges>;

/** What a decision must hold to be signed off (checked at sign-off, and on the result of every amendment). */
export function signOffProblems(d: DecisionValue): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (d.outcome === null)
    problems.push({ field: 'outcome', message: 'Say whether the case was discussed or deferred' });
  if (d.outcome === 'deferred' && d.outcomeReason === '')
    problems.push({ field: 'outcomeReason', message: 'Say why the case was deferred' });
  if (d.outcome === 'discussed') {
    if (d.recommendation.options.length === 0 && d.recommendation.text === '') {
      problems.push({ field: 'recommendation', message: 'Record the recommendation (an option or its text)' });
    }
    if (d.intent === null)
      problems.push({ field: 'intent', message: 'Record the treatment intent (curative, palliative or uncertain)' });
  }
  // Every action is followed up after the meeting (issue 14): it needs an owner and a due date.
  d.actions.forEach((a, i) => {
    if (a.who.trim() === '') problems.push({ field: `actions.${i}.who`, message: `Say who owns action ${i + 1}` });
    if (!a.byWhen) problems.push({ field: `actions.${i}.byWhen`, message: `Give a due date for action ${i + 1}` });
  });
  return problems;
}

export const Amendment = z.object({
  id: z.number().int(),
  by: z.string(),
  /** The signed-in user who amended (null for amendments recorded before users existed). */
  userId: z.number().int().nullable(),
  why: z.string(),
  at: z.string(),
  /** The changed fields as they were, and as they became. */
  before: DecisionPatch,
  after: DecisionPatch,
});
export type Amendment = z.infer<typeof Amendment>;

/** The part of an earlier meeting's decision a carried-over case shows ("Earlier at the board"). */
export const HistoryDecision = z.object({
  status: z.enum(['draft', 'signed']),
  outcome: DecisionOutcome.nullable(),
  outcomeReason: z.string(),
  recommendation: RecommendationValue,
  intent: TreatmentIntent.nullable(),
  actions: z.array(DecisionActionValue),
  signedOffAt: z.string().nullable(),
  signedOffBy: z.string().nullable(),
});
export type HistoryDecision = z.infer<typeof HistoryDecision>;

/**
 * What sign-off recorded (issue 12): the chair signed in, and the quorum as the service computed it from the stored
 * attendance, with the reason the chair gave for signing off without it.
 */
export const SignOffRecord = z.object({
  by: z.string(),
  /** null for sign-offs recorded before users existed, or by the demo loader. */
  userId: z.number().int().nullable(),
  at: z.string(),
  quorumMet: z.boolean(),
  missing: z.array(CoreSpecialty),
  /** Why the decision was signed off without quorum ('' when quorum was met). */
  reason: z.string(),
  /** Who was present per core specialty, as names, at sign-off. */
  attendance: z.record(z.string(), z.array(z.string())),
});
export type SignOffRecord = z.infer<typeof SignOffRecord>;

export const DecisionView = z.object({
  itemId: z.number().int(),
  meetingId: z.number().int(),
  caseId: z.number().int(),
  status: DecisionStatus,
  /** 0 when nothing has been saved yet; decisions:save names the version it started from. */
  version: z.number().int(),
  /** The value now: the draft, or the signed-off original with the amendments applied in order. */
  current: DecisionValue,
  /** The value as signed off (null before sign-off). */
  original: DecisionValue.nullable(),
  signedOffAt: z.string().nullable(),
  signedOffBy: z.string().nullable(),
  /** The sign-off with its quorum and reason (null before sign-off). */
  signOff: SignOffRecord.nullable(),
  amendments: z.array(Amendment),
  quorum: z.object({ met: z.boolean(), missing: z.array(CoreSpecialty) }),
  /** What sign-off still needs (empty when it could be signed off now). */
  signOffProblems: z.array(z.object({ field: z.string(), message: z.string() })),
  updatedAt: z.string().nullable(),
  /**
   * Who the meeting's attendance register has present at the case's planned time, for a decision not yet signed off
   * (decisions:get only; null when signed off, without a register, or in a meeting-wide read): the form compares it
   * with the recorded attendance, which may have been started before the register last changed.
   */
  registerAttendance: Attendance.nullable(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const DecisionHistory = z.object({
  itemId: z.number().int(),
  entries: z.array(
    z.object({
      kind: z.enum(['signed-off', 'amendment']),
      at: z.string(),
      by: z.string(),
      /** null for the sign-off itself. */
      why: z.string().nullable(),
      before: DecisionPatch.nullable(),
      after: DecisionPatch.nullable(),
      /** The whole decision as it stood after this step. */
      value: DecisionValue,
    }),
  ),
});
export type DecisionHistory = z.infer<typeof DecisionHistory>;
