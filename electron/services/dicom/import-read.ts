import path from 'node:path';
import type { Parsed } from './parse-thread';
import type { ImportQueue } from './import-scan';
import type { ImportTally } from './import-tally';
import { readCandidate, type BufferSlot } from './read-file';
import { expandDicomdir, isoBase, type DirectoryListingCache } from './scan';
import { sha256Hex } from './store';
import type { InstanceHeader } from './types';

/** A new instance, read, parsed and hashed: what the store step writes and stages. */
export interface AcceptedFile {
  order: number;
  header: InstanceHeader;
  /** The bytes to store (they may lie in the slot's buffer: then the slot stays busy until they are written). */
  bytes: Uint8Array;
  hash: string;
}

export interface ReadStepOptions {
  queue: ImportQueue;
  tally: ImportTally;
  /** Parses a header off the main thread (ParserThread.parse); the bytes travel there and back in `slot`. */
  parse: (bytes: Buffer, slot: BufferSlot) => Promise<Parsed>;
  /** Whether the index already holds this SOP Instance UID (then the file is a duplicate). */
  isIndexed: (sopInstanceUid: string) => boolean;
  /** Files the scan refused (they count in the total as the queue grows). */
  scanRejected: number;
}

/**
 * Step 2, read: one file at a time, read with plain synchronous calls into a reused buffer, parsed (header only) in
 * the parser thread, and sorted out: rejected, a DICOMDIR (followed when chosen, checked when met in a folder), a
 * duplicate (in the index or earlier in this import), or a new instance hashed from the buffer just read (no copy;
 * duplicates and rejected files are never hashed). Everything is counted in the tally.
 */
export class ReadStep {
  private readonly seenSops = new Set<string>();
  constructor(private readonly options: ReadStepOptions) {}

  async read(file: string, order: number, slot: BufferSlot): Promise<AcceptedFile | null> {
    const { tally } = this.options;
    const read = readCandidate(file, slot);
    if ('reason' in read) {
      tally.reject(file, read.reason, order);
      return null;
    }
    const { outcome, bytes: fileBytes = Buffer.alloc(0) } = await this.options.parse(read.bytes, slot);
    if (outcome.kind === 'directory') {
      await this.dicomdir(file, fileBytes, order);
      return null;
    }
    if (outcome.kind === 'rejected') {
      tally.reject(file, outcome.reason, order);
      return null;
    }
    tally.scanned += 1;
    const header = outcome.header;
    if (this.seenSops.has(header.sopInstanceUid) || this.options.isIndexed(header.sopInstanceUid)) {
      tally.duplicates += 1;
      // Its study is already indexed (or will be by this import), so it can still be attached to the case.
      tally.study(header.studyInstanceUid).duplicates += 1;
      return null;
    }
    this.seenSops.add(header.sopInstanceUid);
    tally.imported += 1;
    tally.study(header.studyInstanceUid).imported += 1;
    for (const w of outcome.warnings) tally.warn(w, file);
    return { order, header, bytes: outcome.bytes, hash: sha256Hex(outcome.bytes) };
  }

  /** A DICOMDIR is an index, not an instance. Chosen explicitly, its listed files are imported. */
  private async dicomdir(file: string, bytes: Buffer, order: number): Promise<void> {
    const { queue, tally } = this.options;
    if (queue.explicit.has(file)) {
      tally.indexFiles += 1;
      try {
        const expanded = await expandDicomdir(file, Buffer.from(bytes), queue.listings);
        for (const f of expanded.files) queue.add(f);
        for (const r of expanded.rejected) tally.reject(r.path, r.reason, order);
        for (const w of expanded.warnings) tally.warn(w, '');
      } catch (e) {
        tally.indexFiles -= 1;
        tally.reject(file, `unreadable DICOMDIR: ${e instanceof Error ? e.message : String(e)}`, order);
      }
    } else {
      // Met in a folder: the folder's files are imported as they are; the DICOMDIR is only checked, so that one
      // chosen without the files it lists (a browser upload of the DICOMDIR alone) is said so, not ignored.
      const missing = await dicomdirMissing(file, bytes, queue.listings, queue.files);
      if (missing && missing.missing > 0) {
        tally.incompleteDicomdirs.push({ path: file, ...missing });
        const found = missing.listed - missing.missing;
        tally.reject(
          file,
          `DICOMDIR (a CD's index, not an image): ${missing.missing === missing.listed ? 'none' : `${found}`} of the ${missing.listed} files it lists ${found === 1 ? 'was' : 'were'} imported with it`,
          order,
        );
      } else {
        tally.indexFiles += 1;
        if (!missing)
          tally.warn('could not be read as a DICOMDIR: the files next to it were imported as they are', file);
      }
    }
    tally.total = queue.files.length + this.options.scanRejected;
  }
}

/**
 * How many of the files a DICOMDIR met in a folder lists are not among the files being imported: neither found
 * under its folder nor (for files chosen one by one, which arrive without their folders) a chosen file of the same
 * name. Undefined when it cannot be read as a DICOMDIR (the folder's files are imported all the same).
 */
async function dicomdirMissing(
  file: string,
  bytes: Uint8Array,
  listings: DirectoryListingCache,
  queue: readonly string[],
): Promise<{ listed: number; missing: number } | undefined> {
  let expanded;
  try {
    expanded = await expandDicomdir(file, Buffer.from(bytes), listings);
  } catch {
    return undefined;
  }
  if (expanded.rejected.some((r) => r.path === file)) return undefined;
  const listed = expanded.files.length + expanded.rejected.length;
  if (expanded.rejected.length === 0) return { listed, missing: 0 };
  const names = new Set(queue.map((q) => isoBase(path.basename(q))));
  const missing = expanded.rejected.filter((r) => !names.has(isoBase(path.basename(r.path)))).length;
  return { listed, missing };
}
