/**
 * The search behind Fit: the largest whole font size in [floor, max] at which a box's text fits, given only what
 * one browser layout answers at a size: the content's extent over the box's (above 1 it overflows). Every box is
 * asked at once, one layout per question, so the number of questions is what a large deck's render pays for.
 * Pure, so it is tested without a browser.
 *
 * Bisection asked four or five questions. Here each answer predicts the size that fits: the content grows as a
 * power of the size (wrapped text nearly as its square: more lines, each taller; a table of fixed rows in step
 * with it), and two answers give that power. The prediction is usually right; the size above it is asked about
 * only when the prediction leaves doubt, so the answer is bisection's or, rarely, one pixel under it, and never
 * overflows. Guesses stay strictly between the sizes known to fit and to overflow, and after three questions the
 * search halves the gap, so it always ends.
 */

export interface FitSearch {
  /** The largest size known to fit, or the floor (not yet tried) while `lowFits` is false. */
  low: number;
  lowFits: boolean;
  /** Content over box at `low`, once asked. */
  lowRatio: number | null;
  /** The smallest size known to overflow, and by how much. */
  high: number;
  highRatio: number;
  /** The overflow asked before `high`, if any (two overflows give the power when nothing fits yet). */
  before: { size: number; ratio: Ratio } | null;
  /** The size to try next; null once the search is over. */
  next: number | null;
  /** Questions answered. */
  asked: number;
}

/** Content extent over the box's (the larger of height and width); above 1 the content overflows. */
export type Ratio = number;

/** How content grows with the size when only one answer is known: as wrapped text does, most slides' boxes. */
const FIRST_POWER = 2;

/** A size above one that fits is taken as overflowing, unasked, when predicted to overflow by this much. */
const ACCEPT = 1.03;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** How content grows with the size, from the answers so far. */
function power(s: Omit<FitSearch, 'next'>): number {
  const other = s.lowFits && s.lowRatio !== null && s.lowRatio > 0 ? { size: s.low, ratio: s.lowRatio } : s.before;
  if (other && other.size !== s.high) {
    const p = Math.log(s.highRatio / other.ratio) / Math.log(s.high / other.size);
    if (Number.isFinite(p) && p > 0) return clamp(p, 0.5, 3);
  }
  return FIRST_POWER;
}

/**
 * The next size to ask about, or null when the answer is known: low fits and the size above it overflows, or is
 * predicted to overflow by more than a line's worth of doubt (ACCEPT), which spares most boxes their last question.
 */
function choose(s: Omit<FitSearch, 'next'>): number | null {
  const least = s.lowFits ? s.low + 1 : s.low;
  if (s.high - 1 < least) return null;
  if (s.asked >= 3) return clamp(Math.floor((s.low + s.high) / 2), least, s.high - 1);
  const p = power(s);
  if (s.lowFits && s.lowRatio !== null && s.lowRatio * ((s.low + 1) / s.low) ** p > ACCEPT) return null;
  return clamp(Math.floor(s.high * s.highRatio ** (-1 / p) + 1e-9), least, s.high - 1);
}

/** A search for a box whose content is `ratio` times its box at its largest size `max`; `floor` is the least. */
export function startFit(max: number, floor: number, ratio: Ratio): FitSearch {
  const s = {
    low: Math.min(floor, max),
    lowFits: false,
    lowRatio: null,
    high: max,
    highRatio: ratio,
    before: null,
    asked: 0,
  };
  return { ...s, next: choose(s) };
}

/** The search once the layout at `s.next` answered `ratio` (above 1: the content overflowed). */
export function stepFit(s: FitSearch, ratio: Ratio): FitSearch {
  const size = s.next;
  if (size === null) return s;
  const asked = s.asked + 1;
  if (ratio > 1) {
    // At the floor nothing smaller is allowed: the search ends there, clipped.
    const t = { ...s, high: size, highRatio: ratio, before: { size: s.high, ratio: s.highRatio }, asked };
    if (!s.lowFits && size <= s.low) return { ...t, next: null };
    return { ...t, next: choose(t) };
  }
  const t = { ...s, low: size, lowFits: true, lowRatio: ratio, asked };
  return { ...t, next: choose(t) };
}

/** The size to leave the box at once the search is over, and whether its content still overflows there. */
export function fitResult(s: FitSearch): { size: number; clipped: boolean } {
  return { size: s.lowFits ? s.low : Math.min(s.low, s.high), clipped: !s.lowFits };
}
