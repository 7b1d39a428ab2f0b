import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import type { Db } from '../../../electron/db/open';
import { expectStrictTables, insertRow as insert, migrateOneStep, openAt, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

const TABLES = ['meetings', 'agenda_items', 'deck_edits', 'decisions', 'decision_amendments'];

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
  it('upgrades a version 4 database with a full clinical record: STRICT tables and triggers added, everything else unchanged', () => {
    expect(MIGRATIONS[4]).toMatchObject({ version: 5, name: 'meetings, agenda and decisions' });
    const { db, added } = migrateOneStep(tempDataDir(), 4, (v4) => seedThrough(v4, 4));
    expect(added).toEqual(
      expect.arrayContaining([
        ...TABLES,
        'decisions_signed_no_update',
        'decisions_signed_no_delete',
        'decision_amendments_no_update',
        'decision_amendments_no_delete',
      ]),
    );
    expectStrictTables(db, TABLES);
    db.close();
  });

  it('gives a new meeting, agenda item, slide edit and decision their defaults', () => {
    const db = openAt(tempDataDir(), 5);
    const caseId = seedThrough(db, 4).caseIds[0];
    const m = meeting(db);
    expect(db.prepare('SELECT * FROM meetings WHERE id = ?').get(m)).toMatchObject({
      place: '',
      video_link: '',
      chair: '',
      coordinator: '',
      submission_cutoff: null,
      status: 'scheduled',
      version: 1,
    });
    const i = item(db, m, caseId);
    expect(db.prepare('SELECT * FROM agenda_items WHERE id = ?').get(i)).toMatchObject({
      presenter: '',
      minutes: 5,
      state: 'pending',
      deferred_reason: '',
      carried_from_item_id: null,
    });
    const e = insert(db, 'deck_edits', { item_id: i, slide_key: 'case-1/title', updated_at: 'now' });
    expect(db.prepare('SELECT hidden, position, text_json FROM deck_edits WHERE id = ?').get(e)).toEqual({
      hidden: 0,
      position: null,
      text_json: '{}',
    });
    const d = insert(db, 'decisions', { item_id: i, created_at: 'now', updated_at: 'now' });
    expect(db.prepare('SELECT * FROM decisions WHERE id = ?').get(d)).toMatchObject({
      attendance_json: '{}',
      recommendation_json: '[]',
      recommendation_text: '',
      intent: null,
      actions_json: '[]',
      notes: '',
      outcome: null,
      outcome_reason: '',
      signed_off_at: null,
      signed_off_by: null,
      version: 1,
    });
    db.close();
  });

  it('rejects what the app never writes', () => {
    const db = openAt(tempDataDir(), 5);
    const [caseId, other] = seedThrough(db, 4).caseIds;

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
