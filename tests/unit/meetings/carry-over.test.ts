import { describe, expect, it } from 'vitest';
import { caller, setup, type Setup } from './fixtures';

function discuss(s: Setup, itemId: number) {
  const v = s.m.decisions.save(itemId, 0, {
    ...s.m.decisions.get(itemId).current,
    outcome: 'discussed',
    intent: 'curative',
    recommendation: { options: ['surgery'], text: 'Wide excision' },
  }).version;
  s.m.decisions.signOff(itemId, v, { userId: null, name: 'Dr Chair' }, 'Quorum is not what this test is about');
}

function defer(s: Setup, itemId: number, reason: string) {
  s.m.decisions.save(itemId, 0, { ...s.m.decisions.get(itemId).current, outcome: 'deferred', outcomeReason: reason });
}

describe('carry-over', () => {
  it('finishing a meeting moves the cases not discussed and the deferred ones to the next meeting of the board, with their history', async () => {
    const s = setup();
    const call = caller(s.m);
    const dec = s.newMeeting({ startsAt: '2026-12-10T13:00' });
    const jan = s.newMeeting({ startsAt: '2027-01-14T13:00' });
    s.newMeeting({ startsAt: '2026-12-17T13:00', boardType: 'head-and-neck' }); // another board: not a target
    const [a, b, c, d] = [s.newCase(), s.newCase(), s.newCase(), s.newCase()];
    const items = s.m.agenda.add(dec, [a, b, c, d], { presenter: 'Dr P', minutes: 10 }).items.map((i) => i.id);
    s.m.agenda.setItem(items[2], { minutes: 7 });
    discuss(s, items[0]);
    defer(s, items[1], 'Awaiting MRI of the thigh');
    // items[2] and items[3] are never reached.

    const finished = await call('meetings:setStatus', { id: dec, status: 'finished' });
    expect(finished.ok).toBe(true);
    if (!finished.ok) return;
    expect(finished.value.carryOver).toMatchObject({
      fromMeetingId: dec,
      toMeeting: { id: jan, startsAt: '2027-01-14T13:00' },
      queued: 0,
      message: '3 cases moved to Sarcoma MDT (14 Jan 2027, 13:00).',
    });
    expect(finished.value.meeting.items.map((i) => i.state)).toEqual([
      'discussed',
      'deferred',
      'not-discussed',
      'not-discussed',
    ]);
    expect(finished.value.meeting.awaitingCarryOver).toBe(0);

    const next = s.m.meetings.get(jan);
    expect(next.items.map((i) => [i.caseId, i.presenter, i.minutes, i.state])).toEqual([
      [b, 'Dr P', 10, 'pending'],
      [c, 'Dr P', 7, 'pending'],
      [d, 'Dr P', 10, 'pending'],
    ]);
    expect(next.items[0].carriedFromItemId).toBe(items[1]);
    expect(next.items[0].history).toEqual([
      {
        itemId: items[1],
        meetingId: dec,
        meetingTitle: 'Sarcoma MDT',
        startsAt: '2026-12-10T13:00',
        state: 'deferred',
        deferredReason: 'Awaiting MRI of the thigh',
        // What the board recorded there travels with the case (the decision page's "Earlier at the board").
        decision: {
          status: 'draft',
          outcome: 'deferred',
          outcomeReason: 'Awaiting MRI of the thigh',
          recommendation: { options: [], text: '' },
          intent: null,
          actions: [],
          signedOffAt: null,
          signedOffBy: null,
        },
      },
    ]);
    expect(s.m.meetings.get(dec).items[1].carriedToItemId).toBe(next.items[0].id);

    // Not discussed again in January: the history grows, oldest first.
    const feb = s.newMeeting({ startsAt: '2027-02-11T13:00' });
    s.m.meetings.setStatus(jan, 'finished');
    const third = s.m.meetings.get(feb).items.find((i) => i.caseId === b)!;
    expect(third.history.map((h) => [h.meetingId, h.state])).toEqual([
      [dec, 'deferred'],
      [jan, 'not-discussed'],
    ]);
    const caseHistory = await call('agenda:caseHistory', { caseId: b });
    expect(caseHistory.ok && caseHistory.value.map((e) => [e.meetingId, e.state, e.meetingStatus])).toEqual([
      [dec, 'deferred', 'finished'],
      [jan, 'not-discussed', 'finished'],
      [feb, 'pending', 'scheduled'],
    ]);
  });

  it('without a next meeting the cases stay queued, and move when the next meeting of the board is created', async () => {
    const s = setup();
    const call = caller(s.m);
    const dec = s.newMeeting();
    const [a, b] = [s.newCase(), s.newCase()];
    const items = s.m.agenda.add(dec, [a, b]).items.map((i) => i.id);
    defer(s, items[0], 'Biopsy pending');

    const onDemand = await call('agenda:carryOver', { meetingId: dec });
    expect(onDemand).toMatchObject({
      ok: false,
      code: 'refused',
      message:
        'No later sarcoma meeting is scheduled after Sarcoma MDT (10 Dec 2026, 13:00): 1 case not discussed or deferred stays queued here. Create the next meeting, then carry over.',
    });

    const finished = s.m.meetings.setStatus(dec, 'finished');
    expect(finished.carryOver).toMatchObject({ toMeeting: null, moved: [], queued: 2 });
    expect(finished.carryOver!.message).toMatch(/move to the next meeting of this board as soon as it is created/);
    expect(s.m.meetings.list().past[0]).toMatchObject({ id: dec, awaitingCarryOver: 2 });

    s.newMeeting({ startsAt: '2027-01-14T09:00', boardType: 'head-and-neck' }); // another board takes nothing
    const created = await call('meetings:create', {
      title: 'Sarcoma MDT',
      startsAt: '2027-01-14T13:00',
      durationMinutes: 60,
    });
    expect(created.ok && created.value.items.map((i) => [i.caseId, i.carriedFromItemId])).toEqual([
      [a, items[0]],
      [b, items[1]],
    ]);
    expect(s.m.meetings.get(dec).awaitingCarryOver).toBe(0);
  });

  it('on demand, moves what is not discussed or deferred now and leaves pending cases; a case already there is linked, not doubled', async () => {
    const s = setup();
    const call = caller(s.m);
    const dec = s.newMeeting();
    const jan = s.newMeeting({ startsAt: '2027-01-14T13:00' });
    const [a, b, c] = [s.newCase(), s.newCase(), s.newCase()];
    const items = s.m.agenda.add(dec, [a, b, c]).items.map((i) => i.id);
    const already = s.m.agenda.add(jan, [b]).items[0].id;
    s.m.agenda.setItem(items[0], { state: 'not-discussed' });
    defer(s, items[1], 'Awaiting review');

    const moved = await call('agenda:carryOver', { meetingId: dec });
    expect(moved.ok && moved.value.moved.map((x) => x.caseId)).toEqual([a, b]);
    const next = s.m.meetings.get(jan);
    expect(next.items.map((i) => [i.caseId, i.carriedFromItemId])).toEqual([
      [b, items[1]],
      [a, items[0]],
    ]);
    expect(next.items[0].id).toBe(already);
    expect(s.m.meetings.get(dec).items[2].state).toBe('pending');
    // Nothing left: says so.
    const again = await call('agenda:carryOver', { meetingId: dec });
    expect(again.ok && again.value).toMatchObject({ moved: [], message: 'No case is waiting to be carried over.' });
    // An item carried out stays: it is history.
    expect(await call('agenda:remove', { itemId: items[0] })).toMatchObject({
      ok: false,
      code: 'refused',
      message: expect.stringMatching(/carried over to Sarcoma MDT/),
    });
    expect(await call('meetings:remove', { id: dec })).toMatchObject({ ok: false, code: 'refused' });
  });

  it('the presenter’s slide edits follow the case to the next meeting', () => {
    const s = setup();
    const dec = s.newMeeting();
    const jan = s.newMeeting({ startsAt: '2027-01-14T13:00' });
    const caseId = s.newCase();
    const itemId = s.m.agenda.add(dec, [caseId]).items[0].id;
    s.m.deck.editSlide({ itemId, slideKey: `case-${caseId}/title`, text: { question: 'Edited question' } });
    s.m.deck.editSlide({ itemId, slideKey: `case-${caseId}/history`, hidden: true });
    s.m.meetings.setStatus(dec, 'finished');
    const moved = s.m.meetings.get(jan).items[0].id;
    const deck = s.m.deck.caseDeck(moved);
    expect(deck.slides.find((x) => x.kind === 'title')!.text.question).toBe('Edited question');
    expect(deck.slides.find((x) => x.kind === 'history')!.hidden).toBe(true);
  });

  it('a case taken off the next agenda does not come back on a later one', () => {
    const s = setup();
    const dec = s.newMeeting();
    const caseId = s.newCase();
    s.m.agenda.add(dec, [caseId]);
    s.m.meetings.setStatus(dec, 'finished');
    const jan = s.newMeeting({ startsAt: '2027-01-14T13:00' });
    s.m.agenda.remove(s.m.meetings.get(jan).items[0].id);
    s.m.meetings.setStatus(jan, 'finished');
    const feb = s.newMeeting({ startsAt: '2027-02-11T13:00' });
    expect(s.m.meetings.get(feb).items).toEqual([]);
  });
});
