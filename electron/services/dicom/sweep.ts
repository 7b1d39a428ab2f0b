import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import * as sql from './dicom-sql';
import { absoluteStoredPath, IMAGES_DIR, JOURNAL_DIR, parseJournalName, storedPathFor, TMP_DIR } from './store';

/**
 * Startup recovery for the image store. An import that was cut short (crash, power off, killed) may have left files
 * in the store that no index row points to, and temp files. Each import journals the files it creates, so the
 * sweep only reads the journals of imports whose process is gone and removes those of their files the index does
 * not reference: the cost is proportional to what was interrupted, not to the size of the store.
 *
 * `full: true` additionally lists the whole store and removes any file the index does not reference (for a
 * "check the image store" maintenance action; it reads every folder of the store).
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

export async function sweepImageStore(db: Db, dataDir: string, options: { full?: boolean; now?: () => string } = {}): Promise<SweepResult> {
  const now = options.now ?? (() => new Date().toISOString());
  const root = path.join(dataDir, IMAGES_DIR);
  const result: SweepResult = { removedFiles: 0, removedTempFiles: 0, interruptedImports: [] };
  const referenced = db.prepare('SELECT 1 FROM dicom_instances WHERE file_hash = ? LIMIT 1').pluck();

  // Temp files of processes that are gone.
  const tmpDir = path.join(root, TMP_DIR);
  for (const name of await list(tmpDir)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
    await fsp.rm(path.join(tmpDir, name), { force: true });
    result.removedTempFiles += 1;
  }

  // Journals of imports whose process is gone: their unindexed files go.
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
      if (referenced.get(hash) !== undefined) continue;
      const target = absoluteStoredPath(dataDir, storedPathFor(hash));
      const existed = await fsp
        .rm(target)
        .then(() => true)
        .catch(() => false);
      if (existed) result.removedFiles += 1;
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
          const hash = /^([0-9a-f]{64})\.dcm$/.exec(name)?.[1];
          if (hash && (known.has(hash) || liveHashes.has(hash))) continue;
          if (hash && referenced.get(hash) !== undefined) continue;
          await fsp.rm(path.join(dir, name), { force: true });
          result.removedFiles += 1;
        }
      }
    }
  }
  return result;
}
