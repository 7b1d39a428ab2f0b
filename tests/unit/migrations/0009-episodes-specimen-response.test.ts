import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { contentsOf, expectStrictTables, insertRow, openAt, schemaOf, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

/** The columns migration 0009 adds, and the value an existing row gets. */
const ALTERED: Record<string, Record<string, unknown>> = {
  cases: { episode_kind: 'new-diagnosis', question_kind: 'diagnosis' },
  pathology_reports: {
    tumour_dim1_cm: null,
    tumour_dim2_cm: null,
    tumour_dim3_cm: null,
    depth: null,
    margins_json: '[]',
  },
  lesions: { mean_hu: null, study_instance_uid: null },
};
/** Triggers recreated with the new column lists; readiness_ticks is rebuilt (its CHECK lists the items). */
const REDEFINED = new Set(['readiness_ticks', 'lesions_tracked']);
const isAuditTriggerOf = (name: string, tables: string[]) => tables.some((t) => name.startsWith(`audit_${t}_`));

describe('migration 0009: episodes, specimen and response', () => {
  it('upgrades a version 8 database with data: rows kept, lesions grouped into tracked lesions, new tables STRICT and audited', () => {
    expect(MIGRATIONS[8]).toMatchObject({ version: 9, name: 'episodes, specimen and response' });
    const dir = tempDataDir();
    const v8 = openAt(dir, 8);
    const seeded = seedThrough(v8, 8);
    const schemaBefore = schemaOf(v8);
    const contentsBefore = contentsOf(v8);
    v8.close();

    const db = openAt(dir, 9);
    const after = schemaOf(db);
    for (const entry of schemaBefore) {
      const now = after.find((e) => e.name === entry.name);
      expect(now, entry.name).toBeDefined();
      if (entry.name in ALTERED)
        for (const column of Object.keys(ALTERED[entry.name])) expect(now?.sql).toContain(column);
      else if (
        !REDEFINED.has(entry.name) &&
        !isAuditTriggerOf(entry.name, [...Object.keys(ALTERED), 'readiness_ticks'])
      )
        expect(now, entry.name).toEqual(entry);
    }
    const contents = contentsOf(db);
    for (const [table, rows] of Object.entries(contentsBefore)) {
      const carried = contents[table].map((r) => {
        const rest = { ...(r as Record<string, unknown>) };
        for (const [column, value] of Object.entries(ALTERED[table] ?? {})) {
          expect(rest[column], `${table}.${column}`).toEqual(value);
          delete rest[column];
        }
        if (table === 'lesions') delete rest.tracked_lesion_id;
        return rest;
      });
      expect(carried, table).toEqual(rows);
    }
    expectStrictTables(db, ['tracked_lesions', 'response_timepoints', 'driving_report_choices', 'readiness_ticks']);

    // Each existing lesion is one measurement of a tracked lesion of its patient, named by its label.
    const tracked = db
      .prepare(
        `SELECT l.label, t.name, t.patient_id, c.patient_id AS case_patient FROM lesions l
         JOIN tracked_lesions t ON t.id = l.tracked_lesion_id JOIN cases c ON c.id = l.case_id ORDER BY l.id`,
      )
      .all() as { label: string; name: string; patient_id: number; case_patient: number }[];
    expect(tracked.map((t) => t.label)).toEqual(['Primary', 'Node?']);
    for (const t of tracked) {
      expect(t.name).toBe(t.label);
      expect(t.patient_id).toBe(t.case_patient);
    }

    // The rebuilt checklist table takes the new items and still refuses an unknown one.
    const [caseId] = seeded.caseIds;
    const tick = (item: string) =>
      insertRow(db, 'readiness_ticks', {
        case_id: caseId,
        item,
        date: '2026-11-01',
        ticked_by: 'Dr Y',
        created_at: '2026-11-01T09:00:00Z',
      });
    tick('performance-status');
    expect(() => tick('crystal-ball')).toThrow(/CHECK/);
    expect(() => tick('chest-ct')).toThrow(/UNIQUE/);

    // A second episode of the same patient, and the new columns' checks.
    const [patientId] = seeded.patientIds;
    {
      const episode = insertRow(db, 'cases', {
        patient_id: patientId,
        consultant_name: 'Dr B. Surgeon',
        consultant_contact: 'bleep 2001',
        tumour_site: 'Left thigh, deep',
        site_chapter: 'trunk-extremity',
        working_diagnosis: 'UPS, resected',
        board_question: 'Adjuvant radiotherapy?',
        episode_kind: 'post-operative',
        question_kind: 'post-operative',
        created_at: '2026-12-01T09:00:00Z',
        updated_at: '2026-12-01T09:00:00Z',
      });
      expect(episode).toBeGreaterThan(0);
    }
    expect(() => db.prepare("UPDATE cases SET episode_kind = 'forever' WHERE id = ?").run(caseId)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE pathology_reports SET margins_json = '{}'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE pathology_reports SET depth = 'middling'").run()).toThrow(/CHECK/);

    // Changes to the new columns and tables reach the audit trail.
    db.prepare("UPDATE cases SET question_kind = 'palliative' WHERE id = ?").run(caseId);
    const logged = db
      .prepare("SELECT entity, after_json FROM audit_log WHERE entity = 'cases' AND action = 'change'")
      .all() as { entity: string; after_json: string }[];
    expect(logged.some((l) => JSON.parse(l.after_json).question_kind === 'palliative')).toBe(true);
    insertRow(db, 'response_timepoints', {
      patient_id: patientId,
      study_date: '2026-11-20',
      non_target: 'non-CR/non-PD',
      updated_at: '2026-11-21T09:00:00Z',
    });
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'response_timepoints'").pluck().get()).toBe(1);
    db.close();
  });
});
