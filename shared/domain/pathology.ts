import { z } from 'zod';
import { findHistotype } from '../clinical/histotypes';
import { PathologyProcedure } from '../clinical/procedures';
import { ExpertReview, MolecularResult } from '../clinical/readiness';
import { closestOfMargins } from '../clinical/specimen';
import { IsoDate } from './case';

/**
 * A pathology report as the coordinator records it (CAP soft tissue protocol items, reference "What an MDT case
 * record holds"): procedure, specimen, histotype (catalogue or free text), FNCLCC components, IHC, molecular,
 * margins, treatment effect, expert central review and the report text.
 */

// The procedure list and its labels are defined once, with the readiness rules that use them.
export {
  isBiopsy,
  PATHOLOGY_PROCEDURES,
  PathologyProcedure as ReportProcedure,
  PROCEDURE_LABEL,
} from '../clinical/procedures';

export const IhcResultValue = z.enum(['positive', 'negative', 'focal', 'equivocal'], {
  message: 'An immunostain result is positive, negative, focal or equivocal',
});
export type IhcResultValue = z.infer<typeof IhcResultValue>;

export const IhcResult = z
  .object({
    marker: z.string().trim().min(1, 'Name the marker (e.g. desmin, MDM2)').max(100, 'At most 100 characters'),
    result: IhcResultValue,
    /** e.g. "diffuse", "in 30% of cells". */
    note: z.string().trim().max(500, 'At most 500 characters').default(''),
  })
  .strict();
export type IhcResult = z.output<typeof IhcResult>;

export const MarginStatus = z.enum(['R0', 'R1', 'R2', 'RX'], { message: 'Margin status is R0, R1, R2 or RX' });
export type MarginStatus = z.infer<typeof MarginStatus>;

export const FnclccGradeCode = z.enum(['G1', 'G2', 'G3', 'GX'], { message: 'Grade is G1, G2, G3 or GX' });

/** ICD-O-3 morphology with behaviour code, e.g. 8858/3. */
export const IcdO3 = z
  .string()
  .trim()
  .regex(/^\d{4}\/\d$/, 'ICD-O-3 codes look like 8858/3');

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/** Where the tumour lies relative to the superficial fascia (AJCC/CAP: superficial or deep). */
export const TumourDepth = z.enum(['superficial', 'deep', 'not-assessable'], {
  message: 'Depth is superficial, deep or not assessable',
});
export type TumourDepth = z.infer<typeof TumourDepth>;
export const TUMOUR_DEPTH_LABEL: Record<TumourDepth, string> = {
  superficial: 'Superficial (above the superficial fascia)',
  deep: 'Deep (below or through the superficial fascia)',
  'not-assessable': 'Cannot be assessed',
};

/** One named margin of a resection specimen with its distance, as the report gives it (CAP: "distance to margin"). */
export const SpecimenMargin = z
  .object({
    margin: z.string().trim().min(1, 'Name the margin (e.g. deep, proximal)').max(100, 'At most 100 characters'),
    /** mm from the tumour; null when the report gives only "involved" or no distance. */
    distanceMm: z
      .number({ message: 'The distance is a number of mm' })
      .min(0, 'A margin distance cannot be negative')
      .max(1000, 'The margin distance looks too large (mm)')
      .nullable()
      .default(null),
    /** The report gives only an upper bound ("< 1 mm"). */
    lessThan: z.boolean().default(false),
    /** Tumour at the inked margin. */
    involved: z.boolean().default(false),
  })
  .strict();
export type SpecimenMargin = z.output<typeof SpecimenMargin>;

const SpecimenDimension = z
  .number({ message: 'A tumour dimension is a number of cm' })
  .positive('A tumour dimension must be more than 0 cm')
  .max(100, 'At most 100 cm');
const percent = (what: string) =>
  z
    .number({ message: `${what} is a percentage` })
    .min(0, `${what} is 0 to 100%`)
    .max(100, `${what} is 0 to 100%`);

