import { chmodSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import {
  countsOf,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  readAuditHead,
  sha256File,
  type BackupManifest,
} from './backup-manifest';
import { makePrivateDir, posixModes, PRIVATE_FILE_MODE } from './file-modes';

export const BACKUPS_DIR = 'backups';
export const PRE_MIGRATION_PREFIX = 'pre-migration-';
/** Enough to step back over a few updates; older ones are removed (each is a whole database). */
export const KEEP_PRE_MIGRATION = 5;

/** A moment as a name part: 2026-12-03T10-42-00 (local-agnostic UTC, sortable, no ':' for Windows). */
export function stampOf(d: Date): string {
  return d.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** Tables only people fill (migrations seed settings rows, never these): a row in one is data to keep. */
const DATA_TABLES = ['patients', 'cases', 'meetings', 'users'];

/** Whether the database holds anything someone entered: a new or empty one has nothing to lose. */
function hasData(db: Database): boolean {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  return DATA_TABLES.some((t) => tables.has(t) && db.prepare(`SELECT EXISTS (SELECT 1 FROM ${t})`).pluck().get() === 1);
}

/**
 * Before migrating from `from` to `to`: a copy of the database (only: migrations never change the image store) in
 * <data>/backups/pre-migration-v<from>-to-v<to>-<stamp>/, with a manifest, so `boardprep restore` can bring the
 * old version back. VACUUM INTO is SQLite's synchronous consistent copy (this runs inside the synchronous open);
 * it is written in a temporary folder and renamed, so a copy under its final name is whole. Keeps the last
 * KEEP_PRE_MIGRATION. Answers the folder made, or null when there was nothing to copy.
 */
export function backupBeforeMigration(
  db: Database,
  dataDir: string,
  from: number,
  to: number,
  now: Date = new Date(),
): string | null {
  if (from === 0 || from >= to || !hasData(db)) return null;
  const root = path.join(dataDir, BACKUPS_DIR);
  makePrivateDir(root);
  const name = `${PRE_MIGRATION_PREFIX}v${from}-to-v${to}-${stampOf(now)}`;
  const temp = path.join(root, `.${name}.partial-${process.pid}`);
  const final = path.join(root, name);
  rmSync(temp, { recursive: true, force: true });
  makePrivateDir(temp);
  try {
    const file = path.join(temp, 'boardprep.db');
    db.prepare('VACUUM INTO ?').run(file);
    if (posixModes()) chmodSync(file, PRIVATE_FILE_MODE);
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      formatVersion: 1,
      kind: 'pre-migration',
      appVersion: null,
      schemaVersion: from,
      createdAt: now.toISOString(),
      auditHead: readAuditHead(db),
      counts: countsOf(db),
      scope: 'database only',
      files: [{ path: 'boardprep.db', size: statSync(file).size, sha256: sha256File(file) }],
    };
    writeFileSync(path.join(temp, MANIFEST_FILE), JSON.stringify(manifest, null, 2), { mode: PRIVATE_FILE_MODE });
    renameSync(temp, final);
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  prunePreMigration(root);
  return final;
}

function prunePreMigration(root: string): void {
  const copies = readdirSync(root)
    .filter((n) => n.startsWith(PRE_MIGRATION_PREFIX))
    .map((n) => ({ n, at: statSync(path.join(root, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at || b.n.localeCompare(a.n));
  for (const old of copies.slice(KEEP_PRE_MIGRATION)) rmSync(path.join(root, old.n), { recursive: true, force: true });
}
