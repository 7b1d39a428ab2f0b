import { z } from 'zod';
import { EpisodeKind, IsoDate } from './case';

export const Uid = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'Not a DICOM UID')
  .max(64);

const Point = z.object({ x: z.number().finite(), y: z.number().finite() });

export const MeasureTool = z.enum(['length', 'bidirectional', 'ellipse']);
export type MeasureTool = z.infer<typeof MeasureTool>;

/** Which DICOM attribute gave the image's mm per pixel. */
export const SpacingSource = z.enum(['PixelSpacing', 'ImagerPixelSpacing']);
export type SpacingSource = z.infer<typeof SpacingSource>;

/**
 * A measurement as drawn: handles in image pixel coordinates (so it comes back exactly), with the values
 * computed when it was drawn. `unit` is px when the image has no spacing; `spacingSource` says which tag
 * gave mm (Imager Pixel Spacing is at the detector, not the patient, and is labelled so).
 */
export const MeasurementValues = z.object({
  unit: z.enum(['mm', 'px']),
  spacingSource: SpacingSource.nullable(),
  /** length: mm or px. */
  length: z.number().optional(),
  /** bidirectional: long and short axis, mm or px. */
  long: z.number().optional(),
  short: z.number().optional(),
  /** ellipse: mm² or px²; mean/sd of the modality-LUT values (absent for colour images). */
  area: z.number().optional(),
  mean: z.number().optional(),
  sd: z.number().optional(),
  meanUnit: z.enum(['HU', 'raw']).optional(),
});
export type MeasurementValues = z.infer<typeof MeasurementValues>;

export const Annotation = z.object({
  id: z.string().min(1).max(64),
  tool: MeasureTool,
  sopInstanceUid: Uid,
  /** 0-based frame within the instance (0 for single-frame). */
  frame: z.number().int().min(0),
  /**
   * Image pixel coordinates, exactly as drawn. length/ellipse: start, end (ellipse: its bounding box corners);
   * bidirectional: start, end (long axis), perpendicularStart, perpendicularEnd; any: textBox once the label was dragged.
   */
  handles: z.record(z.string(), Point),
  values: MeasurementValues,
});
export type Annotation = z.infer<typeof Annotation>;

export const ViewState = z.object({
  windowCenter: z.number().finite(),
  windowWidth: z.number().finite().positive(),
  invert: z.boolean(),
  scale: z.number().finite().positive(),
  translation: Point,
});
export type ViewState = z.infer<typeof ViewState>;

export const KeyImage = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  sopInstanceUid: Uid,
  frame: z.number().int(),
  caption: z.string(),
  view: ViewState,
  annotations: z.array(Annotation),
  /** Where the PNG with the annotations burned in is served from (binary, never base64 in JSON). */
  renderUrl: z.string(),
  studyDate: z.string().nullable(),
  seriesDescription: z.string().nullable(),
  createdAt: z.string(),
});
export type KeyImage = z.infer<typeof KeyImage>;

const Cm = z.number().positive('Must be more than 0 cm').max(100, 'At most 100 cm');

/** A lesion's size in cm: long x short x craniocaudal, as radiology reports give it (e.g. 16.3 x 8 x 9 cm). */
export const LesionInput = z.object({
  label: z.string().trim().min(1, 'Name the lesion').max(200),
  longCm: Cm.nullable(),
  shortCm: Cm.nullable(),
  craniocaudalCm: Cm.nullable(),
  studyDate: IsoDate.nullable(),
  /** 'measured' when filled from a measurement in the viewer, 'typed' when entered by hand. */
  source: z.enum(['measured', 'typed']),
  note: z.string().trim().max(1000).default(''),
  /**
   * The tracked lesion (followed across studies, shared/domain/response.ts) this row measures. Null: the service
   * links it by name, to the patient's tracked lesion of the same name (case and spaces ignored), or a new one.
   */
  trackedLesionId: z.number().int().positive().nullable().default(null),
  /** Mean density of an ellipse on the lesion (HU), for Choi. */
  meanHu: z
    .number()
    .min(-2000, 'A mean density is at least -2000 HU')
    .max(5000, 'A mean density is at most 5000 HU')
    .nullable()
    .default(null),
  /** The study it was measured on, when filled from a measurement. */
  studyInstanceUid: Uid.nullable().default(null),
});
export type LesionInput = z.input<typeof LesionInput>;

