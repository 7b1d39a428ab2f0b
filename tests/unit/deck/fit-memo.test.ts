import { describe, expect, it } from 'vitest';
import { FitMemo, fitKey, type Fitted, type MemoStorage } from '../../../renderer/slides/fit-memo';

/** A window's sessionStorage, as far as the memo uses it. */
class TabStorage implements MemoStorage {
  readonly items = new Map<string, string>();
  refuse = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const fit = (size: number): Fitted => ({ size, clipped: false, w: 640, h: 300 });

describe('Fit memo: what each box was fitted to, for this window', () => {
  it('keys a box by its markup, class and limits', () => {
    const key = fitKey('<p>Leiomyosarcoma</p>', 's-title', 64, 28);
    expect(fitKey('<p>Leiomyosarcoma</p>', 's-title', 64, 28)).toBe(key);
    expect(
      new Set([
        key,
        fitKey('<p>Leiomyosarcoma.</p>', 's-title', 64, 28),
        fitKey('<p>Leiomyosarcoma</p>', 's-body', 64, 28),
        fitKey('<p>Leiomyosarcoma</p>', 's-title', 60, 28),
        fitKey('<p>Leiomyosarcoma</p>', 's-title', 64, 24),
      ]).size,
    ).toBe(5);
    // A hash, never the text: what is kept in the window's storage names no patient.
    expect(key).toMatch(/^[0-9a-z]+$/);
  });

  it('is read again by the next page of the same window, and only by the same build', () => {
    const storage = new TabStorage();
    const memo = new FitMemo(storage, 'build-1@1');
    memo.set('a', fit(40));
    memo.set('b', { size: 18, clipped: true, w: 640, h: 120 });
    memo.save();
    expect([...storage.items.values()].join()).not.toContain('Leiomyosarcoma');

    const next = new FitMemo(storage, 'build-1@1');
    expect(next.get('a')).toEqual(fit(40));
    expect(next.get('b')).toEqual({ size: 18, clipped: true, w: 640, h: 120 });
    expect(new FitMemo(storage, 'build-2@1').get('a')).toBeUndefined();
    expect(new FitMemo(storage, 'build-1@2').get('a'), 'another pixel ratio').toBeUndefined();
  });

  it('forgets what no longer holds', () => {
    const storage = new TabStorage();
    const memo = new FitMemo(storage, 'g');
    memo.set('a', fit(40));
    memo.save();
    memo.forget('a');
    memo.save();
    expect(new FitMemo(storage, 'g').get('a')).toBeUndefined();
  });

  it('keeps at most its cap, dropping the least recently used first', () => {
    const storage = new TabStorage();
    const memo = new FitMemo(storage, 'g', 3);
    memo.set('a', fit(40));
    memo.set('b', fit(41));
    memo.set('c', fit(42));
    expect(memo.get('a')).toEqual(fit(40));
    memo.set('d', fit(43));
    expect(memo.get('b')).toBeUndefined();
    memo.save();
    const next = new FitMemo(storage, 'g', 3);
    expect(['a', 'b', 'c', 'd'].map((k) => next.get(k)?.size ?? null)).toEqual([40, null, 42, 43]);
  });

  it('starts from nothing on unreadable storage, and skips entries that are not fits', () => {
    const storage = new TabStorage();
    storage.items.set('boardprep.fitMemo', '{"generation":"g","entries":[["a",');
    expect(new FitMemo(storage, 'g').get('a')).toBeUndefined();
    storage.items.set(
      'boardprep.fitMemo',
      JSON.stringify({
        generation: 'g',
        entries: [
          ['a', fit(40)],
          ['b', { size: '40', clipped: false, w: 1, h: 1 }],
          ['c', null],
          [7, fit(40)],
        ],
      }),
    );
    const memo = new FitMemo(storage, 'g');
    expect(['a', 'b', 'c'].map((k) => memo.get(k)?.size ?? null)).toEqual([40, null, null]);
  });

  it('stays in memory when the storage refuses the write, and without storage at all', () => {
    const storage = new TabStorage();
    storage.refuse = true;
    const memo = new FitMemo(storage, 'g');
    memo.set('a', fit(40));
    expect(() => memo.save()).not.toThrow();
    expect(memo.get('a')).toEqual(fit(40));
    const none = new FitMemo(null, 'g');
    none.set('a', fit(40));
    none.save();
    expect(none.get('a')).toEqual(fit(40));
  });
});
