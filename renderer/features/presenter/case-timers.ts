import { useCallback, useEffect, useState } from 'react';

interface TimerState {
  /** Milliseconds already spent on each case (agenda item id), not counting the running stretch. */
  spent: Record<number, number>;
  /** The case being timed now and since when (epoch ms); null when paused or on the agenda slide. */
  running: { itemId: number; since: number } | null;
  paused: boolean;
}

const storageKey = (meetingId: number) => `boardprep.timers.${meetingId}`;

function load(meetingId: number): TimerState {
  try {
    const raw = window.sessionStorage.getItem(storageKey(meetingId));
    if (raw) return { ...(JSON.parse(raw) as TimerState), running: null };
  } catch {
    /* nothing stored */
  }
  return { spent: {}, running: null, paused: false };
}

/**
 * A timer per case: time runs for the case whose slides are on screen, and stops when the presenter moves to
 * another case (or pauses). Kept for the browser session, so a reload of the presenter view keeps the times.
 */
export function useCaseTimers(meetingId: number, currentItemId: number | null) {
  const [state, setState] = useState<TimerState>(() => load(meetingId));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  // Switch the running timer when the case on screen changes.
  useEffect(() => {
    setState((s) => {
      const at = Date.now();
      const spent = { ...s.spent };
      if (s.running) spent[s.running.itemId] = (spent[s.running.itemId] ?? 0) + (at - s.running.since);
      const running = currentItemId !== null && !s.paused ? { itemId: currentItemId, since: at } : null;
      return { ...s, spent, running };
    });
  }, [currentItemId]);

  useEffect(() => {
    try {
      window.sessionStorage.setItem(storageKey(meetingId), JSON.stringify(state));
    } catch {
      /* private mode */
    }
  }, [meetingId, state]);

  const elapsed = useCallback(
    (itemId: number) =>
      (state.spent[itemId] ?? 0) + (state.running?.itemId === itemId ? Math.max(0, now - state.running.since) : 0),
    [state, now],
  );

  const togglePause = useCallback(() => {
    setState((s) => {
      const at = Date.now();
      if (s.paused)
        return { ...s, paused: false, running: currentItemId !== null ? { itemId: currentItemId, since: at } : null };
      const spent = { ...s.spent };
      if (s.running) spent[s.running.itemId] = (spent[s.running.itemId] ?? 0) + (at - s.running.since);
      return { ...s, spent, running: null, paused: true };
    });
  }, [currentItemId]);

  const reset = useCallback((itemId: number) => {
    setState((s) => {
      const spent = { ...s.spent, [itemId]: 0 };
      const running = s.running?.itemId === itemId ? { itemId, since: Date.now() } : s.running;
      return { ...s, spent, running };
    });
  }, []);

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
