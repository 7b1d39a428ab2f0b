import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

/**
 * The manifest.json of a backup folder (boardprep backup, and the copy made before a schema migration): what it
 * is, what wrote it, the audit chain's head at the moment of the copy (an anchor kept outside the database: a
 * later rewrite of the chain cannot also move this), and every file with its size and SHA-256, so a restore can
 * prove the copy whole before it trusts it.
 */
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'boardprep-backup';

export interface ManifestFile {
  /** Relative to the backup folder, '/'-separated, as in the data folder. */
  path: string;
  size: number;
  sha256: string;
}

export interface AuditHead {
  lastId: number;
  lastHash: string;
  entries: number;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  formatVersion: 1;
  kind: 'backup' | 'pre-migration';
  /** The BoardPrep that wrote it (null where the database layer wrote it without knowing). */
  appVersion: string | null;
  schemaVersion: number;
  createdAt: string;
  auditHead: AuditHead | null;
  /** Counts of the copied database, for the report and a reader of the folder. */
  counts: { cases: number; images: number; renders: number };
  /** 'database only': a pre-migration copy (migrations never change the image store). */
  scope: 'everything' | 'database only';
  files: ManifestFile[];
}

/** SHA-256 of a file, read in 1 MB pieces (a study's files are small; the database may not be). */
export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** The audit chain's head, or null in a database from before the audit trail (schema < 7). */
export function readAuditHead(db: Database): AuditHead | null {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_head'").get();
  if (!hasTable) return null;
  const row = db.prepare('SELECT last_id, last_hash, entries FROM audit_head WHERE id = 1').get() as
    { last_id: number; last_hash: string; entries: number } | undefined;
  return row ? { lastId: row.last_id, lastHash: row.last_hash, entries: row.entries } : null;
}

const countOf = (db: Database, table: string, where = ''): number => {
  const has = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
  return has ? (db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n : 0;
};

export function countsOf(db: Database): BackupManifest['counts'] {
  return {
    cases: countOf(db, 'cases'),
    images: countOf(db, 'dicom_instances'),
    renders: countOf(db, 'key_images'),
  };
}
