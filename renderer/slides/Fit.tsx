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

/**
 * A box whose text shrinks until it fits (down to `min`, so it stays readable from the back of the room); text
 * that still does not fit is faded out at the bottom, never spilled over the footer. The box must get its height
 * from its parent (flex or grid). Children size themselves in em so headings shrink with the body.
 */
export function Fit({ max, min, className, children, watch, testId }: FitProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || el.clientHeight === 0) return;
    const overflows = () => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
    el.style.fontSize = `${max}px`;
    el.classList.remove('fit--clipped');
    if (!overflows()) return;
    let lo = Math.max(min, MIN_TEXT_PX);
    let hi = max;
    // Largest size that fits, to the pixel: a handful of layouts, and only for a box that overflows at max.
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      el.style.fontSize = `${mid}px`;
      if (overflows()) hi = mid;
      else lo = mid;
    }
    el.style.fontSize = `${lo}px`;
    if (overflows()) el.classList.add('fit--clipped');
  }, [max, min, watch]);
  return (
    <div ref={ref} className={`fit${className ? ` ${className}` : ''}`} style={{ fontSize: max }} data-testid={testId}>
      {children}
    </div>
  );
}
