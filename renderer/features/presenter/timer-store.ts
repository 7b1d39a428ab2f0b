/**
 * The case timers of presenter mode as data (issue 14 item 13): pure, so the rules are tested without a browser.
 * Kept per meeting in the browser's storage and keyed by agenda item, never by the de-identified flag: switching
 * de-identification or reloading the presenter view keeps every case's time, and a timer that was running resumes.
 */
export interface TimerState {
  /** Milliseconds already spent on each case (agenda item id), not counting the running stretch. */
  spent: Record<number, number>;
  /** The case being timed now and since when (epoch ms); null when paused or on the agenda slide. */
  running: { itemId: number; since: number } | null;
  paused: boolean;
  /** When the presenter view last wrote the state (epoch ms): how a closed view is told from a reload. */
  seenAt: number;
}

/**
 * A running timer resumes across a gap this short (a reload, switching de-identification). After a longer silence
 * the presenter view was closed: the time until it was last seen counts, the time it was closed does not.
 */
export const RESUME_GAP_MS = 60_000;

export const timerStorageKey = (meetingId: number) => `boardprep.timers.${meetingId}`;

export const emptyTimers = (): TimerState => ({ spent: {}, running: null, paused: false, seenAt: 0 });

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The stored state (anything unreadable counts as nothing stored), brought up to `now`. */
export function restoreTimers(raw: string | null, now: number): TimerState {
  let parsed: Partial<TimerState>;
  try {
    parsed = raw ? (JSON.parse(raw) as Partial<TimerState>) : {};
  } catch {
    return emptyTimers();
  }
  if (!parsed || typeof parsed !== 'object') return emptyTimers();
  const spent: Record<number, number> = {};
  for (const [id, ms] of Object.entries(parsed.spent ?? {})) if (isCount(ms)) spent[Number(id)] = ms;
  const paused = parsed.paused === true;
  const seenAt = isCount(parsed.seenAt) ? parsed.seenAt : 0;
  const r = parsed.running;
  if (paused || !r || !Number.isInteger(r.itemId) || !isCount(r.since) || r.since > now)
    return { spent, running: null, paused, seenAt };
  if (now - seenAt <= RESUME_GAP_MS) return { spent, running: { itemId: r.itemId, since: r.since }, paused, seenAt };
  // Closed for a while: count up to the last time the view was seen, then stop.
  const upTo = Math.max(r.since, Math.min(seenAt, now));
  return { spent: { ...spent, [r.itemId]: (spent[r.itemId] ?? 0) + (upTo - r.since) }, running: null, paused, seenAt };
}

/** What is stored: the state, stamped as seen `now`. */
export const storeTimers = (s: TimerState, now: number): string => JSON.stringify({ ...s, seenAt: now });

/** The running stretch added to its case's time. */
function settle(s: TimerState, now: number): Record<number, number> {
  if (!s.running) return s.spent;
  const { itemId, since } = s.running;
  return { ...s.spent, [itemId]: (s.spent[itemId] ?? 0) + Math.max(0, now - since) };
}

/** The case on screen changed (null: the agenda slide): time runs for it, unless paused. Same case: nothing moves. */
export function switchCase(s: TimerState, itemId: number | null, now: number): TimerState {
  if (s.running && s.running.itemId === itemId) return s;
  const running = itemId !== null && !s.paused ? { itemId, since: now } : null;
  return { ...s, spent: settle(s, now), running };
}

export function togglePause(s: TimerState, itemId: number | null, now: number): TimerState {
  if (s.paused) return { ...s, paused: false, running: itemId !== null ? { itemId, since: now } : null };
  return { ...s, spent: settle(s, now), running: null, paused: true };
}

export function resetCase(s: TimerState, itemId: number, now: number): TimerState {
  const running = s.running?.itemId === itemId ? { itemId, since: now } : s.running;
  return { ...s, spent: { ...s.spent, [itemId]: 0 }, running };
}

export function elapsedOf(s: TimerState, itemId: number, now: number): number {
  return (s.spent[itemId] ?? 0) + (s.running?.itemId === itemId ? Math.max(0, now - s.running.since) : 0);
}
