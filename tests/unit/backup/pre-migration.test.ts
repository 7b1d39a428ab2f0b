import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, type BackupManifest } from '../../../electron/db/backup-manifest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { backupBeforeMigration, KEEP_PRE_MIGRATION } from '../../../electron/db/pre-migration-backup';
import { restore } from '../../../electron/services/backup/restore';
import { openAt, seedV1 } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

/** The schema a data folder has once opened: the last migration's number. */
const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version;

describe('the copy made before a schema migration', () => {
  it('holds the database as it was (version 6, with its rows) and can be restored', () => {
    const dataDir = tempDataDir();
    const old = openAt(dataDir, 6);
    seedV1(old);
    const patients = old.prepare('SELECT count(*) FROM patients').pluck().get();
    old.close();

    const notices: string[] = [];
    openDatabase(dataDir, { notice: (l) => notices.push(l) }).close();
    const copies = readdirSync(path.join(dataDir, 'backups'));
    expect(copies).toEqual([
      expect.stringMatching(new RegExp(`^pre-migration-v6-to-v${LATEST}-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d$`)),
    ]);
    expect(notices.join('\n')).toContain(`Copied the database before migrating it from schema 6 to ${LATEST}`);
    const folder = path.join(dataDir, 'backups', copies[0]);
    const manifest = JSON.parse(readFileSync(path.join(folder, MANIFEST_FILE), 'utf8')) as BackupManifest;
    expect(manifest).toMatchObject({ kind: 'pre-migration', schemaVersion: 6, scope: 'database only' });
    const copy = new Database(path.join(folder, 'boardprep.db'), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(6);
    expect(copy.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(patients);
    copy.close();

    // Opening again (nothing pending) copies nothing more.
    openDatabase(dataDir).close();
    expect(readdirSync(path.join(dataDir, 'backups'))).toHaveLength(1);

    const restored = path.join(tempDataDir(), 'v6');
    expect(restore(folder, restored)).toMatchObject({ schemaVersion: 6, counts: { cases: 2 } });
  });

  it('is not made for a new or empty database, and only the last few are kept', () => {
    const fresh = tempDataDir();
    openDatabase(fresh).close();
    expect(existsSync(path.join(fresh, 'backups'))).toBe(false);
    const empty = tempDataDir();
    openAt(empty, 6).close();
    openDatabase(empty).close();
    expect(existsSync(path.join(empty, 'backups'))).toBe(false);

    const dataDir = tempDataDir();
    const db = openAt(dataDir, 6);
    seedV1(db);
    for (let i = 0; i < KEEP_PRE_MIGRATION + 2; i++)
      backupBeforeMigration(db, dataDir, 6, 7, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    db.close();
    const kept = readdirSync(path.join(dataDir, 'backups')).sort();
    expect(kept).toHaveLength(KEEP_PRE_MIGRATION);
    expect(kept[kept.length - 1]).toMatch(/T00-00-06$/);
  });
});
