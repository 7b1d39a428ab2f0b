import { useCallback, useEffect, useState } from 'react';
import {
  elapsedOf,
  resetCase,
  restoreTimers,
  storeTimers,
  switchCase,
  timerStorageKey,
  togglePause as pauseOrResume,
  type TimerState,
} from './timer-store';

function load(meetingId: number): TimerState {
  try {
    return restoreTimers(window.localStorage.getItem(timerStorageKey(meetingId)), Date.now());
  } catch {
    return restoreTimers(null, Date.now()); // storage refused (private mode)
  }
}

/**
 * A timer per case: time runs for the case whose slides are on screen, and stops when the presenter moves to
 * another case (or pauses). Kept per meeting in the browser's storage (timer-store.ts), so switching
 * de-identification or reloading the presenter view keeps the times, and the running one goes on.
 * `currentItemId` undefined: the deck is not here yet, so nothing is switched (a reload loses no time).
 */
export function useCaseTimers(meetingId: number, currentItemId: number | null | undefined) {
  const [state, setState] = useState<TimerState>(() => load(meetingId));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  // Switch the running timer when the case on screen changes.
  useEffect(() => {
    if (currentItemId !== undefined) setState((s) => switchCase(s, currentItemId, Date.now()));
  }, [currentItemId]);

  // Written on every change and every second: the "last seen" stamp tells a reload from a closed view.
  useEffect(() => {
    try {
      window.localStorage.setItem(timerStorageKey(meetingId), storeTimers(state, Date.now()));
    } catch {
      /* private mode */
    }
  }, [meetingId, state, now]);

  const elapsed = useCallback((itemId: number) => elapsedOf(state, itemId, now), [state, now]);

  const togglePause = useCallback(() => {
    setState((s) => pauseOrResume(s, currentItemId ?? null, Date.now()));
  }, [currentItemId]);

  const reset = useCallback((itemId: number) => setState((s) => resetCase(s, itemId, Date.now())), []);

  return { elapsed, paused: state.paused, togglePause, reset };
}

/** "4:07" */
export function mmss(ms: number): string {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** How the case's time stands against its minutes: over them, in the last fifth, within them, or no case on screen. */
export function timerTone(spentMs: number, minutes: number | null): 'idle' | 'ok' | 'near' | 'over' {
  if (minutes === null) return 'idle';
  const allotted = minutes * 60_000;
  return spentMs > allotted ? 'over' : spentMs > allotted * 0.8 ? 'near' : 'ok';
}
