import { z } from 'zod';
import { daysBetween } from './plausibility';

/**
 * After the meeting (issue 14 items 9 and 10): the follow-up of the actions a signed-off decision sets, and the
 * register of outcome letters with the decided cases still waiting for one.
 */

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES, { message: 'An action is open, done or cancelled' });
export type ActionStatus = z.infer<typeof ActionStatus>;
export const ACTION_STATUS_LABEL: Record<ActionStatus, string> = {
  open: 'Open',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** One action of a signed-off decision, with the case and meeting it came from, and its follow-up. */
export const ActionFollowUp = z.object({
  id: z.number().int(),
  decisionId: z.number().int(),
  itemId: z.number().int(),
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  meetingStartsAt: z.string(),
  boardType: z.string(),
  caseId: z.number().int(),
  patientName: z.string(),
  mrn: z.string(),
  what: z.string(),
  owner: z.string(),
  ownerUserId: z.number().int().nullable(),
  /** 'YYYY-MM-DD', or null for actions signed off before a due date was required. */
  dueDate: z.string().nullable(),
  status: ActionStatus,
  closedBy: z.string(),
  closedAt: z.string().nullable(),
  note: z.string(),
  version: z.number().int(),
  /** Whole days past the due date while open (0 when not overdue). */
  daysOverdue: z.number().int(),
});
export type ActionFollowUp = z.infer<typeof ActionFollowUp>;

export const ActionsFilter = z
  .object({
    /** An owner's name as written on the actions (exact, case-insensitive). */
    owner: z.string().trim().max(200).optional(),
    /** A board (meetings.board_type). */
    board: z.string().trim().max(40).optional(),
    /** 'open' by default; 'all' for every status. */
    status: z.enum([...ACTION_STATUSES, 'all']).default('open'),
    /** Only open actions past their due date. */
    overdue: z.boolean().default(false),
  })
  .strict();
export type ActionsFilter = z.output<typeof ActionsFilter>;

export const ActionsList = z.object({
  /** The day "overdue" is judged on, 'YYYY-MM-DD' (local). */
  today: z.string(),
  actions: z.array(ActionFollowUp),
  /** Every owner and board that has actions, for the filters. */
  owners: z.array(z.string()),
  boards: z.array(z.string()),
});
export type ActionsList = z.infer<typeof ActionsList>;

export const SetActionStatus = z
  .object({
    id: z.number().int().positive(),
    version: z.number().int().min(1),
    status: ActionStatus,
    note: z.string().trim().max(2000, 'At most 2000 characters').default(''),
  })
  .strict()
  // A cancelled action stays in the record: why it was not done is part of it.
  .refine((r) => r.status !== 'cancelled' || r.note !== '', {
    path: ['note'],
    message: 'Say why the action is cancelled',
  });

/** Days an open action is past its due date on `today` (0 when not due yet, closed, or without a date). */
export function daysOverdue(a: { status: ActionStatus; dueDate: string | null }, today: string): number {
  if (a.status !== 'open' || !a.dueDate) return 0;
  return Math.max(0, daysBetween(a.dueDate, today));
}

/** "3 days overdue", "1 day overdue". */
export function overdueText(days: number): string {
  return days === 1 ? '1 day overdue' : `${days} days overdue`;
}

// ---- Letters ------------------------------------------------------------------------------------------------

/**
 * Whom a letter for the referrer goes to: the referrer of the case's latest referral; without one, the case's
 * responsible consultant, said as such (the record names no referrer, and the register must not pretend it does).
 */
export function referrerOnRecord(referrerName: string | null, consultantName: string | null): string {
  if (referrerName?.trim()) return referrerName.trim();
  if (consultantName?.trim()) return `${consultantName.trim()} (responsible consultant: no referrer on record)`;
  return 'The referring clinician (none on record)';
}

export const RECIPIENT_KINDS = ['referrer', 'gp', 'patient', 'other'] as const;
export const RecipientKind = z.enum(RECIPIENT_KINDS, {
  message: 'The letter is for the referrer, GP, patient or other',
});
export type RecipientKind = z.infer<typeof RecipientKind>;
export const RECIPIENT_KIND_LABEL: Record<RecipientKind, string> = {
  referrer: 'Referrer',
  gp: 'GP',
  patient: 'Patient',
  other: 'Other',
};

/** One entry of the letter register (append only). */
export const LetterEntry = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  meetingStartsAt: z.string(),
  caseId: z.number().int(),
  patientName: z.string(),
  recipient: z.string(),
  recipientKind: RecipientKind,
  producedAt: z.string(),
  producedBy: z.string(),
  deidentified: z.boolean(),
  fileName: z.string(),
  sha256: z.string(),
});
export type LetterEntry = z.infer<typeof LetterEntry>;

/** A signed-off case with no letter yet, and when its letter is due (the board's target in working days). */
export const PendingLetter = z.object({
  itemId: z.number().int(),
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  meetingStartsAt: z.string(),
  boardType: z.string(),
  caseId: z.number().int(),
  patientName: z.string(),
  mrn: z.string(),
  /** Who the letter goes to by default: the referrer of the case's referral, else its consultant. */
  recipient: z.string(),
  signedOffAt: z.string(),
  /** 'YYYY-MM-DD': sign-off day plus the board's letter target in working days (Monday to Friday). */
  dueDate: z.string(),
  targetDays: z.number().int(),
  overdue: z.boolean(),
});
export type PendingLetter = z.infer<typeof PendingLetter>;

export const PendingLetters = z.object({ today: z.string(), pending: z.array(PendingLetter) });
export type PendingLetters = z.infer<typeof PendingLetters>;

/** Outcome letters are due this many working days after sign-off when no board is set up (issue 14 item 10). */
export const DEFAULT_LETTER_TARGET_DAYS = 1;

/**
 * The n-th working day (Monday to Friday) after 'YYYY-MM-DD': 1 is the next working day (Friday and the weekend
 * give Monday); 0 is the day itself, or the Monday after a weekend.
 */
export function addWorkingDays(date: string, n: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const weekend = () => d.getUTCDay() === 0 || d.getUTCDay() === 6;
  if (n === 0) while (weekend()) d.setUTCDate(d.getUTCDate() + 1);
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!weekend()) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}
