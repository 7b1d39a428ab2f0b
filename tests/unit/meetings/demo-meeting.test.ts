import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { readDemoBoard } from '../../../electron/services/demo/demo-board';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { createMeetingsServices } from '../../../electron/services/meetings';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';
import { caller } from './fixtures';

describe('the demo board meetings', () => {
  it('loads an upcoming sarcoma meeting with all seven demo cases, presenters and minutes filling its length', async () => {
    const db = openDatabase(tempDataDir());
    loadDemoBoard(db, RESOURCES_DIR);
    const m = createMeetingsServices(db, { now: () => '2026-11-22T09:00:00.000Z' });
    const call = caller(m);
    const next = await call('meetings:next', { boardType: 'sarcoma' });
    expect(next.ok && next.value).toMatchObject({
      title: 'Sarcoma MDT',
      startsAt: '2026-12-10T13:00',
      durationMinutes: 90,
      place: 'Seminar room 3',
      videoLink: expect.stringMatching(/^https:\/\/video\.example\.org\//),
      chair: expect.stringMatching(/^Dr /),
      coordinator: expect.any(String),
      status: 'scheduled',
      caseCount: 7,
      totalMinutes: 90,
      minutesLeft: 0,
      when: 'upcoming',
    });
    if (!next.ok || !next.value) return;
    const detail = await call('meetings:get', { id: next.value.id });
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    const items = detail.value.items;
    expect(items).toHaveLength(7);
    const keyOf = new Map(readDemoBoard(RESOURCES_DIR).cases.map((c) => [c.case.patient.mrn, c.key]));
    expect(items.map((i) => keyOf.get(i.case.mrn))).toEqual([
      'rp-ddlps',
      'thigh-ilms',
      'ivc-lms',
      'back-lps',
      'mps-1',
      'mps-2',
      'mps-3',
    ]);
    expect(items.every((i) => i.presenter !== '' && i.minutes > 0 && i.state === 'pending')).toBe(true);
    expect(items.map((i) => i.case.ageAtMeeting)).toEqual([63, 35, 68, 47, 35, 69, 50]);
    expect(items[6].plannedStart).toBe('2026-12-10T14:16');

    // The two carried over from November keep their history.
    expect(items[0].history).toEqual([
      expect.objectContaining({
        meetingTitle: 'Sarcoma MDT',
        startsAt: '2026-11-12T13:00',
        state: 'deferred',
        deferredReason: expect.stringMatching(/^Staging incomplete/),
      }),
    ]);
    expect(items[1].history).toEqual([
      expect.objectContaining({ startsAt: '2026-11-12T13:00', state: 'not-discussed' }),
    ]);
    // With what the board recorded there: the signed-off deferral and its open actions.
    expect(items[0].history[0].decision).toMatchObject({
      status: 'signed',
      outcome: 'deferred',
      signedOffAt: '2026-11-12T14:00:00.000Z',
    });
    expect(items[0].history[0].decision?.actions.length).toBeGreaterThan(0);
    expect(items.slice(2).every((i) => i.history.length === 0)).toBe(true);

    const list = m.meetings.list({ boardType: 'sarcoma' });
    expect(list.past).toHaveLength(1);
    expect(list.past[0]).toMatchObject({
      startsAt: '2026-11-12T13:00',
      status: 'finished',
      caseCount: 2,
      awaitingCarryOver: 0,
    });
    const past = m.meetings.get(list.past[0].id);
    const deferral = m.decisions.get(past.items[0].id);
    expect(deferral).toMatchObject({
      status: 'signed',
      current: { outcome: 'deferred' },
      signedOffAt: '2026-11-12T14:00:00.000Z',
    });
    expect(deferral.quorum).toEqual({ met: false, missing: ['radiation-oncologist'] });
    // A deferral does not move the case along.
    expect(new CasesService(db).get(items[0].caseId).status).toBe('draft');

    // The deck builds and matches the contract, plain and de-identified.
    const deck = await call('deck:get', { meetingId: next.value.id });
    expect(deck.ok && deck.value.sections).toHaveLength(7);
    expect(deck.ok && deck.value.slides[0].kind).toBe('agenda');
    const deid = await call('deck:get', { meetingId: next.value.id, deidentified: true });
    expect(deid.ok && deid.value.deidentified).toBe(true);
    db.close();
  });

  it('loading twice adds no meeting and no agenda item', () => {
    const db = openDatabase(tempDataDir());
    loadDemoBoard(db, RESOURCES_DIR);
    const count = () =>
      db
        .prepare(
          "SELECT (SELECT count(*) FROM meetings) || '/' || (SELECT count(*) FROM agenda_items) || '/' || (SELECT count(*) FROM decisions)",
        )
        .pluck()
        .get();
    expect(count()).toBe('2/9/1');
    loadDemoBoard(db, RESOURCES_DIR);
    expect(count()).toBe('2/9/1');
    db.close();
  });

  it('refuses a meeting whose agenda names a case the board does not have, and stores nothing', () => {
    const resources = tempDataDir();
    cpSync(RESOURCES_DIR, resources, { recursive: true });
    const file = path.join(resources, 'demo', 'board.json');
    const board = JSON.parse(readFileSync(file, 'utf8'));
    board.meetings[1].agenda[3].case = 'no-such-case';
    writeFileSync(file, JSON.stringify(board));
    const db = openDatabase(tempDataDir());
    expect(() => loadDemoBoard(db, resources)).toThrow(/meetings\.1\.agenda\.3\.case: No demo case "no-such-case"/);
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(0);
    db.close();
  });
});
