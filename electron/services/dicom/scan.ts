import { promises as fsp, type Dirent } from 'node:fs';
import path from 'node:path';
import { readDicomdir } from './dicomdir';
import { notRegular, readRegularFile } from './read-file';
import type { Rejection } from './types';

/**
 * Turns what the user chose (folders, files, DICOMDIRs) into the list of files to examine.
 *  - A folder is walked recursively, in name order. Hidden entries (".name") and `__MACOSX` are skipped; symlinked
 *    folders are followed once. A link is followed only when it leads to somewhere inside the chosen folder: a link
 *    on a CD or in a download to /etc or a home folder would otherwise import (or at least open) files the user never
 *    chose. Named pipes, sockets and devices are not files: they are reported, never opened.
 *  - A file named DICOMDIR is read as a directory: its records' Referenced File IDs are resolved, component by
 *    component and case-insensitively (CDs are often written in upper case), against the DICOMDIR's folder.
 *    Other files are examined as they are; a file that turns out to be a DICOMDIR is expanded by the importer.
 *    A DICOMDIR that cannot be read is reported; the other files chosen with it are imported all the same.
 *  - The same file reached twice is examined once.
 * Only paths are kept (no file contents), so memory grows by one path per file.
 */

export interface ScanOutput {
  files: string[];
  rejected: Rejection[];
  warnings: string[];
  /** DICOMDIRs chosen by name and read as indexes (scanPaths only). */
  indexFiles?: number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** Called as files are found (for progress). */
  onFound?: (count: number) => void;
}

const SKIPPED_NAMES = new Set(['__MACOSX']);

/** A DICOMDIR is an index of paths: even a large CD's is a few megabytes. */
export const MAX_DICOMDIR_BYTES = 64 * 1024 ** 2;

export const OUTSIDE_LINK = 'a link that leads outside the chosen folder: not followed';

