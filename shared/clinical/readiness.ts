/**
 * Work-up checklist a case needs before the board, as docs/clinical-rules.md#work-up-before-the-board sets out
 * (ESMO-EURACAN-GENTURIS 2021, PDQ, ESSR, NCCN). Pure: the caller validates input with the exported schemas at its
 * boundary; this function never throws on well-typed input.
 *
 * The board's question decides which items the case has (docs/clinical-rules.md#the-question-shapes-the-checklist):
 * READINESS_ITEMS_BY_QUESTION lists them in order. A case outside the sarcoma site chapters ('other', e.g. a
 * carcinoma invading the psoas) has no sarcoma-only items at all (SARCOMA_ONLY): they are left out, not shown as
 * "not applicable".
 *
 * States: done, missing, stale (imaging older than the limit: a warning), pending (not yet decidable: it depends
 * on something not yet known, such as the histotype or the liposarcoma subtype; open like missing) and
 * not-applicable (known not to be needed). A case is ready when nothing is missing or pending.
 *
 * Choices (not spelled out by the guidelines; docs/clinical-rules.md#staleness):
 * - Only imaging (and a symptom assessment) goes stale. A tissue diagnosis, expert review, grade or FISH result does
 *   not age the way staging does, so pathology items are done or missing, never stale.
 * - Stale means strictly older than staleAfterWeeks before the meeting: exactly 8 weeks old is still done.
 * - Evidence dated after the meeting does not count: the board cannot have seen it. The item says so
 *   (`afterMeeting`) and is judged on the earlier evidence alone.
 * - The most recent evidence decides (a new scan replaces an old one); on the same day a study or report
 *   is preferred over a manual tick.
 * - A manual tick is evidence like any other and can complete any item (e.g. imaging done elsewhere).
 * - Not-applicable and pending items still show matching evidence if there is some, but never count as done.
 */
import { dayMonthYear } from '../dates';
import { z } from 'zod';
import { IsoDate, QuestionKind, SiteChapter } from '../domain/case';
import { findHistotype, HISTOTYPES, type Histotype } from './histotypes';
import { isBiopsy, PathologyProcedure, PROCEDURES } from './procedures';

export const READINESS_ITEM_IDS = [
  'primary-imaging',
  'chest-ct',
  'biopsy',
  'expert-review',
  'fnclcc-grade',
  'mdm2',
  'ct-abdomen-pelvis',
  'whole-spine-mri',
  'brain-imaging',
  'nodal-assessment',
  'resection-pathology',
  'post-operative-imaging',
  'treatment-history',
  'performance-status',
  'symptom-assessment',
] as const;
export const ReadinessItemId = z.enum(READINESS_ITEM_IDS);
export type ReadinessItemId = z.infer<typeof ReadinessItemId>;

/**
 * Each item named by what it is for, so "not applicable" reads right next to the case's own studies (a
 * retroperitoneal primary's CT abdomen/pelvis is not "the CT abdomen/pelvis for myxoid liposarcoma staging").
 * The ids never change; READINESS_LABEL_BY_QUESTION renames an item where the question gives it another purpose.
 */
export const READINESS_ITEM_LABEL: Record<ReadinessItemId, string> = {
  'primary-imaging': 'Imaging of the primary (MRI and/or contrast CT)',
  'chest-ct': 'Chest CT for staging of a high-grade sarcoma',
  biopsy: 'Biopsy for the diagnosis (image-guided core needle)',
  'expert-review': 'Sarcoma-expert pathology review',
  'fnclcc-grade': 'FNCLCC grade',
  mdm2: 'MDM2 amplification (FISH) for well-differentiated / dedifferentiated liposarcoma',
  'ct-abdomen-pelvis': 'CT abdomen/pelvis for myxoid liposarcoma staging',
  'whole-spine-mri': 'Whole-spine MRI (or whole-body MRI) for myxoid liposarcoma staging',
  'brain-imaging': 'Brain imaging for a sarcoma that spreads to the brain',
  'nodal-assessment': 'Regional lymph node assessment for a node-prone sarcoma',
  'resection-pathology': 'Resection pathology with margins',
  'post-operative-imaging': 'Post-operative imaging of the operated site',
  'treatment-history': 'Treatment given so far (surgery, radiotherapy, systemic therapy)',
  'performance-status': 'Performance status (ECOG)',
  'symptom-assessment': 'Symptom and pain assessment',
};

/** Where the question gives an item another purpose, its label for that question (the same id and evidence). */
export const READINESS_LABEL_BY_QUESTION: Record<QuestionKind, Partial<Record<ReadinessItemId, string>>> = {
  diagnosis: {},
  'post-operative': {
    'chest-ct': 'Chest CT for post-operative staging',
  },
  recurrence: {
    'primary-imaging': 'Imaging of the recurrence (CT, MRI or PET-CT)',
    'chest-ct': 'Chest CT for restaging at recurrence',
    biopsy: 'Biopsy confirming the recurrence (tissue confirmation)',
  },
  palliative: {
    'primary-imaging': 'Current imaging of the disease (CT, MRI or PET-CT)',
  },
};

