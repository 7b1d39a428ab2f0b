import { chmodSync, copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { sha256File, type ManifestFile } from '../../db/backup-manifest';
import { makePrivateDir, posixModes, PRIVATE_FILE_MODE } from '../../db/file-modes';

/**
 * The files a database indexes: each stored DICOM instance (with the hash it was stored under) and each key
 * image's render. A backup copies exactly these, read from its own copy of the database, so every file the copied
 * index names is in the copy; files added after the database was copied belong to the next backup.
 */
export interface IndexedFile {
  path: string;
  /** The hash the index records (images), null where the index keeps none (renders). */
  sha256: string | null;
}

const hasTable = (db: Database, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** '/'-separated relative paths (renders were stored with the platform separator). */
export const portable = (relative: string) => relative.split(path.sep).join('/');

export function indexedFiles(db: Database): IndexedFile[] {
  const files: IndexedFile[] = [];
  if (hasTable(db, 'dicom_instances'))
    for (const r of db
      .prepare('SELECT DISTINCT stored_path AS path, file_hash AS sha256 FROM dicom_instances ORDER BY stored_path')
      .all() as IndexedFile[])
      files.push(r);
  if (hasTable(db, 'key_images'))
    for (const p of db
      .prepare('SELECT DISTINCT render_path FROM key_images ORDER BY render_path')
      .pluck()
      .all() as string[])
      files.push({ path: portable(p), sha256: null });
  return files;
}

/**
 * A relative path from a manifest or an index, refused if it could reach outside its folder (an absolute path,
 * '..'): a tampered manifest must not make a restore write or read elsewhere.
 */
export function safeRelative(relative: string): string {
  const parts = relative.split('/');
  if (
    relative === '' ||
    path.isAbsolute(relative) ||
    /^[a-zA-Z]:/.test(relative) ||
    parts.some((p) => p === '..' || p === '')
  )
    throw new Error(`${relative}: not a path inside the backup`);
  return path.join(...parts);
}

/** Copies one file (a real copy: never a link or a clone sharing blocks) owner-only, and describes the copy. */
export function copyPrivate(from: string, to: string, relative: string): ManifestFile {
  makePrivateDir(path.dirname(to));
  copyFileSync(from, to);
  if (posixModes()) chmodSync(to, PRIVATE_FILE_MODE);
  return { path: relative, size: statSync(to).size, sha256: sha256File(to) };
}

/** Whether a folder is missing or empty (what a restore may write into). */
export function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0);
}
