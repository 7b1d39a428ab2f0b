/**
 * What each fitted box came to, remembered for this window, so a deck opened again (the slides after the presenter
 * view, the print view after the preview, a reload) is fitted in one layout instead of four or five: each layout of a
 * 40-case deck takes 50 ms or more.
 *
 * A box is remembered by a hash of its content, class and size limits, with the box's own width and height: Fit
 * uses a remembered size only when the box measures the same and its text fits there (fitAll checks both on the
 * layout it needs anyway), and otherwise searches as it would have. Text that fits at its largest size is not
 * remembered; it needs no search.
 *
 * Kept in sessionStorage, as the session token is (renderer/auth/session-token.ts): this window only, kept across a
 * reload, gone when the window closes; the entries hold hashes and numbers, never the text. A new build forgets
 * everything (its styles may set text differently), and so does a change of the screen's pixel ratio.
 */

export interface Fitted {
  /** The font size the search ended at, and whether the text overflowed even there (faded, at the floor). */
  size: number;
  clipped: boolean;
  /** The box's client width and height when it was fitted. */
  w: number;
  h: number;
}

/** Storage the memo reads once and writes after each fit (sessionStorage in the page). */
export interface MemoStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const STORAGE_KEY = 'boardprep.fitMemo';

/** Enough for several 40-case decks (a deck of 259 slides remembers about 130 boxes); the oldest used go first. */
export const FIT_MEMO_CAP = 4000;

/** cyrb53: a fast 53-bit string hash; two different box contents sharing one is vanishingly unlikely. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The memo key of a box: its markup (which holds its text), class and limits. */
export function fitKey(markup: string, className: string, max: number, min: number): string {
  return hash53(`${className}\u0000${max}\u0000${min}\u0000${markup}`);
}

const isFitted = (v: unknown): v is Fitted => {
  const f = v as Fitted;
  return (
    typeof f === 'object' &&
    f !== null &&
    Number.isFinite(f.size) &&
    typeof f.clipped === 'boolean' &&
    Number.isFinite(f.w) &&
    Number.isFinite(f.h)
  );
};

export class FitMemo {
  private readonly entries = new Map<string, Fitted>();
  private changed = false;

  /** `generation` names what the sizes depend on besides the box (the build, the pixel ratio). */
  constructor(
    private readonly storage: MemoStorage | null,
    private readonly generation: string,
    private readonly cap = FIT_MEMO_CAP,
  ) {
    this.load();
  }

  /** The remembered fit, marked as recently used. */
  get(key: string): Fitted | undefined {
    const f = this.entries.get(key);
    if (f) {
      this.entries.delete(key);
      this.entries.set(key, f);
    }
    return f;
  }

  set(key: string, fitted: Fitted): void {
    this.entries.delete(key);
    this.entries.set(key, fitted);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.cap) break;
      this.entries.delete(oldest);
    }
    this.changed = true;
  }

  forget(key: string): void {
    this.changed = this.entries.delete(key) || this.changed;
  }

  /** Writes the memo back if anything was learned. A full or refused storage leaves it in memory only. */
  save(): void {
    if (!this.changed || !this.storage) return;
    this.changed = false;
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify({ generation: this.generation, entries: [...this.entries] }));
    } catch {
      // Remembering is an optimisation: without it the next fit searches, as the first did.
    }
  }

  private load(): void {
    try {
      const stored = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? 'null') as {
        generation?: unknown;
        entries?: unknown;
      } | null;
      if (stored?.generation !== this.generation || !Array.isArray(stored.entries)) return;
      for (const pair of stored.entries.slice(-this.cap) as unknown[]) {
        if (Array.isArray(pair) && typeof pair[0] === 'string' && isFitted(pair[1])) this.entries.set(pair[0], pair[1]);
      }
    } catch {
      // Unreadable (another version's, or edited by hand): start from nothing.
    }
  }
}
