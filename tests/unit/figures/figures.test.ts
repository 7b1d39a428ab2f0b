import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { FiguresService } from '../../../electron/services/figures/figures-service';
import { CaseInput } from '../../../shared/domain/case';
import { FIGURES_CSV_COLUMNS, figuresCsv } from '../../../shared/figures/figures-csv';
import { FiguresQuery, spreadOf, type Figures } from '../../../shared/figures/figures';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';

/**
 * A small board history written straight into the tables, with every time chosen, so each figure has an exact
 * expected value. Times are around midday UTC and a day away from any cut-off, so the local days are the same in
 * any time zone the tests run in.
 */
function seeded(): { db: Db; figures: (q?: FiguresQuery) => Figures } {
  const db = openDatabase(tempDataDir());
  const cases = new CasesService(db);
  const T = '2026-10-01T12:00:00.000Z';
  const c: Record<number, number> = {};
  const created: Record<number, string> = {
    1: '2026-10-25T12:00:00.000Z',
    2: '2026-10-29T12:00:00.000Z',
    3: '2026-10-31T12:00:00.000Z',
    4: '2026-11-04T09:00:00.000Z',
    5: '2026-11-20T12:00:00.000Z',
    6: '2026-11-30T12:00:00.000Z',
    7: '2026-11-10T12:00:00.000Z',
  };
  for (let n = 1; n <= 7; n++) {
    c[n] = cases.create(CaseInput.parse(caseInput({ patient: { mrn: `F-${n}` } }))).id;
    db.prepare('UPDATE cases SET created_at = ? WHERE id = ?').run(created[n], c[n]);
  }
  const meeting = (board: string, startsAt: string, cutoff: string, status: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO meetings (board_type, title, starts_at, duration_minutes, submission_cutoff, status, created_at, updated_at)
           VALUES (?, ?, ?, 60, ?, ?, ?, ?)`,
        )
        .run(board, board === 'sarcoma' ? 'Sarcoma MDT' : 'Melanoma MDT', startsAt, cutoff, status, T, T)
        .lastInsertRowid,
    );
  const m1 = meeting('sarcoma', '2026-11-05T13:00', '2026-11-03T12:00', 'finished');
  const m2 = meeting('sarcoma', '2026-11-12T13:00', '2026-11-10T12:00', 'finished');
  const m3 = meeting('sarcoma', '2026-12-10T13:00', '2026-12-08T12:00', 'scheduled');
  const m4 = meeting('melanoma', '2026-11-20T13:00', '2026-11-18T12:00', 'finished');
  let position = 0;
  const item = (meetingId: number, n: number, state: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO agenda_items (meeting_id, case_id, position, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(meetingId, c[n], position++, state, T, T).lastInsertRowid,
    );
  const decision = (itemId: number, outcome: string, signedAt: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO decisions (item_id, outcome, signed_off_at, signed_off_by, created_at, updated_at)
           VALUES (?, ?, ?, 'Dr Chair', ?, ?)`,
        )
        .run(itemId, outcome, signedAt, T, T).lastInsertRowid,
    );
  const letter = (itemId: number, at: string) =>
    db
      .prepare(
        `INSERT INTO letters (item_id, recipient, recipient_kind, produced_at, produced_by) VALUES (?, 'Dr GP', 'gp', ?, 'Coordinator')`,
      )
      .run(itemId, at);
  const action = (decisionId: number, index: number, due: string | null, status = 'open') =>
    db
      .prepare(
        `INSERT INTO action_follow_ups (decision_id, action_index, what, due_date, status, closed_at, created_at, updated_at)
         VALUES (?, ?, 'Do it', ?, ?, ?, ?, ?)`,
      )
      .run(decisionId, index, due, status, status === 'open' ? null : T, T, T);
  const status = (n: number, value: string, at: string) =>
    db
      .prepare(
        `INSERT INTO audit_log (at, actor, workstation, action, entity, entity_id, after_json)
         VALUES (?, 'test', 'test', 'change', 'cases', ?, json_object('status', ?))`,
      )
      .run(at, String(c[n]), value);

  // Meeting 1: discussed (decided, two letters), deferred, not discussed, left pending (not reached).
  const i11 = item(m1, 1, 'discussed');
  const i12 = item(m1, 2, 'deferred');
  item(m1, 3, 'not-discussed');
  item(m1, 4, 'pending');
  const d11 = decision(i11, 'discussed', '2026-11-05T14:00:00.000Z');
  decision(i12, 'deferred', '2026-11-05T14:10:00.000Z');
  letter(i11, '2026-11-09T12:00:00.000Z');
  letter(i11, '2026-11-20T12:00:00.000Z');
  action(d11, 0, '2026-11-20');
  action(d11, 1, '2026-12-15');
  action(d11, 2, '2026-11-10', 'done');
  // Meeting 2: three discussed, two of them decided, one of those with a letter.
  const i23 = item(m2, 3, 'discussed');
  const i22 = item(m2, 2, 'discussed');
  item(m2, 5, 'discussed');
  const d23 = decision(i23, 'discussed', '2026-11-12T14:00:00.000Z');
  decision(i22, 'discussed', '2026-11-12T14:05:00.000Z');
  letter(i22, '2026-11-13T12:00:00.000Z');
  action(d23, 0, null);
  // Meeting 3 (ahead): two pending. Meeting 4, another board: one discussed.
  item(m3, 4, 'pending');
  item(m3, 6, 'pending');
  item(m4, 7, 'discussed');

  // Case 1 was referred before it was created.
  db.prepare(
    `INSERT INTO referrals (board_slug, case_id, referrer_name, received_at, urgency, question, created_at, updated_at)
     VALUES ('sarcoma', ?, 'Dr Ref', '2026-10-20T12:00:00.000Z', 'routine', 'Plan?', ?, ?)`,
  ).run(c[1], T, T);

  // Status history: ready before meeting 1's cut-off (case 1); ready only after it (case 2); ready and back to
  // draft before it, ready again before meeting 2's (case 3); case 2 discussed, then ready again before meeting 2's.
  status(1, 'ready', '2026-11-01T12:00:00.000Z');
  status(2, 'ready', '2026-11-04T12:00:00.000Z');
  status(3, 'ready', '2026-11-01T12:00:00.000Z');
  status(3, 'draft', '2026-11-02T12:00:00.000Z');
  status(2, 'discussed', '2026-11-06T12:00:00.000Z');
  status(3, 'ready', '2026-11-08T12:00:00.000Z');
  status(2, 'ready', '2026-11-09T12:00:00.000Z');

  const service = new FiguresService(db, () => new Date('2026-12-01T12:00:00.000Z'));
  return { db, figures: (q = {}) => service.get(FiguresQuery.parse(q)) };
}

