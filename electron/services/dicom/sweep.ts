import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import * as sql from './dicom-sql';
import { absoluteStoredPath, IMAGES_DIR, JOURNAL_DIR, parseJournalName, storedPathFor, tempPathFor } from './store';

/**
 * Startup recovery for the image store. An import that was cut short (crash, power off, killed) may have left files
 * in the store that no index row points to, and temp files. Each import journals every file before it creates it,
 * so the sweep only reads the journals of imports whose process is gone and removes, for each journaled hash, the
 * temp file and (if no index row references it) the stored file: the cost is proportional to what was
 * interrupted, not to the size of the store. With no interrupted import it reads one empty folder.
 *
 * `full: true` additionally lists the whole store and removes any file the index does not reference and any temp
 * file of a process that is gone (for a "check the image store" maintenance action; it reads every folder).
 */

export interface SweepResult {
  removedFiles: number;
  removedTempFiles: number;
  interruptedImports: number[];
}

/** Whether an OS process exists (another user's process counts as existing). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function list(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch {
    return [];
  }
}

async function remove(file: string): Promise<boolean> {
  return fsp
    .rm(file)
    .then(() => true)
    .catch(() => false);
}

export async function sweepImageStore(db: Db, dataDir: string, options: { full?: boolean; now?: () => string } = {}): Promise<SweepResult> {
  const now = options.now ?? (() => new Date().toISOString());
  const root = path.join(dataDir, IMAGES_DIR);
  const result: SweepResult = { removedFiles: 0, removedTempFiles: 0, interruptedImports: [] };
  const referenced = db.prepare('SELECT 1 FROM dicom_instances WHERE file_hash = ? LIMIT 1').pluck();

  // Journals of imports whose process is gone: their temp files and unindexed files go.
  const journalDir = path.join(root, JOURNAL_DIR);
  const liveHashes = new Set<string>();
  for (const name of await list(journalDir)) {
    const parsed = parseJournalName(name);
    const file = path.join(journalDir, name);
    const text = await fsp.readFile(file, 'utf8').catch(() => '');
    const hashes = text.split('\n').filter((h) => /^[0-9a-f]{64}$/.test(h));
    if (parsed && processAlive(parsed.pid)) {
      hashes.forEach((h) => liveHashes.add(h));
      continue;
    }
    for (const hash of hashes) {
      if (parsed && (await remove(tempPathFor(dataDir, hash, parsed.pid)))) result.removedTempFiles += 1;
      if (referenced.get(hash) !== undefined) continue;
      if (await remove(absoluteStoredPath(dataDir, storedPathFor(hash)))) result.removedFiles += 1;
    }
    await fsp.rm(file, { force: true });
  }

  // Import log rows of processes that are gone.
  for (const row of sql.runningImports(db)) {
    if (row.process_id !== null && processAlive(row.process_id)) continue;
    sql.markImportInterrupted(db, row.id, now());
    result.interruptedImports.push(row.id);
  }

  if (options.full) {
    const known = sql.allFileHashes(db);
    for (const a of await list(root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await list(path.join(root, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        const dir = path.join(root, a, b);
        for (const name of await list(dir)) {
          const stored = /^([0-9a-f]{64})\.dcm$/.exec(name);
          const temp = /^([0-9a-f]{64})\.(\d+)\.part$/.exec(name);
          if (stored) {
            const hash = stored[1];
            if (known.has(hash) || liveHashes.has(hash) || referenced.get(hash) !== undefined) continue;
            if (await remove(path.join(dir, name))) result.removedFiles += 1;
          } else if (temp && !processAlive(Number(temp[2]))) {
            if (await remove(path.join(dir, name))) result.removedTempFiles += 1;
          }
        }
      }
    }
  }
  return result;
}
