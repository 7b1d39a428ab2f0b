import { z } from 'zod';
import {
  BOARD_TYPE_LABEL,
  boardTypeLabel,
  BoardType,
  MeetingInput,
  type MeetingDetail,
} from '../../../shared/domain/meeting';

/** The select's value for "a board type not in the list". */
export const NEW_BOARD = '__new__';

/** The meeting as the form edits it: every field as typed; a new board's name beside the board select. */
export const MeetingDraft = z.object({
  title: z.string(),
  /** A known board type, or NEW_BOARD with the name in newBoardType. */
  boardType: z.string(),
  newBoardType: z.string(),
  startsAt: z.string(),
  durationMinutes: z.string(),
  place: z.string(),
  videoLink: z.string(),
  chair: z.string(),
  coordinator: z.string(),
  submissionCutoff: z.string(),
});
export type MeetingDraft = z.infer<typeof MeetingDraft>;

export function draftOf(m?: MeetingDetail): MeetingDraft {
  return {
    title: m?.title ?? 'Sarcoma MDT',
    boardType: m?.boardType ?? 'sarcoma',
    newBoardType: '',
    startsAt: m?.startsAt ?? '',
    durationMinutes: String(m?.durationMinutes ?? 90),
    place: m?.place ?? '',
    videoLink: m?.videoLink ?? '',
    chair: m?.chair ?? '',
    coordinator: m?.coordinator ?? '',
    submissionCutoff: m?.submissionCutoff ?? '',
  };
}

/** The name a new board type gets (lower case), or '' when a board from the list is chosen. */
export const newBoardName = (d: Pick<MeetingDraft, 'boardType' | 'newBoardType'>) =>
  d.boardType === NEW_BOARD ? d.newBoardType.trim().toLowerCase() : '';

export function toInput(d: MeetingDraft) {
  return {
    title: d.title,
    boardType: d.boardType === NEW_BOARD ? newBoardName(d) : d.boardType,
    startsAt: d.startsAt,
    durationMinutes: d.durationMinutes.trim() === '' ? Number.NaN : Number(d.durationMinutes),
    place: d.place,
    videoLink: d.videoLink.trim(),
    chair: d.chair,
    coordinator: d.coordinator,
    submissionCutoff: d.submissionCutoff === '' ? null : d.submissionCutoff,
  };
}

/**
 * The boards to choose from: the built-in ones and every board in use. A new board type is a deliberate choice,
 * since carry-over only moves cases between meetings of the same board.
 */
export function boardChoices(inUse: readonly string[]): string[] {
  return [...new Set([...Object.keys(BOARD_TYPE_LABEL), ...inUse])].sort();
}

/** The problems of the draft, by field: the contract's own checks, then the new board's name against the list. */
export function meetingDraftErrors(d: MeetingDraft, boards: readonly string[]): Record<string, string> {
  const parsed = MeetingInput.safeParse(toInput(d));
  const out: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) out[String(i.path[0] ?? '')] ??= i.message;
  if (d.boardType === NEW_BOARD) {
    const name = newBoardName(d);
    delete out.boardType;
    if (name === '') out.newBoardType = 'Name the new board type, or choose a board from the list';
    else if (boards.includes(name))
      out.newBoardType = `${boardTypeLabel(name)} is already a board: choose it from the list`;
    else if (!BoardType.safeParse(name).success) out.newBoardType = 'A short name in lower case, e.g. head-and-neck';
  } else if (d.boardType === '') out.boardType = 'Choose the board';
  return out;
}

/** An existing board whose name contains the new one's (or the reverse): probably the same board, misnamed. */
export function similarBoard(name: string, boards: readonly string[]): string | undefined {
  return name ? boards.find((b) => name !== b && (name.includes(b) || b.includes(name))) : undefined;
}

/** The form's schema: the draft's problems as field issues; a valid draft becomes the contract's input. */
export function meetingDraftSchema(boards: readonly string[]) {
  return MeetingDraft.superRefine((d, ctx) => {
    for (const [path, message] of Object.entries(meetingDraftErrors(d, boards)))
      ctx.addIssue({ code: 'custom', path: [path], message });
  }).transform((d) => MeetingInput.parse(toInput(d)));
}
