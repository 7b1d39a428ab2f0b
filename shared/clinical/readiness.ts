/**
 * Work-up checklist a sarcoma case needs before the board, as docs/clinical-rules.md#work-up-before-the-board
 * sets out (ESMO-EURACAN-GENTURIS 2021, PDQ, ESSR, NCCN). Pure: the caller validates input with the
 * exported schemas at its boundary; this function never throws on well-typed input.
 *
 * Choices (not spelled out by the guidelines; docs/clinical-rules.md#staleness):
 * - Only imaging goes stale. A tissue diagnosis, expert review, grade or FISH result does not age the way
 *   staging does, so pathology items are done or missing, never stale.
 * - Stale means strictly older than staleAfterWeeks before the meeting: exactly 8 weeks old is still done.
 * - The most recent evidence decides (a new scan replaces an old one); on the same day a study or report
 *   is preferred over a manual tick.
 * - A manual tick is evidence like any other and can complete any item (e.g. imaging done elsewhere).
 * - Not-applicable items still show matching evidence if there is some, but never count as missing/stale.
 * - Histotype unknown (null or not in the catalogue): expert review and FNCLCC grade still apply; the
 *   histotype-specific extras are not-applicable "depends on the histotype, not yet known" rather than missing,
 *   so an undiagnosed case is not flagged for tests it may never need.
 */
import { dayMonthYear } from '../dates';
import { z } from 'zod';
import { IsoDate, SiteChapter } from '../domain/case';
import { findHistotype, type Histotype } from './histotypes';
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

export const READINESS_ITEM_LABEL: Record<ReadinessItemId, string> = {
  'primary-imaging': 'Imaging of the primary (MRI and/or contrast CT)',
  'chest-ct': 'Chest CT for staging',
  biopsy: 'Biopsy (image-guided core needle)',
  'expert-review': 'Sarcoma-expert pathology review',
  'fnclcc-grade': 'FNCLCC grade',
  mdm2: 'MDM2 amplification (FISH)',
  'ct-abdomen-pelvis': 'CT abdomen/pelvis',
  'whole-spine-mri': 'Whole-spine MRI (or whole-body MRI)',
  'brain-imaging': 'Brain imaging',
  'nodal-assessment': 'Regional lymph node assessment',
  'resection-pathology': 'Resection pathology with margins',
  'post-operative-imaging': 'Post-operative imaging',
  'treatment-history': 'Treatment given so far',
  'performance-status': 'Performance status (ECOG)',
  'symptom-assessment': 'Symptom and pain assessment',
};

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

export const FnclccGradeValue = z.enum(['G1', 'G2', 'G3', 'GX']);

export const ReadinessInput = z.object({
  siteChapter: SiteChapter,
  histotypeId: z.string().trim().min(1).nullable().default(null),
  /** The driving report's histotype as typed when it is not coded (e.g. "Liposarcoma, subtype not stated"). */
  histotypeText: z.string().trim().default(''),
  fnclccGrade: FnclccGradeValue.nullable().default(null),
  pathology: z.array(PathologyReport).default([]),
  imaging: z.array(ImagingStudy).default([]),
  manual: z.array(ManualTick).default([]),
});
/** What assessReadiness takes: the schema's output (defaults filled in). */
export type ReadinessInput = z.output<typeof ReadinessInput>;

export const ReadinessOptions = z.object({
  meetingDate: IsoDate,
  staleAfterWeeks: z.number().positive().default(8),
});
export type ReadinessOptions = z.input<typeof ReadinessOptions>;

