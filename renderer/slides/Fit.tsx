import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { FitMemo, fitKey, type Fitted } from './fit-memo';
import { fitResult, startFit, stepFit, type FitSearch, type Ratio } from './fit-search';

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
const limits = new WeakMap<HTMLDivElement, { max: number; min: number; className: string }>();

let theMemo: FitMemo | null = null;
/** This window's memo of fitted boxes (fit-memo.ts), read from sessionStorage on first use. */
function memo(): FitMemo {
  if (theMemo) return theMemo;
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // A page without storage (an opaque origin) remembers in memory only.
  }
  const build = typeof __BOARDPREP_BUILD__ === 'string' ? __BOARDPREP_BUILD__ : 'dev';
  theMemo = new FitMemo(storage, `${build}@${window.devicePixelRatio}`);
  return theMemo;
}

/**
 * The box's content over the box, as laid out now: above 1 it overflows (by height or width); at or below 1, how
 * much of the box's height the content fills, which tells the search how far the size can grow (fit-search.ts).
 */
function ratio(el: HTMLElement): Ratio {
  const h = Math.max(1, el.clientHeight);
  const w = Math.max(1, el.clientWidth);
  if (overflows(el)) return Math.max(el.scrollHeight / h, el.scrollWidth / w);
  const range = document.createRange();
  range.selectNodeContents(el);
  const content = range.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return box.height > 0 ? Math.min(1, Math.max(0, (content.bottom - box.top) / box.height)) : 1;
}

const overflows = (el: HTMLElement) =>
  el.scrollHeight > Math.max(1, el.clientHeight) + 1 || el.scrollWidth > Math.max(1, el.clientWidth) + 1;

/** Sets a box's size and fade, writing only what differs: a write that changes nothing still invalidates the style. */
function show(el: HTMLElement, size: number, clipped: boolean): void {
  if (el.style.fontSize !== `${size}px`) el.style.fontSize = `${size}px`;
  if (el.classList.contains('fit--clipped') !== clipped) el.classList.toggle('fit--clipped', clipped);
}

/** A remembered fit a search could have ended at with these limits (anything else is not this box's). */
function possible(fitted: Fitted | undefined, max: number, min: number): Fitted | undefined {
  const floor = Math.min(Math.max(min, MIN_TEXT_PX), max);
  if (!fitted || fitted.size > max || fitted.size < floor || (fitted.clipped && fitted.size !== floor))
    return undefined;
  return fitted;
}

interface Job {
  el: HTMLDivElement;
  key: string;
  w: number;
  h: number;
  search: FitSearch;
}

/** A search for a box laid out at its largest size, or null when its text fits there. */
function jobFor(el: HTMLDivElement, key: string): Job | null {
  const r = el.clientHeight > 0 ? ratio(el) : 1;
  if (r <= 1) return null;
  const { max, min } = limits.get(el)!;
  return { el, key, w: el.clientWidth, h: el.clientHeight, search: startFit(max, Math.max(min, MIN_TEXT_PX), r) };
}

/**
 * Fits every queued box: the largest whole size that fits (fit-search.ts). The boxes are measured together, all
 * writes then all reads at each step, so a deck of 259 slides costs three or four layouts rather than several per
 * box: each layout of a 40-case deck takes 50 ms or more, and fitting was a third of its render. A box fitted before
 * in this window starts at its remembered size (fit-memo.ts), checked on the first layout, and needs no search.
 */
function fitAll(): void {
  const boxes = [...queue].filter((el) => el.isConnected);
  queue = new Set();
  const known = memo();
  // Writes: every box at its remembered size, or at its largest, unclipped.
  const keyed = boxes.map((el) => {
    const { max, min, className } = limits.get(el)!;
    const key = fitKey(el.innerHTML, className, max, min);
    const fitted = possible(known.get(key), max, min);
    show(el, fitted?.size ?? max, fitted?.clipped ?? false);
    return { el, key, fitted };
  });
  // Reads (one layout for all): a remembered size stands if the box measures as it did and its text fits there;
  // any other box overflowing at its largest size is searched.
  let jobs: Job[] = [];
  const stale: typeof keyed = [];
  for (const k of keyed) {
    if (!k.fitted) {
      const job = jobFor(k.el, k.key);
      if (job) jobs.push(job);
    } else if (k.el.clientWidth !== k.fitted.w || k.el.clientHeight !== k.fitted.h) stale.push(k);
    else if (!k.fitted.clipped && overflows(k.el)) stale.push(k);
  }
  // A remembered size that no longer holds is forgotten, and its box searched from its largest size.
  for (const k of stale) {
    known.forget(k.key);
    show(k.el, limits.get(k.el)!.max, false);
  }
  for (const k of stale) {
    const job = jobFor(k.el, k.key);
    if (job) jobs.push(job);
  }
  for (;;) {
    for (const j of jobs.filter((j) => j.search.next === null)) {
      const { size, clipped } = fitResult(j.search);
      show(j.el, size, clipped);
      known.set(j.key, { size, clipped, w: j.w, h: j.h });
    }
    jobs = jobs.filter((j) => j.search.next !== null);
    if (jobs.length === 0) break;
    for (const j of jobs) j.el.style.fontSize = `${j.search.next}px`;
    for (const j of jobs) j.search = stepFit(j.search, ratio(j.el));
  }
  // Written after this task, off the way to the first paint.
  setTimeout(() => known.save(), 0);
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
    limits.set(el, { max, min, className: className ?? '' });
    if (queue.size === 0) queueMicrotask(fitAll);
    queue.add(el);
  }, [max, min, className, watch]);
  return (
    <div ref={ref} className={`fit${className ? ` ${className}` : ''}`} style={{ fontSize: max }} data-testid={testId}>
      {children}
    </div>
  );
}
