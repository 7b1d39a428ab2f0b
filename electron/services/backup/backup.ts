import { chmodSync, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  countsOf,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  readAuditHead,
  sha256File,
  type BackupManifest,
  type ManifestFile,
} from '../../db/backup-manifest';
import { makePrivateDir, posixModes, PRIVATE_FILE_MODE } from '../../db/file-modes';
import { DATABASE_FILE, type Db } from '../../db/open';
import { schemaVersion } from '../../db/migrate';
import { BACKUPS_DIR, stampOf } from '../../db/pre-migration-backup';
import { recordEvent } from '../audit/audit-events';
import { DomainError } from '../errors';
import { copyPrivate, indexedFiles, safeRelative } from './backup-files';

export const BACKUP_PREFIX = 'boardprep-backup-';

export interface BackupResult {
  /** The new backup folder. */
  folder: string;
  createdAt: string;
  files: number;
  bytes: number;
  counts: BackupManifest['counts'];
  auditHead: BackupManifest['auditHead'];
  seconds: number;
}

export interface BackupOptions {
  appVersion: string;
  now?: Date;
}

/** A backup inside the data folder would be copied into the next one; only its own backups/ folder may hold them. */
function refuseInsideDataFolder(dataDir: string, toDir: string): void {
  const rel = path.relative(path.resolve(dataDir), path.resolve(toDir));
  const inside = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  if (inside && rel.split(path.sep)[0] !== BACKUPS_DIR)
    throw new DomainError(
      'invalid-input',
      `Choose a backup folder outside the data folder ${dataDir} (a backup belongs on another disk)`,
      'dir',
    );
}

/** The first free name for a backup made at `now` (two in one second get -2, -3). */
function folderName(toDir: string, now: Date): string {
  const base = `${BACKUP_PREFIX}${stampOf(now)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(path.join(toDir, name))) return name;
  }
}

/**
 * Writes a consistent copy of a data folder while the app may be running: the database through SQLite's online
 * backup (a snapshot; other connections keep writing meanwhile), then every file that copy indexes (the image
 * store and the key-image renders), each checked against the hash the index holds, and a manifest of every file
 * with its SHA-256. Everything is written in a temporary folder inside `toDir` and renamed into place at the end:
 * a folder named boardprep-backup-* is always whole. Exports and logs are not copied (they are made from the
 * record, and hold nothing the record does not).
 */
export async function backup(dataDir: string, db: Db, toDir: string, options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  refuseInsideDataFolder(dataDir, toDir);
  try {
    makePrivateDir(toDir);
  } catch (err) {
    throw new DomainError('invalid-input', `Cannot use ${toDir} for backups: ${(err as Error).message}`, 'dir');
  }
  const name = folderName(toDir, now);
  const temp = path.join(toDir, `.${name}.partial-${process.pid}`);
  const final = path.join(toDir, name);
  rmSync(temp, { recursive: true, force: true });
  makePrivateDir(temp);
  try {
    const dbCopy = path.join(temp, DATABASE_FILE);
    // After a first step of 100 pages, the rest in one step: a step holds a read snapshot, so the copy is consistent,
    // and a write by another connection between steps (which restarts the backup) cannot starve it.
    await db.backup(dbCopy, { progress: () => 0x7fffffff });
    // The copy stands alone: one file (no -wal to carry along), and read from here on for what to copy.
    const copy = new Database(dbCopy);
    let manifest: BackupManifest;
    try {
      copy.pragma('journal_mode = DELETE');
      manifest = {
        format: MANIFEST_FORMAT,
        formatVersion: 1,
        kind: 'backup',
        appVersion: options.appVersion,
        schemaVersion: schemaVersion(copy),
        createdAt: now.toISOString(),
        auditHead: readAuditHead(copy),
        counts: countsOf(copy),
        scope: 'everything',
        files: [],
      };
      for (const f of indexedFiles(copy)) {
        const from = path.join(dataDir, safeRelative(f.path));
        if (!existsSync(from))
          throw new DomainError(
            'conflict',
            `${f.path} is indexed but missing from the data folder (removed while the backup ran?): nothing was kept; run the backup again`,
          );
        const entry = copyPrivate(from, path.join(temp, safeRelative(f.path)), f.path);
        if (f.sha256 !== null && entry.sha256 !== f.sha256)
          throw new DomainError(
            'conflict',
            `${f.path} does not hold what the index says (its SHA-256 differs): the image store is damaged there`,
          );
        manifest.files.push(entry);
      }
    } finally {
      copy.close();
    }
    if (posixModes()) chmodSync(dbCopy, PRIVATE_FILE_MODE);
    const dbEntry: ManifestFile = { path: DATABASE_FILE, size: statSync(dbCopy).size, sha256: sha256File(dbCopy) };
    manifest.files.unshift(dbEntry);
    writeFileSync(path.join(temp, MANIFEST_FILE), JSON.stringify(manifest, null, 2), { mode: PRIVATE_FILE_MODE });
    renameSync(temp, final);
    const result: BackupResult = {
      folder: final,
      createdAt: manifest.createdAt,
      files: manifest.files.length,
      bytes: manifest.files.reduce((n, f) => n + f.size, 0),
      counts: manifest.counts,
      auditHead: manifest.auditHead,
      seconds: Math.round(performance.now() - started) / 1000,
    };
    recordEvent(db, {
      action: 'backup',
      entity: 'data-folder',
      detail: `Backup written to ${final}: ${result.files} files, ${result.counts.cases} cases, ${result.counts.images} images`,
      facts: { folder: final, files: result.files, bytes: result.bytes, auditHead: result.auditHead },
    });
    return result;
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
}
