import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { expectStrictTables, insertRow, migrateOneStep, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

describe('migration 0006: image store claims', () => {
  it('upgrades a version 5 database with imports, images and a meeting: claims table added, everything else unchanged', () => {
    expect(MIGRATIONS[5]).toMatchObject({ version: 6, name: 'image store claims' });
    let importId = 0;
    const { db, added } = migrateOneStep(tempDataDir(), 5, (v5) => {
      importId = seedThrough(v5, 5).importId!;
      // An import still running when the app was updated: its log row must survive as it was.
      insertRow(v5, 'dicom_imports', { started_at: '2026-12-01T10:00:00Z', source: '["/media/usb"]', process_id: 1 });
    });
    expect(added.sort()).toEqual(['dicom_store_claims', 'dicom_store_claims_import']);
    expectStrictTables(db, ['dicom_store_claims'], { withoutRowid: true });
    // No claims are invented for files already in the store: the index rows reference them.
    expect(db.prepare('SELECT count(*) FROM dicom_store_claims').pluck().get()).toBe(0);

    const claim = (hash: string, id: number) => insertRow(db, 'dicom_store_claims', { file_hash: hash, import_id: id });
    claim('a'.repeat(64), importId);
    // One claim per file and import; a hash is 64 characters; the import must exist.
    expect(() => claim('a'.repeat(64), importId)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => claim('abc', importId)).toThrow(/CHECK/);
    expect(() => claim('b'.repeat(64), 999)).toThrow(/FOREIGN KEY/);
    // An import's claims go with its log row, and only its own.
    const running = db.prepare("SELECT id FROM dicom_imports WHERE status = 'running'").pluck().get() as number;
    claim('c'.repeat(64), running);
    db.prepare('DELETE FROM dicom_imports WHERE id = ?').run(running);
    expect(db.prepare('SELECT import_id FROM dicom_store_claims').pluck().all()).toEqual([importId]);
    db.close();
  });
});
