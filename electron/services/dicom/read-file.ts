import { promises as fsp } from 'node:fs';
import { NOT_DICOM } from './parse';
import { hasPart10Preamble, rawTransferSyntax } from './part10';

/**
 * Reads a candidate file once into memory. The first bytes are checked before the rest is read, so a large
 * non-DICOM file met in a folder walk (a video, a viewer program on a CD) costs one small read, not its size.
 * Buffers are reused from file to file (nothing keeps a reference once a file is processed), so memory stays flat.
 */

export const MAX_FILE_BYTES = 2 * 1024 ** 3;
const HEAD = 140;
const ONE_READ_BYTES = 4 * 1024 ** 2;

export class BufferSlot {
  private buffer: Buffer = Buffer.allocUnsafe(0);

  /** A view of at least `size` bytes, reusing the previous allocation when it is big enough. */
  take(size: number): Buffer {
    if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(Math.max(size, Math.ceil(this.buffer.length * 1.25)));
    return this.buffer.subarray(0, size);
  }
}

async function readFully(fh: fsp.FileHandle, buf: Buffer, offset: number, length: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, offset + done, length - done, offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

export type ReadOutcome = { bytes: Buffer } | { reason: string };

export async function readCandidate(file: string, slot: BufferSlot): Promise<ReadOutcome> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { reason: code === 'ENOENT' ? 'not found' : `could not be read (${code ?? (e as Error).message})` };
  }
  try {
    const { size } = await fh.stat();
    if (size === 0) return { reason: 'empty file' };
    if (size > MAX_FILE_BYTES) return { reason: `too large to be an image file (${(size / 1024 ** 3).toFixed(1)} GB)` };
    const buf = slot.take(size);
    // Typical image files are read in one call; only large files get their first bytes checked first.
    const first = size <= ONE_READ_BYTES ? size : Math.min(size, HEAD);
    const head = await readFully(fh, buf, 0, first);
    if (!hasPart10Preamble(buf.subarray(0, head)) && !rawTransferSyntax(buf.subarray(0, head))) return { reason: NOT_DICOM };
    const rest = head < size && head === first ? await readFully(fh, buf, head, size - head) : 0;
    return { bytes: buf.subarray(0, head + rest) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { reason: `could not be read (${code ?? (e as Error).message})` };
  } finally {
    await fh.close();
  }
}
