import { dayMonthYear, readableDates } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { minimumGrade, minimumGradeReason } from '../../../shared/clinical/grading';
import { PROCEDURES } from '../../../shared/clinical/procedures';
import { sizeAge } from '../../../shared/clinical/size-age';
import { stageSoftTissueSarcoma, type StagingSite } from '../../../shared/clinical/staging';
import type { SiteChapter } from '../../../shared/domain/case';
import type { PathologicalStage, SizeSource, StageSummary, StagingInputs } from '../../../shared/domain/clinical';
import { greatestDimension } from '../../../shared/domain/imaging';
import type { PathologyReport } from '../../../shared/domain/pathology';
import { caseGrade, type CaseGrade } from './case-data';
import * as sql from './clinical-sql';
import { assertCase, loadReports } from './pathology-service';
import { readinessDates } from './readiness-service';
import { lesionMeasurementsOfCase, type LesionMeasurementRow } from './staging-sql';
import { writeTransaction } from '../../db/transaction';

export const DEFAULT_STAGING_INPUTS: StagingInputs = {
  sizeOverrideCm: null,
  sizeOverrideReason: '',
  N: 'NX',
  M: 'M0',
  prefix: 'c',
  tOverride: null,
  note: '',
};

function toInputs(row: sql.StagingRow): StagingInputs {
  return {
    sizeOverrideCm: row.size_override_cm,
    sizeOverrideReason: row.size_override_reason,
    N: row.n_status as StagingInputs['N'],
    M: row.m_status as StagingInputs['M'],
    prefix: row.prefix as StagingInputs['prefix'],
    tOverride: row.t_override as StagingInputs['tOverride'],
    note: row.note,
  };
}

export function stagingInputsOf(db: Db, caseId: number): { inputs: StagingInputs; saved: boolean } {
  const row = sql.getStagingInputs(db, caseId);
  return row ? { inputs: toInputs(row), saved: true } : { inputs: { ...DEFAULT_STAGING_INPUTS }, saved: false };
}

export function saveStagingInputs(db: Db, caseId: number, inputs: StagingInputs, now: string): void {
  sql.upsertStagingInputs(db, {
    case_id: caseId,
    size_override_cm: inputs.sizeOverrideCm,
    size_override_reason: inputs.sizeOverrideCm === null ? '' : inputs.sizeOverrideReason,
    n_status: inputs.N,
    m_status: inputs.M,
    prefix: inputs.prefix,
    t_override: inputs.tOverride,
    note: inputs.note,
    updated_at: now,
  });
}

const fmt = (cm: number) => `${Number(cm.toFixed(2))} cm`;

/** The meeting the stage is for and the staleness limit (the same as the readiness check's; readinessDates). */
export interface StageWhen {
  meetingDate: string;
  staleWeeks: number;
}

type Sized = { l: LesionMeasurementRow; cm: number };

const newestFirst = (a: LesionMeasurementRow, b: LesionMeasurementRow) =>
  (b.study_date ?? '').localeCompare(a.study_date ?? '') || b.id - a.id;

/**
 * The measurement of each lesion that counts for T now (docs/clinical-rules.md#size-for-t-its-date-and-age): the
 * most recent measurement of each tracked lesion (a lesion measured on several studies is one tracked lesion), so
 * a tumour that shrank is staged at its current size, not its largest ever. A row with no tracked lesion stands alone.
 */
function currentMeasurements(rows: readonly LesionMeasurementRow[]): {
  current: Sized[];
  olderOf: Map<number, number>;
} {
  const groups = new Map<string, Sized[]>();
  for (const l of rows) {
    const cm = greatestDimension({ longCm: l.long_cm, shortCm: l.short_cm, craniocaudalCm: l.craniocaudal_cm });
    if (cm === null) continue;
    const key = l.tracked_lesion_id === null ? `row-${l.id}` : `tracked-${l.tracked_lesion_id}`;
    groups.set(key, [...(groups.get(key) ?? []), { l, cm }]);
  }
  const olderOf = new Map<number, number>();
  const current = [...groups.values()].map((g) => {
    const sorted = [...g].sort((a, b) => newestFirst(a.l, b.l));
    olderOf.set(sorted[0].l.id, sorted.length - 1);
    return sorted[0];
  });
  return { current, olderOf };
}

/**
 * Size for AJCC T (reference: "Size is the largest dimension in any plane"): a size typed by hand wins; otherwise
 * the largest of the current measurements (currentMeasurements) of the case's lesions. Says where it came from,
 * its date, and whether it is older than the staleness limit at the meeting.
 */
