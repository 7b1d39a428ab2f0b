import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { DomainError } from '../errors';

/**
 * Exports are written whole or not at all: the bytes go to a hidden temporary file in the target folder
 * (`.<name>.<random>.partial`, same file system, so the final step is a rename), flushed to disk, and only then
 * renamed onto the target. A failure or a cancel removes the temporary file, so no half-written export is ever
 * left under the target's name; a crash can leave only a `.partial` file, which sweepPartialFiles() removes.
 */

export const PARTIAL_SUFFIX = '.partial';
const PARTIAL = /^\..+\.[A-Za-z0-9_-]{8}\.partial$/;

export function abortError(message = 'Cancelled'): Error {
  const err = new Error(message);
  err.name = 'AbortError';
  return err;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export const isAbortError = (err: unknown): boolean => err instanceof Error && err.name === 'AbortError';

export interface AtomicWriteOptions {
  signal?: AbortSignal;
  /** Replace a file already at the target (default). False: refuse with 'conflict', atomically (no race). */
  overwrite?: boolean;
}

/** The temporary name used for a target (exported for tests). */
export function partialPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('base64url')}${PARTIAL_SUFFIX}`,
  );
}

/**
 * Writes `data` (one buffer or a list of chunks) to `target` atomically. The folder must exist. Throws an
 * AbortError (and writes nothing) when the signal is aborted before the rename.
 */
export function writeFileAtomic(
  target: string,
  data: Uint8Array | readonly Uint8Array[],
  options: AtomicWriteOptions = {},
): void {
  const { signal, overwrite = true } = options;
  throwIfAborted(signal);
  const dir = path.dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DomainError('invalid-input', `The folder ${dir} does not exist`, 'path');
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new DomainError('invalid-input', `${target} is a folder, not a file`, 'path');
  }
  const temp = partialPathFor(target);
  let fd: number | null = null;
  try {
    // Owner-only (issue 12 item 13): an export may identify the patient; who else reads it is the user's choice.
    fd = openSync(temp, 'wx', 0o600);
    for (const chunk of Array.isArray(data) ? (data as readonly Uint8Array[]) : [data as Uint8Array]) {
      let offset = 0;
      while (offset < chunk.length) offset += writeSync(fd, chunk, offset, chunk.length - offset);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    throwIfAborted(signal);
    if (overwrite) {
      renameSync(temp, target);
    } else {
      // link() fails when the target exists: no window in which another writer's file could be replaced.
      try {
        linkSync(temp, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new DomainError(
            'conflict',
            `${path.basename(target)} already exists in ${dir}: choose another name, or allow replacing it`,
            'path',
          );
        }
        throw err;
      }
      rmSync(temp, { force: true });
    }
    fsyncDir(dir);
  } finally {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
  }
}

/** Makes the rename durable where the platform allows it (not on Windows). */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder: the rename is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Removes temporary export files a crash left in `dir` (older than `olderThanMs`); returns how many. */
export function sweepPartialFiles(dir: string, olderThanMs = 60_000, now = Date.now()): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!PARTIAL.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (now - statSync(file).mtimeMs < olderThanMs) continue;
      rmSync(file, { force: true });
      removed++;
    } catch {
      // Gone already.
    }
  }
  return removed;
}
