import { z } from 'zod';
import { Referral, ReferralInput, ReferralStatus } from '../domain/referral';

const Id = z.number().int().positive();

/** Referral intake and triage (issue 14 item 6). */
export const referralsContract = {
  /** Referrals, those in triage first (urgent first, then oldest); `status` keeps one kind. */
  'referrals:list': {
    input: z.object({ status: ReferralStatus.optional() }).strict(),
    output: z.array(Referral),
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
