/**
 * FNCLCC grade for soft tissue sarcoma, as docs/clinical-rules.md#fnclcc-grade sets out (PDQ Table 4 for
 * differentiation, AJCC 8th for the grade bands; Trojani 1984, Coindre 1986/2001). Pure: never throws, bad input gives GX and says why.
 */
import { findHistotype, type DifferentiationScore } from './histotypes';

export type FnclccGrade = 'G1' | 'G2' | 'G3' | 'GX';

export interface FnclccInput {
  /** 1..3; null/undefined falls back to the histotype's PDQ Table 4 score when there is one. */
  differentiation: number | null | undefined;
  /** Mitoses per 10 high-power fields in the most active area. */
  mitosesPer10Hpf: number | null | undefined;
  /** Tumour necrosis, percent of the tumour (0..100). */
  necrosisPercent: number | null | undefined;
  neoadjuvantTherapy?: boolean;
  /** Round-cell component (percent); only meaningful for myxoid liposarcoma. */
  roundCellPercent?: number | null;
  histotypeId?: string | null;
}

export interface FnclccResult {
  /** Total score 2..8, or null when a component is missing or grading does not apply. */
  score: number | null;
  grade: FnclccGrade;
  components: { differentiation: DifferentiationScore | null; mitoses: 1 | 2 | 3 | null; necrosis: 0 | 1 | 2 | null };
  /**
   * graded: G1-G3; not-gradable: GX is the answer (after neoadjuvant therapy, a bone tumour); incomplete: GX only
   * because a component is missing or invalid, so a grade stated in the report may stand in. Callers branch on
   * this, never on the wording of `reason`.
   */
  status: 'graded' | 'not-gradable' | 'incomplete';
  reason: string;
}

const BANDS = 'FNCLCC: total 2-3 G1, 4-5 G2, 6-8 G3';
const NONE = { differentiation: null, mitoses: null, necrosis: null } as const;

// docs/clinical-rules.md#mitotic-count: per 10 HPF 0-9 -> 1; 10-19 -> 2; >= 20 -> 3.
function mitosisScore(m: number): 1 | 2 | 3 {
  return m >= 20 ? 3 : m >= 10 ? 2 : 1;
}

// docs/clinical-rules.md#tumour-necrosis: none -> 0; < 50% -> 1; >= 50% -> 2.
function necrosisScore(pct: number): 0 | 1 | 2 {
  return pct >= 50 ? 2 : pct > 0 ? 1 : 0;
}

