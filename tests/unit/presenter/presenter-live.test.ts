import { describe, expect, it } from 'vitest';
import { caseJumpMessage } from '../../../renderer/features/presenter/deck-keys';
import { locateSlice, reviewImages, canReview } from '../../../renderer/features/presenter/live-review';
import { presentationEnds, withoutSlideParam } from '../../../renderer/features/presenter/presenter-place';
import {
  elapsedOf,
  emptyTimers,
  RESUME_GAP_MS,
  resetCase,
  restoreTimers,
  storeTimers,
  switchCase,
  togglePause,
} from '../../../renderer/features/presenter/timer-store';
import { buildCaseDeck } from '../../../shared/deck/build';
import { agendaItem, keyImages, record } from '../deck/fixtures';

const T0 = 1_800_000_000_000;

describe('case timers kept per meeting', () => {
  it('runs for the case on screen, stops on another case, and pauses', () => {
    let s = switchCase(emptyTimers(), 11, T0);
    expect(elapsedOf(s, 11, T0 + 5000)).toBe(5000);
    s = switchCase(s, 12, T0 + 5000);
    expect(elapsedOf(s, 11, T0 + 9000)).toBe(5000);
    expect(elapsedOf(s, 12, T0 + 9000)).toBe(4000);
    // The same case again (a re-render, a refetched deck) moves nothing.
    expect(switchCase(s, 12, T0 + 9000)).toBe(s);
    s = togglePause(s, 12, T0 + 9000);
    expect(elapsedOf(s, 12, T0 + 60_000)).toBe(4000);
    expect(switchCase(s, 11, T0 + 60_000).running).toBeNull();
    s = togglePause(s, 12, T0 + 60_000);
    expect(elapsedOf(s, 12, T0 + 61_000)).toBe(5000);
    expect(elapsedOf(resetCase(s, 12, T0 + 61_000), 12, T0 + 62_000)).toBe(1000);
  });

  it('resumes a running timer across a reload or a switch of de-identification, time in between counted', () => {
    const s = switchCase(emptyTimers(), 11, T0);
    const stored = storeTimers(s, T0 + 30_000);
    const back = restoreTimers(stored, T0 + 32_000);
    expect(back.running).toEqual({ itemId: 11, since: T0 });
    expect(elapsedOf(back, 11, T0 + 32_000)).toBe(32_000);
    // Back on the same case once the deck is here: still running, nothing lost.
    expect(elapsedOf(switchCase(back, 11, T0 + 33_000), 11, T0 + 40_000)).toBe(40_000);
  });

  it('does not count the time a closed presenter view was away', () => {
    const s = switchCase(emptyTimers(), 11, T0);
    const stored = storeTimers(s, T0 + 10_000);
    const back = restoreTimers(stored, T0 + 10_000 + RESUME_GAP_MS + 1);
    expect(back.running).toBeNull();
    expect(elapsedOf(back, 11, T0 + 10 * RESUME_GAP_MS)).toBe(10_000);
  });

  it('keeps a paused state and reads anything unreadable as nothing stored', () => {
    const paused = togglePause(switchCase(emptyTimers(), 11, T0), 11, T0 + 7000);
    const back = restoreTimers(storeTimers(paused, T0 + 7000), T0 + 8000);
    expect(back).toMatchObject({ paused: true, running: null, spent: { 11: 7000 } });
    expect(restoreTimers('not json', T0)).toEqual(emptyTimers());
    expect(restoreTimers(null, T0)).toEqual(emptyTimers());
    expect(restoreTimers(JSON.stringify({ spent: { 3: -5, 4: 'x', 5: 100 } }), T0).spent).toEqual({ 5: 100 });
  });
});

