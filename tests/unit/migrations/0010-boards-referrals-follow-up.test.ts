import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { expectStrictTables, insertRow, migrateOneStep, seedThrough } from '../helpers/old-schemas';
import { tempDataDir } from '../helpers/temp';

const NOW = '2026-12-03T09:00:00.000Z';
const NEW_TABLES = [
  'boards',
  'board_members',
  'meeting_attendance',
  'referrals',
  'action_follow_ups',
  'letters',
  'saved_filters',
];

describe('migration 0010: boards, referrals, attendance register, action follow-up, letters, saved filters', () => {
  it('upgrades a version 9 database with a signed-off decision: nothing changes, the new tables are STRICT, checked and audited', () => {
    expect(MIGRATIONS[9]).toMatchObject({ version: 10 });
    let seeded: ReturnType<typeof seedThrough> | undefined;
    const { db, added } = migrateOneStep(tempDataDir(), 9, (v9) => {
      seeded = seedThrough(v9, 9);
    });
    for (const t of NEW_TABLES) expect(added).toContain(t);
    expectStrictTables(db, NEW_TABLES);
    const { caseIds, meetingId, itemId } = seeded!;

    const boardId = insertRow(db, 'boards', {
      slug: 'sarcoma',
      name: 'Sarcoma MDT',
      weekday: 4,
      start_time: '13:00',
      duration_minutes: 90,
      created_at: NOW,
      updated_at: NOW,
    });
    expect(() =>
      insertRow(db, 'boards', {
        slug: 'Sarcoma MDT',
        name: 'x',
        weekday: 4,
        start_time: '13:00',
        duration_minutes: 90,
        created_at: NOW,
        updated_at: NOW,
      }),
    ).toThrow(/CHECK/);
    expect(() =>
      insertRow(db, 'boards', {
        slug: 'gyn',
        name: 'x',
        weekday: 8,
        start_time: '13:00',
        duration_minutes: 90,
        created_at: NOW,
        updated_at: NOW,
      }),
    ).toThrow(/CHECK/);
    insertRow(db, 'board_members', {
      board_id: boardId,
      specialty: 'surgeon',
      name: 'Mr A. Cover',
      is_cover: 1,
      created_at: NOW,
    });
    expect(() => insertRow(db, 'board_members', { board_id: boardId, specialty: 'surgeon', created_at: NOW })).toThrow(
      /CHECK/,
    );

    insertRow(db, 'meeting_attendance', {
      meeting_id: meetingId,
      specialty: 'radiologist',
      name: 'Dr R',
      arrived_at: '13:05',
      left_at: '14:00',
      created_at: NOW,
      updated_at: NOW,
    });
    expect(() =>
      insertRow(db, 'meeting_attendance', {
        meeting_id: meetingId,
        specialty: 'radiologist',
        name: 'Dr R',
        arrived_at: '14:05',
        left_at: '14:00',
        created_at: NOW,
        updated_at: NOW,
      }),
    ).toThrow(/CHECK/);

    insertRow(db, 'referrals', {
      board_slug: 'sarcoma',
      case_id: caseIds[1],
      referrer_name: 'Dr GP',
      received_at: NOW,
      urgency: 'urgent',
      question: 'Biopsy?',
      created_at: NOW,
      updated_at: NOW,
    });
    expect(() =>
      insertRow(db, 'referrals', {
        board_slug: 'sarcoma',
        referrer_name: 'Dr GP',
        received_at: NOW,
        urgency: 'urgent',
        question: 'Biopsy?',
        status: 'accepted',
        created_at: NOW,
        updated_at: NOW,
      }),
    ).toThrow(/CHECK/);

    const decisionId = db.prepare('SELECT id FROM decisions WHERE item_id = ?').pluck().get(itemId) as number;
    insertRow(db, 'action_follow_ups', {
      decision_id: decisionId,
      action_index: 0,
      what: 'Book RT planning',
      due_date: '2026-12-20',
      created_at: NOW,
      updated_at: NOW,
    });
    expect(() =>
      insertRow(db, 'action_follow_ups', {
        decision_id: decisionId,
        action_index: 1,
        what: 'x',
        status: 'done',
        created_at: NOW,
        updated_at: NOW,
      }),
    ).toThrow(/CHECK/);

    const letterId = insertRow(db, 'letters', {
      item_id: itemId,
      recipient: 'Dr GP',
      recipient_kind: 'referrer',
      produced_at: NOW,
      produced_by: 'Erin Test',
    });
    expect(() => db.prepare('UPDATE letters SET recipient = ? WHERE id = ?').run('x', letterId)).toThrow(/append only/);
    expect(() => db.prepare('DELETE FROM letters WHERE id = ?').run(letterId)).toThrow(/append only/);

    // Every new clinical-adjacent row is in the audit trail, with its patient where it has one.
    const logged = db
      .prepare(
        "SELECT entity, patient_id FROM audit_log WHERE action = 'create' AND entity IN ('boards', 'board_members', 'meeting_attendance', 'referrals', 'action_follow_ups', 'letters') ORDER BY id",
      )
      .all() as { entity: string; patient_id: number | null }[];
    expect(logged.map((r) => r.entity)).toEqual([
      'boards',
      'board_members',
      'meeting_attendance',
      'referrals',
      'action_follow_ups',
      'letters',
    ]);
    const patientOf = (c: number) => db.prepare('SELECT patient_id FROM cases WHERE id = ?').pluck().get(c);
    expect(logged.find((r) => r.entity === 'referrals')?.patient_id).toBe(patientOf(caseIds[1]));
    expect(logged.find((r) => r.entity === 'letters')?.patient_id).toBe(patientOf(caseIds[0]));
    db.close();
  });
});
