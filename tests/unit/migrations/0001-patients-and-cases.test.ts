import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { expectStrictTables, insertRow, migrateOneStep, openAt, seedV1 } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

const patient = (cols: Record<string, unknown> = {}) => ({
  family_name: 'A',
  given_names: 'B',
  mrn: 'M1',
  date_of_birth: '1970-01-01',
  sex: 'male',
  ...cols,
});

describe('migration 0001: patients and cases', () => {
  it('creates STRICT patients and cases tables on an empty database, with the defaults a new case gets', () => {
    expect(MIGRATIONS[0]).toMatchObject({ version: 1, name: 'patients and cases' });
    const { db, added } = migrateOneStep(tempDataDir(), 0, () => {});
    expect(added).toEqual(
      expect.arrayContaining(['cases', 'patients', 'patients_mrn', 'cases_patient', 'cases_updated']),
    );
    expectStrictTables(db, ['patients', 'cases']);

    const { caseIds } = seedV1(db);
    expect(db.prepare('SELECT * FROM cases WHERE id = ?').get(caseIds[1])).toMatchObject({
      referring_hospital: '',
      clinical_history: '',
      ecog: null,
      comorbidities: '',
      patient_knowledge: '',
      status: 'draft',
      version: 1,
    });
    db.close();
  });

  it('keeps MRNs unique regardless of case', () => {
    const db = openAt(tempDataDir(), 1);
    insertRow(db, 'patients', patient({ mrn: 'ab-1' }));
    expect(() => insertRow(db, 'patients', patient({ mrn: 'AB-1' }))).toThrow(/UNIQUE/);
    db.close();
  });

  it('rejects values the app would never write: bad status, sex, ECOG, dates, and cases without a patient', () => {
    const db = openAt(tempDataDir(), 1);
    const pid = insertRow(db, 'patients', patient());
    const insertCase = (patientId: number, status: string, ecog: unknown) =>
      insertRow(db, 'cases', {
        patient_id: patientId,
        consultant_name: 'c',
        consultant_contact: 'c',
        tumour_site: 's',
        site_chapter: 'retroperitoneum',
        working_diagnosis: 'd',
        board_question: 'q',
        ecog,
        status,
        created_at: 'now',
        updated_at: 'now',
      });
    expect(() => insertCase(pid, 'draft', 2)).not.toThrow();
    expect(() => insertCase(pid, 'pending', 2)).toThrow(/CHECK/);
    expect(() => insertCase(pid, 'draft', 5)).toThrow(/CHECK/);
    expect(() => insertCase(pid, 'draft', 'two')).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insertCase(999, 'draft', 1)).toThrow(/FOREIGN KEY/);
    expect(() => insertRow(db, 'patients', patient({ mrn: 'M2', date_of_birth: '3/4/1970' }))).toThrow(/CHECK/);
    expect(() => insertRow(db, 'patients', patient({ mrn: 'M3', sex: 'f' }))).toThrow(/CHECK/);
    // A patient with a case cannot be deleted (RESTRICT).
    expect(() => db.prepare('DELETE FROM patients WHERE id = ?').run(pid)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
