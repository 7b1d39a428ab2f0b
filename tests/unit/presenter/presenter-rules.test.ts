import { describe, expect, it } from 'vitest';
import {
  ANSWER_MS,
  audienceMessage,
  followIndex,
  probeStep,
  type ProbeClock,
} from '../../../renderer/features/presenter/audience-probe';
import { mmss, timerTone } from '../../../renderer/features/presenter/case-timers';
import { GONE_MS } from '../../../renderer/features/presenter/deck-sync';
import { otherPanel, presenterCommand } from '../../../renderer/features/presenter/presenter-keys';
import { slideParam, startIndex } from '../../../renderer/features/presenter/presenter-place';

const slides = ['agenda', 'a1', 'a2', 'b1'].map((key) => ({ key }));

describe('where the presenter view starts', () => {
  it('takes the slide in the address, then the remembered slide by key, then its old position, else the first', () => {
    expect(startIndex(slides, 2, { key: 'b1', index: 3 })).toBe(2);
    expect(startIndex(slides, 99, null)).toBe(3);
    expect(startIndex(slides, null, { key: 'b1', index: 1 })).toBe(3);
    expect(startIndex(slides, null, { key: 'gone', index: 9 })).toBe(3);
    expect(startIndex(slides, null, null)).toBe(0);
    expect(startIndex([], 4, null)).toBe(0);
  });

  it('reads ?slide=N from the hash, and nothing else', () => {
    expect(slideParam('#/present/3?deidentified=1&slide=12')).toBe(12);
    expect(slideParam('#/present/3?slide=x')).toBeNull();
    expect(slideParam('#/present/3')).toBeNull();
  });
});

describe('the audience window link', () => {
  it('asks a silent window once, then counts it gone when the answer does not come', () => {
    const clock: ProbeClock = { lastSeen: 1000, probedAt: 0 };
    expect(probeStep(true, clock, 1000 + GONE_MS).act).toBe('wait');
    const ask = probeStep(true, clock, 1001 + GONE_MS);
    expect(ask).toEqual({ act: 'ask', probedAt: 1001 + GONE_MS });
    clock.probedAt = ask.probedAt;
    expect(probeStep(true, clock, ask.probedAt + ANSWER_MS).act).toBe('wait');
    expect(probeStep(true, clock, ask.probedAt + ANSWER_MS + 1)).toEqual({ act: 'gone', probedAt: 0 });
  });

  it('does not probe a window it never saw or that is not open', () => {
    expect(probeStep(true, { lastSeen: 0, probedAt: 0 }, 1e9).act).toBe('wait');
    expect(probeStep(false, { lastSeen: 1, probedAt: 5 }, 1e9)).toEqual({ act: 'wait', probedAt: 0 });
  });

  it('answers each message of the audience window', () => {
    expect(audienceMessage({ type: 'bye', from: 'audience' }, true)).toBe('gone');
    expect(audienceMessage({ type: 'hello', from: 'audience' }, true)).toBe('sync');
    expect(audienceMessage({ type: 'ping', from: 'audience' }, false)).toBe('sync');
    expect(audienceMessage({ type: 'ping', from: 'audience' }, true)).toBe('seen');
    const move = { type: 'slide', from: 'audience', key: 'a2', index: 2, deidentified: false } as const;
    expect(audienceMessage(move, true)).toBe('follow');
    expect(audienceMessage({ type: 'hello', from: 'presenter' }, true)).toBe('ignore');
  });

  it('follows a move by the slide key, else by position within the deck', () => {
    expect(followIndex(slides, 'b1', 0)).toBe(3);
    expect(followIndex(slides, 'gone', 1)).toBe(1);
    expect(followIndex(slides, 'gone', 40)).toBe(3);
  });
});

describe('the presenter keys and timers', () => {
  it("F toggles slides only and D the decision panel; other keys are not the presenter view's", () => {
    expect(presenterCommand('F')).toBe('slides-only');
    expect(presenterCommand('d')).toBe('decision-panel');
    expect(presenterCommand('x')).toBeNull();
    expect(otherPanel('notes')).toBe('decision');
    expect(otherPanel('decision')).toBe('notes');
  });

  it('colours the case timer by its minutes: within, in the last fifth, over; idle with no case', () => {
    expect(timerTone(0, null)).toBe('idle');
    expect(timerTone(7 * 60_000, 10)).toBe('ok');
    expect(timerTone(8.5 * 60_000, 10)).toBe('near');
    expect(timerTone(10 * 60_000 + 1, 10)).toBe('over');
    expect(mmss(247_000)).toBe('4:07');
  });
});
