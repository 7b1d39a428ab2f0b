import { GONE_MS, type SyncMessage } from './deck-sync';

/** How often the presenter checks on the audience window, and how long it waits for the answer to its probe. */
export const CHECK_MS = 500;
export const ANSWER_MS = 1500;

/** When the audience window last said it is open (0: not seen) and when it was asked again (0: not asked). */
export interface ProbeClock {
  lastSeen: number;
  probedAt: number;
}

/**
 * One check: a window that stops saying it is open is asked once (a hidden window's timers may be slowed, its
 * messages are not); no answer in time means it has been closed (its goodbye can be lost when it closes).
 */
export function probeStep(
  open: boolean,
  clock: ProbeClock,
  now: number,
): { act: 'wait' | 'ask' | 'gone'; probedAt: number } {
  if (!open || !clock.lastSeen || now - clock.lastSeen <= GONE_MS) return { act: 'wait', probedAt: 0 };
  if (!clock.probedAt) return { act: 'ask', probedAt: now };
  if (now - clock.probedAt > ANSWER_MS) return { act: 'gone', probedAt: 0 };
  return { act: 'wait', probedAt: clock.probedAt };
}

/**
 * What a message from the audience window asks of the presenter view: `gone` (it closed), `sync` (a new or newly
 * found window: send it the slide on screen), `follow` (a key was pressed there: go to its slide), `seen` (still open).
 * Messages from another presenter view are `ignore`d.
 */
export function audienceMessage(m: SyncMessage, known: boolean): 'ignore' | 'gone' | 'sync' | 'follow' | 'seen' {
  if (m.from !== 'audience') return 'ignore';
  if (m.type === 'bye') return 'gone';
  if (m.type === 'hello' || (m.type === 'ping' && !known)) return 'sync';
  if (m.type === 'slide') return 'follow';
  return 'seen';
}

/** The slide to go to when the audience window moved: by key (slides may have moved), else its index, in range. */
export function followIndex(slides: readonly { key: string }[], key: string, index: number): number {
  const at = slides.findIndex((s) => s.key === key);
  return at >= 0 ? at : Math.min(index, slides.length - 1);
}
