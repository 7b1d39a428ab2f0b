import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readAuditHead, sha256File, type AuditHead, type BackupManifest } from '../../db/backup-manifest';
import { registerAuditFunctions } from '../../db/audit-functions';
import { makePrivateDir } from '../../db/file-modes';
import { MIGRATIONS } from '../../db/migrations';
import { schemaVersion } from '../../db/migrate';
import { DATABASE_FILE } from '../../db/open';
import { recordEvent } from '../audit/audit-events';
import { dateTime } from '../../../shared/dates';
import { DomainError } from '../errors';
import { copyPrivate, indexedFiles, isEmptyOrMissing, safeRelative } from './backup-files';
import { verifyBackup } from './verify';

export interface RestoreReport {
  dataDir: string;
  from: string;
  files: number;
  bytes: number;
  schemaVersion: number;
  counts: BackupManifest['counts'];
  /** The head the backup recorded, found in the restored chain. */
  auditHead: AuditHead | null;
  seconds: number;
}

/** The restored database checked read-only: SQLite's integrity check, the audit head, every indexed file. */
function checkRestored(dataDir: string, manifest: BackupManifest): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the database fails SQLite's integrity check (${String(integrity)})`);
    const version = schemaVersion(db);
    if (version !== manifest.schemaVersion)
      throw new Error(`the database is at schema ${version}, the manifest says ${manifest.schemaVersion}`);
    const head = readAuditHead(db);
    if (JSON.stringify(head) !== JSON.stringify(manifest.auditHead))
      throw new Error('the audit trail does not end where the manifest says it did');
    const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    for (const f of indexedFiles(db)) {
      const file = path.join(dataDir, safeRelative(f.path));
      if (!existsSync(file)) throw new Error(`${f.path} is indexed but not in the backup`);
      const hash = sha256File(file);
      if (hash !== (f.sha256 ?? listed.get(f.path)))
        throw new Error(`${f.path} does not hold what the ${f.sha256 ? 'index' : 'manifest'} says (SHA-256 differs)`);
    }
  } finally {
    db.close();
  }
}

/**
 * Restores a backup into a new data folder, which must be empty or not exist: the backup is verified first
 * (every file present with its hash), copied owner-only, then the restored database is opened read-only and
 * checked (integrity, audit head, every indexed file present with its hash). Only then is the restore itself
 * recorded in the restored audit trail, right after the head the backup anchored. On any failure what was written
 * is removed and the error names the first problem.
 */
export function restore(fromDir: string, newDataDir: string): RestoreReport {
  const started = performance.now();
  const from = path.resolve(fromDir);
  const target = path.resolve(newDataDir);
  if (!isEmptyOrMissing(target))
    throw new DomainError(
      'conflict',
      `${target} is not empty: restore only into a new or empty folder (nothing there was changed)`,
      'data',
    );
  const { manifest, files, bytes } = verifyBackup(from);
  if (manifest.schemaVersion > MIGRATIONS.length)
    throw new DomainError(
      'conflict',
      `The backup was written by a newer BoardPrep (schema ${manifest.schemaVersion}; this app knows up to ${MIGRATIONS.length}): update BoardPrep first`,
    );
  const existed = existsSync(target);
  try {
    makePrivateDir(target);
    for (const f of manifest.files) {
      const copied = copyPrivate(
        path.join(from, safeRelative(f.path)),
        path.join(target, safeRelative(f.path)),
        f.path,
      );
      if (copied.sha256 !== f.sha256) throw new Error(`${f.path} changed while it was copied (SHA-256 differs)`);
    }
    checkRestored(target, manifest);
    const db = new Database(path.join(target, DATABASE_FILE));
    try {
      registerAuditFunctions(db);
      if (manifest.auditHead)
        recordEvent(db, {
          action: 'restore',
          entity: 'data-folder',
          detail: `Restored from the backup ${from} (made ${dateTime(manifest.createdAt)})`,
          facts: { from, createdAt: manifest.createdAt, files, bytes, auditHead: manifest.auditHead },
        });
    } finally {
      db.close();
    }
  } catch (err) {
    // Leave the target as it was found: gone if restore made it, empty if it was empty.
    if (existed)
      for (const name of readdirSync(target)) rmSync(path.join(target, name), { recursive: true, force: true });
    else rmSync(target, { recursive: true, force: true });
    if (err instanceof DomainError) throw err;
    throw new DomainError('conflict', `The restore from ${from} failed and was undone: ${(err as Error).message}`);
  }
  return {
    dataDir: target,
    from,
    files,
    bytes,
    schemaVersion: manifest.schemaVersion,
    counts: manifest.counts,
    auditHead: manifest.auditHead,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}
