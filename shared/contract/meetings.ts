import { z } from 'zod';
import { CaseDeck, MeetingDeck } from '../deck/model';
import {
  BoardType,
  CarryOverResult,
  CaseMeetingEntry,
  DecisionChanges,
  DecisionFields,
  DecisionHistory,
  DecisionView,
  ItemMinutes,
  MeetingDetail,
  MeetingInput,
  MeetingList,
  MeetingStatus,
  MeetingSummary,
  Presenter,
} from '../domain/meeting';
import { CaseRecordFacts } from '../domain/record-facts';

const Id = z.number().int().positive();
const MeetingId = z.number({ message: 'Choose a meeting' }).int().positive();
const ItemId = z.number({ message: 'Choose a case on the agenda' }).int().positive();
const Version = z.number().int().min(0);
const Removed = z.object({ removed: z.literal(true) });
const SlideKey = z.string().min(1).max(200);

/** Issue 5: meetings and their agenda, the slide decks, and the decisions captured per case. */
export const meetingsContract = {
  /** Upcoming (soonest first) and past (most recent first) meetings with case counts and minutes against length. */
  'meetings:list': { input: z.object({ boardType: BoardType.optional() }).strict(), output: MeetingList },
  /** A meeting with its agenda: cases in order, presenter, minutes, planned start, readiness, decision, history. */
  'meetings:get': { input: z.object({ id: MeetingId }).strict(), output: MeetingDetail },
  /** New meetings are 'scheduled'; cases queued on an earlier finished meeting of the board move onto it. */
  'meetings:create': { input: MeetingInput, output: MeetingDetail },
  'meetings:update': {
    input: z.object({ id: MeetingId, version: Version, fields: MeetingInput }).strict(),
    output: MeetingDetail,
  },
  /** Start (in-progress), back to scheduled, or finish: finishing carries not-discussed and deferred cases over. */
  'meetings:setStatus': {
    input: z.object({ id: MeetingId, status: MeetingStatus }).strict(),
    output: z.object({ meeting: MeetingDetail, carryOver: CarryOverResult.nullable() }),
  },
  /** Refused for a finished meeting, one with decisions, or one cases were carried over from. */
  'meetings:remove': { input: z.object({ id: MeetingId }).strict(), output: Removed },
  /** The next upcoming meeting (a meeting in progress counts), of one board if given; null when none. */
  'meetings:next': { input: z.object({ boardType: BoardType.optional() }).strict(), output: MeetingSummary.nullable() },

  /** Adds cases at the end of the agenda. */
  'agenda:add': {
    input: z
      .object({
        meetingId: MeetingId,
        caseIds: z.array(Id).min(1, 'Choose at least one case').max(200, 'At most 200 cases at once'),
        presenter: Presenter.optional(),
        minutes: ItemMinutes.optional(),
      })
      .strict(),
    output: MeetingDetail,
  },
  'agenda:remove': { input: z.object({ itemId: ItemId }).strict(), output: MeetingDetail },
  /** The full new order: every item of the meeting once. */
  'agenda:reorder': {
    input: z.object({ meetingId: MeetingId, itemIds: z.array(Id).max(1000) }).strict(),
    output: MeetingDetail,
  },
  /** Presenter, minutes, or state pending / not-discussed (discussed and deferred come from the decision). */
  'agenda:setItem': {
    input: z
      .object({
        itemId: ItemId,
        presenter: Presenter.optional(),
        minutes: ItemMinutes.optional(),
        state: z.enum(['pending', 'not-discussed']).optional(),
      })
      .strict(),
    output: MeetingDetail,
  },
  /** Moves the cases not discussed or deferred to the next meeting of the board now ('refused' when there is none). */
  'agenda:carryOver': { input: z.object({ meetingId: MeetingId }).strict(), output: CarryOverResult },
  /** Every meeting a case has been on, oldest first. */
  'agenda:caseHistory': { input: z.object({ caseId: Id }).strict(), output: z.array(CaseMeetingEntry) },

  /** The meeting deck model (agenda slide first); de-identified for teaching and second opinions. */
  'deck:get': {
    input: z
      .object({
        meetingId: MeetingId,
        deidentified: z.boolean().default(false),
        includeHidden: z.boolean().default(false),
        /** A finished meeting answers the slides frozen at sign-off; true asks for the live slides instead. */
        live: z.boolean().default(false),
      })
      .strict(),
    output: MeetingDeck,
  },
  /** One agenda item's slides, hidden ones included: the slide editor. */
  'deck:case': {
    input: z
      .object({ itemId: ItemId, deidentified: z.boolean().default(false), live: z.boolean().default(false) })
      .strict(),
    output: CaseDeck,
  },
  /** Hide/show, move (position among the case's slides) or edit text (null: back to the record's text). */
  'deck:editSlide': {
    input: z
      .object({
        itemId: ItemId,
        slideKey: SlideKey,
        hidden: z.boolean().optional(),
        position: z.number().int().min(0).optional(),
        text: z.record(z.string().min(1).max(100), z.string().max(20000).nullable()).optional(),
      })
      .strict(),
    output: CaseDeck,
  },
  /** Drops every edit of the slide: it follows the record again. */
  'deck:resetSlide': { input: z.object({ itemId: ItemId, slideKey: SlideKey }).strict(), output: CaseDeck },

  /**
   * The case facts an outcome letter and the minutes print (one item, or every item of the meeting): from the case
   * record, never from the slides' (editable) text.
   */
  'decisions:recordFacts': {
    input: z
      .object({ meetingId: MeetingId, itemId: ItemId.optional(), deidentified: z.boolean().default(false) })
      .strict(),
    output: z.array(CaseRecordFacts),
  },
  /** The decision on an agenda item (an empty draft with status 'none' when nothing is recorded yet). */
  'decisions:get': { input: z.object({ itemId: ItemId }).strict(), output: DecisionView },
  /** Every decision recorded on the meeting's agenda, in agenda order (minutes, outcome letters). */
  'decisions:forMeeting': { input: z.object({ meetingId: MeetingId }).strict(), output: z.array(DecisionView) },
  /** Saves the draft ('refused' once signed off: amend instead). version: 0 for the first save. */
  'decisions:save': {
    input: z.object({ itemId: ItemId, version: Version, decision: DecisionFields }).strict(),
    output: DecisionView,
  },
  /**
   * Locks the decision, signed off by the signed-in chair; 'invalid-input' naming the field while it lacks outcome,
   * recommendation, intent or reason, or, without quorum (computed from the stored attendance), noQuorumReason.
   */
  'decisions:signOff': {
    input: z
      .object({
        itemId: ItemId,
        version: Version,
        noQuorumReason: z.string().trim().max(2000, 'At most 2000 characters').optional(),
      })
      .strict(),
    output: DecisionView,
  },
  /** A change after sign-off by the signed-in user: why and the fields that change; the original stays readable. */
  'decisions:amend': {
    input: z
      .object({
        itemId: ItemId,
        version: Version,
        why: z.string().trim().min(1, 'Say why the decision is amended').max(2000, 'At most 2000 characters'),
        changes: DecisionChanges,
      })
      .strict(),
    output: DecisionView,
  },
  /** The signed-off original, then each amendment with the decision as it stood after it. */
  'decisions:history': { input: z.object({ itemId: ItemId }).strict(), output: DecisionHistory },
} as const;

export type MeetingsChannel = keyof typeof meetingsContract;
export const MEETINGS_CHANNELS = Object.keys(meetingsContract) as MeetingsChannel[];
