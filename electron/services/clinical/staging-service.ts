import { dayMonthYear } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { stageSoftTissueSarcoma, type StagingSite } from '../../../shared/clinical/staging';
import type { SiteChapter } from '../../../shared/domain/case';
import type { SizeSource, StageSummary, StagingInputs } from '../../../shared/domain/clinical';
import { greatestDimension } from '../../../shared/domain/imaging';
import type { GradeResult } from '../../../shared/domain/pathology';
import { caseGrade } from './case-data';
import * as sql from './clinical-sql';
import { assertCase, loadReports } from './pathology-service';
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

/**
 * Size for AJCC T (reference: "Size is the largest dimension in any plane"): a size typed by hand wins; otherwise
 * the greatest dimension of the case's largest lesion (lesions table, migration 0003). Says where it came from.
 */
export function sizeFor(db: Db, caseId: number, inputs: StagingInputs): SizeSource {
  if (inputs.sizeOverrideCm !== null) {
    return {
      sizeCm: inputs.sizeOverrideCm,
      kind: 'override',
      lesionId: null,
      text: `typed override: ${inputs.sizeOverrideReason}`,
    };
  }
  const sized = sql
    .lesionsOfCase(db, caseId)
    .map((l) => ({
      l,
      cm: greatestDimension({ longCm: l.long_cm, shortCm: l.short_cm, craniocaudalCm: l.craniocaudal_cm }),
    }))
    .filter((x): x is { l: sql.LesionSizeRow; cm: number } => x.cm !== null)
    // Largest first; equal sizes: the more recent study, then the later entry.
    .sort((a, b) => b.cm - a.cm || (b.l.study_date ?? '').localeCompare(a.l.study_date ?? '') || b.l.id - a.l.id);
  if (!sized.length) {
    return {
      sizeCm: null,
      kind: 'none',
      lesionId: null,
      text: 'no size recorded (no lesion with a measurement and no typed size)',
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
  return { sizeCm: cm, kind: 'lesion', lesionId: l.id, text: `${fmt(cm)}, lesion '${l.label}', ${where}` };
}

/**
 * Stage by stageSoftTissueSarcoma (shared/clinical/staging.ts: reference "T by site chapter" and PDQ Table 7).
 * G comes from the case's grade, N/M/prefix/T-by-extent from the staging inputs (unknown N counts as N0).
 */
export function stageFor(db: Db, caseId: number, site: SiteChapter, grade: GradeResult): StageSummary {
  const { inputs, saved } = stagingInputsOf(db, caseId);
  const size = sizeFor(db, caseId, inputs);
  const note = inputs.note ? ` Staging note: ${inputs.note}` : '';
  if (site === 'other') {
    return {
      applicable: false,
      T: null,
      N: null,
      M: null,
      G: grade.grade,
      stageGroup: null,
      explanation:
        "No AJCC soft tissue sarcoma staging: the site chapter is 'other' (not trunk and extremities, retroperitoneum, " +
        `head and neck or visceral organs), so the sarcoma T, N, M and stage groups do not apply.${note}`,
      size,
      inputs,
      defaults: !saved,
    };
  }
  const result = stageSoftTissueSarcoma({
    site: site as StagingSite,
    sizeCm: size.sizeCm,
    N: inputs.N,
    M: inputs.M,
    G: grade.grade,
    prefix: inputs.prefix,
    t: inputs.tOverride,
  });
  return {
    applicable: true,
    T: result.T,
    N: result.N,
    M: result.M,
    G: result.G,
    stageGroup: result.stageGroup,
    explanation: `${result.explanation}${note}`,
    size,
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

  stage(caseId: number, site?: SiteChapter): StageSummary {
    const chapter = site ?? (assertCase(this.db, caseId).site_chapter as SiteChapter);
    const grade = caseGrade(loadReports(this.db, [caseId]).get(caseId) ?? []);
    return stageFor(this.db, caseId, chapter, grade.grade);
  }
}
