/**
 * AJCC 8th edition soft tissue sarcoma staging, as docs/clinical-rules.md#staging sets out (T by size and by
 * anatomical extent per site chapter; stage groups from PDQ Table 7). Pure and total: odd input gives TX / no stage group and says why.
 */
import type { FnclccGrade } from './grading';

export type StagingSite = 'trunk-extremity' | 'retroperitoneum' | 'head-and-neck' | 'visceral';
export type SizeT = 'T1' | 'T2' | 'T3' | 'T4' | 'TX';
/** Categories that can be given by hand (`t`), for extent-based rows. */
export type TOverride = 'TX' | 'T0' | 'T1' | 'T2' | 'T2a' | 'T2b' | 'T3' | 'T4' | 'T4a' | 'T4b' | 'T4c';
/** 'yp': pathological after neoadjuvant therapy (ypT, ypN), as AJCC writes it. */
export type StagePrefix = 'c' | 'p' | 'y' | 'yp' | 'r';
const PREFIXES: readonly StagePrefix[] = ['c', 'p', 'y', 'yp', 'r'];
/**
 * How each prefix is written before T, N and M. A 'y' set by hand is a clinical classification after neoadjuvant
 * therapy, which AJCC writes yc (ycT2 ycN0 ycM0), never a bare y.
 */
const PREFIX_TEXT: Record<StagePrefix, string> = { c: 'c', p: 'p', y: 'yc', yp: 'yp', r: 'r' };
export type StageGroup = 'IA' | 'IB' | 'II' | 'IIIA' | 'IIIB' | 'IV';

export interface StagingInput {
  site: StagingSite;
  /** Largest dimension in any plane (gross or imaging). */
  sizeCm: number | null;
  /** NX / null: nodal status unknown, which AJCC 8th counts as N0. */
  N: 'N0' | 'N1' | 'NX' | null;
  M: 'M0' | 'M1';
  G: FnclccGrade;
  prefix: StagePrefix;
  /**
   * Prefix of N when it differs from T's: a pathological T with a clinical N (nodes not examined), e.g. pT3 cN0.
   * Defaults to `prefix`.
   */
  nPrefix?: StagePrefix;
  /**
   * The lowest grade the histotype allows (minimumGrade, grading.ts). When G is GX the result also gives the group
   * with this grade (`atLeastStageGroup`), so a GX tumour is never shown only at its lower GX row.
   */
  minimumG?: 'G2' | 'G3' | null;
  /** Why the grade is at least minimumG, e.g. "a dedifferentiated liposarcoma is at least G2". */
  minimumGReason?: string;
  /** T by anatomical extent: head and neck T4a/T4b, any visceral T, T0 at size-based sites. */
  t?: TOverride | null;
}

export interface StagingResult {
  /** With prefix, e.g. 'pT3'. */
  T: string;
  N: string;
  M: string;
  G: FnclccGrade;
  /** null for head and neck and visceral sites (no AJCC group), and when T is unknown and N0 M0. */
  stageGroup: StageGroup | null;
  /**
   * When G is GX and the histotype's minimum grade gives a higher group: that group (docs/clinical-rules.md#at-least-stage-group).
   * null otherwise (grade known, no minimum, same group, or no stage group at this site).
   */
  atLeastStageGroup: StageGroup | null;
  /** e.g. "grade not assessed, a dedifferentiated liposarcoma is at least G2"; '' when atLeastStageGroup is null. */
  atLeastReason: string;
  explanation: string;
}

const SITE_TEXT: Record<StagingSite, string> = {
  'trunk-extremity': 'trunk and extremities',
  retroperitoneum: 'retroperitoneum',
  'head-and-neck': 'head and neck',
  visceral: 'abdomen and thoracic visceral organs',
};

// docs/clinical-rules.md#t-category-by-size: trunk and extremities and retroperitoneum share the size cut-offs.
const TRUNK_RP_ROWS: ReadonlyArray<{ T: SizeT; max: number; text: string }> = [
  { T: 'T1', max: 5, text: '<= 5 cm' },
  { T: 'T2', max: 10, text: '> 5 and <= 10 cm' },
  { T: 'T3', max: 15, text: '> 10 and <= 15 cm' },
  { T: 'T4', max: Infinity, text: '> 15 cm' },
];
// docs/clinical-rules.md#t-category-by-size, head and neck column (T4a/T4b are by extent, not size).
const HEAD_NECK_ROWS: ReadonlyArray<{ T: SizeT; max: number; text: string }> = [
  { T: 'T1', max: 2, text: '<= 2 cm' },
  { T: 'T2', max: 4, text: '> 2 and <= 4 cm' },
  { T: 'T3', max: Infinity, text: '> 4 cm' },
];

