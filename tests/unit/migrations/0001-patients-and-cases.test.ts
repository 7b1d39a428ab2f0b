import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { schemaVersion } from '../../../electron/db/migrate';
import { tempDataDir } from '../helpers/temp';

describe('migration 0001: patients and cases', () => {
  it('creates STRICT patients and cases tables with a case-insensitive unique MRN', () => {
    const db = openDatabase(tempDataDir(), { migrateTo: 1 });
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
      sql: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['cases', 'patients']));
    for (const t of tables.filter((t) => ['cases', 'patients'].includes(t.name))) expect(t.sql).toMatch(/\)\s*STRICT$/);

    const insert = db.prepare(
      "INSERT INTO patients (family_name, given_names, mrn, date_of_birth, sex) VALUES ('A', 'B', ?, '1970-01-01', 'male')",
    );
    insert.run('ab-1');
    expect(() => insert.run('AB-1')).toThrow(/UNIQUE/);
    db.close();
  });

  it('rejects values the app would never write: bad status, sex, ECOG, dates, and cases without a patient', () => {
    const db = openDatabase(tempDataDir(), { migrateTo: 1 });
    const pid = db
      .prepare(
        "INSERT INTO patients (family_name, given_names, mrn, date_of_birth, sex) VALUES ('A', 'B', 'M1', '1970-01-01', 'male')",
      )
      .run().lastInsertRowid;
    const insertCase = (patientId: number | bigint, status: string, ecog: unknown) =>
      db
        .prepare(
          `INSERT INTO cases (patient_id, consultant_name, consultant_contact, tumour_site, site_chapter, working_diagnosis,
             board_question, ecog, status, created_at, updated_at)
           VALUES (?, 'c', 'c', 's', 'retroperitoneum', 'd', 'q', ?, ?, 'now', 'now')`,
        )
        .run(patientId, ecog, status);
    expect(() => insertCase(pid, 'draft', 2)).not.toThrow();
    expect(() => insertCase(pid, 'pending', 2)).toThrow(/CHECK/);
    expect(() => insertCase(pid, 'draft', 5)).toThrow(/CHECK/);
    expect(() => insertCase(pid, 'draft', 'two')).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insertCase(999, 'draft', 1)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO patients (family_name, given_names, mrn, date_of_birth, sex) VALUES ('A', 'B', 'M2', '3/4/1970', 'male')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
