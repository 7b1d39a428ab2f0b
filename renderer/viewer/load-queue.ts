// Which slices of a stack to load, and when, while the user scrolls. Plain logic (no cornerstone), so it is tested
// on its own; StackViewer gives it the loader and the cache lookup.
//
// Why: loading every slice the wheel passes over, in the order the wheel passed it, queued hundreds of requests on a
// fast first pass through a large series; the slice under the cursor then waited for all of them (the image froze
// for seconds). Here at most `concurrency` loads run at once and the next one is always chosen from where the user
// is now: the current slice first, then the ones ahead in the scroll direction, then a few behind. Slices already
// passed are never started. While the current slice loads, the viewer shows each loaded slice nearer to it than the
// one on screen (`nearerThanShown`), so the image follows the wheel. When the window around the current slice is
// loaded, the rest of the stack is filled in, nearest first, as far as the cache budget allows (`fillLimit`), so a
// second pass is drawn from memory.

export interface LoadPolicy {
  /** Slices loaded ahead of the current one, in the scroll direction. */
  ahead: number;
  /** Slices loaded behind it (a reader often steps back). */
  behind: number;
  /** Loads running at once: enough to keep the network and the decode workers busy, few enough to stay current. */
  concurrency: number;
}

export const LOAD_POLICY: LoadPolicy = { ahead: 12, behind: 2, concurrency: 4 };

/**
 * The image cache's budget in decoded pixel bytes (cornerstone counts only those; the loader keeps each file's
 * bytes beside them, so memory is about twice this): 512 slices of 512 x 512 x 16 bits.
 */
export const IMAGE_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * How many slices of `bytesPerImage` to keep loaded: what the budget holds, less room for the prefetch window and
 * the loads running, so filling the stack never evicts a slice loaded ahead before it is shown.
 */
export function fillLimitFor(bytesPerImage: number, budget = IMAGE_CACHE_BYTES, policy = LOAD_POLICY): number {
  if (!(bytesPerImage > 0)) return 0;
  const window = policy.ahead + policy.behind + 1 + policy.concurrency;
  return Math.max(0, Math.floor(budget / bytesPerImage) - window);
}

export type Direction = 1 | -1;

/** The slices wanted, most wanted first: the current one, `ahead` in the scroll direction, then `behind`. */
export function wantedOrder(current: number, direction: Direction, count: number, policy = LOAD_POLICY): number[] {
  const out: number[] = [];
  const add = (i: number) => {
    if (i >= 0 && i < count) out.push(i);
  };
  add(current);
  for (let k = 1; k <= policy.ahead; k++) add(current + k * direction);
  for (let k = 1; k <= policy.behind; k++) add(current - k * direction);
  return out;
}

/** Whether a slice that just loaded should replace the one on screen while the current slice is not shown yet. */
export function nearerThanShown(loaded: number, shown: number | null, current: number): boolean {
  if (loaded === current || shown === null) return true;
  return Math.abs(current - loaded) < Math.abs(current - shown);
}

export interface LoadQueueOptions {
  count: number;
  /** Starts loading slice `i` (into the image cache). */
  load: (i: number) => Promise<unknown>;
  /** Whether slice `i`'s image is still in the cache (it may have been evicted since it loaded). */
  inCache: (i: number) => boolean;
  /** Each load's outcome, once, unless the queue was disposed. */
  onSettled: (i: number, outcome: { ok: true; image: unknown } | { ok: false; error: unknown }) => void;
  policy?: LoadPolicy;
}

export class LoadQueue {
  private readonly running = new Set<number>();
  private readonly loaded = new Set<number>();
  /** Failed slices are not retried by prefetch; asking for one as the current slice tries again. */
  private readonly failed = new Set<number>();
  private current = 0;
  private direction: Direction = 1;
  private disposed = false;
  /** Slices to keep loaded beyond the window (0 until the size of an image is known). */
  private fillLimit = 0;

  constructor(private readonly o: LoadQueueOptions) {}

  /** Loaded and still cached: showing it needs no request. */
  isLoaded(i: number): boolean {
    if (!this.loaded.has(i)) return false;
    if (this.o.inCache(i)) return true;
    this.loaded.delete(i);
    return false;
  }

  isRunning(i: number): boolean {
    return this.running.has(i);
  }

  /** The user is now at `current`, moving in `direction`: start what is most wanted from here. */
  setCurrent(current: number, direction: Direction = this.direction): void {
    this.current = current;
    this.direction = direction;
    this.failed.delete(current);
    this.pump();
  }

  /** Allows filling the stack up to `limit` loaded slices (see fillLimitFor). */
  setFillLimit(limit: number): void {
    this.fillLimit = limit;
    this.pump();
  }

  /** Stops starting loads and reporting outcomes (loads already running finish into the cache). */
  dispose(): void {
    this.disposed = true;
  }

  private pump(): void {
    if (this.disposed) return;
    const policy = this.o.policy ?? LOAD_POLICY;
    const window = wantedOrder(this.current, this.direction, this.o.count, policy);
    for (const i of window) {
      if (this.running.size >= policy.concurrency) return;
      if (this.running.has(i) || this.failed.has(i) || this.isLoaded(i)) continue;
      this.start(i);
    }
    // The window is loaded or loading: fill the rest outward, ahead first at each distance.
    const inWindow = new Set(window);
    for (let k = 1; k < this.o.count; k++) {
      for (const i of [this.current + k * this.direction, this.current - k * this.direction]) {
        if (this.running.size >= policy.concurrency || this.loaded.size + this.running.size >= this.fillLimit) return;
        if (i < 0 || i >= this.o.count || inWindow.has(i)) continue;
        if (this.running.has(i) || this.failed.has(i) || this.isLoaded(i)) continue;
        this.start(i);
      }
    }
  }

  private start(i: number): void {
    this.running.add(i);
    this.o.load(i).then(
      (image) => this.settle(i, { ok: true, image }),
      (error: unknown) => this.settle(i, { ok: false, error }),
    );
  }

  private settle(i: number, outcome: { ok: true; image: unknown } | { ok: false; error: unknown }): void {
    this.running.delete(i);
    if (outcome.ok) this.loaded.add(i);
    else this.failed.add(i);
    if (this.disposed) return;
    this.o.onSettled(i, outcome);
    this.pump();
  }
}
