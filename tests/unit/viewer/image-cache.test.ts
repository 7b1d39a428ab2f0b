import { beforeEach, describe, expect, it, vi } from 'vitest';

// cornerstone's cache, reduced to what the viewer uses: entries by image id, removal frees the loader's file bytes.
const dict: Record<string, { promise: Promise<unknown> }> = {};
const removed: string[] = [];
vi.mock('cornerstone-core', () => ({
  default: {
    imageCache: {
      imageCache: dict,
      setMaximumSizeBytes: vi.fn(),
      getImageLoadObject: (id: string) => dict[id],
      removeImageLoadObject: (id: string) => {
        if (!dict[id]) throw new Error('removeImageLoadObject: imageId was not present in imageCache');
        removed.push(id);
        delete dict[id];
      },
    },
  },
}));

const { inImageCache, releaseImages } = await import('../../../renderer/viewer/image-cache');
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  for (const k of Object.keys(dict)) delete dict[k];
  removed.length = 0;
});

describe('releasing a stack that is left', () => {
  it('removes its cached images (and only those) from the cache', async () => {
    dict.a = { promise: Promise.resolve({}) };
    dict.b = { promise: Promise.resolve({}) };
    dict.other = { promise: Promise.resolve({}) };
    releaseImages(['a', 'b', 'never-loaded']);
    await flush();
    expect(removed.sort()).toEqual(['a', 'b']);
    expect(inImageCache('other')).toBe(true);
    expect(inImageCache('a')).toBe(false);
  });

  it('removes an image still loading once its load settles, failed or not', async () => {
    let finish!: () => void;
    let fail!: () => void;
    dict.loading = { promise: new Promise<void>((r) => (finish = r)) };
    dict.failing = { promise: new Promise<void>((_, j) => (fail = () => j(new Error('bad')))) };
    releaseImages(['loading', 'failing']);
    await flush();
    expect(removed).toEqual([]);
    finish();
    fail();
    await flush();
    expect(removed.sort()).toEqual(['failing', 'loading']);
  });

  it('leaves alone an entry loaded again in the meantime (the user came back to the series)', async () => {
    let finish!: () => void;
    dict.x = { promise: new Promise<void>((r) => (finish = r)) };
    releaseImages(['x']);
    delete dict.x;
    dict.x = { promise: Promise.resolve({}) };
    finish();
    await flush();
    expect(removed).toEqual([]);
  });
});