const byDate = (f: Figures, date: string) => f.meetings.find((m) => m.date === date)!;

describe('service figures', () => {
  it('counts the cases on each meeting and what became of them', () => {
    const f = seeded().figures({ boardSlug: 'sarcoma' });
    expect(f.meetings.map((m) => [m.date, m.cases, m.discussed, m.deferred, m.notReached, m.pending])).toEqual([
      ['2026-11-05', 4, 1, 1, 2, 0],
      ['2026-11-12', 3, 3, 0, 0, 0],
      ['2026-12-10', 2, 0, 0, 0, 2],
    ]);
    expect(f.totals).toMatchObject({ cases: 9, discussed: 4, deferred: 1, notReached: 2 });
  });

  it('counts the cases whose status was ready at the cut-off, by the audit log; unknown while it is ahead', () => {
    const f = seeded().figures({ boardSlug: 'sarcoma' });
    expect(byDate(f, '2026-11-05').readyAtCutoff).toBe(1);
    expect(byDate(f, '2026-11-12').readyAtCutoff).toBe(2);
    expect(byDate(f, '2026-12-10').readyAtCutoff).toBeNull();
    expect(f.totals).toMatchObject({ readyAtCutoff: 3, casesPastCutoff: 7 });
  });

  it('measures days from referral, else creation, to the first board, leaving out cases recorded afterwards', () => {
    const f = seeded().figures({ boardSlug: 'sarcoma' });
    // Case 1: referral 20 Oct -> 5 Nov (16); cases 2, 3, 4 created 29 Oct, 31 Oct, 4 Nov (7, 5, 1).
    expect(byDate(f, '2026-11-05').referralToBoard).toEqual({ count: 4, median: 6, min: 1, max: 16 });
    // Case 5 was created after its first board; cases 2 and 3 were first on meeting 1.
    expect(byDate(f, '2026-11-12').referralToBoard).toEqual({ count: 0, median: null, min: null, max: null });
    expect(byDate(f, '2026-12-10').referralToBoard).toEqual({ count: 1, median: 10, min: 10, max: 10 });
    expect(f.totals.referralToBoard).toEqual({ count: 5, median: 7, min: 1, max: 16 });
    expect(f.totals.referralRecordedLater).toBe(1);
  });

  it('measures days from sign-off to the first letter, and counts decided cases without one', () => {
    const f = seeded().figures({ boardSlug: 'sarcoma' });
    expect(byDate(f, '2026-11-05')).toMatchObject({ decided: 1, withoutLetter: 0 });
    expect(byDate(f, '2026-11-05').decisionToLetter).toEqual({ count: 1, median: 4, min: 4, max: 4 });
    expect(byDate(f, '2026-11-12')).toMatchObject({ decided: 2, withoutLetter: 1 });
    expect(byDate(f, '2026-11-12').decisionToLetter).toEqual({ count: 1, median: 1, min: 1, max: 1 });
    expect(f.totals.decisionToLetter).toEqual({ count: 2, median: 2.5, min: 1, max: 4 });
    expect(f.totals).toMatchObject({ decided: 3, withoutLetter: 1 });
  });

  it('counts open actions and those due before today', () => {
    const f = seeded().figures({ boardSlug: 'sarcoma' });
    expect(byDate(f, '2026-11-05')).toMatchObject({ openActions: 2, overdueActions: 1 });
    expect(byDate(f, '2026-11-12')).toMatchObject({ openActions: 1, overdueActions: 0 });
    expect(f.totals).toMatchObject({ openActions: 3, overdueActions: 1 });
  });

  it('filters by board and by the meeting day, both ends included', () => {
    const { figures } = seeded();
    expect(figures().meetings).toHaveLength(4);
    expect(figures({ boardSlug: 'melanoma' }).meetings.map((m) => [m.date, m.cases, m.discussed])).toEqual([
      ['2026-11-20', 1, 1],
    ]);
    expect(figures({ from: '2026-11-12', to: '2026-11-20' }).meetings.map((m) => m.date)).toEqual([
      '2026-11-12',
      '2026-11-20',
    ]);
    expect(figures().boards).toEqual([
      { slug: 'melanoma', name: 'Melanoma MDT' },
      { slug: 'sarcoma', name: 'Sarcoma MDT' },
    ]);
    expect(() => FiguresQuery.parse({ from: '2026-12-01', to: '2026-11-01' })).toThrow();
  });

  it('writes one CSV row per meeting under the shared header', () => {
    const csv = figuresCsv(seeded().figures({ boardSlug: 'sarcoma' }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(FIGURES_CSV_COLUMNS.map((col) => col.header).join(','));
    expect(lines[1]).toBe('2026-11-05,sarcoma,Sarcoma MDT,finished,4,1,1,2,0,1,4,6,1,16,1,0,4,4,4,2,1');
    expect(lines[3]).toBe('2026-12-10,sarcoma,Sarcoma MDT,scheduled,2,0,0,0,2,,1,10,10,10,0,0,,,,0,0');
    expect(lines).toHaveLength(5);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(spreadOf([9, 1, 4, 2])).toEqual({ count: 4, median: 3, min: 1, max: 9 });
  });
});