/** The label of an item for a question: READINESS_LABEL_BY_QUESTION, else READINESS_ITEM_LABEL. */
export function readinessItemLabel(id: ReadinessItemId, question: QuestionKind = 'diagnosis'): string {
  return READINESS_LABEL_BY_QUESTION[question][id] ?? READINESS_ITEM_LABEL[id];
}

/**
 * Which items each question has, in the order shown (docs/clinical-rules.md#the-question-shapes-the-checklist).
 * - diagnosis (and pre-operative): the full diagnostic and staging work-up.
 * - post-operative (e.g. adjuvant radiotherapy?): the resection specimen with margins, imaging after surgery,
 *   expert review and grade of the specimen, what treatment was given, and chest staging.
 * - recurrence or metastatic: imaging of the recurrence, chest CT restaging, tissue confirmation, treatment given so
 *   far (it limits what is left), and fitness for treatment.
 * - palliative or symptom control: current imaging, fitness, the symptoms to control, and treatment so far.
 */
export const READINESS_ITEMS_BY_QUESTION: Record<QuestionKind, readonly ReadinessItemId[]> = {
  diagnosis: [
    'primary-imaging',
    'chest-ct',
    'biopsy',
    'expert-review',
    'fnclcc-grade',
    'mdm2',
    'ct-abdomen-pelvis',
    'whole-spine-mri',
    'brain-imaging',
    'nodal-assessment',
  ],
  'post-operative': [
    'resection-pathology',
    'post-operative-imaging',
    'expert-review',
    'fnclcc-grade',
    'treatment-history',
    'chest-ct',
  ],
  recurrence: ['primary-imaging', 'chest-ct', 'biopsy', 'treatment-history', 'performance-status'],
  palliative: ['primary-imaging', 'performance-status', 'symptom-assessment', 'treatment-history'],
};

/** Items only a sarcoma needs: left out for site chapter 'other' (docs/clinical-rules.md#non-sarcoma-cases). */
export const SARCOMA_ONLY: ReadonlySet<ReadinessItemId> = new Set<ReadinessItemId>([
  'chest-ct',
  'expert-review',
  'fnclcc-grade',
  'mdm2',
  'ct-abdomen-pelvis',
  'whole-spine-mri',
  'brain-imaging',
  'nodal-assessment',
]);

/** The items a case has for its question and site chapter, in order. */
export function readinessItemsFor(question: QuestionKind, site: SiteChapter): ReadinessItemId[] {
  return READINESS_ITEMS_BY_QUESTION[question].filter((id) => site !== 'other' || !SARCOMA_ONLY.has(id));
}

export const ReviewAgreement = z.enum(['concordant', 'minor-discordance', 'major-discordance']);
export type ReviewAgreement = z.infer<typeof ReviewAgreement>;

export const ExpertReview = z.object({
  by: z.string().trim().min(1, 'Reviewer is required').max(200),
  date: IsoDate,
  agreement: ReviewAgreement,
});
export type ExpertReview = z.infer<typeof ExpertReview>;

/** e.g. { test: 'MDM2 amplification (FISH)', result: 'amplified' }. */
export const MolecularResult = z.object({
  test: z.string().trim().min(1, 'Test is required').max(200),
  result: z.string().trim().max(1000),
});
export type MolecularResult = z.infer<typeof MolecularResult>;

export const PathologyReport = z.object({
  specimenId: z.string().trim().max(100).default(''),
  procedure: PathologyProcedure,
  date: IsoDate,
  expertReview: ExpertReview.nullable().default(null),
  molecular: z.array(MolecularResult).default([]),
  /** The margins as the report gives them, e.g. "R0, closest margin 3 mm"; '' when it gives none. */
  margins: z.string().trim().max(500).default(''),
});
export type PathologyReport = z.output<typeof PathologyReport>;

/** An imaging study as DICOM describes it: Modality (CT, MR, PT, NM, CR, US, ...), BodyPartExamined, StudyDescription. */
export const ImagingStudy = z.object({
  modality: z.string().trim().min(1, 'Modality is required').max(16),
  bodyPart: z.string().trim().max(64).default(''),
  studyDescription: z.string().trim().max(200).default(''),
  date: IsoDate,
});
export type ImagingStudy = z.output<typeof ImagingStudy>;

export const ManualTick = z.object({
  item: ReadinessItemId,
  date: IsoDate,
  by: z.string().trim().min(1, 'Who ticked it is required').max(200),
  note: z.string().trim().max(1000).default(''),
});
export type ManualTick = z.output<typeof ManualTick>;

