/**
 * The one way a stage is put into words, for every screen, slide, export and letter: a GX stage group that the
 * histotype's minimum grade raises is never shown bare (docs/clinical-rules.md#at-least-stage-group).
 */

export interface StageGroupLike {
  stageGroup: string | null;
  atLeastStageGroup: string | null;
  atLeastReason: string;
}

export interface StageLineLike extends StageGroupLike {
  T: string | null;
  N: string | null;
  M: string | null;
  G: string;
}

/**
 * "IB (at least IIIB: grade not assessed, a dedifferentiated liposarcoma is at least G2)", "IIIB", or null when
 * there is no stage group.
 */
export function stageGroupText(s: StageGroupLike): string | null {
  if (!s.stageGroup) return null;
  if (!s.atLeastStageGroup) return s.stageGroup;
  return `${s.stageGroup} (at least ${s.atLeastStageGroup}${s.atLeastReason ? `: ${s.atLeastReason}` : ''})`;
}

/** For tight places (a tile, a table cell): "IB, at least IIIB"; the reason goes with it elsewhere. */
export function stageGroupShort(s: StageGroupLike): string | null {
  if (!s.stageGroup) return null;
  return s.atLeastStageGroup ? `${s.stageGroup}, at least ${s.atLeastStageGroup}` : s.stageGroup;
}

/** "cT4 cN0 cM0 GX" (T, N and M carry their prefixes). */
export function tnmText(s: Pick<StageLineLike, 'T' | 'N' | 'M' | 'G'>): string {
  return [s.T, s.N, s.M, s.G].filter(Boolean).join(' ');
}

/** "cT4 cN0 cM0 GX, stage IB (at least IIIB: ...)" or "... , no stage group". */
export function stageLineText(s: StageLineLike): string {
  const group = stageGroupText(s);
  return `${tnmText(s)}, ${group ? `stage ${group}` : 'no stage group'}`;
}

/** "pT3: 12.5 cm, resection specimen S26-1234 of 3 Nov 2026". */
export function tSourceText(T: string | null, source: string): string {
  return `${T ?? 'TX'}: ${source}`;
}
