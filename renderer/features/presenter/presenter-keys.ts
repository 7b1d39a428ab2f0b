import { useCallback, useEffect, useState } from 'react';

/** The presenter view's own keys, beside the moves every deck view has (see deck-keys.ts). */
/** V: the slide's series in the viewer (imaging and response slides, LiveReview.tsx). */
export type PresenterCommand = 'slides-only' | 'decision-panel' | 'review';

export function presenterCommand(key: string): PresenterCommand | null {
  if (key === 'f' || key === 'F') return 'slides-only';
  if (key === 'd' || key === 'D') return 'decision-panel';
  if (key === 'v' || key === 'V') return 'review';
  return null;
}

/** The side panel under the next slide: the speaker notes, or the decision for the case on screen. */
export type SidePanel = 'notes' | 'decision';
export const otherPanel = (p: SidePanel): SidePanel => (p === 'decision' ? 'notes' : 'decision');

/**
 * Slides only: the slides alone, full screen. Leaving full screen by other means (the browser's own key) also
 * leaves the slides-only view.
 */
export function useSlidesOnly(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(false);
  const set = useCallback((next: boolean) => {
    setOn(next);
    if (next) document.documentElement.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);
  useEffect(() => {
    const onChange = () => !document.fullscreenElement && setOn(false);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  return [on, set];
}
