import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import * as sql from '../../../electron/services/dicom/dicom-sql';
import { tempDataDir } from '../helpers/temp';

describe('migration 0006: image store claims', () => {
  it('upgrades a version 5 database with an import in it: claims table added, import log untouched', () => {
    const dir = tempDataDir();
    const v5 = openDatabase(dir, { migrateTo: 5 });
    const importId = sql.insertImport(v5, { startedAt: '2026-12-01T10:00:00Z', caseId: null, source: '[]', pid: 1 });
    v5.close();

    const db = openDatabase(dir, { migrateTo: 6 });
    expect(schemaVersion(db)).toBe(6);
    expect(MIGRATIONS[5]).toMatchObject({ version: 6, name: 'image store claims' });
    const table = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'dicom_store_claims'").pluck().get() as string;
    expect(table).toMatch(/STRICT, WITHOUT ROWID\s*$/);
    expect(sql.getImport(db, importId)).toMatchObject({ status: 'running', process_id: 1 });

    const claim = db.prepare('INSERT INTO dicom_store_claims (file_hash, import_id) VALUES (?, ?)');
    claim.run('a'.repeat(64), importId);
    // One claim per file and import; a hash is 64 characters; the import must exist.
    expect(() => claim.run('a'.repeat(64), importId)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => claim.run('abc', importId)).toThrow(/CHECK/);
    expect(() => claim.run('b'.repeat(64), importId + 1)).toThrow(/FOREIGN KEY/);
    // An import's claims go with its log row.
    db.prepare('DELETE FROM dicom_imports WHERE id = ?').run(importId);
    expect(db.prepare('SELECT count(*) FROM dicom_store_claims').pluck().get()).toBe(0);
    db.close();
  });
});