export const Lesion = LesionInput.extend({
  id: z.number().int(),
  caseId: z.number().int(),
  trackedLesionId: z.number().int().nullable(),
  /** The largest of the three: what AJCC T uses. */
  greatestDimensionCm: z.number().nullable(),
  updatedAt: z.string(),
});
export type Lesion = z.infer<typeof Lesion>;

export function greatestDimension(l: {
  longCm: number | null;
  shortCm: number | null;
  craniocaudalCm: number | null;
}): number | null {
  const dims = [l.longCm, l.shortCm, l.craniocaudalCm].filter((d): d is number => d !== null);
  return dims.length ? Math.max(...dims) : null;
}

/**
 * A DICOM Person Name (`Family^Given^Middle^Prefix^Suffix`; the alphabetic group, before any `=`) as people write
 * it: "Doe^Peter" -> "Peter Doe", "Smith^John^Q^Dr^Jr" -> "Dr John Q Smith, Jr". A name without `^` is kept as it
 * is; null for no name.
 */
export function formatPersonName(pn: string | null | undefined): string | null {
  const alphabetic = pn?.split('=')[0].trim();
  if (!alphabetic) return null;
  if (!alphabetic.includes('^')) return alphabetic;
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = alphabetic.split('^').map((p) => p.trim());
  const name = [prefix, given, middle, family].filter(Boolean).join(' ');
  return suffix ? `${name}, ${suffix}` : name || null;
}

export const SeriesSummary = z.object({
  seriesInstanceUid: Uid,
  modality: z.string().nullable(),
  seriesNumber: z.number().nullable(),
  description: z.string().nullable(),
  bodyPart: z.string().nullable(),
  instanceCount: z.number().int(),
  frameCount: z.number().int(),
  /** The middle image, for the thumbnail. */
  thumbnailSopInstanceUid: Uid.nullable(),
});
export type SeriesSummary = z.infer<typeof SeriesSummary>;

export const StudySummary = z.object({
  studyInstanceUid: Uid,
  studyDate: z.string().nullable(),
  description: z.string().nullable(),
  modalities: z.array(z.string()),
  dicomPatientName: z.string().nullable(),
  dicomPatientId: z.string().nullable(),
  series: z.array(SeriesSummary),
  /**
   * Set when the study is attached to another episode of the patient (issue 13: episodes share the imaging): it is
   * viewable and measurable from this case, but detached or re-imported only from its own case.
   */
  episode: z
    .object({ caseId: z.number().int(), number: z.number().int(), episodeKind: EpisodeKind })
    .nullable()
    .optional(),
});
export type StudySummary = z.infer<typeof StudySummary>;

export const StackImage = z.object({
  sopInstanceUid: Uid,
  frame: z.number().int(),
  instanceNumber: z.number().nullable(),
  /** 'wadouri:' + this URL is the cornerstone imageId. */
  url: z.string(),
});
export type StackImage = z.infer<typeof StackImage>;

export const WindowPreset = z.object({ name: z.string(), windowCenter: z.number(), windowWidth: z.number() });
export type WindowPreset = z.infer<typeof WindowPreset>;

export const ImportCounts = z.object({
  scanned: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  total: z.number().int().nullable(),
  /** DICOMDIR files read as a CD's index, not images (not in `scanned`); absent while an import runs. */
  indexFiles: z.number().int().optional(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportOutcome = z.object({
  counts: ImportCounts,
  rejected: z.array(z.object({ path: z.string(), reason: z.string() })),
  /** Studies whose DICOM patient does not match the case: imported, but attached only after confirmation. */
  needsConfirmation: z.array(
    z.object({
      studyInstanceUid: Uid,
      /** DICOM Person Name as stored (`Family^Given^Middle^Prefix^Suffix`). */
      dicomPatientName: z.string().nullable(),
      dicomPatientId: z.string().nullable(),
      reason: z.string(),
      /** What the study is, so the user can tell one from another: ISO date, description, modalities. */
      studyDate: z.string().nullable().default(null),
      studyDescription: z.string().nullable().default(null),
      modalities: z.array(z.string()).default([]),
      /** Images of the study in this import (new and already stored). */
      imageCount: z.number().int().nullable().default(null),
    }),
  ),
  attachedStudies: z.array(Uid),
  /** DICOMDIRs in what was imported whose listed files were not imported with them (each is also rejected). */
  incompleteDicomdirs: z
    .array(z.object({ path: z.string(), listed: z.number().int(), missing: z.number().int() }))
    .optional(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;
