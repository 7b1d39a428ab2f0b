import { describe, expect, it } from 'vitest';
import {
  fillLimitFor,
  IMAGE_CACHE_BYTES,
  LOAD_POLICY,
  LoadQueue,
  nearerThanShown,
  wantedOrder,
  type LoadPolicy,
} from '../../../renderer/viewer/load-queue';

/** A queue over `count` slices whose loads settle only when the test says so. */
function harness(count: number, policy: LoadPolicy = { ahead: 3, behind: 1, concurrency: 2 }) {
  const started: number[] = [];
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const settled: { i: number; ok: boolean }[] = [];
  const evicted = new Set<number>();
  const queue = new LoadQueue({
    count,
    policy,
    load: (i) =>
      new Promise((resolve, reject) => {
        started.push(i);
        pending.set(i, { resolve, reject });
      }),
    inCache: (i) => !evicted.has(i),
    onSettled: (i, outcome) => settled.push({ i, ok: outcome.ok }),
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    queue,
    started,
    settled,
    evicted,
    running: () => [...pending.keys()],
    async finish(i: number, ok = true) {
      const p = pending.get(i)!;
      pending.delete(i);
      if (ok) p.resolve({ i });
      else p.reject(new Error('bad file'));
      await flush();
    },
  };
}

describe('the order slices are loaded in', () => {
  it('asks for the current slice first, then the ones ahead in the scroll direction, then a few behind', () => {
    const policy = { ahead: 3, behind: 2, concurrency: 4 };
    expect(wantedOrder(10, 1, 100, policy)).toEqual([10, 11, 12, 13, 9, 8]);
    expect(wantedOrder(10, -1, 100, policy)).toEqual([10, 9, 8, 7, 11, 12]);
  });

  it('stays inside the stack at both ends', () => {
    const policy = { ahead: 3, behind: 2, concurrency: 4 };
    expect(wantedOrder(0, -1, 5, policy)).toEqual([0, 1, 2]);
    expect(wantedOrder(4, 1, 5, policy)).toEqual([4, 3, 2]);
  });
});

describe('loading while the user scrolls', () => {
  it('never runs more loads than the policy allows, however fast the wheel moves', async () => {
    const h = harness(500);
    for (let i = 0; i < 200; i++) h.queue.setCurrent(i, 1);
    expect(h.running().length).toBe(2);
  });

  it('does not start slices the wheel has already passed: the next free slot goes to where the user is now', async () => {
    const h = harness(500);
    h.queue.setCurrent(0, 1);
    expect(h.started).toEqual([0, 1]);
    for (let i = 1; i <= 120; i++) h.queue.setCurrent(i, 1);
    await h.finish(0);
    await h.finish(1);
    // Slices 2..119 were passed while both slots were busy: never requested.
    expect(h.started).toEqual([0, 1, 120, 121]);
  });

  it('reports each outcome, including for slices already passed (the viewer may show the nearest one)', async () => {
    const h = harness(50);
    h.queue.setCurrent(0, 1);
    h.queue.setCurrent(30, 1);
    await h.finish(1);
    await h.finish(0, false);
    expect(h.settled).toEqual([
      { i: 1, ok: true },
      { i: 0, ok: false },
    ]);
  });

  it('does not load a slice again while it is cached, and loads it again once the cache has evicted it', async () => {
    const h = harness(50);
    h.queue.setCurrent(5, 1);
    await h.finish(5);
    expect(h.queue.isLoaded(5)).toBe(true);
    h.evicted.add(5);
    expect(h.queue.isLoaded(5)).toBe(false);
    await h.finish(6);
    h.queue.setCurrent(5, 1);
    expect(h.started.filter((i) => i === 5)).toHaveLength(2);
  });

  it('does not retry a failed slice as prefetch, but does when the user comes to it', async () => {
    const h = harness(50);
    h.queue.setCurrent(10, 1);
    await h.finish(11, false);
    await h.finish(10);
    await h.finish(12);
    h.queue.setCurrent(12, 1);
    expect(h.started.filter((i) => i === 11)).toHaveLength(1);
    h.queue.setCurrent(11, -1);
    await h.finish(h.running()[0]); // the current slice takes the next free slot
    expect(h.started.filter((i) => i === 11)).toHaveLength(2);
  });

  it('reports nothing and starts nothing once disposed (the stack was left)', async () => {
    const h = harness(50);
    h.queue.setCurrent(0, 1);
    h.queue.dispose();
    await h.finish(0);
    h.queue.setCurrent(20, 1);
    expect(h.settled).toEqual([]);
    expect(h.started).toEqual([0, 1]);
  });
});

describe('filling the rest of the stack', () => {
  it('loads nothing beyond the window until the size of an image is known', async () => {
    const h = harness(20, { ahead: 1, behind: 0, concurrency: 1 });
    h.queue.setCurrent(10, 1);
    await h.finish(10);
    await h.finish(11);
    expect(h.running()).toEqual([]);
  });

  it('then loads outward from the current slice, ahead first, up to the limit', async () => {
    const h = harness(20, { ahead: 1, behind: 0, concurrency: 1 });
    h.queue.setCurrent(10, 1);
    await h.finish(10);
    await h.finish(11);
    h.queue.setFillLimit(6);
    for (const i of [9, 12, 8, 13]) await h.finish(i);
    expect(h.started).toEqual([10, 11, 9, 12, 8, 13]);
    expect(h.running()).toEqual([]);
  });

  it('leaves room in the cache budget for the window and the running loads', () => {
    const slice = 512 * 512 * 2;
    const limit = fillLimitFor(slice);
    const window = LOAD_POLICY.ahead + LOAD_POLICY.behind + 1 + LOAD_POLICY.concurrency;
    expect((limit + window) * slice).toBeLessThanOrEqual(IMAGE_CACHE_BYTES);
    expect(limit).toBeGreaterThan(400); // a 500-slice CT is nearly all kept
    expect(fillLimitFor(0)).toBe(0);
  });
});

describe('what is on screen while the current slice loads', () => {
  it('shows the current slice, or a loaded slice nearer to it than the one shown', () => {
    expect(nearerThanShown(40, 10, 40)).toBe(true);
    expect(nearerThanShown(25, 10, 40)).toBe(true);
    expect(nearerThanShown(5, 10, 40)).toBe(false);
    expect(nearerThanShown(3, null, 40)).toBe(true);
  });
});
