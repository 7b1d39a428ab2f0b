import { z } from 'zod';
import { JobId, JobStarted, jobSchema } from './job';
import { RecipientKind } from '../domain/follow-up';

/**
 * Issue 5, Export: the meeting deck as PDF and PPTX, the per-case outcome summary and the meeting minutes as PDF,
 * each optionally de-identified. An export is a job (see jobs:status / jobs:cancel): `exports:start` answers at once
 * with its id, `exports:status` gives progress and, once done, where the file is. The file is written whole or not
 * at all (a temporary file in the target folder, renamed into place), so a failed or cancelled export leaves nothing.
 */

export const EXPORT_KINDS = [
  'deck-pdf',
  'deck-pptx',
  'outcome-pdf',
  'minutes-pdf',
  // issue 14: circulation
  'agenda-pdf',
  'pack-pdf',
] as const;
export const ExportKind = z.enum(EXPORT_KINDS, {
  message: 'Export is deck-pdf, deck-pptx, outcome-pdf, minutes-pdf, agenda-pdf or pack-pdf',
});
export type ExportKind = z.infer<typeof ExportKind>;

export const EXPORT_KIND_LABEL: Record<ExportKind, string> = {
  'deck-pdf': 'Meeting deck (PDF)',
  'deck-pptx': 'Meeting deck (PowerPoint)',
  'outcome-pdf': 'Outcome summary (PDF)',
  'minutes-pdf': 'Meeting minutes (PDF)',
  // issue 14: circulation
  'agenda-pdf': 'Meeting agenda (A4 PDF)',
  'pack-pdf': 'Pre-meeting pack (PDF)',
};

/** The file extension each kind writes. */
export const EXPORT_EXTENSION: Record<ExportKind, '.pdf' | '.pptx'> = {
  'deck-pdf': '.pdf',
  'deck-pptx': '.pptx',
  'outcome-pdf': '.pdf',
  'minutes-pdf': '.pdf',
  // issue 14: circulation
  'agenda-pdf': '.pdf',
  'pack-pdf': '.pdf',
};

const MeetingId = z.number({ message: 'Choose a meeting' }).int().positive();
const AgendaItemId = z.number({ message: 'Choose a case on the agenda' }).int().positive();
/**
 * The file goes to the data folder's exports/ under a name without patient identifiers, made unique there. The
 * page cannot name a file on this machine (it could write into ~/.ssh or replace any file): only the CLI, where the
 * user typed the path, and the main process (its own save dialog) choose where to write, through the service.
 */
const common = {
  deidentified: z.boolean().default(false),
};

export const ExportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deck-pdf'), meetingId: MeetingId, ...common }).strict(),
  z.object({ kind: z.literal('deck-pptx'), meetingId: MeetingId, ...common }).strict(),
  z.object({ kind: z.literal('minutes-pdf'), meetingId: MeetingId, ...common }).strict(),
  // An outcome letter (issue 14): only for a signed-off decision; recorded in the letter register for `recipient`
  // (for the referrer by default the case's referrer, else its consultant; a GP, the patient or another is named).
  z
    .object({
      kind: z.literal('outcome-pdf'),
      agendaItemId: AgendaItemId,
      recipient: z.string().trim().max(200, 'At most 200 characters').optional(),
      recipientKind: RecipientKind.default('referrer'),
      ...common,
    })
    .strict()
    // The referrer is on record; anyone else the letter goes to is named, so the register says who had it.
    .refine((r) => r.recipientKind === 'referrer' || !!r.recipient, {
      path: ['recipient'],
      message: 'Name the person the letter is for',
    }),
  // issue 14: circulation (the agenda and the pre-meeting pack, A4, for the members before the meeting)
  z.object({ kind: z.literal('agenda-pdf'), meetingId: MeetingId, ...common }).strict(),
  z.object({ kind: z.literal('pack-pdf'), meetingId: MeetingId, ...common }).strict(),
]);
export type ExportRequest = z.output<typeof ExportRequest>;
export type ExportRequestInput = z.input<typeof ExportRequest>;

export const ExportOutcome = z.object({
  kind: ExportKind,
  deidentified: z.boolean(),
  /** The absolute path of the file written. */
  file: z.string(),
  /** Its name (no folder). */
  name: z.string(),
  bytes: z.number().int(),
  /** Pages of a PDF (null for PPTX). */
  pages: z.number().int().nullable(),
  /** Slides of a deck export (null for outcome and minutes). A deck PDF has one page per slide. */
  slides: z.number().int().nullable(),
  /** Where the web host serves it ('/media/exports/<name>') when it was written to the data folder's exports/. */
  downloadUrl: z.string().nullable(),
  seconds: z.number(),
});
export type ExportOutcome = z.infer<typeof ExportOutcome>;

export const ExportProgress = z.object({
  /** What is being exported (the running job's label; the outcome says it again once done). */
  exportKind: ExportKind,
  /** What the export is doing ("Rendering the print view", "Slide 12 of 40", ...). */
  phase: z.string(),
  /** Steps done of `total` (slides for a PPTX; stages for a PDF); total is null until known. */
  done: z.number().int(),
  total: z.number().int().nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

/** An export job: `result` is the file written, once done; `error` says why not (or that nothing was written). */
export const ExportJobStatus = jobSchema('export', ExportProgress, ExportOutcome);
export type ExportJobStatus = z.infer<typeof ExportJobStatus>;

export const ExportFile = z.object({
  name: z.string(),
  bytes: z.number().int(),
  modifiedAt: z.string(),
  downloadUrl: z.string(),
});
export type ExportFile = z.infer<typeof ExportFile>;

export const exportsContract = {
  /** Starts an export job; cancel it with jobs:cancel. Unknown meeting or agenda item: 'not-found' at once. */
  'exports:start': { input: ExportRequest, output: JobStarted },
  /** An export job's progress, and the file once it is written (jobs:status answers the same; not-found for other kinds). */
  'exports:status': { input: JobId, output: ExportJobStatus },
  /** The files in the data folder's exports/, newest first, with their download addresses. */
  'exports:list': { input: z.object({}).strict(), output: z.array(ExportFile) },
} as const;

export type ExportsChannel = keyof typeof exportsContract;
export const EXPORTS_CHANNELS = Object.keys(exportsContract) as ExportsChannel[];
