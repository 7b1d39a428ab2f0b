import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, write } from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../db/file-modes';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { StoreClaimStatements } from './dicom-sql';

/**
 * The content-addressed image store inside the data folder: `images/ab/cd/<sha256>.dcm`.
 * The same bytes are stored once, and several imports may need the same file at once. A file appears under its
 * final name only complete: it is written under a temp name of its own import (`<sha256>.<pid>-<importId>.part`) in
 * the same folder, then renamed (a rename within one folder is atomic and cheap).
 *
 * Who owns a file: the index rows that reference it, and the claims of running imports (dicom_store_claims). An
 * import claims a file before it looks for it in the store; its claims are released in the transaction that writes
 * its index rows, or when it is cancelled or fails. A file is removed only by `removeUnowned`, which decides and
 * removes under the database's write lock. So an import that finds a file already stored can rely on it, and a
 * cancel, a failure, a kill or a start-up sweep (sweep.ts) removes exactly the files nothing owns.
 */

export const IMAGES_DIR = 'images';

/** Writes a whole file. Replaceable so tests can simulate a full disk or a crash mid-import. */
export type FileWriter = (file: string, bytes: Uint8Array) => void | Promise<void>;

/**
 * open and close are quick metadata calls made here; the write itself (the costly part: copying the bytes into the
 * page cache) runs on libuv's thread pool, so the importer hashes and parses the next file meanwhile.
 */
const defaultWriter: FileWriter = (file, bytes) =>
  new Promise<void>((resolve, reject) => {
    // Owner-only (issue 12 item 13): a stored image is patient data.
    const fd = openSync(file, 'w', PRIVATE_FILE_MODE);
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

/**
 * The part of a temp name that makes it one import's own, so two imports (of one process or two) never write the
 * same temp file: import ids are unique in the data folder, and the sweep can name a dead import's temp files from
 * its claims without listing the store.
 */
export function tempTag(pid: number, importId: number): string {
  return `${pid}-${importId}`;
}

/** The temp name an import writes a file under before renaming it into place (next to the final file). */
export function tempPathFor(dataDir: string, hash: string, tag: string): string {
  return absoluteStoredPath(dataDir, storedPathFor(hash)).replace(/\.dcm$/, `.${tag}.part`);
}

/** Files decided and removed per write transaction (each removal is one unlink; the lock is held briefly). */
const REMOVE_BATCH = 200;

/**
 * Removes the stored files of `items` that no index row and no claim references, first releasing each item's
 * claim (of `importId`, if given). Decided and removed under the write lock: an import claims a file (a write)
 * before it looks for it, so either its claim came first and the file stays, or it looks after the removal and
 * stores the file again. Returns how many files were removed.
 */
export function removeUnowned(db: Db, dataDir: string, items: readonly { hash: string; importId?: number }[]): number {
  const stmts = new StoreClaimStatements(db);
  let removed = 0;
  for (let i = 0; i < items.length; i += REMOVE_BATCH) {
    writeTransaction(db, () => {
      for (const { hash, importId } of items.slice(i, i + REMOVE_BATCH)) {
        if (importId !== undefined) stmts.release.run(hash, importId);
        if (stmts.inUse.get(hash, hash) !== undefined) continue;
        const file = absoluteStoredPath(dataDir, storedPathFor(hash));
        if (statSync(file, { throwIfNoEntry: false }) === undefined) continue;
        rmSync(file, { force: true });
        removed += 1;
      }
    });
  }
  return removed;
}

/**
 * Imports whose session is open in this process. An import log row naming this process's pid that is not here was
 * written by an earlier run that had the same pid (a restart in a container, say): its process is gone.
 */
const sessionsHere = new Set<number>();

export function importRunsHere(importId: number): boolean {
  return sessionsHere.has(importId);
}

/** One import's writer into the store. Not shared between imports. */
export class StoreSession {
  private readonly madeDirs = new Set<string>();
  private readonly claims: StoreClaimStatements;
  private readonly tag: string;
  /** Hashes this import has claimed (stored by it or found stored). */
  private readonly claimed = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly importId: number,
    private readonly writer: FileWriter = defaultWriter,
  ) {
    this.claims = new StoreClaimStatements(db);
    this.tag = tempTag(process.pid, importId);
    sessionsHere.add(importId);
  }

  /**
   * Stores `bytes` (whose SHA-256 is `hash`) unless the store already holds them. `bytes` must stay unchanged until
   * the returned promise settles.
   */
  async put(bytes: Uint8Array, hash: string): Promise<PutResult> {
    // Claim first (committed at once): from here on nothing removes this file, so finding it stored is enough, and
    // if this process dies the start-up sweep knows what to look for (the temp file included).
    this.claims.claim.run(hash, this.importId);
    this.claimed.add(hash);
    const storedPath = storedPathFor(hash);
    const final = absoluteStoredPath(this.dataDir, storedPath);
    const dir = path.dirname(final);
    let newDir = false;
    if (!this.madeDirs.has(dir)) {
      // mkdir tells whether it created the folder: in a folder that did not exist, the file cannot exist either.
      newDir = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE }) !== undefined;
      this.madeDirs.add(dir);
    }
    if (!newDir) {
      const existing = statSync(final, { throwIfNoEntry: false });
      if (existing && existing.size === bytes.length) return { hash, storedPath, created: false };
    }
    const tmp = tempPathFor(this.dataDir, hash, this.tag);
    try {
      await this.writer(tmp, bytes);
      renameSync(tmp, final);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    return { hash, storedPath, created: true };
  }

  /** Releases every claim of this import. Call inside the transaction that writes its index rows. */
  releaseClaims(): void {
    this.claims.releaseAll.run(this.importId);
  }

  /**
   * Releases this import's claims and removes the files it claimed that nothing else owns (no index row, no other
   * import's claim): after a cancel or a failure, or after indexing when another import indexed some of the same
   * instances first. Returns how many files were removed.
   */
  discard(): number {
    const items = [...this.claimed].map((hash) => ({ hash, importId: this.importId }));
    this.claimed.clear();
    return removeUnowned(this.db, this.dataDir, items);
  }

  /** The import is over (its log row says how): from now on its claims, if any are left, are stale. */
  close(): void {
    sessionsHere.delete(this.importId);
  }
}
