import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { openDatabase, type Db } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { CaseInput } from '../../../shared/domain/case';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';

const TABLES = ['meetings', 'agenda_items', 'deck_edits', 'decisions', 'decision_amendments'];

function insert(db: Db, table: string, row: Record<string, unknown>) {
  const names = Object.keys(row);
  return Number(
    db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row)
      .lastInsertRowid,
  );
}

const meeting = (db: Db, cols: Record<string, unknown> = {}) =>
  insert(db, 'meetings', {
    board_type: 'sarcoma',
    title: 'Sarcoma MDT',
    starts_at: '2026-12-10T13:00',
    duration_minutes: 90,
    created_at: 'now',
    updated_at: 'now',
    ...cols,
  });
const item = (db: Db, meetingId: number, caseId: number, cols: Record<string, unknown> = {}) =>
  insert(db, 'agenda_items', {
    meeting_id: meetingId,
    case_id: caseId,
    position: 0,
    created_at: 'now',
    updated_at: 'now',
    ...cols,
  });

describe('migration 0005: meetings, agenda and decisions', () => {
  it('upgrades a version 4 database with a case in it: STRICT tables added, case untouched', () => {
    const dir = tempDataDir();
    const v4 = openDatabase(dir, { migrateTo: 4 });
    const created = new CasesService(v4).create(CaseInput.parse(caseInput()));
    v4.close();

    const db = openDatabase(dir, { migrateTo: 5 });
    expect(schemaVersion(db)).toBe(5);
    expect(MIGRATIONS[4]).toMatchObject({ version: 5, name: 'meetings, agenda and decisions' });
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

  it('rejects what the app never writes', () => {
    const db = openDatabase(tempDataDir());
    const caseId = new CasesService(db).create(CaseInput.parse(caseInput())).id;
    const other = new CasesService(db).create(CaseInput.parse(caseInput({ patient: { mrn: 'T-2002' } }))).id;

    expect(() => meeting(db, { starts_at: '10/12/2026 13:00' })).toThrow(/CHECK/);
    expect(() => meeting(db, { board_type: 'Sarcoma Board' })).toThrow(/CHECK/);
    expect(() => meeting(db, { duration_minutes: 0 })).toThrow(/CHECK/);
    expect(() => meeting(db, { status: 'cancelled' })).toThrow(/CHECK/);
    expect(() => meeting(db, { submission_cutoff: '2026-12-11T12:00' })).toThrow(/CHECK/);
    expect(() => meeting(db, { duration_minutes: '90 minutes' })).toThrow(/cannot store TEXT value in INTEGER column/);
    const m = meeting(db, { submission_cutoff: '2026-12-08T12:00' });

    const first = item(db, m, caseId);
    expect(() => item(db, m, caseId, { position: 1 })).toThrow(/UNIQUE/);
    expect(() => item(db, m, other, { position: 0 })).toThrow(/UNIQUE/);
    expect(() => item(db, m, other, { position: 1, state: 'skipped' })).toThrow(/CHECK/);
    expect(() => item(db, m, other, { position: 1, deferred_reason: 'why' })).toThrow(/CHECK/);
    expect(() => item(db, m, other, { position: 1, minutes: 0 })).toThrow(/CHECK/);
    expect(() => item(db, m, 999, { position: 1 })).toThrow(/FOREIGN KEY/);
    const later = meeting(db, { starts_at: '2026-12-17T13:00' });
    const carried = item(db, later, caseId, { carried_from_item_id: first });
    // One successor per item.
    const third = meeting(db, { starts_at: '2026-12-24T13:00' });
    expect(() => item(db, third, caseId, { carried_from_item_id: first })).toThrow(/UNIQUE/);

    const edit = (cols: Record<string, unknown>) =>
      insert(db, 'deck_edits', { item_id: first, slide_key: 'case-1/title', updated_at: 'now', ...cols });
    expect(() => edit({ text_json: '[]' })).toThrow(/CHECK/);
    expect(() => edit({ hidden: 2 })).toThrow(/CHECK/);
    edit({ text_json: '{"question":"Edited"}' });
    expect(() => edit({})).toThrow(/UNIQUE/);

    const decision = (itemId: number, cols: Record<string, unknown> = {}) =>
      insert(db, 'decisions', { item_id: itemId, created_at: 'now', updated_at: 'now', ...cols });
    expect(() => decision(first, { intent: 'hopeful' })).toThrow(/CHECK/);
    expect(() => decision(first, { outcome: 'postponed' })).toThrow(/CHECK/);
    expect(() => decision(first, { signed_off_at: 'now' })).toThrow(/CHECK/);
    expect(() => decision(first, { signed_off_at: 'now', signed_off_by: 'Dr Chair' })).toThrow(/CHECK/); // no outcome
    expect(() => decision(first, { actions_json: '{}' })).toThrow(/CHECK/);
    const d = decision(first, { outcome: 'discussed', signed_off_at: 'now', signed_off_by: 'Dr Chair' });
    expect(() => decision(first)).toThrow(/UNIQUE/);

    // A signed decision and its amendments can be read, never changed or deleted.
    expect(() => db.prepare("UPDATE decisions SET notes = 'rewritten' WHERE id = ?").run(d)).toThrow(/signed off/);
    expect(() => db.prepare('DELETE FROM decisions WHERE id = ?').run(d)).toThrow(/signed off/);
    const amendment = (cols: Record<string, unknown> = {}) =>
      insert(db, 'decision_amendments', {
        decision_id: d,
        by_whom: 'Dr Chair',
        why: 'typo',
        before_json: '{}',
        after_json: '{}',
        created_at: 'now',
        ...cols,
      });
    expect(() => amendment({ why: '' })).toThrow(/CHECK/);
    expect(() => amendment({ after_json: 'x' })).toThrow(/CHECK/);
    const a = amendment();
    expect(() => db.prepare("UPDATE decision_amendments SET why = 'other' WHERE id = ?").run(a)).toThrow(/append only/);
    expect(() => db.prepare('DELETE FROM decision_amendments WHERE id = ?').run(a)).toThrow(/append only/);

    // A case with a meeting history cannot be deleted; a draft decision keeps its item.
    expect(() => db.prepare('DELETE FROM cases WHERE id = ?').run(caseId)).toThrow(/FOREIGN KEY/);
    const draftItem = item(db, third, other);
    decision(draftItem);
    expect(() => db.prepare('DELETE FROM agenda_items WHERE id = ?').run(draftItem)).toThrow(/FOREIGN KEY/);

    // Deleting a meeting takes its items and their slide edits; the carried item loses only its link.
    db.prepare('DELETE FROM decisions WHERE item_id = ?').run(draftItem);
    db.prepare('DELETE FROM meetings WHERE id = ?').run(third);
    expect(db.prepare('SELECT count(*) FROM agenda_items WHERE meeting_id = ?').pluck().get(third)).toBe(0);
    expect(db.prepare('SELECT carried_from_item_id FROM agenda_items WHERE id = ?').pluck().get(carried)).toBe(first);
    db.close();
  });
});
