/**
 * The resection specimen as the pathology report describes it (CAP soft tissue protocol: tumour size in three
 * dimensions, depth, each margin with its distance). Pure text and arithmetic, shared by the service (which derives
 * the closest margin on save), the screen, the timeline and the slides, so they all say the same thing.
 * Reference: docs/clinical-rules.md#specimen-margins.
 */

/** The fields of a margin row these helpers read (shared/domain/pathology.ts SpecimenMargin). */
export interface MarginRow {
  margin: string;
  distanceMm: number | null;
  lessThan: boolean;
  involved: boolean;
}

/** 16.3 -> "16.3", 8 -> "8", 4.25 -> "4.25". */
const num = (n: number) => String(Number(n.toFixed(2)));

/**
 * The nearest margin of the list: an involved margin (tumour at the ink) counts as 0 mm; a margin with neither a
 * distance nor "involved" says nothing about distance and is skipped. Same distance: an involved one, then a "<"
 * one (the tighter statement), then the first listed. Null when no margin gives a distance.
 */
export function closestOfMargins(
  margins: readonly MarginRow[],
): { margin: string; distanceMm: number; lessThan: boolean } | null {
  let best: { margin: string; distanceMm: number; lessThan: boolean; rank: number } | null = null;
  for (const m of margins) {
    const distanceMm = m.involved ? 0 : m.distanceMm;
    if (distanceMm === null) continue;
    const rank = m.involved ? 0 : m.lessThan ? 1 : 2;
    if (!best || distanceMm < best.distanceMm || (distanceMm === best.distanceMm && rank < best.rank)) {
      best = { margin: m.margin, distanceMm, lessThan: !m.involved && m.lessThan, rank };
    }
  }
  return best && { margin: best.margin, distanceMm: best.distanceMm, lessThan: best.lessThan };
}

/** "deep < 1 mm", "proximal 15 mm", "posterior involved", "medial (distance not given)". */
export function marginRowText(m: MarginRow): string {
  if (m.involved) return `${m.margin} involved`;
  if (m.distanceMm === null) return `${m.margin} (distance not given)`;
  return `${m.margin} ${m.lessThan ? '< ' : ''}${num(m.distanceMm)} mm`;
}

/** "deep < 1 mm; proximal 15 mm"; '' for an empty list. */
export function marginListText(margins: readonly MarginRow[]): string {
  return margins.map(marginRowText).join('; ');
}

/**
 * The whole margin statement: "R1, closest margin < 1 mm (deep < 1 mm; proximal 15 mm)"; '' when the report gives
 * none of status, closest margin or list.
 */
export function marginSummary(r: {
  marginStatus: string | null;
  closestMarginMm: number | null;
  closestMarginLessThan: boolean;
  margins?: readonly MarginRow[];
}): string {
  const mm =
    r.closestMarginMm === null
      ? ''
      : `closest margin ${r.closestMarginLessThan ? '< ' : ''}${num(r.closestMarginMm)} mm`;
  const head = [r.marginStatus ?? '', mm].filter(Boolean).join(', ');
  const list = marginListText(r.margins ?? []);
  if (!list) return head;
  return head ? `${head} (${list})` : list;
}

/** "12 × 8 × 5 cm" from the dimensions given (largest first is the report's order, kept as typed); '' when none. */
export function specimenSizeText(r: {
  tumourDim1Cm: number | null;
  tumourDim2Cm: number | null;
  tumourDim3Cm: number | null;
}): string {
  const dims = [r.tumourDim1Cm, r.tumourDim2Cm, r.tumourDim3Cm].filter((x): x is number => x !== null);
  return dims.length ? `${dims.map(num).join(' × ')} cm` : '';
}

/** The largest dimension given (cm), what pT is measured on; null when none. */
export function largestDimensionCm(r: {
  tumourDim1Cm: number | null;
  tumourDim2Cm: number | null;
  tumourDim3Cm: number | null;
}): number | null {
  const dims = [r.tumourDim1Cm, r.tumourDim2Cm, r.tumourDim3Cm].filter((x): x is number => x !== null);
  return dims.length ? Math.max(...dims) : null;
}
