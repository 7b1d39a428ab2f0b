import { toNestErrors } from '@hookform/resolvers';
import type { Resolver } from 'react-hook-form';
import { fnclccGrade, type FnclccResult } from '../../../shared/clinical/grading';
import { findHistotype } from '../../../shared/clinical/histotypes';
import type { ReviewAgreement } from '../../../shared/clinical/readiness';
import {
  PathologyInput,
  type IhcResultValue,
  type MarginStatus,
  type PathologyFields,
  type PathologyReport,
  type ReportProcedure,
  type TumourDepth,
} from '../../../shared/domain/pathology';

type GradeCode = 'G1' | 'G2' | 'G3' | 'GX';

/**
 * What the pathology form holds: strings as typed, so nothing typed is lost to parsing or to a refused save. Field
 * names and nesting follow the contract (`mitosesPer10Hpf`, `expertReview.date`, `ihc.0.marker`), so an error by
 * contract path, from the schema or from the main process, lands on the field that shows it.
 */
export interface PathologyDraft {
  procedure: ReportProcedure | '';
  specimenId: string;
  specimenDate: string;
  reportDate: string;
  laboratory: string;
  /** The text in the histotype box; a catalogue name when `histotypeId` is set, free text otherwise. */
  histotypeQuery: string;
  histotypeId: string | null;
  /** Only typed for a free-text histotype; a catalogue entry brings its own code. */
  icdO3: string;
  differentiation: '' | '1' | '2' | '3';
  mitosesPer10Hpf: string;
  necrosisPercent: string;
  neoadjuvantTherapy: boolean;
  roundCellPercent: string;
  reportedGrade: GradeCode | '';
  ihc: { marker: string; result: IhcResultValue | ''; note: string }[];
  molecular: { test: string; result: string }[];
  marginStatus: MarginStatus | '';
  closestMarginMm: string;
  closestMarginLessThan: boolean;
  /** The specimen's three tumour dimensions (cm), as typed. */
  tumourDim1Cm: string;
  tumourDim2Cm: string;
  tumourDim3Cm: string;
  depth: TumourDepth | '';
  /** Each named margin with its distance (mm, as typed). */
  margins: MarginDraft[];
  treatmentEffect: string;
  reviewed: boolean;
  expertReview: { by: string; date: string; agreement: ReviewAgreement | '' };
  reportText: string;
}

export interface MarginDraft {
  margin: string;
  distanceMm: string;
  lessThan: boolean;
  involved: boolean;
}
export const EMPTY_MARGIN: MarginDraft = { margin: '', distanceMm: '', lessThan: false, involved: false };

export const EMPTY_PATHOLOGY: PathologyDraft = {
  procedure: '',
  specimenId: '',
  specimenDate: '',
  reportDate: '',
  laboratory: '',
  histotypeQuery: '',
  histotypeId: null,
  icdO3: '',
  differentiation: '',
  mitosesPer10Hpf: '',
  necrosisPercent: '',
  neoadjuvantTherapy: false,
  roundCellPercent: '',
  reportedGrade: '',
  ihc: [],
  molecular: [],
  marginStatus: '',
  closestMarginMm: '',
  closestMarginLessThan: false,
  tumourDim1Cm: '',
  tumourDim2Cm: '',
  tumourDim3Cm: '',
  depth: '',
  margins: [],
  treatmentEffect: '',
  reviewed: false,
  expertReview: { by: '', date: '', agreement: '' },
  reportText: '',
};

const str = (n: number | null) => (n === null ? '' : String(n));

export function draftFromReport(r: PathologyReport): PathologyDraft {
  return {
    procedure: r.procedure,
    specimenId: r.specimenId,
    specimenDate: r.specimenDate,
    reportDate: r.reportDate ?? '',
    laboratory: r.laboratory,
    histotypeQuery: r.histotypeId ? (findHistotype(r.histotypeId)?.name ?? r.histotypeName) : r.histotypeText,
    histotypeId: r.histotypeId,
    icdO3: r.histotypeId ? '' : (r.icdO3 ?? ''),
    differentiation: r.differentiation === null ? '' : (String(r.differentiation) as '1' | '2' | '3'),
    mitosesPer10Hpf: str(r.mitosesPer10Hpf),
    necrosisPercent: str(r.necrosisPercent),
    neoadjuvantTherapy: r.neoadjuvantTherapy,
    roundCellPercent: str(r.roundCellPercent),
    reportedGrade: r.reportedGrade ?? '',
    ihc: r.ihc.map((i) => ({ marker: i.marker, result: i.result, note: i.note })),
    molecular: r.molecular.map((m) => ({ test: m.test, result: m.result })),
    marginStatus: r.marginStatus ?? '',
    closestMarginMm: str(r.closestMarginMm),
    closestMarginLessThan: r.closestMarginLessThan,
    tumourDim1Cm: str(r.tumourDim1Cm),
    tumourDim2Cm: str(r.tumourDim2Cm),
    tumourDim3Cm: str(r.tumourDim3Cm),
    depth: r.depth ?? '',
    margins: r.margins.map((m) => ({ ...m, distanceMm: str(m.distanceMm) })),
    treatmentEffect: r.treatmentEffect,
    reviewed: r.expertReview !== null,
    expertReview: {
      by: r.expertReview?.by ?? '',
      date: r.expertReview?.date ?? '',
      agreement: r.expertReview?.agreement ?? '',
    },
    reportText: r.reportText,
  };
}

