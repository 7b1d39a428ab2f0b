import { z } from 'zod';
import { JobStarted } from './job';
import {
  Annotation,
  KeyImage,
  Lesion,
  LesionInput,
  StackImage,
  StudySummary,
  Uid,
  ViewState,
  WindowPreset,
} from '../domain/imaging';
import { IsoDate } from '../domain/case';
import { LesionRole, NonTargetStatus, ResponseView, TrackedLesion } from '../domain/response';

const Id = z.number().int().positive();

export const imagingContract = {
  /** Studies attached to a case, with their series. */
  'imaging:studies': { input: z.object({ caseId: Id }).strict(), output: z.array(StudySummary) },
  /** One series as a stack, sorted along the slice normal (instance number when positions are missing). */
  'imaging:stack': {
    input: z.object({ seriesInstanceUid: Uid }).strict(),
    output: z.object({ images: z.array(StackImage), presets: z.array(WindowPreset) }),
  },
  /**
   * Import files or folders the user chose in the desktop app (file dialog, drag and drop), in place. The page names
   * them by the tokens the preload's `grantFiles` gave it, never by path: it can import what the user chose and
   * nothing else (electron/host/chosen-paths.ts). The web host imports uploads instead.
   */
  'imaging:importPaths': {
    input: z
      .object({
        chosen: z
          .array(z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Not a token of a chosen file'))
          .min(1, 'Choose at least one file or folder')
          .max(10_000),
        caseId: Id.optional(),
        confirmMismatch: z.boolean().default(false),
      })
      .strict(),
    output: JobStarted,
  },
  /** Import what the browser uploaded to /media/uploads/<batchId>/ (web host). */
  'imaging:importUpload': {
    input: z
      .object({
        batchId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not an upload batch id'),
        caseId: Id.optional(),
        confirmMismatch: z.boolean().default(false),
      })
      .strict(),
    output: JobStarted,
  },
  /** After the user confirmed a patient mismatch: attach the study to the case. */
  'imaging:attachStudy': {
    input: z.object({ studyInstanceUid: Uid, caseId: Id }).strict(),
    output: z.object({ attached: z.literal(true) }),
  },

  'annotations:list': { input: z.object({ caseId: Id, seriesInstanceUid: Uid }).strict(), output: z.array(Annotation) },
  /** Replaces the case's measurements on one series in one transaction (what the viewer shows is what is stored). */
  'annotations:replace': {
    input: z.object({ caseId: Id, seriesInstanceUid: Uid, annotations: z.array(Annotation).max(2000) }).strict(),
    output: z.array(Annotation),
  },

  'keyImages:list': { input: z.object({ caseId: Id }).strict(), output: z.array(KeyImage) },
  'keyImages:create': {
    input: z
      .object({
        caseId: Id,
        sopInstanceUid: Uid,
        frame: z.number().int().min(0),
        caption: z.string().trim().min(1, 'Write a caption').max(500),
        view: ViewState,
        annotations: z.array(Annotation).max(200),
        /** The PNG uploaded to /media/renders/<renderToken>.png just before. */
        renderToken: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a render token'),
      })
      .strict(),
    output: KeyImage,
  },
  'keyImages:update': {
    input: z.object({ id: Id, caption: z.string().trim().min(1, 'Write a caption').max(500) }).strict(),
    output: KeyImage,
  },
  'keyImages:remove': { input: z.object({ id: Id }).strict(), output: z.object({ removed: z.literal(true) }) },

  'lesions:list': { input: z.object({ caseId: Id }).strict(), output: z.array(Lesion) },
  'lesions:create': { input: z.object({ caseId: Id, lesion: LesionInput.strict() }).strict(), output: Lesion },
  'lesions:update': { input: z.object({ id: Id, lesion: LesionInput.strict() }).strict(), output: Lesion },
  'lesions:remove': { input: z.object({ id: Id }).strict(), output: z.object({ removed: z.literal(true) }) },

  /** Lesions tracked across the patient's studies (all episodes), with sums and RECIST 1.1 and Choi categories. */
  'imaging:tracking': { input: z.object({ caseId: Id }).strict(), output: ResponseView },
  /** Rename a tracked lesion, or say whether it is a target or non-target lesion and whether it is a lymph node. */
  'imaging:setTrackedLesion': {
    input: z
      .object({
        id: Id,
        name: z.string().trim().min(1, 'Name the lesion').max(200).optional(),
        role: LesionRole.optional(),
        isNode: z.boolean().optional(),
        note: z.string().trim().max(1000).optional(),
      })
      .strict(),
    output: TrackedLesion,
  },
  /** Non-target status and new lesions at a study date of the case's patient. */
  'imaging:setTimepoint': {
    input: z
      .object({
        caseId: Id,
        studyDate: IsoDate,
        nonTarget: NonTargetStatus.nullable(),
        newLesions: z.boolean(),
        note: z.string().trim().max(1000).default(''),
      })
      .strict(),
    output: ResponseView,
  },
} as const;