// docs/clinical-rules.md#t-category-by-anatomical-extent: which categories each chapter defines by extent, not size.
const EXTENT_T: Record<StagingSite, Partial<Record<TOverride, string>>> = {
  'trunk-extremity': { T0: 'no evidence of primary tumour', TX: 'cannot be assessed' },
  retroperitoneum: { T0: 'no evidence of primary tumour', TX: 'cannot be assessed' },
  'head-and-neck': {
    T4a: 'orbit, skull base/dura, central compartment viscera, facial skeleton or pterygoid muscles',
    T4b: 'brain parenchyma, carotid encasement, prevertebral muscle or CNS via perineural spread',
    TX: 'cannot be assessed',
  },
  visceral: {
    T1: 'confined to the organ',
    T2: 'beyond the organ',
    T2a: 'invades serosa or visceral peritoneum',
    T2b: 'beyond the serosa (mesentery)',
    T3: 'invades another organ',
    T4: 'multifocal',
    T4a: 'multifocal, 2 sites',
    T4b: 'multifocal, 3-5 sites',
    T4c: 'multifocal, > 5 sites',
    TX: 'cannot be assessed',
  },
};

const isSite = (s: unknown): s is StagingSite => typeof s === 'string' && s in SITE_TEXT;
const validSize = (s: unknown): s is number => typeof s === 'number' && Number.isFinite(s) && s > 0;

/** "15.0 cm", but "5.01 cm": never round a size across a cut-off in the text. */
function fmtCm(n: number): string {
  return `${Number(n.toFixed(1)) === n ? n.toFixed(1) : String(n)} cm`;
}

function sizeRow(site: StagingSite, sizeCm: number) {
  const rows = site === 'head-and-neck' ? HEAD_NECK_ROWS : TRUNK_RP_ROWS;
  return rows.find((r) => sizeCm <= r.max)!;
}

/** T from size alone; TX when the size is missing or invalid, or the site is not size-based (visceral). */
export function tFromSize(site: StagingSite, sizeCm: number | null | undefined): SizeT {
  if (!isSite(site) || site === 'visceral' || !validSize(sizeCm)) return 'TX';
  return sizeRow(site, sizeCm).T;
}

function decideT(
  site: StagingSite,
  sizeCm: number | null,
  t: TOverride | null | undefined,
): { T: TOverride; text: string } {
  const notes: string[] = [];
  if (t !== undefined && t !== null) {
    const extent = EXTENT_T[site][t];
    if (extent) return { T: t, text: `${t} (${SITE_TEXT[site]}, by anatomical extent: ${extent}).` };
    const allowed = Object.keys(EXTENT_T[site]).join(', ');
    notes.push(` Given T "${String(t)}" ignored: only ${allowed} can be set by hand for the ${SITE_TEXT[site]}.`);
  }
  const note = notes.join('');
  if (site === 'visceral') {
    return { T: 'TX', text: `TX (${SITE_TEXT[site]}: T is by organ extent, not size; choose T1-T4 by extent).${note}` };
  }
  if (sizeCm === null || sizeCm === undefined) return { T: 'TX', text: `TX (tumour size not recorded).${note}` };
  if (!validSize(sizeCm)) return { T: 'TX', text: `TX (size ${String(sizeCm)} is not a valid measurement).${note}` };
  const row = sizeRow(site, sizeCm);
  return { T: row.T, text: `${row.T} (${SITE_TEXT[site]}: ${row.text}; ${fmtCm(sizeCm)}).${note}` };
}

