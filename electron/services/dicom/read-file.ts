import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { NOT_DICOM } from './parse';
import { hasPart10Preamble, rawTransferSyntax } from './part10';

/**
 * Reads a candidate file once into memory, with plain synchronous calls (open, fstat, read, close): the importer
 * runs them in short time slices between which it yields to the event loop (see import-service.ts), which costs far
 * less CPU than handing every call to libuv's thread pool. Files up to 4 MB (nearly every image) are read in one
 * call; for larger ones the first bytes are checked before the rest is read, so a large non-DICOM file met in a
 * folder walk (a video, a viewer program on a CD) costs one small read, not its size. The buffer is reused from
 * file to file (nothing keeps a reference once a file is processed), so memory stays flat.
 *
 * Only regular files are read: the open does not block (a FIFO would otherwise wait forever for a writer, and a
 * synchronous wait cannot be interrupted, not even by Ctrl-C), the opened file is checked with fstat before any read,
 * and no read goes past the size fstat gave (a device such as /dev/zero reports no size and never ends).
 */

export const MAX_FILE_BYTES = 2 * 1024 ** 3;
const HEAD = 140;
const ONE_READ_BYTES = 4 * 1024 ** 2;

export class BufferSlot {
  private buffer: Buffer = Buffer.allocUnsafe(0);

  /**
   * A view of at least `size` bytes, reusing the previous allocation when it is big enough. Never from Node's shared
   * pool: the buffer is lent whole to the parser thread (a transfer detaches it here until it comes back).
   */
  take(size: number): Buffer {
    if (this.buffer.length < size)
      this.buffer = Buffer.allocUnsafeSlow(Math.max(size, Math.ceil(this.buffer.length * 1.25)));
    return this.buffer.subarray(0, size);
  }

  /** Takes back the buffer lent to the parser thread; the view of the file's bytes in it. */
  adopt(buffer: ArrayBuffer, byteOffset: number, byteLength: number): Buffer {
    this.buffer = Buffer.from(buffer);
    return this.buffer.subarray(byteOffset, byteOffset + byteLength);
  }

  /** Whether `bytes` lie in this slot's buffer (then the slot stays busy until they are written). */
  holds(bytes: Uint8Array): boolean {
    return bytes.buffer === this.buffer.buffer;
  }
}

function readFully(fd: number, buf: Buffer, offset: number, length: number): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, offset + done, length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

export type ReadOutcome = { bytes: Buffer } | { reason: string };

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EISDIR') return 'is a folder';
  return `could not be read (${code ?? (e as Error).message})`;
}

/** O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (ignored for regular files). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Why something that is not a regular file is not read; undefined for a regular file. */
export function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a folder';
  const what = st.isFIFO()
    ? 'a named pipe (FIFO)'
    : st.isSocket()
      ? 'a socket'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? 'a device'
        : 'a special file';
  return `not a regular file (${what}): not read`;
}

/** Opens `file` without blocking and checks that it is a regular file; the caller closes the descriptor. */
function openRegular(file: string): { fd: number; size: number } | { reason: string } {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (e) {
    return { reason: ioReason(e) };
  }
  try {
    const st = fstatSync(fd);
    const problem = notRegular(st);
    if (problem) {
      closeSync(fd);
      return { reason: problem };
    }
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    return { reason: ioReason(e) };
  }
}

/** A whole regular file of at most `maxBytes` (a DICOMDIR), read no further than its size. */
export function readRegularFile(file: string, maxBytes: number): ReadOutcome {
  const opened = openRegular(file);
  if ('reason' in opened) return opened;
  const { fd, size } = opened;
  try {
    if (size === 0) return { reason: 'empty file' };
    if (size > maxBytes)
      return {
        reason: `too large (${(size / 1024 ** 2).toFixed(0)} MB; at most ${(maxBytes / 1024 ** 2).toFixed(0)} MB)`,
      };
    const buf = Buffer.allocUnsafe(size);
    return { bytes: buf.subarray(0, readFully(fd, buf, 0, size)) };
  } catch (e) {
    return { reason: ioReason(e) };
  } finally {
    closeSync(fd);
  }
}

export function readCandidate(file: string, slot: BufferSlot): ReadOutcome {
  const opened = openRegular(file);
  if ('reason' in opened) return opened;
  const { fd, size } = opened;
  try {
    if (size === 0) return { reason: 'empty file' };
    if (size > MAX_FILE_BYTES) return { reason: `too large to be an image file (${(size / 1024 ** 3).toFixed(1)} GB)` };
    const buf = slot.take(size);
    const first = size <= ONE_READ_BYTES ? size : Math.min(size, HEAD);
    const head = readFully(fd, buf, 0, first);
    if (!hasPart10Preamble(buf.subarray(0, head)) && !rawTransferSyntax(buf.subarray(0, head)))
      return { reason: NOT_DICOM };
    const rest = head < size && head === first ? readFully(fd, buf, head, size - head) : 0;
    return { bytes: buf.subarray(0, head + rest) };
  } catch (e) {
    return { reason: ioReason(e) };
  } finally {
    closeSync(fd);
  }
}
