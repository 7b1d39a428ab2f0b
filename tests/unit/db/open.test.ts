import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, schemaVersion } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { DATABASE_FILE, openDatabase } from '../../../electron/db/open';
import { tempDataDir } from '../helpers/temp';

describe('opening the case database', () => {
  it('creates the file in the data folder with WAL, foreign keys and the latest schema', () => {
    const dir = path.join(tempDataDir(), 'nested', 'data');
    const db = openDatabase(dir);
    expect(db.name).toBe(path.join(dir, DATABASE_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database written by a newer BoardPrep, with a clear message, and leaves it untouched', () => {
    const dir = tempDataDir();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec('CREATE TABLE future_things (x INTEGER) STRICT');
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();

    expect(() => openDatabase(dir)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(dir)).toThrow(/newer BoardPrep \(schema version \d+; this app knows up to \d+\)/);
    const after = new Database(path.join(dir, DATABASE_FILE));
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    after.close();
  });

  it('rolls back every pending migration together when one fails', () => {
    const db = new Database(path.join(tempDataDir(), 'x.db'));
    const broken = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER) STRICT; INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('a', 'b')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses migrations that are not numbered 1, 2, 3... in order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', sql: '' }])).toThrow(/expected 1/);
    db.close();
  });
});
