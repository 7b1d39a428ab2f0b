import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, promises as fsp, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The content-addressed image store inside the data folder: `images/ab/cd/<sha256>.dcm`.
 * The same bytes are stored once. A file appears under its final name only complete (written to
 * `images/.tmp/` first, then renamed), and every file an import creates is listed in that import's journal
 * (`images/.journal/`) before it is renamed into place, so recovery can remove exactly what an interrupted import
 * left behind without listing the whole store (see sweep.ts).
 */

export const IMAGES_DIR = 'images';
export const TMP_DIR = '.tmp';
export const JOURNAL_DIR = '.journal';

export type FileWriter = (file: string, bytes: Uint8Array) => Promise<void>;

/** One open, one write of the whole buffer (fs.writeFile would split it into 512 KiB writes), one close. */
const defaultWriter: FileWriter = async (file, bytes) => {
  const fh = await fsp.open(file, 'w');
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  } finally {
    await fh.close();
  }
};

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

export function tempPrefix(pid: number): string {
  return `${pid}-`;
}

/** One import's writer into the store. Not shared between imports. */
export class StoreSession {
  private readonly root: string;
  private readonly tmpDir: string;
  private readonly madeDirs = new Set<string>();
  private journalFd: number | undefined;
  private readonly journalPath: string;
  private counter = 0;
  /** Hashes of files this session created (and so may remove on cancel). */
  readonly created: string[] = [];

  constructor(
    private readonly dataDir: string,
    importId: number,
    private readonly writer: FileWriter = defaultWriter,
  ) {
    this.root = path.join(dataDir, IMAGES_DIR);
    this.tmpDir = path.join(this.root, TMP_DIR);
    const journalDir = path.join(this.root, JOURNAL_DIR);
    mkdirSync(this.tmpDir, { recursive: true });
    mkdirSync(journalDir, { recursive: true });
    this.journalPath = path.join(journalDir, journalName(importId, process.pid));
    this.journalFd = openSync(this.journalPath, 'a');
  }

  /** Stores `bytes` (whose SHA-256 is `hash`) unless the store already holds them. */
  async put(bytes: Uint8Array, hash: string): Promise<PutResult> {
    const storedPath = storedPathFor(hash);
    const final = absoluteStoredPath(this.dataDir, storedPath);
    const dir = path.dirname(final);
    let newDir = false;
    if (!this.madeDirs.has(dir)) {
      // mkdir tells whether it created the folder: in a folder that did not exist, the file cannot exist either.
      newDir = (await fsp.mkdir(dir, { recursive: true })) !== undefined;
      this.madeDirs.add(dir);
    }
    if (!newDir) {
      const exists = await fsp
        .stat(final)
        .then((s) => s.size === bytes.length)
        .catch(() => false);
      if (exists) return { hash, storedPath, created: false };
    }
    const tmp = path.join(this.tmpDir, `${tempPrefix(process.pid)}${this.counter++}.part`);
    try {
      await this.writer(tmp, bytes);
      // Journal first: a crash after the rename still leaves a record of the file for recovery.
      writeSync(this.journalFd!, `${hash}\n`);
      await fsp.rename(tmp, final);
    } catch (e) {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
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
