import { attendanceDifferences } from '../../../shared/domain/attendance-register';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { dispatch } from '../../../electron/host/dispatch';
import { handlersFor } from '../../../electron/host/handlers';
import { createServices } from '../../../electron/host/services';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { BOARD_DEFAULTS, type Board, type BoardInput } from '../../../shared/domain/board';
import type { DecisionView } from '../../../shared/domain/meeting';
import { callerAs, CHAIR } from '../helpers/caller';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };

function setup(withDemo = false) {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  if (withDemo) loadDemoBoard(db, RESOURCES_DIR);
  const handlers = handlersFor(createServices({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 'test' }));
  const call = <T>(channel: string, input: unknown, who = CHAIR) =>
    dispatch(handlers, channel, input, who) as Promise<Answer<T>>;
  return { db, call };
}

const lungBoard: BoardInput = {
  ...BOARD_DEFAULTS,
  slug: 'lung',
  name: 'Lung MDT',
  weekday: 2,
  startTime: '08:30',
  durationMinutes: 120,
  place: 'Room 5',
  videoLink: 'https://video.example.org/lung',
  cutoffDaysBefore: 3,
  cutoffTime: '16:00',
  quorumSpecialties: ['surgeon', 'radiologist', 'pathologist'],
  members: [
    { specialty: 'surgeon', userId: null, name: 'Dr Ada Stone', isCover: false },
    { specialty: 'surgeon', userId: null, name: 'Dr Ben Hale', isCover: true },
  ],
};

const value = <T>(a: Answer<T>): T => {
  if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
  return a.value;
};

