import { describe, expect, it } from 'vitest';
import { fitResult, startFit, stepFit, type FitSearch } from '../../../renderer/slides/fit-search';

/**
 * A box of text as the browser lays it out: `need(size)` is the content's height at a font size, against a box of
 * `box` pixels. Runs the search as Fit does (one question per layout) and counts the layouts after the first.
 */
function run(need: (size: number) => number, box: number, max: number, floor: number) {
  const ratio = (size: number) => need(size) / box;
  let s: FitSearch | null = ratio(max) > 1 ? startFit(max, floor, ratio(max)) : null;
  let layouts = 0;
  while (s && s.next !== null) {
    layouts++;
    expect(layouts, 'the search ends').toBeLessThan(12);
    s = stepFit(s, ratio(s.next));
  }
  return { ...(s ? fitResult(s) : { size: max, clipped: false }), layouts };
}

/** The answer by trying every size from the largest down. */
function exhaustive(need: (size: number) => number, box: number, max: number, floor: number) {
  for (let size = max; size >= floor; size--) if (need(size) <= box) return { size, clipped: false };
  return { size: floor, clipped: true };
}

/** Wrapped text: lines of `chars` characters at 0.5 em each across `width`, each line 1.3 em tall. */
const wrapped = (chars: number, width: number) => (size: number) =>
  Math.ceil((chars * 0.5 * size) / width) * 1.3 * size;

describe('Fit search: the largest whole font size that fits', () => {
  it('gives the answer trying every size would give (or one pixel under), for wrapped text, tables and widths', () => {
    let exact = 0;
    let total = 0;
    const shapes = [
      ...[80, 300, 700, 1200, 2500, 6000].flatMap((chars) =>
        [200, 420, 640].map((height) => ({ need: wrapped(chars, 700), box: height })),
      ),
      // A table: rows do not wrap, so height grows in step with the size.
      ...[8, 14, 22].map((rows) => ({ need: (size: number) => rows * 1.6 * size, box: 560 })),
      // A row that never wraps and overflows sideways: width in step with the size, by a hair.
      { need: (size: number) => size * 20.1, box: 600 },
    ];
    for (const { need, box } of shapes) {
      for (const [max, floor] of [
        [32, 18],
        [26, 18],
        [34, 18],
        [24, 20],
      ]) {
        const got = run(need, box, max, floor);
        const best = need(max) <= box ? { size: max, clipped: false } : exhaustive(need, box, max, floor);
        expect(got.clipped).toBe(best.clipped);
        // Never a size that overflows, and at most one pixel under the best.
        if (!got.clipped) expect(need(got.size)).toBeLessThanOrEqual(box);
        expect(best.size - got.size).toBeGreaterThanOrEqual(0);
        expect(best.size - got.size).toBeLessThanOrEqual(1);
        exact += Number(best.size === got.size);
        total++;
      }
    }
    expect(exact / total).toBeGreaterThan(0.9);
  });

  it('settles wrapped text in one or two layouts where bisection took four or five', () => {
    const layouts = [300, 700, 1200, 2500].map((chars) => run(wrapped(chars, 700), 320, 32, 18).layouts);
    expect(Math.max(...layouts)).toBeLessThanOrEqual(2);
  });

  it('clips at the floor when even the smallest size overflows, and leaves a box that fits alone', () => {
    expect(run(wrapped(20000, 700), 300, 32, 18)).toMatchObject({ size: 18, clipped: true });
    expect(run(wrapped(40, 700), 300, 32, 18)).toEqual({ size: 32, clipped: false, layouts: 0 });
    // A floor above the largest size: the box stays at its largest size, clipped.
    expect(run(wrapped(20000, 700), 300, 16, 18)).toMatchObject({ size: 16, clipped: true });
  });
});
