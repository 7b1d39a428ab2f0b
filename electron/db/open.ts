import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { registerAuditFunctions } from './audit-functions';
import { secureDatabaseFiles, secureDataFolder, touchPrivateFile } from './file-modes';
import { migrate, schemaVersion } from './migrate';
import { cacheStatements } from './statement-cache';
import { backupBeforeMigration } from './pre-migration-backup';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Electron cannot load the Node build of better-sqlite3; it passes the binding built for its own ABI. */
  nativeBinding?: string;
  /** Tests stop at a given schema version to check one migration at a time. */
  migrateTo?: number;
  /** Lines for the log: permissions tightened, the copy made before a migration. */
  notice?: (line: string) => void;
}

export const DATABASE_FILE = 'boardprep.db';

/** Opens (creating if needed) the case database of a data folder and brings its schema up to date. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  const notice = options.notice ?? (() => {});
  // Owner-only (0700/0600, issue 12 item 13): tightens what an older version or a copy left wide open.
  const tightened = secureDataFolder(dataDir);
  if (tightened.length > 0) notice(`Made private to this user (owner-only): ${tightened.join('; ')}`);
  const file = path.join(dataDir, DATABASE_FILE);
  // Created 0600 before SQLite opens it: the -wal and -shm files SQLite makes take the main file's mode.
  if (!existsSync(file)) touchPrivateFile(file);
  const db = new Database(file, { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    secureDatabaseFiles(dataDir);
    db.pragma('foreign_keys = ON');
    // WAL with synchronous=NORMAL is durable across application crashes; only a power cut may lose the last commit.
    db.pragma('synchronous = NORMAL');
    // A writer waits up to 5 s for another connection's write to end (write transactions take the lock at BEGIN:
    // writeTransaction in ./transaction.ts, so the wait applies to them too).
    db.pragma('busy_timeout = 5000');
    // Deleted content (a removed case, a replaced report) is overwritten with zeros, not left in free pages.
    db.pragma('secure_delete = ON');
    registerAuditFunctions(db);
    const from = schemaVersion(db);
    const to = options.migrateTo ?? MIGRATIONS.length;
    // A copy of the database as it was, before a migration changes it (issue 12 item 12).
    const copy = backupBeforeMigration(db, dataDir, from, to);
    if (copy) notice(`Copied the database before migrating it from schema ${from} to ${to}: ${copy}`);
    migrate(db, MIGRATIONS, options.migrateTo);
    cacheStatements(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
