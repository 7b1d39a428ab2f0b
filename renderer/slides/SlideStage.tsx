import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export const STAGE_WIDTH = 1600;
export const STAGE_HEIGHT = 900;

/**
 * A fixed 1600 x 900 logical stage scaled to fit its box (letterboxed, centred). Everything on a slide is laid
 * out in stage pixels, so a slide looks the same on a laptop, a projector, a thumbnail and a printed page.
 */
export function SlideStage({
  children,
  className,
  label,
  decorative = false,
}: {
  children: ReactNode;
  className?: string;
  label?: string;
  decorative?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<{ w: number; h: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current!;
    const measure = () => setBox({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const scale = box ? Math.min(box.w / STAGE_WIDTH, box.h / STAGE_HEIGHT) : 0;
  const left = box ? (box.w - STAGE_WIDTH * scale) / 2 : 0;
  const top = box ? (box.h - STAGE_HEIGHT * scale) / 2 : 0;
  return (
    <div
      ref={ref}
      className={`stage${className ? ` ${className}` : ''}`}
      role={label ? 'region' : undefined}
      aria-label={label}
      aria-hidden={decorative || undefined}
    >
      {box && scale > 0 && (
        <div className="stage__slide" style={{ transform: `translate(${left}px, ${top}px) scale(${scale})` }}>
          {children}
        </div>
      )}
    </div>
  );
}
