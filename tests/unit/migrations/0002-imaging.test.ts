import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { expectStrictTables, insertRow, migrateOneStep, openAt, seedV1, seedV2 } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

const TABLES = ['dicom_imports', 'dicom_rejections', 'dicom_studies', 'dicom_series', 'dicom_instances'];

const instanceRow = (uid: string, seriesId: number, importId: number, cols: Record<string, unknown> = {}) => ({
  sop_instance_uid: uid,
  sop_class_uid: '1.2.840.10008.5.1.4.1.1.2',
  series_id: seriesId,
  transfer_syntax_uid: '1.2.840.10008.1.2.1',
  file_hash: 'a'.repeat(64),
  file_size: 10,
  stored_path: 'images/aa/aa/x.dcm',
  imported_at: 'now',
  import_id: importId,
  rows: 512,
  image_position_patient: '[1,2,3]',
  ...cols,
});

describe('migration 0002: imaging', () => {
  it('upgrades a version 1 database with cases in it: STRICT imaging tables added, patients and cases unchanged', () => {
    expect(MIGRATIONS[1]).toMatchObject({ version: 2, name: 'imaging' });
    const { db, added } = migrateOneStep(tempDataDir(), 1, seedV1);
    expect(added).toEqual(expect.arrayContaining(TABLES));
    expectStrictTables(db, TABLES);
    db.close();
  });

  it('gives a new import and instance their defaults', () => {
    const db = openAt(tempDataDir(), 2);
    const importId = insertRow(db, 'dicom_imports', { started_at: '2024-01-01T00:00:00Z' });
    expect(db.prepare('SELECT * FROM dicom_imports WHERE id = ?').get(importId)).toMatchObject({
      finished_at: null,
      status: 'running',
      case_id: null,
      scanned: 0,
      imported: 0,
      duplicates: 0,
      rejected: 0,
      bytes_stored: 0,
      source: '[]',
      error: null,
      process_id: null,
    });
    const studyId = insertRow(db, 'dicom_studies', { study_instance_uid: '1.2.3', created_at: 'now' });
    const seriesId = insertRow(db, 'dicom_series', { series_instance_uid: '1.2.3.1', study_id: studyId });
    const instanceId = insertRow(db, 'dicom_instances', instanceRow('1.2.3.1.1', seriesId, importId));
    expect(db.prepare('SELECT number_of_frames FROM dicom_instances WHERE id = ?').pluck().get(instanceId)).toBe(1);
    db.close();
  });

  it('links studies to cases, series to studies and instances to series, with unique UIDs', () => {
    const db = openAt(tempDataDir(), 2);
    const caseId = seedV1(db).caseIds[0];
    const importId = insertRow(db, 'dicom_imports', { started_at: '2024-01-01T00:00:00Z', case_id: caseId });
    const study = (uid: string, c: number | null) =>
      insertRow(db, 'dicom_studies', { study_instance_uid: uid, case_id: c, created_at: 'now' });
    const studyId = study('1.2.3', caseId);
    expect(() => study('1.2.3', null)).toThrow(/UNIQUE/);
    expect(() => study('1.2.4', 999)).toThrow(/FOREIGN KEY/);
    expect(() => study('1.2.5', null)).not.toThrow();

    const series = (uid: string, s: number) => insertRow(db, 'dicom_series', { series_instance_uid: uid, study_id: s });
    const seriesId = series('1.2.3.1', studyId);
    expect(() => series('1.2.3.1', studyId)).toThrow(/UNIQUE/);
    expect(() => series('1.2.3.2', 999)).toThrow(/FOREIGN KEY/);

    const instance = (uid: string, s: number, cols: Record<string, unknown> = {}) =>
      insertRow(db, 'dicom_instances', instanceRow(uid, s, importId, cols));
    instance('1.2.3.1.1', seriesId);
    expect(() => instance('1.2.3.1.1', seriesId)).toThrow(/UNIQUE/);
    expect(() => instance('1.2.3.1.2', 999)).toThrow(/FOREIGN KEY/);
    expect(() => instance('1.2.3.1.3', seriesId, { file_hash: 'short' })).toThrow(/CHECK/);
    expect(() => instance('1.2.3.1.4', seriesId, { import_id: 999 })).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("UPDATE dicom_instances SET rows = 'many' WHERE sop_instance_uid = '1.2.3.1.1'").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.prepare("UPDATE dicom_imports SET status = 'paused' WHERE id = ?").run(importId)).toThrow(/CHECK/);

    const rejection = (i: number) =>
      insertRow(db, 'dicom_rejections', { import_id: i, path: '/x', reason: 'not DICOM' });
    rejection(importId);
    expect(() => rejection(999)).toThrow(/FOREIGN KEY/);
    // Deleting an import (one no image came from) takes its rejections with it.
    const empty = insertRow(db, 'dicom_imports', { started_at: '2024-01-02T00:00:00Z', status: 'failed' });
    rejection(empty);
    db.prepare('DELETE FROM dicom_imports WHERE id = ?').run(empty);
    expect(db.prepare('SELECT import_id FROM dicom_rejections').pluck().all()).toEqual([importId]);
    // An import that images came from cannot be deleted.
    expect(() => db.prepare('DELETE FROM dicom_imports WHERE id = ?').run(importId)).toThrow(/FOREIGN KEY/);

    // Deleting a study takes its series and instances with it.
    db.prepare('DELETE FROM dicom_studies WHERE id = ?').run(studyId);
    expect(db.prepare('SELECT count(*) FROM dicom_series').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM dicom_instances').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps the images and the import log of a deleted case, no longer attached to it', () => {
    const db = openAt(tempDataDir(), 2);
    const caseId = seedV1(db).caseIds[0];
    const { importId } = seedV2(db, caseId);
    db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
    expect(db.prepare('SELECT case_id FROM dicom_imports WHERE id = ?').pluck().get(importId)).toBeNull();
    expect(db.prepare('SELECT case_id FROM dicom_studies').pluck().all()).toEqual([null]);
    expect(db.prepare('SELECT count(*) FROM dicom_instances').pluck().get()).toBe(1);
    db.close();
  });

  it('runs on its own from version 1', () => {
    const db = openAt(tempDataDir(), 1);
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    db.close();
  });
});