export function sizeFor(db: Db, caseId: number, inputs: StagingInputs, when: StageWhen): SizeSource {
  if (inputs.sizeOverrideCm !== null) {
    return {
      sizeCm: inputs.sizeOverrideCm,
      kind: 'override',
      lesionId: null,
      text: `typed override: ${inputs.sizeOverrideReason}`,
      date: null,
      stale: false,
      staleReason: '',
    };
  }
  const { current, olderOf } = currentMeasurements(lesionMeasurementsOfCase(db, caseId));
  // Largest first; equal sizes: the more recent study, then the later entry.
  const sized = current.sort((a, b) => b.cm - a.cm || newestFirst(a.l, b.l));
  if (!sized.length) {
    return {
      sizeCm: null,
      kind: 'none',
      lesionId: null,
      text: 'no size recorded (no lesion with a measurement and no typed size)',
      date: null,
      stale: false,
      staleReason: '',
    };
  }
  const { l, cm } = sized[0];
  let where: string;
  if (l.study_date) {
    // Name the imported study of that day when there is one ("CT of 2 Oct 2026").
    const modalities = [
      ...new Set(
        sql
          .studySeriesOfCases(db, [caseId])
          .filter((s) => s.study_date === l.study_date)
          .flatMap((s) => (s.modality ? [s.modality] : (s.modalities_in_study ?? '').split('\\')))
          .map((m) => m.trim().toUpperCase())
          .filter(Boolean),
      ),
    ];
    where = modalities.length
      ? `${modalities.join('/')} of ${dayMonthYear(l.study_date)}`
      : `${l.source === 'measured' ? 'measured on images' : 'typed'}, study of ${dayMonthYear(l.study_date)}`;
  } else {
    where = `${l.source === 'measured' ? 'measured on images' : 'typed'}, no study date`;
  }
  const older = olderOf.get(l.id) ?? 0;
  const latest = older
    ? ` (its most recent of ${older + 1} measurements: T uses each lesion's latest size, not its largest ever)`
    : '';
  const age = sizeAge(l.study_date, when.meetingDate, when.staleWeeks);
  return {
    sizeCm: cm,
    kind: 'lesion',
    lesionId: l.id,
    text: `${fmt(cm)}, lesion '${l.label}', ${where}${latest}`,
    date: l.study_date,
    stale: age.stale,
    staleReason: age.reason,
  };
}

const SURGICAL: ReadonlySet<PathologyReport['procedure']> = new Set(['resection', 'excision']);

function specimenDims(r: PathologyReport): number | null {
  const dims = [r.tumourDim1Cm, r.tumourDim2Cm, r.tumourDim3Cm].filter((d): d is number => typeof d === 'number');
  return dims.length ? Math.max(...dims) : null;
}

function specimenText(r: PathologyReport): string {
  const what = PROCEDURES[r.procedure].specimen.toLowerCase();
  return `${what}${r.specimenId ? ` ${r.specimenId}` : ''} of ${dayMonthYear(r.specimenDate)}`;
}

/**
 * The grade of the pathological stage (docs/clinical-rules.md#pathological-stage): the resection's own grade; after
 * neoadjuvant therapy the specimen cannot be graded (GX), and AJCC 8th stages with the grade of the pre-treatment
 * biopsy instead: the most recent graded biopsy taken on or before the resection.
 */
function pathologicalGrade(resection: PathologyReport, reports: readonly PathologyReport[]) {
  if (!resection.neoadjuvantTherapy || resection.grade.status === 'graded') {
    return {
      G: resection.grade.grade,
      histotypeId: resection.histotypeId,
      note: `Grade from the ${specimenText(resection)}.`,
    };
  }
  const biopsy = reports
    .filter(
      (r) => PROCEDURES[r.procedure].biopsy && r.specimenDate <= resection.specimenDate && r.grade.status === 'graded',
    )
    .sort((a, b) => b.specimenDate.localeCompare(a.specimenDate) || b.id - a.id)[0];
  if (!biopsy) {
    return {
      G: resection.grade.grade,
      histotypeId: resection.histotypeId,
      note: 'After neoadjuvant therapy the resection cannot be graded, and no graded pre-treatment biopsy is recorded: GX (AJCC 8th uses the pre-treatment grade).',
    };
  }
  return {
    G: biopsy.grade.grade,
    histotypeId: resection.histotypeId ?? biopsy.histotypeId,
    note: `After neoadjuvant therapy the resection cannot be graded: ${biopsy.grade.grade} is the grade of the pre-treatment ${PROCEDURES[biopsy.procedure].label.toLowerCase()}${biopsy.specimenId ? ` ${biopsy.specimenId}` : ''} of ${dayMonthYear(biopsy.specimenDate)} (AJCC 8th).`,
  };
}

/**
 * pT after a resection or excision with the tumour's dimensions (docs/clinical-rules.md#pathological-stage): the
 * most recent such report, T from its largest dimension, 'yp' after neoadjuvant therapy; N and M from the staging
 * inputs (a pathological T with a clinical N: nodes are rarely sampled in sarcoma surgery). null when none.
 */
