import { useLayoutEffect, useRef, type ReactNode } from 'react';

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

interface Job {
  el: HTMLDivElement;
  lo: number;
  hi: number;
}

/** Fit boxes laid out in this commit, fitted together once its layout effects have run (see fitAll). */
let queue = new Set<HTMLDivElement>();
const limits = new WeakMap<HTMLDivElement, { max: number; min: number }>();

const overflows = (el: HTMLElement) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;

/**
 * Fits every queued box: the largest size that fits, to the pixel, found by bisection. The boxes are measured
 * together, all reads then all writes at each step, so a deck of 259 slides costs a handful of layouts rather than
 * several per box (forced layouts one box at a time were a third of the 40-case deck's render).
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
  // Reads: which boxes overflow at their largest size (one layout for all).
  let jobs: Job[] = boxes
    .filter((el) => el.clientHeight > 0 && overflows(el))
    .map((el) => {
      const { max, min } = limits.get(el)!;
      return { el, lo: Math.max(min, MIN_TEXT_PX), hi: max };
    });
  // Bisection in lockstep: set every box's middle size, then read them all.
  while (jobs.length) {
    const open = jobs.filter((j) => j.hi - j.lo > 1);
    for (const j of open) j.el.style.fontSize = `${Math.floor((j.lo + j.hi) / 2)}px`;
    for (const j of open) {
      const mid = Math.floor((j.lo + j.hi) / 2);
      if (overflows(j.el)) j.hi = mid;
      else j.lo = mid;
    }
    const done = jobs.filter((j) => j.hi - j.lo <= 1);
    for (const j of done) j.el.style.fontSize = `${j.lo}px`;
    for (const j of done) if (overflows(j.el)) j.el.classList.add('fit--clipped');
    jobs = jobs.filter((j) => j.hi - j.lo > 1);
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