// PDQ Table 7 (AJCC 8th), stage groups, trunk/extremity + retroperitoneum: docs/clinical-rules.md#stage-groups-trunk-and-extremities-and-retroperitoneum.
function stageGroupFor(
  site: 'trunk-extremity' | 'retroperitoneum',
  T: TOverride,
  N1: boolean,
  M1: boolean,
  G: FnclccGrade,
): { group: StageGroup | null; text: string } {
  if (M1) return { group: 'IV', text: 'Stage IV: any T, any N, M1, any G (PDQ Table 7).' };
  // N1 M0 is the one row where the two chapters differ.
  if (N1) {
    return site === 'retroperitoneum'
      ? { group: 'IIIB', text: 'Stage IIIB: any T, N1, M0, any G (retroperitoneum, PDQ Table 7).' }
      : { group: 'IV', text: 'Stage IV: any T, N1, M0, any G (trunk and extremities, PDQ Table 7).' };
  }
  if (T === 'TX' || T === 'T0') {
    return { group: null, text: `No stage group: the N0 M0 rows of PDQ Table 7 need T1-T4, and T is ${T}.` };
  }
  const low = G === 'G1' || G === 'GX';
  if (T === 'T1') {
    return low
      ? { group: 'IA', text: 'Stage IA: T1, N0, M0, G1 or GX (PDQ Table 7).' }
      : { group: 'II', text: 'Stage II: T1, N0, M0, G2-G3 (PDQ Table 7).' };
  }
  if (low) return { group: 'IB', text: 'Stage IB: T2-T4, N0, M0, G1 or GX (PDQ Table 7).' };
  if (T === 'T2') return { group: 'IIIA', text: 'Stage IIIA: T2, N0, M0, G2-G3 (PDQ Table 7).' };
  return { group: 'IIIB', text: 'Stage IIIB: T3-T4, N0, M0, G2-G3 (PDQ Table 7).' };
}

export function stageSoftTissueSarcoma(input: StagingInput): StagingResult {
  const { site, sizeCm, N, M, G: rawG, prefix: rawPrefix, t } = input;
  const given: StagePrefix = PREFIXES.includes(rawPrefix) ? rawPrefix : 'c';
  const prefix = PREFIX_TEXT[given];
  const nPrefix = PREFIX_TEXT[input.nPrefix && PREFIXES.includes(input.nPrefix) ? input.nPrefix : given];
  const G: FnclccGrade = (['G1', 'G2', 'G3', 'GX'] as const).includes(rawG) ? rawG : 'GX';
  const M1 = M === 'M1';
  const N1 = N === 'N1';
  // AJCC general rules: there is no pM0; a pathological stage still carries cM0.
  const mText = M1 ? `${prefix}M1` : given === 'p' || given === 'yp' ? 'cM0' : `${prefix}M0`;
  const nText = `${nPrefix}${N1 ? 'N1' : 'N0'}`;
  const parts: string[] = [];

  if (!isSite(site)) {
    return {
      T: `${prefix}TX`,
      N: nText,
      M: mText,
      G,
      stageGroup: null,
      atLeastStageGroup: null,
      atLeastReason: '',
      explanation: `Site "${String(site)}" is not an AJCC 8th soft tissue sarcoma chapter: no T category or stage group.`,
    };
  }

  const T = decideT(site, sizeCm, t);
  parts.push(T.text);
  // docs/clinical-rules.md#n-m-and-prefixes: unknown nodal status counts as N0.
  if (N !== 'N0' && N !== 'N1') parts.push('Nodal status unknown: counted as N0 (AJCC 8th).');

  let stageGroup: StageGroup | null = null;
  let atLeastStageGroup: StageGroup | null = null;
  let atLeastReason = '';
  if (site === 'head-and-neck' || site === 'visceral') {
    // docs/clinical-rules.md#head-and-neck-and-visceral-sites-no-stage-group: T, N, M and G but no stage group; never invent one.
    parts.push(`No AJCC stage group for this site (${SITE_TEXT[site]}).`);
  } else {
    const sg = stageGroupFor(site, T.T, N1, M1, G);
    stageGroup = sg.group;
    parts.push(sg.text);
    // docs/clinical-rules.md#at-least-stage-group: GX takes the G1 row of PDQ Table 7, which understates a tumour
    // whose histotype cannot be G1; give the group at the lowest grade it can have as well.
    const minG = input.minimumG === 'G2' || input.minimumG === 'G3' ? input.minimumG : null;
    if (G === 'GX' && minG && stageGroup) {
      const floor = stageGroupFor(site, T.T, N1, M1, minG).group;
      if (floor && floor !== stageGroup) {
        atLeastStageGroup = floor;
        atLeastReason = `grade not assessed, ${input.minimumGReason?.trim() || `the grade is at least ${minG}`}`;
        parts.push(`At least stage ${floor}: ${atLeastReason} (PDQ Table 7 with ${minG}).`);
      }
    }
  }
  return {
    T: `${prefix}${T.T}`,
    N: nText,
    M: mText,
    G,
    stageGroup,
    atLeastStageGroup,
    atLeastReason,
    explanation: parts.join(' '),
  };
}
