import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import type { Db } from '../../../electron/db/open';
import { expectStrictTables, insertRow, migrateOneStep, openAt, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

const TABLES = ['annotations', 'key_images', 'lesions'];

/** A version 3 database with the rows of versions 1 and 2: a case with one stored image. */
function atVersion3(): { db: Db; caseId: number; otherCaseId: number; sop: string } {
  const db = openAt(tempDataDir(), 3);
  const { caseIds, sopInstanceUid } = seedThrough(db, 2);
  return { db, caseId: caseIds[0], otherCaseId: caseIds[1], sop: sopInstanceUid! };
}

let annotationNo = 0;
const annotation = (db: Db, caseId: number, sop: string, cols: Record<string, unknown> = {}) =>
  insertRow(db, 'annotations', {
    id: `annotation-${++annotationNo}`,
    case_id: caseId,
    series_instance_uid: '1.2.826.0.1.1.1',
    sop_instance_uid: sop,
    frame: 0,
    tool: 'bidirectional',
    handles_json: '[[0,0],[10,0],[5,-3],[5,3]]',
    values_json: '{"longMm":10,"shortMm":6}',
    updated_at: 'now',
    ...cols,
  });
const keyImage = (db: Db, caseId: number, sop: string, cols: Record<string, unknown> = {}) =>
  insertRow(db, 'key_images', {
    case_id: caseId,
    sop_instance_uid: sop,
    frame: 0,
    caption: 'Mass',
    view_json: '{}',
    annotations_json: '[]',
    render_path: 'renders/x.png',
    created_at: 'now',
    ...cols,
  });
const lesion = (db: Db, caseId: number, cols: Record<string, unknown> = {}) =>
  insertRow(db, 'lesions', { case_id: caseId, label: 'Primary', source: 'typed', updated_at: 'now', ...cols });

describe('migration 0003: measurements, key images and lesions', () => {
  it('upgrades a version 2 database with a case and its images: STRICT tables added, everything else unchanged', () => {
    expect(MIGRATIONS[2]).toMatchObject({ version: 3, name: 'measurements, key images and lesions' });
    const { db, added } = migrateOneStep(tempDataDir(), 2, (v2) => seedThrough(v2, 2));
    expect(added.sort()).toEqual(
      ['annotations', 'annotations_case_series', 'key_images', 'key_images_case', 'lesions', 'lesions_case'].sort(),
    );
    expectStrictTables(db, TABLES);
    db.close();
  });

  it('gives a new key image and lesion their defaults', () => {
    const { db, caseId, sop } = atVersion3();
    const k = keyImage(db, caseId, sop);
    expect(db.prepare('SELECT position FROM key_images WHERE id = ?').pluck().get(k)).toBe(0);
    const l = lesion(db, caseId);
    expect(db.prepare('SELECT * FROM lesions WHERE id = ?').get(l)).toMatchObject({
      long_cm: null,
      short_cm: null,
      craniocaudal_cm: null,
      study_date: null,
      note: '',
    });
    db.close();
  });

  it('measurements: on a stored image of an existing case, a known tool, a frame, valid JSON, one row per id', () => {
    const { db, caseId, sop } = atVersion3();
    annotation(db, caseId, sop, { id: 'm-1' });
    expect(() => annotation(db, caseId, sop, { id: 'm-1' })).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => annotation(db, caseId, '1.2.999')).toThrow(/FOREIGN KEY/);
    expect(() => annotation(db, 999, sop)).toThrow(/FOREIGN KEY/);
    expect(() => annotation(db, caseId, sop, { tool: 'angle' })).toThrow(/CHECK/);
    expect(() => annotation(db, caseId, sop, { frame: -1 })).toThrow(/CHECK/);
    expect(() => annotation(db, caseId, sop, { frame: 'first' })).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => annotation(db, caseId, sop, { handles_json: '[[0,0]' })).toThrow(/CHECK/);
    expect(() => annotation(db, caseId, sop, { values_json: 'ten mm' })).toThrow(/CHECK/);
    for (const tool of ['length', 'bidirectional', 'ellipse'])
      expect(() => annotation(db, caseId, sop, { tool })).not.toThrow();
    db.close();
  });

  it('key images: on a stored image of an existing case, with valid view and measurements JSON', () => {
    const { db, caseId, sop } = atVersion3();
    expect(() => keyImage(db, caseId, sop)).not.toThrow();
    expect(() => keyImage(db, caseId, '1.2.999')).toThrow(/FOREIGN KEY/);
    expect(() => keyImage(db, 999, sop)).toThrow(/FOREIGN KEY/);
    expect(() => keyImage(db, caseId, sop, { frame: -1 })).toThrow(/CHECK/);
    expect(() => keyImage(db, caseId, sop, { view_json: '{zoom' })).toThrow(/CHECK/);
    expect(() => keyImage(db, caseId, sop, { annotations_json: '' })).toThrow(/CHECK/);
    db.close();
  });

  it('lesions: positive sizes in cm, measured or typed', () => {
    const { db, caseId } = atVersion3();
    expect(() =>
      lesion(db, caseId, { long_cm: 9.5, short_cm: 6, craniocaudal_cm: 11, source: 'measured' }),
    ).not.toThrow();
    expect(() => lesion(db, caseId, { long_cm: 0 })).toThrow(/CHECK/);
    expect(() => lesion(db, caseId, { short_cm: -2 })).toThrow(/CHECK/);
    expect(() => lesion(db, caseId, { craniocaudal_cm: 0 })).toThrow(/CHECK/);
    expect(() => lesion(db, caseId, { long_cm: '9 cm' })).toThrow(/cannot store TEXT value in REAL column/);
    expect(() => lesion(db, caseId, { source: 'guessed' })).toThrow(/CHECK/);
    expect(() => lesion(db, 999)).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('deleting a case removes its measurements, key images and lesions, and leaves those of other cases', () => {
    const { db, caseId, otherCaseId, sop } = atVersion3();
    for (const c of [caseId, otherCaseId]) {
      annotation(db, c, sop);
      keyImage(db, c, sop);
      lesion(db, c);
    }
    db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
    for (const t of TABLES) expect(db.prepare(`SELECT case_id FROM ${t}`).pluck().all(), t).toEqual([otherCaseId]);
    db.close();
  });

  it('an image that measurements or key images are on cannot leave the index', () => {
    const { db, caseId, sop } = atVersion3();
    annotation(db, caseId, sop);
    const remove = () => db.prepare('DELETE FROM dicom_instances WHERE sop_instance_uid = ?').run(sop);
    expect(remove).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM annotations').run();
    keyImage(db, caseId, sop);
    expect(remove).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM key_images').run();
    expect(remove).not.toThrow();
    db.close();
  });
});
