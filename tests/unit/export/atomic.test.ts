import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isAbortError,
  partialPathFor,
  sweepPartialFiles,
  writeFileAtomic,
} from '../../../electron/services/export/atomic';
import { DomainError } from '../../../electron/services/errors';
import { tempDataDir } from '../helpers/temp';

const listing = (dir: string) => readdirSync(dir).sort();

describe('writeFileAtomic', () => {
  it('writes the whole file under its name and leaves nothing else', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'deck.pdf');
    writeFileAtomic(file, [Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 7)]);
    expect(listing(dir)).toEqual(['deck.pdf']);
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(9 + 300_000);
    expect(bytes.subarray(0, 8).toString()).toBe('%PDF-1.4');
  });

  it('writes nothing when cancelled, and keeps the file that was there', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'deck.pptx');
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    try {
      writeFileAtomic(file, Buffer.from('new'), { signal: controller.signal });
    } catch (err) {
      error = err;
    }
    expect(isAbortError(error)).toBe(true);
    expect(listing(dir)).toEqual([]);

    writeFileSync(file, 'old');
    expect(() => writeFileAtomic(file, Buffer.from('new'), { signal: controller.signal })).toThrow(/Cancelled/);
    expect(listing(dir)).toEqual(['deck.pptx']);
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('leaves no half-written file when writing fails part-way, and the old file stays whole', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'minutes.pdf');
    writeFileSync(file, 'the earlier minutes');
    // The second chunk is not bytes: the write fails after the first chunk reached the temporary file.
    const broken = [Buffer.alloc(100_000, 1), { length: 10 } as unknown as Buffer];
    expect(() => writeFileAtomic(file, broken)).toThrow();
    expect(listing(dir)).toEqual(['minutes.pdf']);
    expect(readFileSync(file, 'utf8')).toBe('the earlier minutes');
  });

  it('replaces a file whole, or refuses with a conflict when asked not to overwrite', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'deck.pdf');
    writeFileSync(file, 'old');
    writeFileAtomic(file, Buffer.from('new one'));
    expect(readFileSync(file, 'utf8')).toBe('new one');

    let error: unknown;
    try {
      writeFileAtomic(file, Buffer.from('newer'), { overwrite: false });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('conflict');
    expect(readFileSync(file, 'utf8')).toBe('new one');
    expect(listing(dir)).toEqual(['deck.pdf']);
  });

  it('refuses a missing folder or a folder as the target, naming the path field', () => {
    const dir = tempDataDir();
    expect(() => writeFileAtomic(path.join(dir, 'nope', 'x.pdf'), Buffer.from('x'))).toThrow(/does not exist/);
    mkdirSync(path.join(dir, 'x.pdf'));
    expect(() => writeFileAtomic(path.join(dir, 'x.pdf'), Buffer.from('x'))).toThrow(/is a folder/);
    expect(listing(dir)).toEqual(['x.pdf']);
  });
});

describe('sweepPartialFiles', () => {
  it('removes temporary files a crash left behind (not recent ones, not exports)', () => {
    const dir = tempDataDir();
    const old = partialPathFor(path.join(dir, 'deck.pdf'));
    const recent = partialPathFor(path.join(dir, 'deck.pptx'));
    writeFileSync(old, 'half');
    writeFileSync(recent, 'half');
    writeFileSync(path.join(dir, 'deck.pdf'), 'whole');
    writeFileSync(path.join(dir, '.hidden-note'), 'not ours');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(old, hourAgo, hourAgo);
    expect(path.basename(old)).toMatch(/^\.deck\.pdf\.[A-Za-z0-9_-]{8}\.partial$/);
    expect(sweepPartialFiles(dir)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(listing(dir)).toEqual(['.hidden-note', path.basename(recent), 'deck.pdf'].sort());
    expect(sweepPartialFiles(path.join(dir, 'missing'))).toBe(0);
  });
});
