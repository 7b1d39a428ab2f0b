import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import type { Db } from '../../../electron/db/open';
import { expectStrictTables, insertRow, migrateOneStep, openAt, seedThrough } from '../helpers/old-schemas';
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

const report = (db: Db, caseId: number, cols: Record<string, unknown> = {}) =>
  insertRow(db, 'pathology_reports', {
    case_id: caseId,
    procedure: 'core-needle-biopsy',
    specimen_date: '2026-10-08',
    created_at: 'now',
    updated_at: 'now',
    ...cols,
  });

describe('migration 0004: clinical record', () => {
  it('upgrades a version 3 database with a case, images and measurements: STRICT tables added, default settings row, everything else unchanged', () => {
    expect(MIGRATIONS[3]).toMatchObject({ version: 4, name: 'clinical record' });
    const { db, added } = migrateOneStep(tempDataDir(), 3, (v3) => seedThrough(v3, 3));
    expect(added).toEqual(expect.arrayContaining(TABLES));
    expectStrictTables(db, TABLES);
    expect(db.prepare('SELECT * FROM readiness_settings').all()).toEqual([{ id: 1, stale_weeks: 8 }]);
    // The existing case has no clinical record yet: no row, so staging and plan take their defaults when written.
    for (const t of TABLES.filter((t) => t !== 'readiness_settings')) {
      expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
    db.close();
  });

  it('gives new staging inputs, plans and reports their defaults', () => {
    const db = openAt(tempDataDir(), 4);
    const caseId = seedThrough(db, 3).caseIds[0];
    insertRow(db, 'staging_inputs', { case_id: caseId, updated_at: 'now' });
    expect(db.prepare('SELECT * FROM staging_inputs').get()).toMatchObject({
      size_override_cm: null,
      size_override_reason: '',
      n_status: 'NX',
      m_status: 'M0',
      prefix: 'c',
      t_override: null,
      note: '',
    });
    insertRow(db, 'case_plans', { case_id: caseId, updated_at: 'now' });
    expect(db.prepare('SELECT options_json, text FROM case_plans').get()).toEqual({ options_json: '[]', text: '' });
    const id = report(db, caseId);
    expect(db.prepare('SELECT * FROM pathology_reports WHERE id = ?').get(id)).toMatchObject({
      specimen_id: '',
      laboratory: '',
      histotype_id: null,
      histotype_text: '',
      neoadjuvant_therapy: 0,
      closest_margin_less_than: 0,
      treatment_effect: '',
      report_text: '',
    });
    db.close();
  });

  it('rejects what the app never writes, and deleting a case removes its clinical record', () => {
    const db = openAt(tempDataDir(), 4);
    const [caseId, otherCaseId] = seedThrough(db, 3).caseIds;
    insertRow(db, 'staging_inputs', { case_id: otherCaseId, updated_at: 'now' });

    const id = report(db, caseId);
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
    expect(() => ihc.run(999, 'desmin', 'positive')).toThrow(/FOREIGN KEY/);
    const molecular = db.prepare(
      'INSERT INTO pathology_molecular (report_id, position, test, result) VALUES (?, 0, ?, ?)',
    );
    expect(() => molecular.run(id, 'MDM2 amplification (FISH)', 'amplified')).not.toThrow();
    expect(() => molecular.run(id, '', 'amplified')).toThrow(/CHECK/);

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
    for (const t of TABLES.filter((t) => !['readiness_settings', 'staging_inputs'].includes(t))) {
      expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
    // Another case's record stays.
    expect(db.prepare('SELECT case_id FROM staging_inputs').pluck().all()).toEqual([otherCaseId]);
    db.close();
  });
});
