import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { CaseInput } from '../../../shared/domain/case';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';

const TABLES = ['dicom_imports', 'dicom_rejections', 'dicom_studies', 'dicom_series', 'dicom_instances'];

function insertImport(db: ReturnType<typeof openDatabase>): number {
  return Number(
    db.prepare("INSERT INTO dicom_imports (started_at) VALUES ('2024-01-01T00:00:00Z')").run().lastInsertRowid,
  );
}

describe('migration 0002: imaging', () => {
  it('upgrades a version 1 database with cases in it: STRICT imaging tables added, cases untouched', () => {
    const dir = tempDataDir();
    const v1 = openDatabase(dir, { migrateTo: 1 });
    expect(schemaVersion(v1)).toBe(1);
    const created = new CasesService(v1).create(CaseInput.parse(caseInput()));
    v1.close();

    const db = openDatabase(dir, { migrateTo: 2 });
    expect(schemaVersion(db)).toBe(2);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    for (const name of TABLES) {
      const t = tables.find((x) => x.name === name);
      expect(t, name).toBeDefined();
      expect(t!.sql).toMatch(/\)\s*STRICT$/);
    }
    expect(new CasesService(db).get(created.id)).toEqual(created);
    db.close();
  });

  it('links studies to cases, series to studies and instances to series, with unique UIDs', () => {
    const db = openDatabase(tempDataDir(), { migrateTo: 2 });
    const caseId = new CasesService(db).create(CaseInput.parse(caseInput())).id;
    const importId = insertImport(db);
    const study = (uid: string, c: number | null) =>
      db
        .prepare("INSERT INTO dicom_studies (study_instance_uid, case_id, created_at) VALUES (?, ?, 'now')")
        .run(uid, c);
    const studyId = Number(study('1.2.3', caseId).lastInsertRowid);
    expect(() => study('1.2.3', null)).toThrow(/UNIQUE/);
    expect(() => study('1.2.4', 999)).toThrow(/FOREIGN KEY/);
    expect(() => study('1.2.5', null)).not.toThrow();

    const seriesId = Number(
      db.prepare('INSERT INTO dicom_series (series_instance_uid, study_id) VALUES (?, ?)').run('1.2.3.1', studyId)
        .lastInsertRowid,
    );
    expect(() =>
      db.prepare('INSERT INTO dicom_series (series_instance_uid, study_id) VALUES (?, ?)').run('1.2.3.2', 999),
    ).toThrow(/FOREIGN KEY/);

    const instance = (uid: string, series: number, hash = 'a'.repeat(64)) =>
      db
        .prepare(
          `INSERT INTO dicom_instances (sop_instance_uid, sop_class_uid, series_id, transfer_syntax_uid, file_hash, file_size,
             stored_path, imported_at, import_id, rows, image_position_patient)
           VALUES (?, '1.2.840.10008.5.1.4.1.1.2', ?, '1.2.840.10008.1.2.1', ?, 10, 'images/aa/aa/x.dcm', 'now', ?, 512, '[1,2,3]')`,
        )
        .run(uid, series, hash, importId);
    instance('1.2.3.1.1', seriesId);
    expect(() => instance('1.2.3.1.1', seriesId)).toThrow(/UNIQUE/);
    expect(() => instance('1.2.3.1.2', 999)).toThrow(/FOREIGN KEY/);
    expect(() => instance('1.2.3.1.3', seriesId, 'short')).toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE dicom_instances SET rows = 'many' WHERE sop_instance_uid = '1.2.3.1.1'").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.prepare("UPDATE dicom_imports SET status = 'paused' WHERE id = ?").run(importId)).toThrow(/CHECK/);

    const rejection = db.prepare('INSERT INTO dicom_rejections (import_id, path, reason) VALUES (?, ?, ?)');
    rejection.run(importId, '/x', 'not DICOM');
    expect(() => rejection.run(999, '/x', 'not DICOM')).toThrow(/FOREIGN KEY/);

    // Deleting a study takes its series and instances with it.
    db.prepare('DELETE FROM dicom_studies WHERE id = ?').run(studyId);
    expect(db.prepare('SELECT count(*) FROM dicom_instances').pluck().get()).toBe(0);
    db.close();
  });

  it('is registered as version 2, right after 0001', () => {
    expect(MIGRATIONS[1]).toMatchObject({ version: 2, name: 'imaging' });
    const db = openDatabase(tempDataDir(), { migrateTo: 1 });
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    db.close();
  });
});