/** '' is "not recorded"; "12,5" is accepted as 12.5; anything else that is not a number is NaN (an error). */
export function num(s: string): number | null {
  const t = s.trim().replace(',', '.');
  if (t === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}

/** The object the contract takes, built from the draft as typed (it may not be valid). */
export function inputFromDraft(d: PathologyDraft) {
  const histotypeText = d.histotypeId ? '' : d.histotypeQuery.trim();
  return {
    procedure: d.procedure || undefined,
    specimenId: d.specimenId,
    specimenDate: d.specimenDate,
    reportDate: d.reportDate.trim() === '' ? null : d.reportDate,
    laboratory: d.laboratory,
    histotypeId: d.histotypeId,
    histotypeText,
    icdO3: d.histotypeId
      ? (findHistotype(d.histotypeId)?.icdO3 ?? null)
      : d.icdO3.trim() === ''
        ? null
        : d.icdO3.trim(),
    differentiation: d.differentiation === '' ? null : Number(d.differentiation),
    mitosesPer10Hpf: num(d.mitosesPer10Hpf),
    necrosisPercent: num(d.necrosisPercent),
    neoadjuvantTherapy: d.neoadjuvantTherapy,
    roundCellPercent: num(d.roundCellPercent),
    reportedGrade: d.reportedGrade || null,
    ihc: d.ihc.map((i) => ({ marker: i.marker, result: i.result || undefined, note: i.note })),
    molecular: d.molecular.map((m) => ({ test: m.test, result: m.result })),
    marginStatus: d.marginStatus || null,
    closestMarginMm: num(d.closestMarginMm),
    closestMarginLessThan: d.closestMarginLessThan,
    tumourDim1Cm: num(d.tumourDim1Cm),
    tumourDim2Cm: num(d.tumourDim2Cm),
    tumourDim3Cm: num(d.tumourDim3Cm),
    depth: d.depth || null,
    margins: d.margins.map((m) => ({ ...m, distanceMm: num(m.distanceMm) })),
    treatmentEffect: d.treatmentEffect,
    expertReview: d.reviewed
      ? { by: d.expertReview.by, date: d.expertReview.date, agreement: d.expertReview.agreement || undefined }
      : null,
    reportText: d.reportText,
  };
}

/** Clearer words for the few messages the schema words for a programmer, by field path. */
const FRIENDLY: Record<string, (d: PathologyDraft) => string | undefined> = {
  specimenDate: (d) => (d.specimenDate.trim() === '' ? 'Give the date the specimen was taken' : undefined),
  'expertReview.date': (d) => (d.expertReview.date.trim() === '' ? 'Give the date of the review' : undefined),
  'expertReview.agreement': () => 'Choose whether the expert agreed with the original diagnosis',
};

/** Number fields: the draft holds them as typed, under the contract's own names (so errors land on them). */
const NUMERIC = [
  'mitosesPer10Hpf',
  'necrosisPercent',
  'roundCellPercent',
  'closestMarginMm',
  'tumourDim1Cm',
  'tumourDim2Cm',
  'tumourDim3Cm',
] as const;
const isNumeric = (path: string): path is (typeof NUMERIC)[number] => (NUMERIC as readonly string[]).includes(path);

/** What was typed at a number path, top-level or a margin's distance ('margins.1.distanceMm'); null otherwise. */
function typedNumber(d: PathologyDraft, path: string): string | null {
  if (isNumeric(path)) return d[path];
  const margin = /^margins\.(\d+)\.distanceMm$/.exec(path);
  return margin ? (d.margins[Number(margin[1])]?.distanceMm ?? null) : null;
}

/** Validates with the schema the main process enforces; errors by contract path (e.g. "ihc.0.marker"). */
export function validatePathology(d: PathologyDraft): {
  fields: PathologyFields | null;
  errors: Record<string, string>;
} {
  const input = inputFromDraft(d);
  const parsed = PathologyInput.safeParse(input);
  if (parsed.success) return { fields: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (errors[path]) continue;
    const typed = typedNumber(d, path);
    if (typed !== null && Number.isNaN(num(typed))) {
      errors[path] = 'Enter a number';
      continue;
    }
    errors[path] = FRIENDLY[path]?.(d) ?? issue.message;
  }
  return { fields: null, errors };
}

/** The FNCLCC grade of the draft, as the main process will compute it (shared/clinical/grading.ts). */
export function liveGrade(d: PathologyDraft): FnclccResult & { reportedUsed: boolean } {
  const result = fnclccGrade({
    differentiation: d.differentiation === '' ? null : Number(d.differentiation),
    mitosesPer10Hpf: num(d.mitosesPer10Hpf),
    necrosisPercent: num(d.necrosisPercent),
    neoadjuvantTherapy: d.neoadjuvantTherapy,
    roundCellPercent: num(d.roundCellPercent),
    histotypeId: d.histotypeId,
  });
  // As the pathology service does: a grade stated in the report stands in only while components are lacking.
  return { ...result, reportedUsed: result.status === 'incomplete' && d.reportedGrade !== '' };
}

/**
 * The draft's check for React Hook Form: the contract schema as `validatePathology` applies it (strings converted,
 * friendlier words), its errors nested by contract path, which is the draft's own path for every field.
 */
export const pathologyResolver: Resolver<PathologyDraft> = (values, _context, options) => {
  const { fields, errors } = validatePathology(values);
  if (fields) return { values, errors: {} };
  const flat = Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, { type: 'schema', message }]));
  return { values: {}, errors: toNestErrors<PathologyDraft>(flat, options) };
};