/** A treatment on the case's timeline (surgery, radiotherapy, systemic therapy): the treatment history. */
export const TreatmentEvent = z.object({
  kind: z.enum(['surgery', 'radiotherapy', 'systemic-therapy']),
  /** YYYY-MM-DD, or YYYY-MM when only the month is known. */
  date: z.union([IsoDate, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)]),
  text: z.string().trim().max(2000).default(''),
});
export type TreatmentEvent = z.output<typeof TreatmentEvent>;

export const FnclccGradeValue = z.enum(['G1', 'G2', 'G3', 'GX']);

export const ReadinessInput = z.object({
  siteChapter: SiteChapter,
  /** What the board is asked: it decides which items the case has (READINESS_ITEMS_BY_QUESTION). */
  questionKind: QuestionKind.default('diagnosis'),
  histotypeId: z.string().trim().min(1).nullable().default(null),
  /** The driving report's histotype as typed when it is not coded (e.g. "Liposarcoma, subtype not stated"). */
  histotypeText: z.string().trim().default(''),
  fnclccGrade: FnclccGradeValue.nullable().default(null),
  pathology: z.array(PathologyReport).default([]),
  imaging: z.array(ImagingStudy).default([]),
  manual: z.array(ManualTick).default([]),
  treatments: z.array(TreatmentEvent).default([]),
  /** ECOG performance status recorded on the case (0-4), or null. */
  ecog: z.number().int().min(0).max(4).nullable().default(null),
});
/** The schema's output (defaults filled in). */
export type ReadinessInput = z.output<typeof ReadinessInput>;
/**
 * What assessReadiness takes: the schema's output, where the fields added for the board's question (question,
 * treatments, ECOG, a report's margins) may be left out and take their defaults.
 */
export type ReadinessArgs = Omit<ReadinessInput, 'questionKind' | 'treatments' | 'ecog' | 'pathology'> &
  Partial<Pick<ReadinessInput, 'questionKind' | 'treatments' | 'ecog'>> & {
    pathology: (Omit<PathologyReport, 'margins'> & { margins?: string })[];
  };

export const ReadinessOptions = z.object({
  meetingDate: IsoDate,
  staleAfterWeeks: z.number().positive().default(8),
});
export type ReadinessOptions = z.input<typeof ReadinessOptions>;

export const READINESS_STATES = ['done', 'missing', 'pending', 'stale', 'not-applicable'] as const;
export type ReadinessState = (typeof READINESS_STATES)[number];
/** States that keep a case from being ready. */
export const OPEN_STATES: ReadonlySet<ReadinessState> = new Set<ReadinessState>(['missing', 'pending']);
export interface Evidence {
  /** 'case': a field of the case record itself (e.g. its ECOG). 'event': a treatment on the timeline. */
  kind: 'study' | 'report' | 'manual' | 'case' | 'event';
  description: string;
  /** ISO date; null only for a grade recorded without any dated pathology report. */
  date: string | null;
}
export interface ReadinessItem {
  id: ReadinessItemId;
  label: string;
  state: ReadinessState;
  evidence: Evidence | null;
  /** The latest evidence dated after the meeting: shown as a flag, never counted. */
  afterMeeting: Evidence | null;
  reason: string;
}
export interface ReadinessSummary {
  items: ReadinessItem[];
  missing: number;
  /** Items that cannot be decided yet (e.g. the liposarcoma subtype is not known): open, like missing. */
  pending: number;
  stale: number;
  /** No item missing or pending; stale items are a warning only. */
  ready: boolean;
}

// ---- Matching imaging studies ------------------------------------------------------------------------------

const REGION = {
  // "CAP"/"TAP" = chest (thorax) abdomen pelvis; "thoracic spine" is spine, not chest.
  chest: /chest|thorax|thoracic(?![\s-]*spine)|lung|pulmon|\bcap\b|\btap\b/,
  abdomen: /abd|retroperit|liver|\bcap\b|\btap\b/,
  pelvis: /pelvi|\bcap\b|\btap\b/,
  spine: /spine|spinal|vertebr/,
  brain: /brain|cerebr|cranial|intracran/,
  wholeBody: /whole[\s-]*body|\bwb\b/,
  nodes: /lymph|\bnodes?\b|nodal|sentinel|axill|inguin|groin/,
};
const SPINE_SEGMENT = /cervical|thoracic|lumbar|sacr|\b[clt][\s-]?spine\b/;

function studyText(s: ImagingStudy): string {
  return `${s.bodyPart} ${s.studyDescription}`.toLowerCase();
}
const mod = (s: ImagingStudy) => s.modality.trim().toUpperCase();
const isCtOrMr = (s: ImagingStudy) => mod(s) === 'CT' || mod(s) === 'MR';

