import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { openDatabase, type Db } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { CaseInput } from '../../../shared/domain/case';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';

const TABLES = [
  'pathology_reports',
  'pathology_ihc',
  'pathology_molecular',
  'staging_inputs',
  'readiness_ticks',
  'readiness_settings',
  'case_plans',
  'case_events',
  'ready_overrides',
];

function report(db: Db, caseId: number, cols: Record<string, unknown> = {}) {
  const row = {
    case_id: caseId,
    procedure: 'core-needle-biopsy',
    specimen_date: '2026-10-08',
    created_at: 'now',
    updated_at: 'now',
    ...cols,
  };
  const names = Object.keys(row);
  return db
    .prepare(`INSERT INTO pathology_reports (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`)
    .run(row);
}

describe('migration 0004: clinical record', () => {
  it('upgrades a version 3 database with a case in it: STRICT tables added, default settings row, case untouched', () => {
    const dir = tempDataDir();
    const v3 = openDatabase(dir, { migrateTo: 3 });
    const created = new CasesService(v3).create(CaseInput.parse(caseInput()));
    v3.close();

    const db = openDatabase(dir, { migrateTo: 4 });
    expect(schemaVersion(db)).toBe(4);
    expect(MIGRATIONS[3]).toMatchObject({ version: 4, name: 'clinical record' });
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    for (const name of TABLES) {
      const t = tables.find((x) => x.name === name);
      expect(t, name).toBeDefined();
      expect(t!.sql).toMatch(/\)\s*STRICT$/);
    }
    expect(db.prepare('SELECT stale_weeks FROM readiness_settings').all()).toEqual([{ stale_weeks: 8 }]);
    expect(new CasesService(db).get(created.id)).toEqual(created);
    db.close();
  });

  it('rejects what the app never writes, and deleting a case removes its clinical record', () => {
    const db = openDatabase(tempDataDir(), { migrateTo: 4 });
    const caseId = new CasesService(db).create(CaseInput.parse(caseInput())).id;

    const id = Number(report(db, caseId).lastInsertRowid);
    expect(() => report(db, caseId, { procedure: 'fine-needle' })).toThrow(/CHECK/);
    expect(() => report(db, caseId, { specimen_date: '8/10/2026' })).toThrow(/CHECK/);
    expect(() => report(db, caseId, { differentiation: 4 })).toThrow(/CHECK/);
    expect(() => report(db, caseId, { necrosis_percent: 120 })).toThrow(/CHECK/);
    expect(() => report(db, caseId, { mitoses_per_10hpf: -1 })).toThrow(/CHECK/);
    expect(() => report(db, caseId, { icd_o3: '8858-3' })).toThrow(/CHECK/);
    // Catalogue id and free text are exclusive; an expert review is all of who/when/agreement or none.
    expect(() => report(db, caseId, { histotype_id: 'leiomyosarcoma', histotype_text: 'LMS' })).toThrow(/CHECK/);
    expect(() => report(db, caseId, { review_by: 'Dr X' })).toThrow(/CHECK/);
    expect(() =>
      report(db, caseId, { review_by: 'Dr X', review_date: '2026-10-20', review_agreement: 'concordant' }),
    ).not.toThrow();
    expect(() => report(db, caseId, { closest_margin_less_than: 1 })).toThrow(/CHECK/);
    expect(() => report(db, caseId, { neoadjuvant_therapy: 'yes' })).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    expect(() => report(db, 999)).toThrow(/FOREIGN KEY/);

    const ihc = db.prepare('INSERT INTO pathology_ihc (report_id, position, marker, result) VALUES (?, 0, ?, ?)');
    expect(() => ihc.run(id, 'desmin', 'positive')).not.toThrow();
    expect(() => ihc.run(id, 'desmin', 'weak')).toThrow(/CHECK/);

    const tick = db.prepare(
      "INSERT INTO readiness_ticks (case_id, item, date, ticked_by, created_at) VALUES (?, ?, '2026-11-01', 'Dr Y', 'now')",
    );
    expect(() => tick.run(caseId, 'chest-ct')).not.toThrow();
    expect(() => tick.run(caseId, 'chest-ct')).toThrow(/UNIQUE/);
    expect(() => tick.run(caseId, 'bone-scan')).toThrow(/CHECK/);

    expect(() => db.prepare('UPDATE readiness_settings SET stale_weeks = 0').run()).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO readiness_settings (id, stale_weeks) VALUES (2, 8)').run()).toThrow(/CHECK/);

    const staging = db.prepare(
      "INSERT INTO staging_inputs (case_id, size_override_cm, size_override_reason, updated_at) VALUES (?, ?, ?, 'now')",
    );
    expect(() => staging.run(caseId, 12, '')).toThrow(/CHECK/);
    expect(() => staging.run(caseId, 12, 'pathology gross size')).not.toThrow();

    expect(() =>
      db.prepare("INSERT INTO case_plans (case_id, options_json, updated_at) VALUES (?, '{bad', 'now')").run(caseId),
    ).toThrow(/CHECK/);

    const event = db.prepare("INSERT INTO case_events (case_id, kind, date, created_at) VALUES (?, ?, ?, 'now')");
    expect(() => event.run(caseId, 'presentation', '2026-09')).not.toThrow();
    expect(() => event.run(caseId, 'presentation', '2026-09-02')).toThrow(/UNIQUE/);
    expect(() => event.run(caseId, 'surgery', 'Sept 2026')).toThrow(/CHECK/);

    const override = db.prepare(
      "INSERT INTO ready_overrides (case_id, by_whom, why, meeting_date, missing_json, created_at) VALUES (?, ?, ?, '2026-12-10', '[]', 'now')",
    );
    expect(() => override.run(caseId, '', 'urgent')).toThrow(/CHECK/);
    expect(() => override.run(caseId, 'Dr Z', 'urgent')).not.toThrow();

    db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
    for (const t of TABLES.filter((t) => t !== 'readiness_settings')) {
      expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(0);
    }
    db.close();
  });
});
