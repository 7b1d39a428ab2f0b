import type { NonTargetStatus, ResponseCategory } from '../domain/response';

/**
 * Response to treatment by RECIST 1.1 and by Choi. Pure: the tracking service (electron/services/imaging/
 * tracking-service.ts) gives the sums; this file only applies the published rules.
 * Reference text: docs/clinical-rules.md#response-by-recist-11 and docs/clinical-rules.md#response-by-choi.
 */

/**
 * Percentages at a threshold are computed in floating point (e.g. 70 mm against 100 mm is -30.000000000000004 % in
 * some orders of operations); a change within this much of a threshold counts as reaching it, as the papers' "at
 * least" means.
 */
const EPSILON = 1e-9;

/** Change from `from` to `to` in percent of `from`; null when `from` is 0 (no percentage of nothing). */
export function percentChange(from: number, to: number): number | null {
  return from === 0 ? null : ((to - from) / from) * 100;
}

export interface RecistInput {
  /** Sum of the target lesions' diameters at baseline (mm): long axis, short axis for lymph nodes. */
  baseline: number | null;
  /** The smallest sum on study before this assessment, the baseline included (mm). */
  nadir: number | null;
  /** The sum at the study being assessed (mm); null when a target lesion was not measured (NE). */
  current: number | null;
  /** Non-target lesions at this study; null when the patient has no non-target lesion. */
  nonTarget: NonTargetStatus | null;
  /** Unequivocal new lesions at this study. */
  newLesions: boolean;
  /**
   * True when a current sum above 0 is made only of target lymph nodes each under 10 mm short axis. RECIST 1.1
   * counts such nodes as normal: the target response is CR although the sum is not 0 (the node's short axis stays
   * in the sum, so a later increase is measured from it). The caller knows which lesions are nodes; the sum does not.
   */
  residualNodesOnly?: boolean;
}

export interface RecistResult {
  target: ResponseCategory;
  overall: ResponseCategory;
  changeFromBaselinePct: number | null;
  changeFromNadirPct: number | null;
}

/** Target lesions alone (Eisenhauer 2009, section 4.3.1). */
function targetResponse(i: RecistInput, fromBaseline: number | null, fromNadir: number | null): ResponseCategory {
  if (i.current === null || i.baseline === null || i.baseline <= 0 || i.nadir === null) return 'NE';
  // PD: at least 20% above the nadir and at least 5 mm in absolute terms. A lesion that reappears after a sum of 0
  // (CR) is progression: there is no percentage of 0, and the 5 mm floor does not apply to a reappearance.
  if (i.nadir === 0) {
    if (i.current > 0 && !i.residualNodesOnly) return 'PD';
  } else if (fromNadir !== null && fromNadir >= 20 - EPSILON && i.current - i.nadir >= 5 - EPSILON) return 'PD';
  if (i.current === 0 || i.residualNodesOnly) return 'CR';
  if (fromBaseline !== null && fromBaseline <= -30 + EPSILON) return 'PR';
  return 'SD';
}

/**
 * The overall response at one time point (Eisenhauer 2009, Table 4: target and non-target lesions and new
 * lesions). A patient without non-target lesions (`nonTarget` null) is read as the table's first row when the
 * targets are CR.
 */
export function overallResponse(
  target: ResponseCategory,
  nonTarget: NonTargetStatus | null,
  newLesions: boolean,
): ResponseCategory {
  if (newLesions || nonTarget === 'PD' || target === 'PD') return 'PD';
  if (target === 'NE') return 'NE';
  if (target === 'CR') return nonTarget === null || nonTarget === 'CR' ? 'CR' : 'PR';
  // PR with non-PD or NE non-target lesions is PR; SD likewise SD.
  return target;
}

/** RECIST 1.1 target and overall response (Eisenhauer 2009, Eur J Cancer 45:228-247). */
export function assessRecist(i: RecistInput): RecistResult {
  const changeFromBaselinePct = i.current === null || i.baseline === null ? null : percentChange(i.baseline, i.current);
  const changeFromNadirPct = i.current === null || i.nadir === null ? null : percentChange(i.nadir, i.current);
  const target = targetResponse(i, changeFromBaselinePct, changeFromNadirPct);
  return {
    target,
    overall: overallResponse(target, i.nonTarget, i.newLesions),
    changeFromBaselinePct,
    changeFromNadirPct,
  };
}

export interface ChoiInput {
  /** Sum of the target lesions' long axes at baseline (mm). */
  baselineSizeMm: number | null;
  currentSizeMm: number | null;
  /** Mean density of the target lesions (mean of their ellipses' mean HU) at baseline and now. */
  baselineHu: number | null;
  currentHu: number | null;
  /** New lesions, new intratumoral nodules included (Choi counts those as progression too). */
  newLesions: boolean;
}

