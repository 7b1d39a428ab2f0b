import { z } from 'zod';
import { REFERRAL_DATASET_FIELDS, type ReferralDatasetField } from './board';
import { EpisodeKind, PatientInput, SiteChapter } from './case';
import { BoardType } from './meeting';

/**
 * A referral to a board (issue 14 item 6): who asks what, how urgently, about which patient, with the board's
 * minimum dataset. It creates a case that waits in the triage queue (migration 0010 `referrals`) until the
 * coordinator accepts it onto a meeting's agenda or declines it with a reason.
 */

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (label: string, max: number) => text(max).min(1, `${label} is required`);
const Id = z.number().int().positive();

export const REFERRAL_URGENCIES = ['routine', 'soon', 'urgent'] as const;
export const ReferralUrgency = z.enum(REFERRAL_URGENCIES, { message: 'Urgency is routine, soon or urgent' });
export type ReferralUrgency = z.infer<typeof ReferralUrgency>;
export const URGENCY_LABEL: Record<ReferralUrgency, string> = {
  routine: 'Routine',
  soon: 'Soon',
  urgent: 'Urgent',
};

export const REFERRAL_STATUSES = ['triage', 'accepted', 'declined'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;
export const REFERRAL_STATUS_LABEL: Record<ReferralStatus, string> = {
  triage: 'In triage',
  accepted: 'Accepted',
  declined: 'Declined',
};

/** The dataset as given: one text per field id; '' (or left out) = not given. ECOG is '0' to '4'. */
export const ReferralDataset = z
  .object(
    Object.fromEntries(REFERRAL_DATASET_FIELDS.map((f) => [f, text(5000).optional()])) as Record<
      ReferralDatasetField,
      z.ZodOptional<z.ZodString>
    >,
  )
  .strict()
  .refine((d) => !d.ecog || /^[0-4]$/.test(d.ecog), { message: 'ECOG is 0 to 4', path: ['ecog'] });
export type ReferralDataset = z.infer<typeof ReferralDataset>;

export const ReferralInput = z
  .object({
    boardSlug: BoardType.default('sarcoma'),
    referrerName: required('Referrer', 120),
    referrerContact: required('How to reach the referrer', 200),
    referringHospital: text(200).default(''),
    urgency: ReferralUrgency,
    question: required('Question for the board', 2000),
    /** The patient; with patientId the referral is a new episode of a patient on record (cases:create). */
    patient: PatientInput,
    patientId: Id.optional(),
    siteChapter: SiteChapter.default('other'),
    episodeKind: EpisodeKind.default('new-diagnosis'),
    dataset: ReferralDataset.default({}),
  })
  .strict();
export type ReferralInput = z.input<typeof ReferralInput>;
export type ReferralFields = z.output<typeof ReferralInput>;

/** A meeting a referral can go onto. */
export const ReferralMeeting = z.object({
  id: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  /** Its referral cut-off (the meeting's own, else the board's rule); local wall clock. */
  cutoff: z.string(),
});
export type ReferralMeeting = z.infer<typeof ReferralMeeting>;

export const Referral = z.object({
  id: z.number().int(),
  boardSlug: z.string(),
  boardName: z.string(),
  caseId: z.number().int().nullable(),
  patientName: z.string(),
  mrn: z.string(),
  referrerName: z.string(),
  referrerContact: z.string(),
  referringHospital: z.string(),
  /** When it was received, the board's local wall clock 'YYYY-MM-DDTHH:MM' (compared with cut-offs). */
  receivedAt: z.string(),
  urgency: ReferralUrgency,
  question: z.string(),
  dataset: z.record(z.string(), z.string()),
  /** The board's minimum dataset fields not given, in the board's order. */
  missing: z.array(z.enum(REFERRAL_DATASET_FIELDS)),
  status: ReferralStatus,
  /** In triage: the meeting it was meant for (the board's next at receipt); accepted: the meeting it went onto. */
  meeting: ReferralMeeting.nullable(),
  /** Received after the cut-off of the meeting it was meant for. */
  late: z.boolean(),
  /** The board's upcoming meetings it can be accepted onto, soonest first (the meant one first when upcoming). */
  choices: z.array(ReferralMeeting),
  decidedAt: z.string().nullable(),
  declineReason: z.string(),
  version: z.number().int(),
});
export type Referral = z.infer<typeof Referral>;
