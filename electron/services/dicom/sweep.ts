import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { processAlive } from '../process-alive';
import * as sql from './dicom-sql';
import { IMAGES_DIR, importRunsHere, removeUnowned, tempPathFor, tempTag } from './store';

/**
 * Startup recovery for the image store. An import that was cut short (crash, power off, killed) may have left files
 * in the store that no index row points to, and temp files. Each import claims every file before it creates it
 * (dicom_store_claims, see store.ts), so the sweep marks the imports whose process is gone as interrupted, and for
 * their claims removes the temp file and (if no index row and no other live import's claim holds it) the stored
 * file: the cost is proportional to what was interrupted, not to the size of the store. Files that a running import
 * (of this or another process) claimed are never touched, whatever it is doing meanwhile.
 *
 * `full: true` additionally lists the whole store and removes any file nothing owns and any temp file of a process
 * that is gone (for a "check the image store" maintenance action; it reads every folder).
 */

export interface SweepResult {
  removedFiles: number;
  removedTempFiles: number;
  interruptedImports: number[];
}

/** Where BoardPrep before claims (schema 6) journaled each import's files; an old crash may have left journals. */
const LEGACY_JOURNAL_DIR = '.journal';

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

/** Whether the import that writes a temp file may still be running (the import id is absent in old names). */
function tempOwnerRuns(pid: number, importId: number | undefined): boolean {
  if (pid !== process.pid) return processAlive(pid);
  return importId !== undefined && importRunsHere(importId);
}

export async function sweepImageStore(
  db: Db,
  dataDir: string,
  options: { full?: boolean; now?: () => string } = {},
): Promise<SweepResult> {
  const now = options.now ?? (() => new Date().toISOString());
  const root = path.join(dataDir, IMAGES_DIR);
  const result: SweepResult = { removedFiles: 0, removedTempFiles: 0, interruptedImports: [] };

  // Import log rows of processes that are gone: interrupted. From here on their claims are stale.
  for (const row of sql.runningImports(db)) {
    const pid = row.process_id;
    if (pid !== null && (pid === process.pid ? importRunsHere(row.id) : processAlive(pid))) continue;
    sql.markImportInterrupted(db, row.id, now());
    result.interruptedImports.push(row.id);
  }

  // Stale claims (of imports that are not running): the temp file, then the claim and the file if nothing else owns it.
  const stale = sql.staleClaims(db);
  for (const claim of stale) {
    if (claim.process_id === null) continue;
    if (await remove(tempPathFor(dataDir, claim.file_hash, tempTag(claim.process_id, claim.import_id))))
      result.removedTempFiles += 1;
  }
  result.removedFiles += removeUnowned(
    db,
    dataDir,
    stale.map((c) => ({ hash: c.file_hash, importId: c.import_id })),
  );

  // Journals an older BoardPrep left for imports whose process is gone.
  const journalDir = path.join(root, LEGACY_JOURNAL_DIR);
  for (const name of await list(journalDir)) {
    const m = /^import-\d+-pid-(\d+)\.journal$/.exec(name);
    // (This version writes none: one naming this pid is a previous run's.)
    if (m && Number(m[1]) !== process.pid && processAlive(Number(m[1]))) continue;
    const file = path.join(journalDir, name);
    const text = await fsp.readFile(file, 'utf8').catch(() => '');
    const hashes = text.split('\n').filter((h) => /^[0-9a-f]{64}$/.test(h));
    for (const hash of hashes) {
      if (m && (await remove(tempPathFor(dataDir, hash, m[1])))) result.removedTempFiles += 1;
    }
    result.removedFiles += removeUnowned(
      db,
      dataDir,
      hashes.map((hash) => ({ hash })),
    );
    await fsp.rm(file, { force: true });
  }

  if (options.full) {
    // A first look without the lock; removeUnowned checks each candidate again under it.
    const owned = sql.allFileHashes(db);
    for (const h of sql.claimedHashes(db)) owned.add(h);
    const unowned: { hash: string }[] = [];
    for (const a of await list(root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await list(path.join(root, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        const dir = path.join(root, a, b);
        for (const name of await list(dir)) {
          const stored = /^([0-9a-f]{64})\.dcm$/.exec(name);
          // <hash>.<pid>-<importId>.part, or <hash>.<pid>.part from before claims.
          const temp = /^([0-9a-f]{64})\.(\d+)(?:-(\d+))?\.part$/.exec(name);
          if (stored) {
            if (!owned.has(stored[1])) unowned.push({ hash: stored[1] });
          } else if (temp && !tempOwnerRuns(Number(temp[2]), temp[3] === undefined ? undefined : Number(temp[3]))) {
            if (await remove(path.join(dir, name))) result.removedTempFiles += 1;
          }
        }
      }
    }
    result.removedFiles += removeUnowned(db, dataDir, unowned);
  }
  return result;
}