export const PathologyFields = z
  .object({
    procedure: PathologyProcedure,
    specimenId: text(100).default(''),
    /** Date the specimen was taken (biopsy or operation). Orders reports and dates the evidence. */
    specimenDate: IsoDate,
    reportDate: IsoDate.nullable().default(null),
    laboratory: text(200).default(''),
    /** A catalogue id (shared/clinical/histotypes.ts); null when free text is used or the type is not yet known. */
    histotypeId: z.string().trim().min(1).max(100).nullable().default(null),
    /** Free-text histotype when it is not in the catalogue: shown flagged as not coded. */
    histotypeText: text(300).default(''),
    /** Filled from the catalogue for coded histotypes; may be typed for free text. */
    icdO3: IcdO3.nullable().default(null),
    /** 1-3; null means "from the catalogue" (PDQ Table 4) when the histotype has a score. */
    differentiation: z
      .number()
      .int('The differentiation score is 1, 2 or 3')
      .min(1, 'The differentiation score is 1, 2 or 3')
      .max(3, 'The differentiation score is 1, 2 or 3')
      .nullable()
      .default(null),
    mitosesPer10Hpf: z
      .number({ message: 'Mitoses are a count per 10 high-power fields' })
      .int('Mitoses per 10 high-power fields is a whole number')
      .min(0, 'Mitoses per 10 high-power fields cannot be negative')
      .max(10000, 'Mitoses per 10 high-power fields looks too high')
      .nullable()
      .default(null),
    necrosisPercent: percent('Necrosis').nullable().default(null),
    neoadjuvantTherapy: z.boolean().default(false),
    roundCellPercent: percent('Round-cell component').nullable().default(null),
    /** Grade as stated in the report; used only when the components are not recorded. */
    reportedGrade: FnclccGradeCode.nullable().default(null),
    ihc: z.array(IhcResult).max(100, 'At most 100 immunostains').default([]),
    molecular: z.array(MolecularResult.strict()).max(100, 'At most 100 molecular results').default([]),
    marginStatus: MarginStatus.nullable().default(null),
    closestMarginMm: z
      .number()
      .min(0, 'The closest margin cannot be negative')
      .max(1000, 'The closest margin looks too large (mm)')
      .nullable()
      .default(null),
    /** The report gives only an upper bound, e.g. "< 1 mm". */
    closestMarginLessThan: z.boolean().default(false),
    /** The tumour's three dimensions in the specimen (gross), cm; the largest gives pT after a resection. */
    tumourDim1Cm: SpecimenDimension.nullable().default(null),
    tumourDim2Cm: SpecimenDimension.nullable().default(null),
    tumourDim3Cm: SpecimenDimension.nullable().default(null),
    depth: TumourDepth.nullable().default(null),
    margins: z.array(SpecimenMargin).max(20, 'At most 20 margins').default([]),
    treatmentEffect: text(2000).default(''),
    expertReview: ExpertReview.strict().nullable().default(null),
    reportText: text(20000).default(''),
  })
  .strict();