/** Whether `real` (a resolved path) is `root` or inside it. */
export function isInside(root: string, real: string): boolean {
  const rel = path.relative(root, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function realpathOrUndefined(p: string): Promise<string | undefined> {
  return fsp.realpath(p).catch(() => undefined);
}

export function isDicomdirName(file: string): boolean {
  return /^dicomdir(\.|;1)?$/i.test(path.basename(file));
}

/** Strips an ISO 9660 version suffix (`NAME;1`) and a trailing dot (`NAME.;1`). */
export function isoBase(name: string): string {
  return name.replace(/;\d+$/, '').replace(/\.$/, '').toLowerCase();
}

export class DirectoryListingCache {
  private readonly listings = new Map<string, string[] | null>();

  async list(dir: string): Promise<string[] | null> {
    if (this.listings.has(dir)) return this.listings.get(dir)!;
    let names: string[] | null;
    try {
      names = await fsp.readdir(dir);
    } catch {
      names = null;
    }
    this.listings.set(dir, names);
    return names;
  }

  /** `components` joined under `base`, each matched exactly or else case-insensitively; undefined when absent. */
  async resolve(base: string, components: readonly string[]): Promise<string | undefined> {
    let dir = base;
    for (const component of components) {
      const names = await this.list(dir);
      if (!names) return undefined;
      let match = names.includes(component) ? component : undefined;
      if (!match) {
        const wanted = isoBase(component);
        match =
          names.find((n) => n.toLowerCase() === component.toLowerCase()) ?? names.find((n) => isoBase(n) === wanted);
      }
      if (!match) return undefined;
      dir = path.join(dir, match);
    }
    return dir;
  }
}

/**
 * The files a DICOMDIR lists, resolved against its folder. A listed file that is not on disk is a rejection
 * (the medium is incomplete); it is reported, not hidden.
 */
export async function expandDicomdir(
  dicomdirPath: string,
  bytes: Uint8Array,
  cache: DirectoryListingCache = new DirectoryListingCache(),
): Promise<ScanOutput> {
  const out: ScanOutput = { files: [], rejected: [], warnings: [] };
  let records;
  try {
    ({ records, warnings: out.warnings } = readDicomdir(bytes));
  } catch (e) {
    // Whatever is wrong with it, it is this DICOMDIR's problem, not the import's.
    out.rejected.push({
      path: dicomdirPath,
      reason: `unreadable DICOMDIR: ${e instanceof Error ? e.message : String(e)}`,
    });
    return out;
  }
  out.warnings = out.warnings.map((w) => `${dicomdirPath}: ${w}`);
  const base = path.dirname(dicomdirPath);
  const realBase = (await realpathOrUndefined(base)) ?? base;
  for (const record of records) {
    if (!record.fileId) continue;
    if (record.fileId.some((c) => c === '..' || c === '.' || c.includes('/'))) {
      out.rejected.push({
        path: path.join(base, ...record.fileId),
        reason: 'DICOMDIR entry points outside its folder: not followed',
      });
      continue;
    }
    const resolved = await cache.resolve(base, record.fileId);
    const real = resolved && (await realpathOrUndefined(resolved));
    if (resolved && real && !isInside(realBase, real))
      out.rejected.push({ path: resolved, reason: `DICOMDIR entry is ${OUTSIDE_LINK}` });
    else if (resolved) out.files.push(resolved);
    else
      out.rejected.push({
        path: path.join(base, ...record.fileId),
        reason: 'listed in the DICOMDIR but not found on disk',
      });
  }
  if (records.length === 0 || out.files.length + out.rejected.length === 0)
    out.warnings.push(`${dicomdirPath}: the DICOMDIR lists no files`);
  return out;
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

export async function scanPaths(inputs: readonly string[], options: ScanOptions = {}): Promise<ScanOutput> {
  const out: ScanOutput = { files: [], rejected: [], warnings: [] };
  const seen = new Set<string>();
  const visitedDirs = new Set<string>();
  const cache = new DirectoryListingCache();

  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    out.files.push(file);
    options.onFound?.(out.files.length);
  };

  async function walk(dir: string, root: string): Promise<void> {
    if (aborted(options.signal)) return;
    let real: string;
    try {
      real = await fsp.realpath(dir);
    } catch {
      real = dir;
    }
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (e) {
      out.rejected.push({
        path: dir,
        reason: `folder could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED_NAMES.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, root);
      else if (entry.isFile()) add(full);
      else if (entry.isSymbolicLink()) {
        const real = await realpathOrUndefined(full);
        if (!real) continue; // a dangling link: nothing there
        if (!isInside(root, real)) {
          out.rejected.push({ path: full, reason: OUTSIDE_LINK });
          continue;
        }
        const st = await fsp.stat(real).catch(() => undefined);
        if (st?.isDirectory()) await walk(full, root);
        else if (st?.isFile()) add(full);
        else if (st) out.rejected.push({ path: full, reason: notRegular(st)! });
      } else {
        out.rejected.push({
          path: full,
          reason: entry.isFIFO()
            ? 'not a regular file (a named pipe (FIFO)): not read'
            : 'not a regular file (a socket or device): not read',
        });
      }
    }
  }

  for (const input of inputs) {
    if (aborted(options.signal)) break;
    const full = path.resolve(input);
    let st;
    try {
      st = await fsp.stat(full);
    } catch {
      out.rejected.push({ path: full, reason: 'not found' });
      continue;
    }
    if (st.isDirectory()) {
      await walk(full, (await realpathOrUndefined(full)) ?? full);
    } else if (isDicomdirName(full)) {
      const read = readRegularFile(full, MAX_DICOMDIR_BYTES);
      if ('reason' in read) {
        out.rejected.push({ path: full, reason: `unreadable DICOMDIR: ${read.reason}` });
        continue;
      }
      const expanded = await expandDicomdir(full, read.bytes, cache);
      if (!expanded.rejected.some((r) => r.path === full)) out.indexFiles = (out.indexFiles ?? 0) + 1;
      expanded.files.forEach(add);
      out.rejected.push(...expanded.rejected);
      out.warnings.push(...expanded.warnings);
    } else {
      add(full);
    }
  }
  return out;
}
