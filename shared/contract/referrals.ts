import { z } from 'zod';
import { ReferralDatasetField } from '../domain/board';
import { BoardType } from '../domain/meeting';
import { Referral, ReferralInput, ReferralMeeting, ReferralStatus } from '../domain/referral';

const Id = z.number().int().positive();

/** Referral intake and triage (issue 14 item 6). */
export const referralsContract = {
  /** Referrals, those in triage first (urgent first, then oldest); `status` keeps one kind. */
  'referrals:list': {
    input: z.object({ status: ReferralStatus.optional() }).strict(),
    output: z.array(Referral),
  },
  /** What a referral to the board must give (its minimum dataset), and its next meeting with the cut-off. */
  'referrals:board': {
    input: z.object({ boardSlug: BoardType }).strict(),
    output: z.object({
      boardSlug: z.string(),
      boardName: z.string(),
      dataset: z.array(ReferralDatasetField),
      nextMeeting: ReferralMeeting.nullable(),
      /** A referral received now would come after the next meeting's cut-off. */
      lateNow: z.boolean(),
    }),
  },
  /** A new referral: creates its case (patientId: a new episode of that patient) and puts it in triage. */
  'referrals:create': { input: ReferralInput, output: Referral },
  /**
   * Accepts a referral in triage onto a meeting of its board (the case goes on that agenda). An incomplete one is
   * refused unless `confirmIncomplete`.
   */
  'referrals:accept': {
    input: z
      .object({
        id: Id,
        version: z.number().int(),
        meetingId: z.number({ message: 'Choose the meeting' }).int().positive(),
        confirmIncomplete: z.boolean().default(false),
      })
      .strict(),
    output: Referral,
  },
  /** Declines (or sends back) a referral in triage; the reason is required. */
  'referrals:decline': {
    input: z.object({ id: Id, version: z.number().int(), reason: z.string().max(2000) }).strict(),
    output: Referral,
  },
} as const;
