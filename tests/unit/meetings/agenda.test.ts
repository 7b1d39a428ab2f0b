import { describe, expect, it } from 'vitest';
import { report } from '../clinical-services/fixtures';
import { caller, setup } from './fixtures';

describe('agenda', () => {
  it('adds cases at the end with presenter and minutes, and answers times against the meeting length', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting({ durationMinutes: 30 });
    const [a, b, c] = [s.newCase({ patient: { familyName: 'Avery' } }), s.newCase(), s.newCase()];
    const first = await call('agenda:add', { meetingId, caseIds: [a, b], presenter: 'Dr P', minutes: 12 });
    expect(first.ok).toBe(true);
    const second = await call('agenda:add', { meetingId, caseIds: [c] });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const m = second.value;
    expect(m.items.map((i) => [i.caseId, i.number, i.presenter, i.minutes, i.offsetMinutes, i.plannedStart])).toEqual([
      [a, 1, 'Dr P', 12, 0, '2026-12-10T13:00'],
      [b, 2, 'Dr P', 12, 12, '2026-12-10T13:12'],
      [c, 3, '', 5, 24, '2026-12-10T13:24'],
    ]);
    expect(m).toMatchObject({ caseCount: 3, totalMinutes: 29, minutesLeft: 1 });
    expect(m.items[0].case).toMatchObject({
      patientName: 'AVERY, Ada',
      sex: 'female',
      ageAtMeeting: 65,
      status: 'draft',
    });
    expect(m.items[0]).toMatchObject({
      state: 'pending',
      decision: { status: 'none', amendments: 0 },
      history: [],
      carriedFromItemId: null,
    });

    const over = await call('agenda:setItem', { itemId: m.items[2].id, minutes: 10, presenter: 'Dr Q' });
    expect(over.ok && over.value).toMatchObject({ totalMinutes: 34, minutesLeft: -4 });
    const list = s.m.meetings.list().upcoming[0];
    expect(list).toMatchObject({ caseCount: 3, totalMinutes: 34, minutesLeft: -4 });
  });

  it('refuses a case twice, an unknown case, and a case already on the agenda, naming which', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting();
    const a = s.newCase({ patient: { familyName: 'Bell', givenNames: 'Cora' } });
    expect(await call('agenda:add', { meetingId, caseIds: [a, a] })).toMatchObject({
      ok: false,
      code: 'invalid-input',
      field: 'caseIds.1',
    });
    expect(await call('agenda:add', { meetingId, caseIds: [a, 999] })).toMatchObject({
      ok: false,
      code: 'not-found',
      field: 'caseIds.1',
      message: 'Case 999 does not exist',
    });
    expect(s.m.meetings.get(meetingId).items).toEqual([]);
    await call('agenda:add', { meetingId, caseIds: [a] });
    expect(await call('agenda:add', { meetingId, caseIds: [a] })).toMatchObject({
      ok: false,
      code: 'conflict',
      message: `BELL, Cora (case ${a}) is already on this agenda, as case 1`,
    });
    expect(await call('agenda:add', { meetingId, caseIds: [] })).toMatchObject({ ok: false, field: 'caseIds' });
    expect(await call('agenda:add', { meetingId: 999, caseIds: [a] })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('reorders by the full list of item ids, and says what is wrong with a partial or foreign list', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting();
    const other = s.newMeeting({ startsAt: '2026-12-17T13:00' });
    const ids = s.m.agenda.add(meetingId, [s.newCase(), s.newCase(), s.newCase()]).items.map((i) => i.id);
    const foreign = s.m.agenda.add(other, [s.newCase()]).items[0].id;
    const [x, y, z] = ids;

    const moved = await call('agenda:reorder', { meetingId, itemIds: [z, x, y] });
    expect(moved.ok && moved.value.items.map((i) => [i.id, i.number, i.position])).toEqual([
      [z, 1, 0],
      [x, 2, 1],
      [y, 3, 2],
    ]);
    expect(await call('agenda:reorder', { meetingId, itemIds: [z, x] })).toMatchObject({
      ok: false,
      code: 'invalid-input',
      field: 'itemIds',
      message: `The new order leaves out item ${y}: give every item of the agenda`,
    });
    expect(await call('agenda:reorder', { meetingId, itemIds: [z, x, x] })).toMatchObject({
      ok: false,
      field: 'itemIds.2',
      message: `Item ${x} is listed twice`,
    });
    expect(await call('agenda:reorder', { meetingId, itemIds: [z, x, y, foreign] })).toMatchObject({
      ok: false,
      field: 'itemIds.3',
      message: `Item ${foreign} is not on this meeting's agenda`,
    });
    expect(s.m.meetings.get(meetingId).items.map((i) => i.id)).toEqual([z, x, y]);

    // Removing renumbers; the others keep their order.
    const after = await call('agenda:remove', { itemId: x });
    expect(after.ok && after.value.items.map((i) => [i.id, i.number, i.position])).toEqual([
      [z, 1, 0],
      [y, 2, 1],
    ]);
  });

  it('shows each case’s readiness for the meeting date (the clinical:readinessCounts rules)', () => {
    const s = setup();
    const meetingId = s.newMeeting();
    const bare = s.newCase();
    const worked = s.newCase();
    s.clinical.pathology.create(
      worked,
      report({ histotypeId: 'leiomyosarcoma', differentiation: 2, mitosesPer10Hpf: 12, necrosisPercent: 10 }),
    );
    const items = s.m.agenda.add(meetingId, [bare, worked]).items;
    const counts = s.clinical.readinessCounts([bare, worked], '2026-12-10');
    expect(items.map((i) => i.readiness)).toEqual(
      counts.map(({ missing, pending, stale, ready }) => ({ missing, pending, stale, ready })),
    );
    expect(items[1].readiness.missing).toBeLessThan(items[0].readiness.missing);
    // A case without a histotype has items that cannot be decided yet: the agenda shows them as pending.
    expect(items[0].readiness.pending).toBeGreaterThan(0);
  });

  it('setItem changes pending / not discussed only; discussed and deferred come from the decision', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting();
    const itemId = s.m.agenda.add(meetingId, [s.newCase()]).items[0].id;
    const nd = await call('agenda:setItem', { itemId, state: 'not-discussed' });
    expect(nd.ok && nd.value.items[0].state).toBe('not-discussed');
    expect(await call('agenda:setItem', { itemId, state: 'discussed' as never })).toMatchObject({
      ok: false,
      field: 'state',
    });
    s.m.decisions.save(itemId, 0, {
      ...s.m.decisions.get(itemId).current,
      outcome: 'deferred',
      outcomeReason: 'MRI awaited',
    });
    expect(s.m.meetings.get(meetingId).items[0]).toMatchObject({ state: 'deferred', deferredReason: 'MRI awaited' });
    expect(await call('agenda:setItem', { itemId, state: 'pending' })).toMatchObject({
      ok: false,
      code: 'refused',
      message: 'The decision records this case as deferred: change the decision instead.',
    });
    expect(await call('agenda:setItem', { itemId, minutes: 0 })).toMatchObject({ ok: false, field: 'minutes' });
  });

  it('a finished meeting’s agenda cannot change; a signed-off case cannot be taken off the agenda', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting();
    const [a, b] = s.m.agenda.add(meetingId, [s.newCase(), s.newCase()]).items.map((i) => i.id);
    const v = s.m.decisions.save(a, 0, {
      ...s.m.decisions.get(a).current,
      outcome: 'discussed',
      intent: 'curative',
      recommendation: { options: ['surgery'], text: '' },
    }).version;
    s.m.decisions.signOff(a, v, { userId: null, name: 'Dr Chair' }, 'Quorum is not what this test is about');
    expect(await call('agenda:remove', { itemId: a })).toMatchObject({
      ok: false,
      code: 'refused',
      message: expect.stringMatching(/signed off by Dr Chair/),
    });
    // A draft decision goes with the item.
    s.m.decisions.save(b, 0, { ...s.m.decisions.get(b).current, notes: 'draft' });
    expect((await call('agenda:remove', { itemId: b })).ok).toBe(true);

    s.m.meetings.setStatus(meetingId, 'finished');
    const refused = {
      ok: false,
      code: 'refused',
      message: expect.stringMatching(/is finished: its agenda is part of the record/),
    };
    expect(await call('agenda:add', { meetingId, caseIds: [s.newCase()] })).toMatchObject(refused);
    expect(await call('agenda:reorder', { meetingId, itemIds: [a] })).toMatchObject(refused);
    expect(await call('agenda:setItem', { itemId: a, minutes: 9 })).toMatchObject(refused);
  });
});
