import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, promises as fsp, renameSync, rmSync, statSync, write, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The content-addressed image store inside the data folder: `images/ab/cd/<sha256>.dcm`.
 * The same bytes are stored once. A file appears under its final name only complete: it is written as
 * `<sha256>.<pid>.part` in the same folder, then renamed (a rename within one folder is atomic and cheap). Before
 * that, its hash is appended to the import's journal (`images/.journal/`), so recovery can remove exactly what an
 * interrupted import left behind, temp files included, without listing the whole store (see sweep.ts).
 */

export const IMAGES_DIR = 'images';
export const JOURNAL_DIR = '.journal';

/** Writes a whole file. Replaceable so tests can simulate a full disk or a crash mid-import. */
export type FileWriter = (file: string, bytes: Uint8Array) => void | Promise<void>;

/**
 * open and close are quick metadata calls made here; the write itself (the costly part: copying the bytes into the
 * page cache) runs on libuv's thread pool, so the importer hashes and parses the next file meanwhile.
 */
const defaultWriter: FileWriter = (file, bytes) =>
  new Promise<void>((resolve, reject) => {
    const fd = openSync(file, 'w');
    const finish = (err: unknown) => {
      try {
        closeSync(fd);
      } catch (closeError) {
        err ??= closeError;
      }
      if (err) reject(err);
      else resolve();
    };
    const writeFrom = (offset: number) =>
      write(fd, bytes, offset, bytes.length - offset, null, (err, written) => {
        if (err) finish(err);
        else if (offset + written < bytes.length) writeFrom(offset + written);
        else finish(null);
      });
    writeFrom(0);
  });

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Path of a stored file relative to the data folder, always with `/` (it is stored in the index). */
export function storedPathFor(hash: string): string {
  return `${IMAGES_DIR}/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.dcm`;
}

export function absoluteStoredPath(dataDir: string, storedPath: string): string {
  return path.join(dataDir, ...storedPath.split('/'));
}

export interface PutResult {
  hash: string;
  storedPath: string;
  /** False when the same bytes were already in the store. */
  created: boolean;
}

export function journalName(importId: number, pid: number): string {
  return `import-${importId}-pid-${pid}.journal`;
}

export function parseJournalName(name: string): { importId: number; pid: number } | undefined {
  const m = /^import-(\d+)-pid-(\d+)\.journal$/.exec(name);
  return m ? { importId: Number(m[1]), pid: Number(m[2]) } : undefined;
}

/** The temp name a process writes a file under before renaming it into place (next to the final file). */
export function tempPathFor(dataDir: string, hash: string, pid: number): string {
  return absoluteStoredPath(dataDir, storedPathFor(hash)).replace(/\.dcm$/, `.${pid}.part`);
}

/** One import's writer into the store. Not shared between imports. */
export class StoreSession {
  private readonly madeDirs = new Set<string>();
  private journalFd: number | undefined;
  private readonly journalPath: string;
  /** Hashes of files this session created (and so may remove on cancel). */
  readonly created: string[] = [];

  constructor(
    private readonly dataDir: string,
    importId: number,
    private readonly writer: FileWriter = defaultWriter,
  ) {
    const journalDir = path.join(dataDir, IMAGES_DIR, JOURNAL_DIR);
    mkdirSync(journalDir, { recursive: true });
    this.journalPath = path.join(journalDir, journalName(importId, process.pid));
    this.journalFd = openSync(this.journalPath, 'a');
  }

  /**
   * Stores `bytes` (whose SHA-256 is `hash`) unless the store already holds them. `bytes` must stay unchanged until
   * the returned promise settles.
   */
  async put(bytes: Uint8Array, hash: string): Promise<PutResult> {
    const storedPath = storedPathFor(hash);
    const final = absoluteStoredPath(this.dataDir, storedPath);
    const dir = path.dirname(final);
    let newDir = false;
    if (!this.madeDirs.has(dir)) {
      // mkdir tells whether it created the folder: in a folder that did not exist, the file cannot exist either.
      newDir = mkdirSync(dir, { recursive: true }) !== undefined;
      this.madeDirs.add(dir);
    }
    if (!newDir) {
      const existing = statSync(final, { throwIfNoEntry: false });
      if (existing && existing.size === bytes.length) return { hash, storedPath, created: false };
    }
    // Journal first: whatever happens next (temp file, rename), recovery knows where to look.
    writeSync(this.journalFd!, `${hash}\n`);
    const tmp = tempPathFor(this.dataDir, hash, process.pid);
    try {
      await this.writer(tmp, bytes);
      renameSync(tmp, final);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    this.created.push(hash);
    return { hash, storedPath, created: true };
  }

  /** Removes files this session created that `isReferenced` says nothing in the index points to. */
  async discard(isReferenced: (hash: string) => boolean): Promise<number> {
    let removed = 0;
    for (const hash of this.created) {
      if (isReferenced(hash)) continue;
      await fsp.rm(absoluteStoredPath(this.dataDir, storedPathFor(hash)), { force: true });
      removed += 1;
    }
    this.created.length = 0;
    return removed;
  }

  /** Ends the session: closes and deletes the journal (call after the index is committed or the files discarded). */
  async close(): Promise<void> {
    if (this.journalFd !== undefined) {
      closeSync(this.journalFd);
      this.journalFd = undefined;
    }
    await fsp.rm(this.journalPath, { force: true });
  }
}