function regions(s: ImagingStudy) {
  const t = studyText(s);
  // DICOM BodyPartExamined "HEAD" is the brain; "HEADNECK" or "head and neck" is not.
  const brain = REGION.brain.test(t) || (/\bhead\b/.test(t) && !/neck/.test(t));
  return {
    chest: REGION.chest.test(t),
    abdomen: REGION.abdomen.test(t),
    pelvis: REGION.pelvis.test(t),
    spine: REGION.spine.test(t),
    brain,
    wholeBody: REGION.wholeBody.test(t),
    nodes: REGION.nodes.test(t),
  };
}

/** Whole-spine (or whole-body) MRI: a spine MR that names no single segment, names all of them, or says "whole". */
function isWholeSpineMr(s: ImagingStudy): boolean {
  if (mod(s) !== 'MR') return false;
  const r = regions(s);
  if (r.wholeBody) return true;
  if (!r.spine) return false;
  const t = studyText(s);
  if (/whole|entire|total|complete|full/.test(t)) return true;
  const allSegments =
    /cervical|\bc[\s-]?spine\b/.test(t) && /thoracic|\bt[\s-]?spine\b/.test(t) && /lumbar|\bl[\s-]?spine\b/.test(t);
  return allSegments || !SPINE_SEGMENT.test(t);
}

const isChestCt = (s: ImagingStudy) => mod(s) === 'CT' && regions(s).chest;
const isCtAbdomen = (s: ImagingStudy) => mod(s) === 'CT' && regions(s).abdomen;
const isBrainImaging = (s: ImagingStudy) => isCtOrMr(s) && regions(s).brain;
/** PET-CT of any extent, or US/CT/MR/NM aimed at nodes (e.g. "US groin nodes", sentinel node scintigraphy). */
const isNodalStudy = (s: ImagingStudy) =>
  mod(s) === 'PT' || (['US', 'CT', 'MR', 'NM'].includes(mod(s)) && regions(s).nodes);

/**
 * Primary-site imaging (docs/clinical-rules.md#work-up-before-the-board): MRI and/or contrast CT of the primary
 * site; CT or MRI of the abdomen and pelvis for the retroperitoneum. The study's anatomy is only known from free text, so:
 * - retroperitoneum: CT or MR of the abdomen and/or pelvis;
 * - trunk/extremity: any MR except screening studies (brain, whole spine/body), or a CT of a part other than
 *   chest/abdomen/pelvis (those are the staging CTs every extremity case gets);
 * - head and neck: CT or MR that is not a chest/abdomen/pelvis staging CT/MR or a spine/body screen;
 * - visceral/other: any CT or MR except brain and whole-spine/body screens (the organ may be in the chest or abdomen).
 * Anything else (e.g. a chest-wall tumour imaged only on a chest CT) can be ticked by hand.
 */
function isPrimaryImaging(site: SiteChapter, s: ImagingStudy): boolean {
  if (!isCtOrMr(s)) return false;
  const r = regions(s);
  const screen = isWholeSpineMr(s);
  const stagingTrunk = r.chest || r.abdomen || r.pelvis;
  switch (site) {
    case 'retroperitoneum':
      return r.abdomen || r.pelvis;
    case 'trunk-extremity':
      if (screen || r.brain) return false;
      return mod(s) === 'MR' || !stagingTrunk;
    case 'head-and-neck':
      return !screen && !stagingTrunk;
    default:
      return !screen && !(r.brain && !stagingTrunk);
  }
}

const PRIMARY_WANTED: Record<SiteChapter, string> = {
  retroperitoneum: 'CT or MR of the abdomen/pelvis',
  'trunk-extremity': 'MR of the primary site, or CT of it (a staging chest/abdomen/pelvis CT does not count)',
  'head-and-neck': 'MR or CT of the head and neck',
  visceral: 'CT or MR of the primary site',
  other: 'CT or MR of the primary site',
};

// ---- Evidence and states -----------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** A timeline date may be a month (YYYY-MM): it counts from the month's first day. */
const dayOf = (date: string) => (date.length === 7 ? `${date}-01` : date);
function daysBefore(date: string, meetingDate: string): number {
  return Math.round((Date.parse(`${meetingDate}T00:00:00Z`) - Date.parse(`${dayOf(date)}T00:00:00Z`)) / DAY_MS);
}

function studyEvidence(s: ImagingStudy): Evidence {
  const what = [mod(s), s.bodyPart].filter(Boolean).join(' ');
  return { kind: 'study', description: s.studyDescription ? `${what} (${s.studyDescription})` : what, date: s.date };
}

