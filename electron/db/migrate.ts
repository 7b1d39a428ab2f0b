import type { Database } from 'better-sqlite3';
import { writeTransaction } from './transaction';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This database was written by a newer BoardPrep (schema version ${found}; this app knows up to ${known}). ` +
        'Update BoardPrep, or open another data folder. Nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `upTo` (default: latest). All pending migrations run in one transaction together
 * with the `user_version` bump, so a failure leaves the database exactly as it was.
 */
export function migrate(db: Database, migrations: readonly Migration[], upTo?: number): number {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const target = upTo ?? latest;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  if (!migrations.some((m) => m.version > current && m.version <= target)) return current;
  return writeTransaction(db, () => {
    // Read again under the write lock: another process opening the same data folder may have migrated meanwhile.
    const locked = schemaVersion(db);
    if (locked > latest) throw new DatabaseTooNewError(locked, latest);
    const pending = migrations.filter((m) => m.version > locked && m.version <= target);
    if (pending.length === 0) return locked;
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${target}`);
    return target;
  });
}