describe('boards service', () => {
  it('saves a board with its members, and makes 4 weekly meetings with its time, place, people and cut-off', async () => {
    const { call } = setup();
    const board = value(await call<Board>('boards:save', { id: null, version: 0, board: lungBoard }));
    expect(board).toMatchObject({ slug: 'lung', version: 1, members: [{ name: 'Dr Ada Stone' }, { isCover: true }] });
    // 3 Dec 2026 is a Thursday: the Tuesdays after it.
    const made = value(
      await call<{ made: { startsAt: string; submissionCutoff: string }[] }>('boards:makeMeetings', {
        boardId: board.id,
        from: '2026-12-03',
        weeks: 4,
      }),
    ).made;
    expect(made.map((m) => [m.startsAt, m.submissionCutoff])).toEqual([
      ['2026-12-08T08:30', '2026-12-05T16:00'],
      ['2026-12-15T08:30', '2026-12-12T16:00'],
      ['2026-12-22T08:30', '2026-12-19T16:00'],
      ['2026-12-29T08:30', '2026-12-26T16:00'],
    ]);
    const list = value(await call<{ upcoming: Record<string, unknown>[] }>('meetings:list', { boardType: 'lung' }));
    expect(list.upcoming[0]).toMatchObject({
      title: 'Lung MDT',
      durationMinutes: 120,
      place: 'Room 5',
      videoLink: 'https://video.example.org/lung',
    });
  });

  it('skips a week the board already meets on, so making meetings twice makes nothing twice', async () => {
    const { call } = setup(true);
    const board = value(await call<Board[]>('boards:list', {})).find((b) => b.slug === 'sarcoma')!;
    expect(board).toMatchObject({ name: 'Sarcoma MDT', weekday: 4, startTime: '13:00' });
    expect(board.members.find((m) => m.name === 'Dr Helena Marsh')?.userId).toBeNull(); // no demo users here
    // The demo already has the 10 Dec 2026 meeting.
    const first = value(
      await call<{ made: { startsAt: string }[]; skipped: { startsAt: string }[] }>('boards:makeMeetings', {
        boardId: board.id,
        from: '2026-12-03',
        weeks: 4,
      }),
    );
    expect(first.skipped.map((m) => m.startsAt)).toEqual(['2026-12-10T13:00']);
    expect(first.made.map((m) => m.startsAt)).toEqual(['2026-12-03T13:00', '2026-12-17T13:00', '2026-12-24T13:00']);
    const again = value(
      await call<{ made: unknown[]; skipped: unknown[] }>('boards:makeMeetings', {
        boardId: board.id,
        from: '2026-12-03',
        weeks: 4,
      }),
    );
    expect(again).toMatchObject({ made: [], skipped: expect.arrayContaining([expect.anything()]) });
    expect(again.skipped).toHaveLength(4);
  });

  it('refuses a save at an old version, naming the conflict, and keeps members as the set last saved', async () => {
    const { call } = setup();
    const board = value(await call<Board>('boards:save', { id: null, version: 0, board: lungBoard }));
    const changed = value(
      await call<Board>('boards:save', {
        id: board.id,
        version: board.version,
        board: { ...lungBoard, place: 'Room 6', members: [lungBoard.members[1]] },
      }),
    );
    expect(changed).toMatchObject({ version: 2, place: 'Room 6', members: [{ name: 'Dr Ben Hale' }] });
    const stale = await call<Board>('boards:save', { id: board.id, version: 1, board: { ...lungBoard, place: 'X' } });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/changed elsewhere/) },
    });
    const dup = await call<Board>('boards:save', { id: null, version: 0, board: { ...lungBoard, name: 'Other' } });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', field: 'slug' } });
  });

  it('lets a viewer read boards but not change them or make meetings', async () => {
    const { call } = setup(true);
    const viewer = callerAs('viewer');
    const boards = value(await call<Board[]>('boards:list', {}, viewer));
    expect(boards).toHaveLength(1);
    const save = await call('boards:save', { id: null, version: 0, board: lungBoard }, viewer);
    expect(save).toMatchObject({ ok: false });
    const make = await call('boards:makeMeetings', { boardId: boards[0].id, from: '2026-12-03', weeks: 4 }, viewer);
    expect(make).toMatchObject({ ok: false });
    expect(
      value(await call('boards:save', { id: null, version: 0, board: lungBoard }, callerAs('coordinator'))),
    ).toBeTruthy();
    expect(await call('boards:save', { id: null, version: 0, board: lungBoard }, callerAs('presenter'))).toMatchObject({
      ok: false,
    });
  });

  it('keeps a register per meeting; a new decision starts from who is present at its case, quorum by the board rule', async () => {
    const { call } = setup(true);
    const next = value(await call<{ id: number }>('meetings:next', { boardType: 'sarcoma' }));
    const detail = value(
      await call<{ items: { id: number; plannedStart: string }[] }>('meetings:get', { id: next.id }),
    );
    const register = value(await call<{ quorumSpecialties: string[] }>('meetings:attendance', { meetingId: next.id }));
    expect(register).toMatchObject({ boardName: 'Sarcoma MDT', entries: [] });
    expect(register.quorumSpecialties).toHaveLength(6);
    const entry = (specialty: string, name: string, arrivedAt: string | null = null, leftAt: string | null = null) => ({
      specialty,
      userId: null,
      name,
      asCover: false,
      arrivedAt,
      leftAt,
    });
    const item = detail.items.find((i) => i.plannedStart > '2026-12-10T13:00')!;
    const time = item.plannedStart.slice(11);
    value(
      await call('meetings:setAttendance', {
        meetingId: next.id,
        entries: [
          entry('surgeon', 'Dr Helena Marsh'),
          entry('radiologist', 'Dr Naomi Feld', null, time), // left as the case came up
          entry('pathologist', 'Dr Farah Qureshi', time),
        ],
      }),
    );
    const decision = value(await call<DecisionView>('decisions:get', { itemId: item.id }));
    expect(decision.status).toBe('none');
    expect(decision.current.attendance.surgeon).toEqual({
      present: true,
      people: [{ name: 'Dr Helena Marsh', guest: true }],
    });
    expect(decision.current.attendance.radiologist.present).toBe(false);
    expect(decision.current.attendance.pathologist.present).toBe(true);
    expect(decision.quorum.met).toBe(false);

    // A board needing only surgeon and pathologist has quorum with them.
    const board = value(await call<Board[]>('boards:list', {}))[0];
    const { id, version, active: _a, ...input } = board;
    value(
      await call('boards:save', { id, version, board: { ...input, quorumSpecialties: ['surgeon', 'pathologist'] } }),
    );
    const again = value(await call<DecisionView>('decisions:get', { itemId: item.id }));
    expect(again.quorum).toEqual({ met: true, missing: [] });

    const bad = await call('meetings:setAttendance', {
      meetingId: next.id,
      entries: [entry('surgeon', 'Dr X', '14:00', '13:00')],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    // A draft saved from the register, then the surgeon leaves before the case: the draft keeps what it recorded,
    // and the read carries the register at the case's time so the form can name the difference.
    const saved = value(
      await call<DecisionView>('decisions:save', { itemId: item.id, version: 0, decision: again.current }),
    );
    expect(saved.registerAttendance?.surgeon.present).toBe(true);
    value(
      await call('meetings:setAttendance', {
        meetingId: next.id,
        entries: [
          entry('surgeon', 'Dr Helena Marsh', null, time),
          entry('radiologist', 'Dr Naomi Feld', null, time),
          entry('pathologist', 'Dr Farah Qureshi', time),
        ],
      }),
    );
    const stale = value(await call<DecisionView>('decisions:get', { itemId: item.id }));
    expect(stale.current.attendance.surgeon.present).toBe(true);
    expect(attendanceDifferences(stale.current.attendance, stale.registerAttendance!)).toEqual([
      { specialty: 'surgeon', name: 'Dr Helena Marsh', change: 'gone' },
    ]);
  });
});