// docs/clinical-rules.md#total-score-and-grade (AJCC 8th bands): G1 total 2-3; G2 total 4-5; G3 total 6-8.
function gradeFromScore(total: number): 'G1' | 'G2' | 'G3' {
  return total <= 3 ? 'G1' : total <= 5 ? 'G2' : 'G3';
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const present = (v: unknown) => v !== null && v !== undefined;

export function differentiationScore(histotypeId: string | null | undefined): DifferentiationScore | null {
  return findHistotype(histotypeId)?.differentiationScore ?? null;
}

export function fnclccGrade(input: FnclccInput): FnclccResult {
  const { differentiation, mitosesPer10Hpf, necrosisPercent, neoadjuvantTherapy, roundCellPercent, histotypeId } =
    input ?? ({} as FnclccInput);
  const notes: string[] = [];
  const histotype = findHistotype(histotypeId);
  if (present(histotypeId) && histotypeId !== '' && !histotype)
    notes.push(`Histotype "${histotypeId}" is not in the catalogue.`);

  // docs/clinical-rules.md#when-the-score-is-not-used: not graded after neoadjuvant therapy (it changes necrosis and mitoses).
  if (neoadjuvantTherapy === true) {
    return {
      score: null,
      grade: 'GX',
      components: { ...NONE },
      status: 'not-gradable',
      reason: 'GX: not gradable after neoadjuvant therapy.',
    };
  }
  // FNCLCC is a soft tissue system; bone sarcomas are graded otherwise (docs/clinical-rules.md#when-the-score-is-not-used).
  if (histotype?.tissue === 'bone') {
    return {
      score: null,
      grade: 'GX',
      components: { ...NONE },
      status: 'not-gradable',
      reason: `GX: FNCLCC grading does not apply to ${histotype.name} (a bone tumour; FNCLCC grades soft tissue sarcoma).`,
    };
  }

  const invalid: string[] = [];
  const missing: string[] = [];

  let diff: DifferentiationScore | null = null;
  if (!present(differentiation)) {
    if (histotype?.differentiationScore) {
      diff = histotype.differentiationScore;
      notes.push(`Differentiation ${diff} taken from the histotype (${histotype.name}, PDQ Table 4).`);
    } else missing.push('differentiation');
  } else if (isNum(differentiation) && [1, 2, 3].includes(differentiation)) {
    diff = differentiation as DifferentiationScore;
    const table = histotype?.differentiationScore;
    if (table && table !== diff) {
      notes.push(`Note: PDQ Table 4 gives ${table} for ${histotype!.name}; the entered ${diff} was used.`);
    }
  } else invalid.push(`differentiation must be 1, 2 or 3 (got ${String(differentiation)})`);

  let mit: 1 | 2 | 3 | null = null;
  if (!present(mitosesPer10Hpf)) missing.push('mitosesPer10Hpf');
  else if (isNum(mitosesPer10Hpf) && Number.isInteger(mitosesPer10Hpf) && mitosesPer10Hpf >= 0)
    mit = mitosisScore(mitosesPer10Hpf);
  else invalid.push(`mitosesPer10Hpf must be a whole number >= 0 (got ${String(mitosesPer10Hpf)})`);

  let nec: 0 | 1 | 2 | null = null;
  if (!present(necrosisPercent)) missing.push('necrosisPercent');
  else if (isNum(necrosisPercent) && necrosisPercent >= 0 && necrosisPercent <= 100)
    nec = necrosisScore(necrosisPercent);
  else invalid.push(`necrosisPercent must be between 0 and 100 (got ${String(necrosisPercent)})`);

  if (present(roundCellPercent) && !(isNum(roundCellPercent) && roundCellPercent >= 0 && roundCellPercent <= 100)) {
    invalid.push(`roundCellPercent must be between 0 and 100 (got ${String(roundCellPercent)})`);
  }

  const components = { differentiation: diff, mitoses: mit, necrosis: nec };
  const tail = notes.length ? ` ${notes.join(' ')}` : '';

  if (invalid.length) {
    return {
      score: null,
      grade: 'GX',
      components,
      status: 'incomplete',
      reason: `GX: invalid input: ${invalid.join('; ')}.${tail}`,
    };
  }

  const score = diff !== null && mit !== null && nec !== null ? diff + mit + nec : null;
  const sum =
    score === null
      ? ''
      : `Differentiation ${diff} + mitoses ${mit} (${mitosesPer10Hpf} per 10 HPF) + necrosis ${nec} (${necrosisPercent}%) = ${score}`;

  // docs/clinical-rules.md#when-the-score-is-not-used: a myxoid liposarcoma with > 5% round cells is high grade. The round-cell entry
  // is that tumour by definition, so it is high grade unless a measured round-cell share says otherwise.
  if (histotype?.myxoidRoundCellLps) {
    const measured = isNum(roundCellPercent);
    const high = measured ? roundCellPercent > 5 : histotype.id === 'round-cell-liposarcoma';
    if (high) {
      const why = measured
        ? `myxoid liposarcoma with a round-cell component of ${roundCellPercent}% (> 5%) is high grade`
        : `${histotype.name} is by definition a myxoid liposarcoma with > 5% round cells, which is high grade`;
      return {
        score,
        grade: 'G3',
        components,
        status: 'graded',
        reason: `G3: ${why}${sum ? ` (score alone: ${sum})` : ''}.${tail}`,
      };
    }
    if (measured) notes.push(`Round-cell component ${roundCellPercent}% (<= 5%): the high-grade rule does not apply.`);
  } else if (isNum(roundCellPercent)) {
    notes.push('Round-cell percentage ignored: the > 5% high-grade rule is for myxoid liposarcoma only.');
  }
  const tail2 = notes.length ? ` ${notes.join(' ')}` : '';

  if (score === null) {
    return {
      score: null,
      grade: 'GX',
      components,
      status: 'incomplete',
      reason: `GX: cannot be assessed, missing ${missing.join(', ')}.${tail2}`,
    };
  }
  const grade = gradeFromScore(score);
  return { score, grade, components, status: 'graded', reason: `${sum} -> ${grade} (${BANDS}).${tail2}` };
}

/**
 * The lowest grade a histotype can have (docs/clinical-rules.md#minimum-grade-from-the-histotype): differentiation
 * score 3 (PDQ Table 4) means the lowest possible FNCLCC total is 3 + 1 (mitoses) + 0 (necrosis) = 4, which is G2
 * (AJCC 8th bands). A score of 1 or 2 can still total 2 or 3 (G1), so it sets no floor. Bone tumours are not
 * FNCLCC-graded, so they get none either.
 */
export function minimumGrade(histotypeId: string | null | undefined): 'G2' | null {
  const histotype = findHistotype(histotypeId);
  if (!histotype || histotype.tissue === 'bone') return null;
  return histotype.differentiationScore === 3 ? 'G2' : null;
}

/** Why the grade is at least minimumGrade, e.g. "a dedifferentiated liposarcoma is at least G2"; '' when no floor. */
export function minimumGradeReason(histotypeId: string | null | undefined): string {
  const min = minimumGrade(histotypeId);
  if (!min) return '';
  const name = findHistotype(histotypeId)!.name;
  const article = /^[aeiou]/i.test(name) ? 'an' : 'a';
  // Lower-case the catalogue's capital, but not a person's name (Ewing sarcoma).
  const lead = /^(Ewing|Kaposi)/.test(name) ? name : `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  return `${article} ${lead} is at least ${min}`;
}
