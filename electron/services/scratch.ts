import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from './process-alive';

/**
 * Working folders a process needs for a while (a headless Chromium's profile, the demo's generated images) are made
 * in the data folder's `tmp/`, never in the system temp folder: what they hold (Chromium's history has the print
 * URL with the web host's token; the demo writes patient images) stays in the folder the user chose for the data,
 * readable by them only. Each is named after the process that made it, `<kind>-<pid>-<random>`, so the start-up
 * sweep removes those whose process is gone (a kill -9 leaves them behind) and leaves another running process's.
 */
export const SCRATCH_DIR = 'tmp';

const NAME = /^[a-z]+(?:-[a-z]+)*-(\d+)-[A-Za-z0-9]{6}$/;
/** Demo image folders of BoardPrep before tmp/: `<data>/.demo-images-<hex>`, with no process in the name. */
const LEGACY_DEMO = /^\.demo-images-[0-9a-f]+$/;

/** Folders this process made (a folder named with this pid that it did not make is a previous run's, same pid). */
const madeHere = new Set<string>();

/** Makes a new working folder of this process in the data folder; the caller removes it when done. */
export function makeScratchDir(dataDir: string, kind: string): string {
  const root = path.join(dataDir, SCRATCH_DIR);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const dir = mkdtempSync(path.join(root, `${kind}-${process.pid}-`));
  madeHere.add(path.basename(dir));
  return dir;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Removes the working folders whose process is gone, and old-style demo folders untouched for `legacyAfterMs`
 * (their process cannot be told). Returns how many folders were removed.
 */
export function sweepScratchDirs(dataDir: string, legacyAfterMs = 3600_000, now = Date.now()): number {
  let removed = 0;
  const root = path.join(dataDir, SCRATCH_DIR);
  for (const name of list(root)) {
    const m = NAME.exec(name);
    if (m) {
      const pid = Number(m[1]);
      if (pid === process.pid ? madeHere.has(name) : processAlive(pid)) continue;
    }
    rmSync(path.join(root, name), { recursive: true, force: true, maxRetries: 3 });
    removed += 1;
  }
  for (const name of list(dataDir)) {
    if (!LEGACY_DEMO.test(name)) continue;
    const dir = path.join(dataDir, name);
    if (now - statSync(dir).mtimeMs < legacyAfterMs) continue;
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    removed += 1;
  }
  return removed;
}