function manualEvidence(manual: readonly ManualTick[], id: ReadinessItemId): Evidence[] {
  return manual
    .filter((m) => m.item === id)
    .map((m) => ({
      kind: 'manual' as const,
      description: `Ticked by ${m.by}${m.note ? `: ${m.note}` : ''}`,
      date: m.date,
    }));
}

/** Most recent wins; same day, a study or report beats a manual tick. Undated evidence ranks last. */
function latest(evidence: readonly Evidence[]): Evidence | null {
  let best: Evidence | null = null;
  for (const e of evidence) {
    const d = e.date ? dayOf(e.date) : '';
    const bd = best?.date ? dayOf(best.date) : '';
    if (!best) best = e;
    else if (d > bd) best = e;
    else if (d === bd && best.kind === 'manual' && e.kind !== 'manual') best = e;
  }
  return best;
}

interface Ctx {
  meetingDate: string;
  staleAfterWeeks: number;
  manual: readonly ManualTick[];
  question: QuestionKind;
}

const afterMeetingOf = (ctx: Ctx, e: Evidence) => !!e.date && dayOf(e.date) > ctx.meetingDate;

/** The evidence the board can have seen (dated on or before the meeting, or undated), and the latest later one. */
function byMeeting(ctx: Ctx, evidence: readonly Evidence[]) {
  return {
    counted: evidence.filter((e) => !afterMeetingOf(ctx, e)),
    later: latest(evidence.filter((e) => afterMeetingOf(ctx, e))),
  };
}

function afterText(ctx: Ctx, e: Evidence): string {
  return `${e.description} is dated ${dayMonthYear(e.date)}, after the meeting of ${dayMonthYear(ctx.meetingDate)}: not counted.`;
}

function item(
  ctx: Ctx,
  id: ReadinessItemId,
  state: ReadinessState,
  evidence: Evidence | null,
  reason: string,
  afterMeeting: Evidence | null = null,
): ReadinessItem {
  return { id, label: readinessItemLabel(id, ctx.question), state, evidence, afterMeeting, reason };
}

/** done / stale / missing from the best evidence; `ages` is false for pathology (see the file comment). */
function judge(ctx: Ctx, id: ReadinessItemId, found: Evidence[], ages: boolean, missingReason: string): ReadinessItem {
  const { counted, later } = byMeeting(ctx, [...found, ...manualEvidence(ctx.manual, id)]);
  const ev = latest(counted);
  const flag = later ? afterText(ctx, later) : '';
  if (!ev) return item(ctx, id, 'missing', null, flag ? `${flag} ${missingReason}` : missingReason, later);
  const also = flag ? ` ${flag}` : '';
  if (!ev.date) return item(ctx, id, 'done', ev, `${ev.description}.${also}`, later);
  const days = daysBefore(ev.date, ctx.meetingDate);
  if (ages && days > ctx.staleAfterWeeks * 7) {
    return item(
      ctx,
      id,
      'stale',
      ev,
      `${ev.description} on ${dayMonthYear(ev.date)} is ${days} days old at the meeting, older than ${ctx.staleAfterWeeks} weeks: repeat it or confirm it is still current.${also}`,
      later,
    );
  }
  return item(
    ctx,
    id,
    'done',
    ev,
    `${ev.description} on ${dayMonthYear(ev.date)} (${days} days before the meeting).${also}`,
    later,
  );
}

/** Not needed (not-applicable) or not yet decidable (pending): evidence is shown, never counted. */
function undecided(
  ctx: Ctx,
  id: ReadinessItemId,
  state: 'not-applicable' | 'pending',
  found: Evidence[],
  reason: string,
): ReadinessItem {
  const { counted, later } = byMeeting(ctx, [...found, ...manualEvidence(ctx.manual, id)]);
  return item(ctx, id, state, latest(counted), reason, later);
}
const notApplicable = (ctx: Ctx, id: ReadinessItemId, found: Evidence[], reason: string) =>
  undecided(ctx, id, 'not-applicable', found, reason);
const pending = (ctx: Ctx, id: ReadinessItemId, found: Evidence[], reason: string) =>
  undecided(ctx, id, 'pending', found, reason);

// ---- The checklist -----------------------------------------------------------------------------------------

const UNKNOWN_HISTOTYPE = 'Depends on the histotype, not yet known.';
const LPS_SUBTYPE_UNKNOWN = 'Depends on the liposarcoma subtype, not yet known: needed if it is myxoid / round cell.';
const EVENT_LABEL: Record<TreatmentEvent['kind'], string> = {
  surgery: 'Surgery',
  radiotherapy: 'Radiotherapy',
  'systemic-therapy': 'Systemic therapy',
};
/** Does any liposarcoma in the catalogue need this? If none does, an unstated subtype does not make it pending. */
const anyLiposarcoma = (flag: (h: Histotype) => boolean) =>
  HISTOTYPES.some((h) => /liposarcoma/i.test(h.name) && flag(h));

