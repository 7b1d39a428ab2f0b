import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { contentsOf, expectStrictTables, insertRow, openAt, schemaOf, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

/** The tables migration 0007 adds columns to: their rows come back with those columns, null. */
const ALTERED: Record<string, string[]> = {
  readiness_ticks: ['ticked_by_user_id'],
  ready_overrides: ['by_user_id'],
  decisions: ['signed_off_user_id', 'sign_off_json'],
  decision_amendments: ['by_user_id'],
};

const NEW_TABLES = [
  'users',
  'sessions',
  'app_settings',
  'decision_snapshots',
  'snapshot_images',
  'audit_log',
  'audit_head',
];

describe('migration 0007: users, sessions and the audit trail', () => {
  it('upgrades a version 6 database with data: rows kept, new tables STRICT, settings row, every clinical table audited', () => {
    expect(MIGRATIONS[6]).toMatchObject({ version: 7, name: 'users, sessions and audit trail' });
    const dir = tempDataDir();
    const v6 = openAt(dir, 6);
    const seeded = seedThrough(v6, 6);
    const schemaBefore = schemaOf(v6);
    const contentsBefore = contentsOf(v6);
    v6.close();

    const db = openAt(dir, 7);
    const after = schemaOf(db);
    // Every table, index and trigger of version 6 is still there; the altered tables' definitions only grew.
    for (const entry of schemaBefore) {
      const now = after.find((e) => e.name === entry.name);
      if (entry.name in ALTERED) for (const column of ALTERED[entry.name]) expect(now?.sql).toContain(column);
      else expect(now, entry.name).toEqual(entry);
    }
    const contents = contentsOf(db);
    for (const [table, rows] of Object.entries(contentsBefore)) {
      const carried = contents[table].map((r) => {
        const rest = { ...(r as Record<string, unknown>) };
        for (const column of ALTERED[table] ?? []) {
          expect(rest[column], `${table}.${column}`).toBeNull();
          delete rest[column];
        }
        return rest;
      });
      expect(carried, table).toEqual(rows);
    }
    // Nothing that was there is logged retroactively: the trail starts with the upgrade.
    expect(contents.audit_log).toEqual([]);
    expect(contents.audit_head).toEqual([{ id: 1, last_id: 0, last_hash: '', entries: 0 }]);

    expectStrictTables(db, NEW_TABLES);
    expect(contents.app_settings).toEqual([
      expect.objectContaining({ id: 1, auth_policy: 'password', lock_minutes: 15, demo_users: 0, backup_daily: 0 }),
    ]);
    const triggers = after.filter((e) => e.type === 'trigger').map((e) => e.name);
    for (const table of ['patients', 'cases', 'pathology_reports', 'decisions', 'users', 'app_settings'])
      for (const op of ['insert', 'update', 'delete']) expect(triggers).toContain(`audit_${table}_${op}`);
    expect(triggers).toEqual(expect.arrayContaining(['audit_log_seal', 'audit_log_no_update', 'audit_log_no_delete']));

    // A case written after the upgrade is logged with its patient, sealed into the chain and the head moved.
    const caseId = insertRow(db, 'cases', {
      patient_id: seeded.patientIds[1],
      consultant_name: 'Dr C. Oncologist',
      consultant_contact: 'ext 4411',
      tumour_site: 'Retroperitoneum',
      site_chapter: 'retroperitoneum',
      working_diagnosis: 'Recurrence?',
      board_question: 'Resectable?',
      created_at: '2026-12-03T09:00:00.000Z',
      updated_at: '2026-12-03T09:00:00.000Z',
    });
    const row = db.prepare('SELECT * FROM audit_log').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      id: 1,
      action: 'create',
      entity: 'cases',
      entity_id: String(caseId),
      patient_id: seeded.patientIds[1],
      actor: 'system',
      before_json: null,
      prev_hash: '',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(db.prepare('SELECT last_id, last_hash, entries FROM audit_head').get()).toEqual({
      last_id: 1,
      last_hash: row.hash,
      entries: 1,
    });
    // The log is append only.
    expect(() => db.prepare("UPDATE audit_log SET detail = 'edited'").run()).toThrow(/append only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append only/);
    expect(() => db.prepare('UPDATE audit_head SET last_id = 0').run()).toThrow(/append only/);
    db.close();
  });
});
