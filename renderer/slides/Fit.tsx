import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { fitResult, startFit, stepFit, type Ratio } from './fit-search';

interface FitProps {
  /** Largest and smallest font size in logical pixels (the 1600 x 900 stage); never below 18 (MIN_TEXT_PX). */
  max: number;
  min: number;
  className?: string;
  children: ReactNode;
  /** Any value that changes when the content does (the text itself is a good one). */
  watch?: unknown;
  testId?: string;
}

/** The smallest text on a slide, in stage pixels: legible from the back of the room. */
export const MIN_TEXT_PX = 18;

/** Fit boxes laid out in this commit, fitted together once its layout effects have run (see fitAll). */
let queue = new Set<HTMLDivElement>();
const limits = new WeakMap<HTMLDivElement, { max: number; min: number }>();

/**
 * The box's content over the box, as laid out now: above 1 it overflows (by height or width); at or below 1, how
 * much of the box's height the content fills, which tells the search how far the size can grow (fit-search.ts).
 */
function ratio(el: HTMLElement): Ratio {
  const h = Math.max(1, el.clientHeight);
  const w = Math.max(1, el.clientWidth);
  if (el.scrollHeight > h + 1 || el.scrollWidth > w + 1) return Math.max(el.scrollHeight / h, el.scrollWidth / w);
  const range = document.createRange();
  range.selectNodeContents(el);
  const content = range.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return box.height > 0 ? Math.min(1, Math.max(0, (content.bottom - box.top) / box.height)) : 1;
}

/**
 * Fits every queued box: the largest whole size that fits (fit-search.ts). The boxes are measured together, all
 * writes then all reads at each step, so a deck of 259 slides costs three or four layouts rather than several per
 * box: each layout of a 40-case deck takes 50 ms or more, and fitting was a third of its render.
 */
function fitAll(): void {
  const boxes = [...queue].filter((el) => el.isConnected);
  queue = new Set();
  // Writes: every box at its largest size, unclipped (only where it differs: a write that changes nothing still
  // invalidates the style).
  for (const el of boxes) {
    const { max } = limits.get(el)!;
    if (el.style.fontSize !== `${max}px`) el.style.fontSize = `${max}px`;
    if (el.classList.contains('fit--clipped')) el.classList.remove('fit--clipped');
  }
  // Reads: which boxes overflow at their largest size, and by how much (one layout for all).
  let jobs = boxes.flatMap((el) => {
    const r = el.clientHeight > 0 ? ratio(el) : 1;
    if (r <= 1) return [];
    const { max, min } = limits.get(el)!;
    return [{ el, search: startFit(max, Math.max(min, MIN_TEXT_PX), r) }];
  });
  for (;;) {
    for (const j of jobs.filter((j) => j.search.next === null)) {
      const { size, clipped } = fitResult(j.search);
      if (j.el.style.fontSize !== `${size}px`) j.el.style.fontSize = `${size}px`;
      if (clipped) j.el.classList.add('fit--clipped');
    }
    jobs = jobs.filter((j) => j.search.next !== null);
    if (jobs.length === 0) return;
    for (const j of jobs) j.el.style.fontSize = `${j.search.next}px`;
    for (const j of jobs) j.search = stepFit(j.search, ratio(j.el));
  }
}

/**
 * A box whose text shrinks until it fits (down to `min`, so it stays readable from the back of the room); text
 * that still does not fit is faded out at the bottom, never spilled over the footer. The box must get its height
 * from its parent (flex or grid). Children size themselves in em so headings shrink with the body. The boxes of one
 * commit are fitted together (fitAll) in a microtask after the commit's layout effects, before the frame is painted.
 */
export function Fit({ max, min, className, children, watch, testId }: FitProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    limits.set(el, { max, min });
    if (queue.size === 0) queueMicrotask(fitAll);
    queue.add(el);
  }, [max, min, watch]);
  return (
    <div ref={ref} className={`fit${className ? ` ${className}` : ''}`} style={{ fontSize: max }} data-testid={testId}>
      {children}
    </div>
  );
}