describe('a case number typed in presenter mode', () => {
  const sections = [1, 2, 3, 4, 5, 6, 7].map((number) => ({ number, slideCount: number === 4 ? 0 : 3 }));
  it('says there is no such case, with the numbers there are', () => {
    expect(caseJumpMessage(9, sections)).toBe('There is no case 9 on this agenda (1–7)');
    expect(caseJumpMessage(0, sections)).toBe('There is no case 0 on this agenda (1–7)');
    expect(caseJumpMessage(2, [{ number: 1, slideCount: 2 }])).toBe('There is no case 2 on this agenda (1)');
    expect(caseJumpMessage(1, [])).toBe('There is no case 1: this agenda has no cases');
  });
  it('says when every slide of the case is hidden, and nothing when the jump can be made', () => {
    expect(caseJumpMessage(4, sections)).toBe('Case 4 has every slide hidden');
    expect(caseJumpMessage(3, sections)).toBe('');
  });
});

describe('leaving presenter mode', () => {
  it('ends the presentation unless the address is still this meeting’s presenter view', () => {
    expect(presentationEnds('#/meetings/3/agenda', 3)).toBe(true);
    expect(presentationEnds('#/cases', 3)).toBe(true);
    expect(presentationEnds('#/meetings/4/present', 3)).toBe(true);
    expect(presentationEnds('#/meetings/3/present', 3)).toBe(false);
    expect(presentationEnds('#/meetings/3/present?deidentified=1&slide=4', 3)).toBe(false);
  });
  it('drops ?slide= from the address once followed, so a reload comes back to the slide on screen', () => {
    expect(withoutSlideParam('#/meetings/3/present?deidentified=1&slide=4')).toBe(
      '#/meetings/3/present?deidentified=1',
    );
    expect(withoutSlideParam('#/meetings/3/present?slide=4')).toBe('#/meetings/3/present');
    expect(withoutSlideParam('#/meetings/3/present')).toBe('#/meetings/3/present');
  });
});

describe('live review from a slide', () => {
  it('opens from imaging and response slides, at the key image’s series and slice', () => {
    const deck = buildCaseDeck(record(12, { keyImages: keyImages(2) }), { item: agendaItem(5, 1) });
    const imaging = deck.slides.find((s) => s.kind === 'imaging')!;
    const title = deck.slides.find((s) => s.kind === 'title')!;
    expect(canReview(imaging)).toBe(true);
    expect(canReview(title)).toBe(false);
    expect(reviewImages(imaging).map((i) => i.keyImageId)).toEqual(
      (imaging.kind === 'imaging' ? imaging.content.images : []).map((i) => i.keyImageId),
    );
    expect(reviewImages(title)).toEqual([]);
    const stacks = [
      { seriesUid: '1.2.1', images: [{ sopInstanceUid: 'a', frame: 0 }] },
      {
        seriesUid: '1.2.2',
        images: [
          { sopInstanceUid: 'm', frame: 0 },
          { sopInstanceUid: 'm', frame: 1 },
          { sopInstanceUid: 'n', frame: 0 },
        ],
      },
    ];
    expect(locateSlice(stacks, 'm', 1)).toEqual({ seriesUid: '1.2.2', index: 1 });
    expect(locateSlice(stacks, 'n', 3)).toEqual({ seriesUid: '1.2.2', index: 2 });
    expect(locateSlice(stacks, 'z', 0)).toBeNull();
  });
});

describe('speaker notes edited per slide', () => {
  it('replace the record’s notes on that slide only, listed as edited, the record’s kept to compare', () => {
    const base = buildCaseDeck(record(12), { item: agendaItem(5, 1) });
    const history = base.slides.find((s) => s.kind === 'history')!;
    const deck = buildCaseDeck(record(12), {
      item: agendaItem(5, 1),
      edits: [{ slideKey: history.key, hidden: false, position: null, text: { notes: 'Ask about the weight loss.' } }],
    });
    const edited = deck.slides.find((s) => s.key === history.key)!;
    expect(edited).toMatchObject({ notes: 'Ask about the weight loss.', edited: ['notes'] });
    expect(edited.recordText.notes).toBe(history.notes);
    expect(deck.slides.filter((s) => s.key !== history.key).map((s) => s.notes)).toEqual(
      base.slides.filter((s) => s.key !== history.key).map((s) => s.notes),
    );
  });
});
