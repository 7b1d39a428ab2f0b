import { z } from 'zod';
import {
  ActionFollowUp,
  ActionsFilter,
  ActionsList,
  LetterEntry,
  PendingLetters,
  SetActionStatus,
} from '../domain/follow-up';

/**
 * Issue 14, after the meeting: the actions of signed-off decisions across meetings and their follow-up, and the
 * outcome letter register with the decided cases still waiting for a letter. A letter itself is produced by the
 * outcome export (exports:start kind 'outcome-pdf'), which writes the register entry.
 */
export const followUpContract = {
  /** Actions by status (open by default), owner, board, or only the overdue ones; soonest due first. */
  'actions:list': { input: ActionsFilter, output: ActionsList },
  /** Done, cancelled, or open again, naming the version shown; records who closed it and when, with a note. */
  'actions:setStatus': { input: SetActionStatus, output: ActionFollowUp },
  /** The letter register, newest first. */
  'letters:list': { input: z.object({}).strict(), output: z.array(LetterEntry) },
  /** Signed-off cases with no letter yet, with the day each letter is due (the board's target, working days). */
  'letters:pending': {
    input: z.object({ board: z.string().trim().max(40).optional() }).strict(),
    output: PendingLetters,
  },
} as const;

export type FollowUpChannel = keyof typeof followUpContract;