export interface ChoiResult {
  response: ResponseCategory;
  /** Why, in words (what was missing for NE). */
  reason: string;
}

const pct = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(1).replace(/\.0$/, '')}%`;

/**
 * Choi criteria (Choi 2007, J Clin Oncol 25:1753-1759), for GIST and other tumours that respond by losing density
 * before they shrink. Size: the sum of long axes; density: the mean HU on contrast CT.
 */
export function assessChoi(i: ChoiInput): ChoiResult {
  if (i.newLesions) return { response: 'PD', reason: 'New lesions (or new intratumoral nodules): PD' };
  if (i.baselineSizeMm === null || i.currentSizeMm === null || i.baselineSizeMm <= 0) {
    const which = i.baselineSizeMm === null || i.baselineSizeMm <= 0 ? 'baseline size' : 'current size';
    return { response: 'NE', reason: `Not evaluable: no ${which}` };
  }
  if (i.currentSizeMm === 0) return { response: 'CR', reason: 'All target lesions gone, no new lesions: CR' };
  const size = percentChange(i.baselineSizeMm, i.currentSizeMm)!;
  const density = i.baselineHu === null || i.currentHu === null ? null : percentChange(i.baselineHu, i.currentHu);
  // A density fall needs a positive baseline density to be a fall; 0 HU or below at baseline gives no percentage.
  const densityKnown = density !== null && i.baselineHu! > 0;
  const densityPr = densityKnown && density! <= -15 + EPSILON;
  const sizePr = size <= -10 + EPSILON;
  const words = `size ${pct(size)}${densityKnown ? `, density ${pct(density!)}` : ''}`;
  if (sizePr || densityPr)
    return {
      response: 'PR',
      reason: `${words}: PR (size down ≥ 10% or density down ≥ 15%)`,
    };
  if (!densityKnown) {
    const which = i.baselineHu === null ? 'baseline density' : i.currentHu === null ? 'current density' : 'density';
    return {
      response: 'NE',
      reason: `Not evaluable: no ${which} (HU) and the size alone (${pct(size)}) does not decide`,
    };
  }
  if (size >= 10 - EPSILON) return { response: 'PD', reason: `${words}: PD (size up ≥ 10% without density PR)` };
  return { response: 'SD', reason: `${words}: SD (neither PR nor PD)` };
}

const num = (n: number) => n.toFixed(1).replace(/\.0$/, '');
const mm = (n: number) => `${num(n)} mm`;

/** The RECIST result of one time point in words, e.g. "Sum 98 mm is 32% below the baseline 144 mm: PR (≥ 30%)". */
export function explainRecist(i: RecistInput, r: RecistResult): string {
  const parts: string[] = [];
  if (i.current === null) parts.push('A target lesion was not measured: target NE');
  else if (i.baseline === null || i.baseline <= 0) parts.push('No baseline sum: target NE');
  else {
    // "30% below the baseline 144 mm", "25% above the nadir 80 mm", "the same as the baseline 144 mm".
    const versus = (change: number, ref: string) =>
      change === 0 ? `the same as ${ref}` : `${num(Math.abs(change))}% ${change < 0 ? 'below' : 'above'} ${ref}`;
    const vsBaseline = `Sum ${mm(i.current)} is ${versus(r.changeFromBaselinePct!, `the baseline ${mm(i.baseline)}`)}`;
    const vsNadir =
      i.nadir !== null && i.nadir !== i.baseline
        ? r.changeFromNadirPct === null
          ? ` and ${mm(i.current - i.nadir)} above the nadir ${mm(i.nadir)}`
          : ` and ${versus(r.changeFromNadirPct, `the nadir ${mm(i.nadir)}`)}`
        : '';
    const rule: Record<ResponseCategory, string> = {
      CR: i.residualNodesOnly && i.current > 0 ? 'CR (only nodes under 10 mm short axis remain)' : 'CR (all gone)',
      PR: 'PR (≥ 30% below the baseline)',
      PD: i.nadir === 0 ? 'PD (a lesion reappeared after CR)' : 'PD (≥ 20% and ≥ 5 mm above the nadir)',
      SD: 'SD (neither 30% below the baseline nor 20% and 5 mm above the nadir)',
      NE: 'NE',
    };
    parts.push(`${vsBaseline}${vsNadir}: target ${rule[r.target]}`);
  }
  if (i.newLesions) parts.push('new lesions: PD');
  if (i.nonTarget === 'PD') parts.push('unequivocal progression of non-target lesions: PD');
  else if (r.target === 'CR' && i.nonTarget && i.nonTarget !== 'CR')
    parts.push(`non-target ${i.nonTarget}: overall PR, not CR`);
  return `${parts.join('; ')}. Overall ${r.overall}.`;
}
