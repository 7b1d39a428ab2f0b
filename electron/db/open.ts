import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { registerAuditFunctions } from './audit-functions';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Electron cannot load the Node build of better-sqlite3; it passes the binding built for its own ABI. */
  nativeBinding?: string;
  /** Tests stop at a given schema version to check one migration at a time. */
  migrateTo?: number;
}

export const DATABASE_FILE = 'boardprep.db';

/** Opens (creating if needed) the case database of a data folder and brings its schema up to date. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // WAL with synchronous=NORMAL is durable across application crashes; only a power cut may lose the last commit.
    db.pragma('synchronous = NORMAL');
    // A writer waits up to 5 s for another connection's write to end (write transactions take the lock at BEGIN:
    // writeTransaction in ./transaction.ts, so the wait applies to them too).
    db.pragma('busy_timeout = 5000');
    // Deleted content (a removed case, a replaced report) is overwritten with zeros, not left in free pages.
    db.pragma('secure_delete = ON');
    registerAuditFunctions(db);
    migrate(db, MIGRATIONS, options.migrateTo);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
