import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedJpeg, storeJpeg, sweepJpegs } from '../../../electron/services/imaging/jpeg-cache';

describe('JPEG copies of key-image renders for PDF exports', () => {
  let dir: string;
  let png: string;
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-jpeg-cache-'));
    png = path.join(dir, 'render.png');
    writeFileSync(png, Buffer.from('png bytes one'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a JPEG once, found again for the same PNG and quality only', () => {
    expect(cachedJpeg(dir, png, 0.92)).toBeNull();
    expect(storeJpeg(dir, png, 0.92, jpeg)).toBe(true);
    const kept = cachedJpeg(dir, png, 0.92);
    expect(kept).not.toBeNull();
    expect(kept!.startsWith(path.join(dir, 'renders', 'jpeg'))).toBe(true);
    expect(cachedJpeg(dir, png, 0.8)).toBeNull();
    // A changed render (written beside and renamed into place, as render-store.ts does) has another hash: its old
    // JPEG is not used, although the PNG's hash is remembered by file.
    writeFileSync(`${png}.tmp`, Buffer.from('png bytes two'));
    renameSync(`${png}.tmp`, png);
    expect(cachedJpeg(dir, png, 0.92)).toBeNull();
  });

  it('refuses what is not a JPEG, a bad quality and a missing PNG', () => {
    expect(storeJpeg(dir, png, 0.92, Buffer.from('not a jpeg'))).toBe(false);
    expect(storeJpeg(dir, png, 0, jpeg)).toBe(false);
    expect(storeJpeg(dir, path.join(dir, 'gone.png'), 0.92, jpeg)).toBe(false);
    expect(cachedJpeg(dir, png, 0.92)).toBeNull();
  });

  it('are swept at start once their render is gone, and kept while it is referenced', () => {
    const other = path.join(dir, 'other.png');
    writeFileSync(other, Buffer.from('png bytes of another key image'));
    storeJpeg(dir, png, 0.92, jpeg);
    storeJpeg(dir, other, 0.92, jpeg);
    // The other key image was removed: only `png` is still referenced.
    expect(sweepJpegs(dir, [png])).toBe(1);
    expect(cachedJpeg(dir, png, 0.92)).not.toBeNull();
    expect(cachedJpeg(dir, other, 0.92)).toBeNull();
    expect(sweepJpegs(dir, [png])).toBe(0);
  });
});
