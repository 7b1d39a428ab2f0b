import path from 'node:path';
import type { ImportTally } from './import-tally';
import { DirectoryListingCache, scanPaths } from './scan';

/**
 * The files an import will read, in order. The read step appends the files a chosen DICOMDIR lists (each once), so
 * the list and its set grow together.
 */
export class ImportQueue {
  readonly files: string[];
  private readonly queued: Set<string>;
  /** Files the user chose one by one (a DICOMDIR chosen so is followed; one met in a folder is only checked). */
  readonly explicit: ReadonlySet<string>;
  /** Folder listings read once per import (DICOMDIRs name their files in upper case, the disk may not). */
  readonly listings = new DirectoryListingCache();

  constructor(files: string[], chosen: readonly string[]) {
    this.files = files;
    this.queued = new Set(files);
    this.explicit = new Set(chosen.map((p) => path.resolve(p)));
  }

  add(file: string): void {
    if (this.queued.has(file)) return;
    this.queued.add(file);
    this.files.push(file);
  }
}

/**
 * Step 1, scan: the chosen files and folders (and the DICOMDIRs among them) to the list of files to read. What
 * cannot be read as a path (a link outside the folder, a device) is rejected here, in the tally.
 */
export async function scanStep(
  paths: readonly string[],
  tally: ImportTally,
  options: { signal?: AbortSignal; onFound?: () => void } = {},
): Promise<{ queue: ImportQueue; scanRejected: number }> {
  const scan = await scanPaths(paths, {
    signal: options.signal,
    onFound: (n) => {
      tally.total = n;
      options.onFound?.();
    },
  });
  for (const r of scan.rejected) tally.reject(r.path, r.reason, -1);
  tally.indexFiles += scan.indexFiles ?? 0;
  for (const w of scan.warnings) tally.warn(w, '');
  tally.total = scan.files.length + scan.rejected.length;
  return { queue: new ImportQueue(scan.files, paths), scanRejected: scan.rejected.length };
}
