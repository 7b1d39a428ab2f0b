import type { Database } from 'better-sqlite3';

/**
 * Runs `fn` in a write transaction that takes the database's write lock at BEGIN (BEGIN IMMEDIATE).
 *
 * Every transaction that writes goes through here. A plain (deferred) transaction starts as a reader and asks for
 * the write lock at its first write; if another connection (the CLI, a second window, the web host) committed in
 * between, SQLite cannot upgrade it and answers SQLITE_BUSY at once, without waiting on busy_timeout. Taking the
 * lock at BEGIN makes a writer wait its turn instead. Inside another transaction it becomes a savepoint.
 */
export function writeTransaction<T>(db: Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}