export function pathologicalStage(
  site: StagingSite,
  reports: readonly PathologyReport[],
  inputs: StagingInputs,
): PathologicalStage | null {
  const resection = reports
    .filter((r) => SURGICAL.has(r.procedure) && specimenDims(r) !== null)
    .sort((a, b) => b.specimenDate.localeCompare(a.specimenDate) || b.id - a.id)[0];
  if (!resection) return null;
  const sizeCm = specimenDims(resection)!;
  const grade = pathologicalGrade(resection, reports);
  const prefix = resection.neoadjuvantTherapy ? 'yp' : 'p';
  const result = stageSoftTissueSarcoma({
    site,
    sizeCm,
    N: inputs.N,
    M: inputs.M,
    G: grade.G,
    prefix,
    nPrefix: 'c',
    // Extent-based T (head and neck T4a/b, visceral) is the user's, as for the clinical stage.
    t: inputs.tOverride,
    minimumG: minimumGrade(grade.histotypeId),
    minimumGReason: minimumGradeReason(grade.histotypeId),
  });
  const yNote = resection.neoadjuvantTherapy ? ' The y prefix: the specimen was taken after neoadjuvant therapy.' : '';
  return {
    ...stageFields(result),
    explanation: `${result.explanation} ${grade.note}${yNote}`,
    sizeCm,
    reportId: resection.id,
    date: resection.specimenDate,
    source: `${fmt(sizeCm)}, ${specimenText(resection)}`,
    gradeNote: grade.note,
  };
}

/** The stage's own fields, as both the clinical and the pathological summary carry them. */
function stageFields(result: ReturnType<typeof stageSoftTissueSarcoma>) {
  const { T, N, M, G, stageGroup, atLeastStageGroup, atLeastReason } = result;
  return { T, N, M, G, stageGroup, atLeastStageGroup, atLeastReason };
}

/**
 * Stage by stageSoftTissueSarcoma (shared/clinical/staging.ts: reference "T by site chapter" and PDQ Table 7).
 * G comes from the case's grade, N/M/prefix/T-by-extent from the staging inputs (unknown N counts as N0); a GX
 * grade is raised to the driving report's histotype's minimum grade for the "at least" group. Also the
 * pathological stage when there is a resection with the tumour's size.
 */
export function stageFor(
  db: Db,
  caseId: number,
  site: SiteChapter,
  grade: CaseGrade,
  reports: readonly PathologyReport[],
  when: StageWhen,
): StageSummary {
  const { inputs, saved } = stagingInputsOf(db, caseId);
  const size = sizeFor(db, caseId, inputs, when);
  const note = inputs.note ? ` Staging note: ${readableDates(inputs.note)}` : '';
  if (site === 'other') {
    return {
      applicable: false,
      T: null,
      N: null,
      M: null,
      G: grade.grade.grade,
      stageGroup: null,
      atLeastStageGroup: null,
      atLeastReason: '',
      explanation:
        "No AJCC soft tissue sarcoma staging: the site chapter is 'other' (not trunk and extremities, retroperitoneum, " +
        `head and neck or visceral organs), so the sarcoma T, N, M and stage groups do not apply.${note}`,
      size,
      gradeFloor: null,
      pathological: null,
      inputs,
      defaults: !saved,
    };
  }
  const histotypeId = grade.driving?.histotypeId ?? null;
  const floor = minimumGrade(histotypeId);
  const result = stageSoftTissueSarcoma({
    site: site as StagingSite,
    sizeCm: size.sizeCm,
    N: inputs.N,
    M: inputs.M,
    G: grade.grade.grade,
    prefix: inputs.prefix,
    t: inputs.tOverride,
    minimumG: floor,
    minimumGReason: minimumGradeReason(histotypeId),
  });
  const stale = size.stale ? ` ${size.staleReason}` : '';
  return {
    applicable: true,
    ...stageFields(result),
    explanation: `${result.explanation}${stale}${note}`,
    size,
    gradeFloor: floor ? { G: floor, reason: minimumGradeReason(histotypeId) } : null,
    pathological: pathologicalStage(site as StagingSite, reports, inputs),
    inputs,
    defaults: !saved,
  };
}

/** Staging inputs of a case (N, M, prefix, T by extent, a typed size) and the stage they give. */
export class StagingService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  getInputs(caseId: number): { inputs: StagingInputs; saved: boolean } {
    assertCase(this.db, caseId);
    return stagingInputsOf(this.db, caseId);
  }

  /** Saves the inputs and returns the stage they give now. */
  setInputs(caseId: number, inputs: StagingInputs): StageSummary {
    const site = writeTransaction(this.db, () => {
      const row = assertCase(this.db, caseId);
      saveStagingInputs(this.db, caseId, inputs, this.now());
      return row.site_chapter as SiteChapter;
    });
    return this.stage(caseId, site);
  }

  /** The stage for the meeting the readiness check uses (the case's next meeting, else today; readinessDates). */
  stage(caseId: number, site?: SiteChapter): StageSummary {
    const chapter = site ?? (assertCase(this.db, caseId).site_chapter as SiteChapter);
    const reports = loadReports(this.db, [caseId]).get(caseId) ?? [];
    const judged = readinessDates(this.db, [caseId], undefined, this.now).get(caseId)!;
    const when = { meetingDate: judged.date, staleWeeks: sql.staleWeeks(this.db) };
    return stageFor(this.db, caseId, chapter, caseGrade(reports), reports, when);
  }
}
