import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Issue 12 item 13: what BoardPrep keeps (the database, the image store, renders, exports, logs, backups) is readable
 * by the owning user only: folders 0700, files 0600, set explicitly (a mode given to mkdir/open is only ever narrowed
 * by the umask, never widened, so these hold whatever the umask is). Windows has no such modes: its per-user
 * profile folder's ACLs do this job, so nothing is changed there.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export const posixModes = (): boolean => process.platform !== 'win32';

/** Creates a folder (and missing parents) owner-only. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates an empty file owner-only if it does not exist, so what later opens it (SQLite, the logger) keeps 0600. */
export function touchPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
}

/** The folders of a data folder that hold patient data (README "Where data lives"). */
export const PRIVATE_FOLDERS = [
  'images',
  'renders',
  'exports',
  'logs',
  'backups',
  'tmp',
  'uploads',
  // Issue 15: instances retrieved from a PACS, waiting for their import (services/pacs/retrieve-service.ts).
  'pacs-incoming',
] as const;
const DATABASE_FILES = ['boardprep.db', 'boardprep.db-wal', 'boardprep.db-shm'] as const;

/** Narrows `target` to `mode` if group or others have any access; says what it changed. */
function tighten(target: string, mode: number): string | null {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat || (stat.mode & 0o077) === 0) return null;
  chmodSync(target, mode);
  return `${target} ${(stat.mode & 0o777).toString(8)} -> ${mode.toString(8)}`;
}

/**
 * Run when a data folder is opened: tightens the data folder, its folders and the database files of a folder
 * made by an older BoardPrep (or copied in with wide modes). The files inside images/ and the others are not
 * walked (a store may hold 100 000 files): a 0700 folder is closed to other users whatever its files' modes, and
 * new files are written 0600. Answers one line per change (empty when everything was already private).
 */
export function secureDataFolder(dataDir: string): string[] {
  if (!posixModes()) return [];
  makePrivateDir(dataDir);
  const changes = [tighten(dataDir, PRIVATE_DIR_MODE)];
  for (const folder of PRIVATE_FOLDERS) changes.push(tighten(path.join(dataDir, folder), PRIVATE_DIR_MODE));
  for (const file of DATABASE_FILES) changes.push(tighten(path.join(dataDir, file), PRIVATE_FILE_MODE));
  return changes.filter((c): c is string => c !== null);
}

/** The database files after SQLite opened them (-wal and -shm take the main file's mode, checked anyway). */
export function secureDatabaseFiles(dataDir: string): void {
  if (!posixModes()) return;
  for (const file of DATABASE_FILES) {
    const full = path.join(dataDir, file);
    if (existsSync(full)) tighten(full, PRIVATE_FILE_MODE);
  }
}
