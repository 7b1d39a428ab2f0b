import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { expectStrictTables, insertRow, migrateOneStep, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

describe('migration 0008: patient-mismatch prompts', () => {
  it('upgrades a version 7 database with cases and images: the prompts table added, everything else unchanged', () => {
    expect(MIGRATIONS[7]).toMatchObject({ version: 8, name: 'patient-mismatch prompts' });
    let seeded: ReturnType<typeof seedThrough> | undefined;
    const { db, added } = migrateOneStep(tempDataDir(), 7, (v7) => {
      seeded = seedThrough(v7, 5);
    });
    expect(added.sort()).toEqual(['dicom_attach_prompts', 'dicom_attach_prompts_study']);
    expectStrictTables(db, ['dicom_attach_prompts'], { withoutRowid: true });
    // No question is invented for studies imported before: only an import from now on asks.
    expect(db.prepare('SELECT count(*) FROM dicom_attach_prompts').pluck().get()).toBe(0);

    const [caseId, otherCase] = seeded!.caseIds;
    const studyId = db.prepare('SELECT id FROM dicom_studies').pluck().get() as number;
    const ask = (c: number, s: number) =>
      insertRow(db, 'dicom_attach_prompts', {
        case_id: c,
        study_id: s,
        import_id: seeded!.importId,
        created_at: '2026-12-03T08:00:00Z',
      });
    ask(caseId, studyId);
    ask(otherCase, studyId);
    // One question per case and study; both must exist.
    expect(() => ask(caseId, studyId)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => ask(caseId, 999)).toThrow(/FOREIGN KEY/);
    // A purged study takes its questions with it.
    db.prepare('DELETE FROM annotations').run();
    db.prepare('DELETE FROM key_images').run();
    db.prepare('DELETE FROM dicom_studies WHERE id = ?').run(studyId);
    expect(db.prepare('SELECT count(*) FROM dicom_attach_prompts').pluck().get()).toBe(0);
    db.close();
  });
});
