import { z } from 'zod';
import { addMinutes } from '../dates';
import { BoardType, CoreSpecialty, CORE_SPECIALTIES } from './meeting';

/**
 * A board (issue 14 item 5): the standing meeting a service runs ("Sarcoma MDT"), and the template its weekly
 * meetings are made from. Its meetings carry its slug as their board type. Stored in `boards` (migration 0010).
 */

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use the 24-hour format HH:MM (e.g. 13:00)');

/** ISO weekdays, 1 Monday ... 7 Sunday, as the board's invitation names them. */
export const ISO_WEEKDAY_LABEL = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A core member of the board for a specialty, or the named cover for one. A user of BoardPrep, or a name. */
export const BoardMember = z.object({
  specialty: CoreSpecialty,
  userId: z.number().int().nullable(),
  name: text(120),
  isCover: z.boolean(),
});
export type BoardMember = z.infer<typeof BoardMember>;

/**
 * The fields a referral to a board must give (the board's minimum dataset), by id. Keyed by id; the labels are
 * what the referral form and the "incomplete" list say.
 */
export const REFERRAL_DATASET_FIELDS = [
  'working-diagnosis',
  'tumour-site',
  'clinical-history',
  'imaging-available',
  'histology-available',
  'ecog',
  'patient-aware',
] as const;
export const ReferralDatasetField = z.enum(REFERRAL_DATASET_FIELDS);
export type ReferralDatasetField = z.infer<typeof ReferralDatasetField>;
export const REFERRAL_DATASET_LABEL: Record<ReferralDatasetField, string> = {
  'working-diagnosis': 'Working diagnosis',
  'tumour-site': 'Tumour site',
  'clinical-history': 'Clinical history',
  'imaging-available': 'Imaging available (where and when)',
  'histology-available': 'Histology available (where and when)',
  ecog: 'Performance status (ECOG)',
  'patient-aware': 'Whether the patient knows of the referral',
};

export const BoardInput = z.object({
  slug: BoardType,
  name: text(120).min(1, 'Name the board'),
  weekday: z.number().int().min(1).max(7),
  startTime: Clock,
  durationMinutes: z.number().int().min(5).max(720),
  place: text(200),
  videoLink: text(500),
  chairUserId: z.number().int().nullable(),
  coordinatorUserId: z.number().int().nullable(),
  cutoffDaysBefore: z.number().int().min(0).max(14),
  cutoffTime: Clock,
  /** The core specialties that must be present (each by a member or a named cover) for quorum. */
  quorumSpecialties: z.array(CoreSpecialty),
  dataset: z.array(ReferralDatasetField),
  letterTargetDays: z.number().int().min(0).max(30),
  members: z.array(BoardMember),
});
export type BoardInput = z.infer<typeof BoardInput>;

export const Board = BoardInput.extend({
  id: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Board = z.infer<typeof Board>;

/** A new board's defaults: the sarcoma board's usual shape, every core specialty needed for quorum. */
export const BOARD_DEFAULTS: Omit<BoardInput, 'slug' | 'name'> = {
  weekday: 4,
  startTime: '13:00',
  durationMinutes: 90,
  place: '',
  videoLink: '',
  chairUserId: null,
  coordinatorUserId: null,
  cutoffDaysBefore: 2,
  cutoffTime: '12:00',
  quorumSpecialties: [...CORE_SPECIALTIES],
  dataset: ['working-diagnosis', 'tumour-site', 'clinical-history', 'imaging-available', 'histology-available'],
  letterTargetDays: 1,
  members: [],
};

const utcDay = (date: string) => new Date(`${date.slice(0, 10)}T00:00:00Z`);
const isoWeekday = (date: string) => ((utcDay(date).getUTCDay() + 6) % 7) + 1;
const plusDays = (date: string, days: number) =>
  new Date(utcDay(date).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The start times ('YYYY-MM-DDTHH:MM', the board's wall clock) of the board's next `count` meetings on or after
 * the day `from` ('YYYY-MM-DD'): its weekday each week at its start time.
 */
export function nextMeetingStarts(board: Pick<Board, 'weekday' | 'startTime'>, from: string, count: number): string[] {
  const first = plusDays(from, (board.weekday - isoWeekday(from) + 7) % 7);
  return Array.from({ length: count }, (_, i) => `${plusDays(first, 7 * i)}T${board.startTime}`);
}

/** The referral cut-off of a meeting of this board: its days before the meeting, at its time. */
export function cutoffOf(board: Pick<Board, 'cutoffDaysBefore' | 'cutoffTime'>, startsAt: string): string {
  return `${plusDays(startsAt, -board.cutoffDaysBefore)}T${board.cutoffTime}`;
}

/** When a meeting made from the board ends (its start plus its length). */
export const endOf = (board: Pick<Board, 'durationMinutes'>, startsAt: string) =>
  addMinutes(startsAt, board.durationMinutes);
