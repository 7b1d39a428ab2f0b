import { z } from 'zod';
import { ImportOutcome, Uid } from '../domain/imaging';

const Id = z.number().int().positive();
/** Why: part of the audit trail, so it must say something. */
const Reason = z.string().trim().min(1, 'Give a reason').max(1000);

/** A study that no case holds, as the store screen lists it. */
export const UnattachedStudy = z.object({
  studyInstanceUid: Uid,
  /** DICOM Person Name as stored (`Family^Given`). */
  dicomPatientName: z.string().nullable(),
  dicomPatientId: z.string().nullable(),
  studyDate: z.string().nullable(),
  description: z.string().nullable(),
  modalities: z.array(z.string()),
  imageCount: z.number().int(),
  /** Bytes its files take in the image store. */
  bytes: z.number().int(),
  /** When it was first imported (ISO). */
  importedAt: z.string(),
});
export type UnattachedStudy = z.infer<typeof UnattachedStudy>;

/** An open patient-mismatch question: the same shape the import's report uses. */
export const MismatchPrompt = ImportOutcome.shape.needsConfirmation.element;
export type MismatchPrompt = z.infer<typeof MismatchPrompt>;

/** Reversible mistakes with imaging (issue 12, item 9): detach, the unattached studies and their purge, prompts. */
export const reversibleContract = {
  /**
   * Detaches a study from a case, with a reason (audited). Refused while the case has key images made from the
   * study (they are named): a slide must not lose an image without the user removing it knowingly.
   */
  'imaging:detachStudy': {
    input: z.object({ caseId: Id, studyInstanceUid: Uid, reason: Reason }).strict(),
    output: z.object({ detached: z.literal(true) }),
  },
  /** Studies attached to no case (administrator). */
  'imaging:unattached': { input: z.object({}).strict(), output: z.array(UnattachedStudy) },
  /** Removes unattached studies from the index and their files from the store (administrator, audited, final). */
  'imaging:purge': {
    input: z
      .object({ studyInstanceUids: z.array(Uid).min(1, 'Choose at least one study').max(1000), reason: Reason })
      .strict(),
    output: z.object({ purged: z.number().int(), filesRemoved: z.number().int() }),
  },
  /** The patient-mismatch questions of a case still open (they survive a reload). */
  'imaging:prompts': { input: z.object({ caseId: Id }).strict(), output: z.array(MismatchPrompt) },
  /** "Leave unattached": closes the question; the study stays in the store, attached to no case. */
  'imaging:dismissPrompt': {
    input: z.object({ caseId: Id, studyInstanceUid: Uid }).strict(),
    output: z.object({ dismissed: z.literal(true) }),
  },
} as const;