export type ReadinessState = 'done' | 'missing' | 'stale' | 'not-applicable';
export interface Evidence {
  kind: 'study' | 'report' | 'manual';
  description: string;
  /** ISO date; null only for a grade recorded without any dated pathology report. */
  date: string | null;
}
export interface ReadinessItem {
  id: ReadinessItemId;
  label: string;
  state: ReadinessState;
  evidence: Evidence | null;
  reason: string;
}
export interface ReadinessSummary {
  items: ReadinessItem[];
  missing: number;
  stale: number;
  /** No item missing; stale items are a warning only. */
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
function daysBefore(date: string, meetingDate: string): number {
  return Math.round((Date.parse(`${meetingDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
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
    if (!best) best = e;
    else if ((e.date ?? '') > (best.date ?? '')) best = e;
    else if ((e.date ?? '') === (best.date ?? '') && best.kind === 'manual' && e.kind !== 'manual') best = e;
  }
  return best;
}

interface Ctx {
  meetingDate: string;
  staleAfterWeeks: number;
  manual: readonly ManualTick[];
}

function item(id: ReadinessItemId, state: ReadinessState, evidence: Evidence | null, reason: string): ReadinessItem {
  return { id, label: READINESS_ITEM_LABEL[id], state, evidence, reason };
}

/** done / stale / missing from the best evidence; `ages` is false for pathology (see the file comment). */
function judge(ctx: Ctx, id: ReadinessItemId, found: Evidence[], ages: boolean, missingReason: string): ReadinessItem {
  const ev = latest([...found, ...manualEvidence(ctx.manual, id)]);
  if (!ev) return item(id, 'missing', null, missingReason);
  if (!ev.date) return item(id, 'done', ev, `${ev.description}.`);
  const days = daysBefore(ev.date, ctx.meetingDate);
  const when = days >= 0 ? `${days} days before the meeting` : `${-days} days after the meeting date`;
  if (ages && days > ctx.staleAfterWeeks * 7) {
    return item(
      id,
      'stale',
      ev,
      `${ev.description} on ${dayMonthYear(ev.date)} is ${days} days old at the meeting, older than ${ctx.staleAfterWeeks} weeks: repeat it or confirm it is still current.`,
    );
  }
  return item(id, 'done', ev, `${ev.description} on ${dayMonthYear(ev.date)} (${when}).`);
}

function notApplicable(ctx: Ctx, id: ReadinessItemId, found: Evidence[], reason: string): ReadinessItem {
  return item(id, 'not-applicable', latest([...found, ...manualEvidence(ctx.manual, id)]), reason);
}

// ---- The checklist -----------------------------------------------------------------------------------------

const UNKNOWN_HISTOTYPE = 'Depends on the histotype, not yet known.';

export function assessReadiness(input: ReadinessInput, options: ReadinessOptions): ReadinessSummary {
  const weeks = options.staleAfterWeeks;
  const ctx: Ctx = {
    meetingDate: options.meetingDate,
    staleAfterWeeks: typeof weeks === 'number' && Number.isFinite(weeks) && weeks > 0 ? weeks : 8,
    manual: input.manual ?? [],
  };
  const imaging = input.imaging ?? [];
  const pathology = input.pathology ?? [];
  const histotype: Histotype | undefined = findHistotype(input.histotypeId);
  const unknownReason =
    input.histotypeId && !histotype
      ? `Depends on the histotype; "${input.histotypeId}" is not in the catalogue.`
      : UNKNOWN_HISTOTYPE;
  const studies = (pred: (s: ImagingStudy) => boolean) => imaging.filter(pred).map(studyEvidence);
  // A liposarcoma whose subtype is not stated: MDM2 is the test that tells the subtypes apart, so it is needed.
  const lpsSubtypeUnknown = !histotype && /liposarcoma/i.test(input.histotypeText);
  const items: ReadinessItem[] = [];

  // Imaging of the primary (see isPrimaryImaging).
  const site = input.siteChapter;
  items.push(
    judge(
      ctx,
      'primary-imaging',
      studies((s) => isPrimaryImaging(site, s)),
      true,
      `No imaging of the primary: need ${PRIMARY_WANTED[site]}.`,
    ),
  );

  // Chest CT stages every high-grade sarcoma. A G1 tumour does not require it; an
  // ungraded one does, since it may turn out high grade. PET-CT's low-dose CT does not count.
  const chest = studies(isChestCt);
  items.push(
    input.fnclccGrade === 'G1'
      ? notApplicable(ctx, 'chest-ct', chest, 'Chest CT is required for high-grade (G2-G3) sarcoma; this tumour is G1.')
      : judge(
          ctx,
          'chest-ct',
          chest,
          true,
          'No chest CT: lungs are the commonest metastatic site (required for high-grade sarcoma).',
        ),
  );

  // Biopsy: image-guided core needle; incisional only when a core is non-diagnostic or unsafe.
  // A diagnosis from an (unplanned) excision or a resection still gives tissue, so it completes the item.
  // Which report each piece of evidence came from, so the notes below follow the report's ids, not its wording.
  const fromReport = new Map<Evidence, PathologyReport>();
  const reportEv = (r: PathologyReport, what: string): Evidence => {
    const ev: Evidence = {
      kind: 'report',
      description: `${what}${r.specimenId ? ` (${r.specimenId})` : ''}`,
      date: r.date,
    };
    fromReport.set(ev, r);
    return ev;
  };
  const biopsies = pathology.filter((r) => isBiopsy(r.procedure));
  const tissue = (biopsies.length ? biopsies : pathology).map((r) => reportEv(r, PROCEDURES[r.procedure].specimen));
  const biopsy = judge(ctx, 'biopsy', tissue, false, 'No biopsy report: an image-guided core needle biopsy is needed.');
  const biopsyReport = biopsy.evidence && fromReport.get(biopsy.evidence);
  if (biopsy.state === 'done' && biopsyReport) {
    if (!biopsies.length) biopsy.reason += ' No pre-operative biopsy: the diagnosis comes from an excision/resection.';
    else if (biopsyReport.procedure === 'incisional') biopsy.reason += ' Incisional (core needle is preferred).';
  }
  items.push(biopsy);

  // Review by a sarcoma-expert pathologist. Applies whatever the histotype.
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
  // A case outside the sarcoma site chapters (e.g. a carcinoma invading the psoas) is not held to the sarcoma
  // pathology work-up: expert sarcoma review and FNCLCC grading do not apply to it.
  const NOT_SARCOMA = 'Not a sarcoma site chapter: the sarcoma pathology work-up does not apply.';
  const review =
    site === 'other'
      ? notApplicable(ctx, 'expert-review', reviews, NOT_SARCOMA)
      : judge(ctx, 'expert-review', reviews, false, 'No review by a sarcoma-expert pathologist recorded.');
  const reviewed = review.evidence && fromReport.get(review.evidence);
  if (reviewed?.expertReview?.agreement === 'major-discordance') {
    review.reason += ' Major discordance: check that histotype and grade follow the review.';
  }
  items.push(review);

  // FNCLCC grade. FNCLCC is a soft tissue system (see grading.ts), so not for bone-only types.
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
  items.push(
    site === 'other'
      ? notApplicable(ctx, 'fnclcc-grade', gradeEv, NOT_SARCOMA)
      : histotype?.tissue === 'bone'
        ? notApplicable(
            ctx,
            'fnclcc-grade',
            gradeEv,
            `FNCLCC grading is for soft tissue sarcoma; ${histotype.name} is a bone tumour.`,
          )
        : judge(ctx, 'fnclcc-grade', gradeEv, false, 'No FNCLCC grade recorded.'),
  );

  // MDM2 amplification (FISH) for well-differentiated / dedifferentiated liposarcoma.
  const mdm2 = pathology.flatMap((r) =>
    r.molecular
      .filter((m) => /mdm2/i.test(m.test))
      .map((m) => reportEv(r, `${m.test}: ${m.result || 'result not given'}`)),
  );
  items.push(
    lpsSubtypeUnknown
      ? judge(
          ctx,
          'mdm2',
          mdm2,
          false,
          `No MDM2 amplification (FISH) result: "${input.histotypeText}" does not say which liposarcoma, and MDM2 tells well-differentiated / dedifferentiated from the other subtypes.`,
        )
      : !histotype
        ? notApplicable(ctx, 'mdm2', mdm2, unknownReason)
        : !histotype.needsMdm2
          ? notApplicable(ctx, 'mdm2', mdm2, 'Only for well-differentiated / dedifferentiated liposarcoma.')
          : judge(ctx, 'mdm2', mdm2, false, `No MDM2 amplification (FISH) result for ${histotype.name}.`),
  );

  // Myxoid / round cell liposarcoma: CT abdomen/pelvis and whole-spine (or whole-body) MRI.
  const myxoidItem = (id: 'ct-abdomen-pelvis' | 'whole-spine-mri', found: Evidence[], what: string) =>
    lpsSubtypeUnknown
      ? notApplicable(ctx, id, found, 'Only for myxoid / round cell liposarcoma: the subtype is not stated yet.')
      : !histotype
        ? notApplicable(ctx, id, found, unknownReason)
        : !histotype.myxoidRoundCellLps
          ? notApplicable(ctx, id, found, 'Only for myxoid / round cell liposarcoma.')
          : judge(ctx, id, found, true, `No ${what}: myxoid liposarcoma spreads to the abdomen and spine.`);
  items.push(myxoidItem('ct-abdomen-pelvis', studies(isCtAbdomen), 'CT of the abdomen/pelvis'));
  items.push(myxoidItem('whole-spine-mri', studies(isWholeSpineMr), 'whole-spine or whole-body MRI'));

  // Brain imaging for angiosarcoma, alveolar soft part, clear cell and epithelioid sarcoma.
  const brain = studies(isBrainImaging);
  items.push(
    !histotype
      ? notApplicable(ctx, 'brain-imaging', brain, unknownReason)
      : !histotype.needsBrainImaging
        ? notApplicable(
            ctx,
            'brain-imaging',
            brain,
            'Only for angiosarcoma, alveolar soft part, clear cell and epithelioid sarcoma.',
          )
        : judge(ctx, 'brain-imaging', brain, true, `No brain CT or MRI: ${histotype.name} can spread to the brain.`),
  );

  // Nodal assessment for node-prone histotypes (synovial, clear cell, angiosarcoma, rhabdomyosarcoma,
  // epithelioid); PET-CT is the most useful test. A clinical node exam can be ticked by hand.
  const nodal = studies(isNodalStudy);
  items.push(
    !histotype
      ? notApplicable(ctx, 'nodal-assessment', nodal, unknownReason)
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
          ),
  );

  const missing = items.filter((i) => i.state === 'missing').length;
  const stale = items.filter((i) => i.state === 'stale').length;
  return { items, missing, stale, ready: missing === 0 };
}