/** What the coordinator sends to create or update a report (cross-field rules included). */
export const PathologyInput = PathologyFields.superRefine((r, ctx) => {
  if (r.histotypeId !== null && !findHistotype(r.histotypeId)) {
    ctx.addIssue({
      code: 'custom',
      path: ['histotypeId'],
      message: `"${r.histotypeId}" is not in the histotype catalogue: choose one, or type it as free text`,
    });
  }
  if (r.histotypeId !== null && r.histotypeText !== '') {
    ctx.addIssue({
      code: 'custom',
      path: ['histotypeText'],
      message: 'Choose a histotype from the catalogue or type one, not both',
    });
  }
  const coded = findHistotype(r.histotypeId);
  if (coded && r.icdO3 !== null && r.icdO3 !== coded.icdO3) {
    ctx.addIssue({
      code: 'custom',
      path: ['icdO3'],
      message: `${coded.name} is ICD-O-3 ${coded.icdO3} in the catalogue, not ${r.icdO3}`,
    });
  }
  if (r.closestMarginLessThan && r.closestMarginMm === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['closestMarginMm'],
      message: 'Give the distance the closest margin is less than',
    });
  }
  // The margin list and the closest margin / status must tell one story (docs/clinical-rules.md#specimen-margins).
  r.margins.forEach((m, i) => {
    if (m.lessThan && m.distanceMm === null && !m.involved) {
      ctx.addIssue({
        code: 'custom',
        path: ['margins', i, 'distanceMm'],
        message: `Give the distance the ${m.margin || 'margin'} margin is less than`,
      });
    }
    if (m.involved && m.distanceMm !== null && m.distanceMm > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['margins', i, 'distanceMm'],
        message: `An involved margin has tumour at the ink: leave the ${m.margin || 'margin'} distance empty or 0`,
      });
    }
  });
  const involved = r.margins.find((m) => m.involved);
  if (involved && r.marginStatus === 'R0') {
    ctx.addIssue({
      code: 'custom',
      path: ['marginStatus'],
      message: `The ${involved.margin || 'listed'} margin is marked involved: R0 means no tumour at any margin`,
    });
  }
  const nearest = closestOfMargins(r.margins);
  if (nearest && r.closestMarginMm !== null && nearest.distanceMm < r.closestMarginMm) {
    ctx.addIssue({
      code: 'custom',
      path: ['closestMarginMm'],
      message:
        `The ${nearest.margin} margin (${nearest.distanceMm} mm) is nearer than the closest margin given ` +
        `(${r.closestMarginMm} mm): correct one, or leave the closest margin empty to take it from the list`,
    });
  }
  if (r.reportDate !== null && r.reportDate < r.specimenDate) {
    ctx.addIssue({ code: 'custom', path: ['reportDate'], message: 'The report date is before the specimen date' });
  }
  if (r.expertReview && r.expertReview.date < r.specimenDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['expertReview', 'date'],
      message: 'The expert review is dated before the specimen was taken',
    });
  }
});
export type PathologyInput = z.input<typeof PathologyInput>;
export type PathologyFields = z.output<typeof PathologyInput>;

export const GradeSource = z.enum(['computed', 'reported', 'none']);

/** The FNCLCC grade as worked out for one report (or for the case, from its driving report). */
export const GradeResult = z.object({
  grade: FnclccGradeCode,
  /** FNCLCC total 2-8, null when not computable. */
  score: z.number().int().nullable(),
  components: z.object({
    differentiation: z.number().int().nullable(),
    mitoses: z.number().int().nullable(),
    necrosis: z.number().int().nullable(),
  }),
  /** computed: from the components; reported: as the report states it (components not recorded); none: no grade. */
  source: GradeSource,
  /**
   * graded: G1-G3; not-gradable: GX is the answer (e.g. after neoadjuvant therapy, bone tumour);
   * incomplete: GX because components are missing; no-report: no pathology report.
   */
  status: z.enum(['graded', 'not-gradable', 'incomplete', 'no-report']),
  reason: z.string(),
});
export type GradeResult = z.infer<typeof GradeResult>;

/**
 * A person's choice that this report drives grade and staging, overriding the content rule (issue 13 item 2):
 * who, when (ISO timestamp) and why. Present only on the chosen report.
 */
export const DrivingChoice = z.object({ by: z.string(), at: z.string(), reason: z.string() });
export type DrivingChoice = z.infer<typeof DrivingChoice>;

/** Why a report may drive: at most 1000 characters, required when a report is chosen. */
export const DrivingChoiceReason = z.string().trim().max(1000, 'At most 1000 characters');

export const PathologyReport = PathologyFields.extend({
  id: z.number().int(),
  caseId: z.number().int(),
  /** True when the histotype is a catalogue entry; free text is flagged as not coded. */
  coded: z.boolean(),
  /** The catalogue name, or the free text, or '' when not stated. */
  histotypeName: z.string(),
  grade: GradeResult,
  /** Set when a person chose this report to drive grade and staging (see drivingReport in pathology-service). */
  drivingChoice: DrivingChoice.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PathologyReport = z.infer<typeof PathologyReport>;