export function assessReadiness(input: ReadinessArgs, options: ReadinessOptions): ReadinessSummary {
  const weeks = options.staleAfterWeeks;
  const question: QuestionKind = input.questionKind ?? 'diagnosis';
  const ctx: Ctx = {
    meetingDate: options.meetingDate,
    staleAfterWeeks: typeof weeks === 'number' && Number.isFinite(weeks) && weeks > 0 ? weeks : 8,
    manual: input.manual ?? [],
    question,
  };
  const imaging = input.imaging ?? [];
  const pathology = input.pathology ?? [];
  const treatments = input.treatments ?? [];
  const site = input.siteChapter;
  const histotype: Histotype | undefined = findHistotype(input.histotypeId);
  const unknownReason =
    input.histotypeId && !histotype
      ? `Depends on the histotype; "${input.histotypeId}" is not in the catalogue.`
      : UNKNOWN_HISTOTYPE;
  const studies = (pred: (s: ImagingStudy) => boolean) => imaging.filter(pred).map(studyEvidence);
  // A liposarcoma whose subtype is not stated: MDM2 is the test that tells the subtypes apart, so it is needed.
  const lpsSubtypeUnknown = !histotype && /liposarcoma/i.test(input.histotypeText);

  // Which report each piece of evidence came from, so the notes below follow the report's ids, not its wording.
  type Report = ReadinessArgs['pathology'][number];
  const fromReport = new Map<Evidence, Report>();
  const reportEv = (r: Report, what: string): Evidence => {
    const ev: Evidence = {
      kind: 'report',
      description: `${what}${r.specimenId ? ` (${r.specimenId})` : ''}`,
      date: r.date,
    };
    fromReport.set(ev, r);
    return ev;
  };
  const surgical = pathology.filter((r) => !isBiopsy(r.procedure));
  // The last operation the board can know of: a surgical specimen, or surgery on the timeline.
  const surgeryDate =
    [...surgical.map((r) => r.date), ...treatments.filter((t) => t.kind === 'surgery').map((t) => dayOf(t.date))]
      .filter((d) => d <= ctx.meetingDate)
      .sort()
      .pop() ?? null;

  const rules: Record<ReadinessItemId, () => ReadinessItem> = {
    // Imaging of the primary (see isPrimaryImaging); at recurrence or for palliation, current cross-sectional
    // imaging of the disease wherever it is (a recurrence or a metastasis need not be at the primary site).
    'primary-imaging': () =>
      question === 'recurrence' || question === 'palliative'
        ? judge(
            ctx,
            'primary-imaging',
            studies((s) => isCtOrMr(s) || mod(s) === 'PT'),
            true,
            question === 'recurrence'
              ? 'No imaging of the recurrence: need CT, MRI or PET-CT showing it.'
              : 'No current imaging of the disease: need CT, MRI or PET-CT.',
          )
        : judge(
            ctx,
            'primary-imaging',
            studies((s) => isPrimaryImaging(site, s)),
            true,
            `No imaging of the primary: need ${PRIMARY_WANTED[site]}.`,
          ),

    // Chest CT stages every high-grade sarcoma. A G1 tumour does not require it; an
    // ungraded one does, since it may turn out high grade. PET-CT's low-dose CT does not count.
    'chest-ct': () => {
      const chest = studies(isChestCt);
      return input.fnclccGrade === 'G1'
        ? notApplicable(
            ctx,
            'chest-ct',
            chest,
            'Chest CT is required for high-grade (G2-G3) sarcoma; this tumour is G1.',
          )
        : judge(
            ctx,
            'chest-ct',
            chest,
            true,
            'No chest CT: lungs are the commonest metastatic site (required for high-grade sarcoma).',
          );
    },

    // Biopsy: image-guided core needle; incisional only when a core is non-diagnostic or unsafe.
    // A diagnosis from an (unplanned) excision or a resection still gives tissue, so it completes the item.
    // At recurrence the tissue must confirm the recurrence: a biopsy taken after the last operation.
    biopsy: () => {
      const biopsies = pathology.filter((r) => isBiopsy(r.procedure));
      if (question === 'recurrence') {
        const after = biopsies.filter((r) => !surgeryDate || r.date > surgeryDate);
        const it = judge(
          ctx,
          'biopsy',
          after.map((r) => reportEv(r, PROCEDURES[r.procedure].specimen)),
          false,
          surgeryDate && biopsies.length
            ? `No biopsy after the operation of ${dayMonthYear(surgeryDate)}: the earlier biopsy is of the primary, not of the recurrence.`
            : 'No biopsy confirming the recurrence.',
        );
        return it;
      }
      const tissue = (biopsies.length ? biopsies : pathology).map((r) => reportEv(r, PROCEDURES[r.procedure].specimen));
      const it = judge(ctx, 'biopsy', tissue, false, 'No biopsy report: an image-guided core needle biopsy is needed.');
      const used = it.evidence && fromReport.get(it.evidence);
      if (it.state === 'done' && used) {
        if (!isBiopsy(used.procedure))
          it.reason += ' No pre-operative biopsy: the diagnosis comes from an excision/resection.';
        else if (used.procedure === 'incisional') it.reason += ' Incisional (core needle is preferred).';
      }
      return it;
    },

    // Review by a sarcoma-expert pathologist. Applies whatever the histotype.
    'expert-review': () => {
      const reviews = pathology
        .filter((r) => r.expertReview)
        .map((r) => {
          const ev: Evidence = {
            kind: 'report',
            description: `Expert review by ${r.expertReview!.by} (${r.expertReview!.agreement}) of ${PROCEDURES[r.procedure].specimen.toLowerCase()}${r.specimenId ? ` ${r.specimenId}` : ''}`,
            date: r.expertReview!.date,
          };
          fromReport.set(ev, r);
          return ev;
        });
      const review = judge(ctx, 'expert-review', reviews, false, 'No review by a sarcoma-expert pathologist recorded.');
      const reviewed = review.evidence && fromReport.get(review.evidence);
      if (reviewed?.expertReview?.agreement === 'major-discordance') {
        review.reason += ' Major discordance: check that histotype and grade follow the review.';
      }
      return review;
    },

    // FNCLCC grade. FNCLCC is a soft tissue system (see grading.ts), so not for bone-only types.
    'fnclcc-grade': () => {
      const lastReportDate = pathology.reduce<string | null>((d, r) => (d === null || r.date > d ? r.date : d), null);
      const gradeEv: Evidence[] = input.fnclccGrade
        ? [
            {
              kind: 'report',
              description: `FNCLCC ${input.fnclccGrade}${input.fnclccGrade === 'GX' ? ' (cannot be assessed)' : ''}`,
              date: lastReportDate,
            },
          ]
        : [];
      return histotype?.tissue === 'bone'
        ? notApplicable(
            ctx,
            'fnclcc-grade',
            gradeEv,
            `FNCLCC grading is for soft tissue sarcoma; ${histotype.name} is a bone tumour.`,
          )
        : judge(ctx, 'fnclcc-grade', gradeEv, false, 'No FNCLCC grade recorded.');
    },

    // MDM2 amplification (FISH) for well-differentiated / dedifferentiated liposarcoma.
    mdm2: () => {
      const mdm2 = pathology.flatMap((r) =>
        r.molecular
          .filter((m) => /mdm2/i.test(m.test))
          .map((m) => reportEv(r, `${m.test}: ${m.result || 'result not given'}`)),
      );
      return lpsSubtypeUnknown
        ? judge(
            ctx,
            'mdm2',
            mdm2,
            false,
            `No MDM2 amplification (FISH) result: "${input.histotypeText}" does not say which liposarcoma, and MDM2 tells well-differentiated / dedifferentiated from the other subtypes.`,
          )
        : !histotype
          ? pending(ctx, 'mdm2', mdm2, unknownReason)
          : !histotype.needsMdm2
            ? notApplicable(ctx, 'mdm2', mdm2, 'Only for well-differentiated / dedifferentiated liposarcoma.')
            : judge(ctx, 'mdm2', mdm2, false, `No MDM2 amplification (FISH) result for ${histotype.name}.`);
    },

    // Myxoid / round cell liposarcoma: CT abdomen/pelvis and whole-spine (or whole-body) MRI.
    'ct-abdomen-pelvis': () => myxoidItem('ct-abdomen-pelvis', studies(isCtAbdomen), 'CT of the abdomen/pelvis'),
    'whole-spine-mri': () => myxoidItem('whole-spine-mri', studies(isWholeSpineMr), 'whole-spine or whole-body MRI'),

    // Brain imaging for angiosarcoma, alveolar soft part, clear cell and epithelioid sarcoma.
    'brain-imaging': () => {
      const brain = studies(isBrainImaging);
      return !histotype
        ? lpsSubtypeUnknown && !anyLiposarcoma((h) => h.needsBrainImaging)
          ? notApplicable(ctx, 'brain-imaging', brain, 'No liposarcoma subtype needs brain imaging.')
          : pending(ctx, 'brain-imaging', brain, unknownReason)
        : !histotype.needsBrainImaging
          ? notApplicable(
              ctx,
              'brain-imaging',
              brain,
              'Only for angiosarcoma, alveolar soft part, clear cell and epithelioid sarcoma.',
            )
          : judge(ctx, 'brain-imaging', brain, true, `No brain CT or MRI: ${histotype.name} can spread to the brain.`);
    },

    // Nodal assessment for node-prone histotypes (synovial, clear cell, angiosarcoma, rhabdomyosarcoma,
    // epithelioid); PET-CT is the most useful test. A clinical node exam can be ticked by hand.
    'nodal-assessment': () => {
      const nodal = studies(isNodalStudy);
      return !histotype
        ? lpsSubtypeUnknown && !anyLiposarcoma((h) => h.nodeProne)
          ? notApplicable(ctx, 'nodal-assessment', nodal, 'No liposarcoma subtype is node-prone.')
          : pending(ctx, 'nodal-assessment', nodal, unknownReason)
        : !histotype.nodeProne
          ? notApplicable(
              ctx,
              'nodal-assessment',
              nodal,
              'Only for node-prone histotypes (synovial, clear cell, angiosarcoma, rhabdomyosarcoma, epithelioid).',
            )
          : judge(
              ctx,
              'nodal-assessment',
              nodal,
              true,
              `No regional node assessment (PET-CT preferred): ${histotype.name} spreads to lymph nodes.`,
            );
    },

    // After surgery the board decides on adjuvant treatment from the specimen: its margins above all.
    'resection-pathology': () => {
      const withMargins = surgical
        .filter((r) => r.margins)
        .map((r) => reportEv(r, `${PROCEDURES[r.procedure].specimen}, margins ${r.margins}`));
      const without = surgical
        .filter((r) => !r.margins && r.date <= ctx.meetingDate)
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .pop();
      return judge(
        ctx,
        'resection-pathology',
        withMargins,
        false,
        without
          ? `${PROCEDURES[without.procedure].specimen}${without.specimenId ? ` (${without.specimenId})` : ''} of ${dayMonthYear(without.date)} gives no margins: record them on the report.`
          : 'No resection or excision report: the margins decide the adjuvant question.',
      );
    },

    // Imaging of the operated site after the operation: the baseline for surveillance, and residual disease.
    'post-operative-imaging': () => {
      const after = studies((s) => isPrimaryImaging(site, s) && (!surgeryDate || s.date >= surgeryDate));
      return surgeryDate
        ? judge(
            ctx,
            'post-operative-imaging',
            after,
            true,
            `No imaging of the operated site since the operation of ${dayMonthYear(surgeryDate)}: need ${PRIMARY_WANTED[site]}.`,
          )
        : pending(
            ctx,
            'post-operative-imaging',
            after,
            'Depends on the date of the operation, not yet known: add the resection report or the surgery to the timeline.',
          );
    },

    // What has been given decides what is left (e.g. radiotherapy already given, lines of systemic therapy).
    'treatment-history': () =>
      judge(
        ctx,
        'treatment-history',
        treatments.map((t) => ({
          kind: 'event' as const,
          description: `${EVENT_LABEL[t.kind]}${t.text ? `: ${t.text}` : ''}`,
          date: t.date,
        })),
        false,
        'No treatment on the timeline: add the surgery, radiotherapy or systemic therapy given so far (or tick by hand if none was given).',
      ),

    // Fitness for treatment: the ECOG on the case (undated: it is as current as the case record).
    'performance-status': () =>
      judge(
        ctx,
        'performance-status',
        input.ecog === null || input.ecog === undefined
          ? []
          : [{ kind: 'case', description: `ECOG ${input.ecog} recorded on the case`, date: null }],
        false,
        'No performance status: record the ECOG on the case.',
      ),

    // Symptoms and pain are what a palliative question is about; they change quickly, so they go stale.
    'symptom-assessment': () =>
      judge(
        ctx,
        'symptom-assessment',
        [],
        true,
        'No symptom and pain assessment: tick it by hand with where it is documented (e.g. the clinic letter).',
      ),
  };

  function myxoidItem(id: 'ct-abdomen-pelvis' | 'whole-spine-mri', found: Evidence[], what: string): ReadinessItem {
    return lpsSubtypeUnknown
      ? pending(ctx, id, found, LPS_SUBTYPE_UNKNOWN)
      : !histotype
        ? pending(ctx, id, found, unknownReason)
        : !histotype.myxoidRoundCellLps
          ? notApplicable(ctx, id, found, 'Only for myxoid / round cell liposarcoma.')
          : judge(ctx, id, found, true, `No ${what}: myxoid liposarcoma spreads to the abdomen and spine.`);
  }

  const items = readinessItemsFor(question, site).map((id) => rules[id]());
  const count = (state: ReadinessState) => items.filter((i) => i.state === state).length;
  const missing = count('missing');
  const pendingCount = count('pending');
  return { items, missing, pending: pendingCount, stale: count('stale'), ready: missing === 0 && pendingCount === 0 };
}
