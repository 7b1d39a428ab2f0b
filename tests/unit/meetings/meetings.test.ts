import { describe, expect, it } from 'vitest';
import { meetingsContract } from '../../../shared/contract/meetings';
import { appContract } from '../../../shared/contract/app';
import { casesContract } from '../../../shared/contract/cases';
import { clinicalContract } from '../../../shared/contract/clinical';
import { imagingContract } from '../../../shared/contract/imaging';
import { addMinutes } from '../../../shared/dates';
import { LocalDateTime, MeetingInput } from '../../../shared/domain/meeting';
import { caller, meetingFields, setup } from './fixtures';

describe('meetings', () => {
  it('creates a meeting, answers it with its totals, and lists upcoming and past meetings', async () => {
    const s = setup();
    const call = caller(s.m);
    const created = await call('meetings:create', {
      title: 'Sarcoma MDT',
      startsAt: '2026-12-10T13:00',
      durationMinutes: 90,
      place: 'Seminar room 3',
      videoLink: 'https://video.example.org/sarcoma',
      chair: 'Dr Chair',
      coordinator: 'Coordinator',
      submissionCutoff: '2026-12-08T12:00',
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value).toMatchObject({
      boardType: 'sarcoma',
      status: 'scheduled',
      endsAt: '2026-12-10T14:30',
      caseCount: 0,
      totalMinutes: 0,
      minutesLeft: 90,
      when: 'upcoming',
      items: [],
      nextMeeting: null,
      version: 1,
    });
    s.newMeeting({ title: 'October board', startsAt: '2026-10-15T13:00' });
    s.newMeeting({ title: 'January board', startsAt: '2027-01-14T13:00' });
    s.newMeeting({ title: 'Head and neck', boardType: 'head-and-neck', startsAt: '2026-11-20T09:00' });
    const list = await call('meetings:list', {});
    expect(list.ok && list.value.upcoming.map((m) => m.title)).toEqual([
      'Head and neck',
      'Sarcoma MDT',
      'January board',
    ]);
    expect(list.ok && list.value.past.map((m) => m.title)).toEqual(['October board']);
    const sarcoma = await call('meetings:list', { boardType: 'sarcoma' });
    expect(sarcoma.ok && sarcoma.value.upcoming.map((m) => m.title)).toEqual(['Sarcoma MDT', 'January board']);
    const any = await call('meetings:next', {});
    expect(any.ok && any.value).toMatchObject({ title: 'Head and neck' });
    const next = await call('meetings:next', { boardType: 'sarcoma' });
    expect(next.ok && next.value?.title).toBe('Sarcoma MDT');
    expect((await call('meetings:next', { boardType: 'thoracic' })).ok).toBe(true);
    expect(s.m.meetings.next({ boardType: 'thoracic' })).toBeNull();
  });

  it('validates meeting fields with messages that name the field', async () => {
    const call = caller(setup().m);
    const bad = async (fields: Record<string, unknown>) => {
      const r = await call('meetings:create', {
        title: 'MDT',
        startsAt: '2026-12-10T13:00',
        durationMinutes: 90,
        ...fields,
      } as never);
      return r.ok ? null : { field: r.field, message: r.message };
    };
    expect(await bad({ startsAt: '2026-02-30T13:00' })).toEqual({
      field: 'startsAt',
      message: 'Not a real date and time',
    });
    expect(await bad({ startsAt: '10 Dec 2026' })).toMatchObject({ field: 'startsAt' });
    expect(await bad({ durationMinutes: 0 })).toMatchObject({ field: 'durationMinutes' });
    expect(await bad({ title: '  ' })).toMatchObject({ field: 'title', message: 'Title is required' });
    expect(await bad({ videoLink: 'video.example.org' })).toMatchObject({ field: 'videoLink' });
    expect(await bad({ submissionCutoff: '2026-12-11T09:00' })).toEqual({
      field: 'submissionCutoff',
      message: 'The submission cut-off is after the meeting starts',
    });
    expect(await bad({ boardType: 'Sarcoma Board' })).toMatchObject({ field: 'boardType' });
    expect(await bad({ surprise: 1 })).toMatchObject({ message: expect.stringMatching(/surprise/) });
  });

  it('updates with the version it started from; a finished meeting is the record and is not changed', async () => {
    const s = setup();
    const call = caller(s.m);
    const id = s.newMeeting();
    const up = await call('meetings:update', {
      id,
      version: 1,
      fields: { ...meetingFields(), place: 'Room 4', durationMinutes: 120 },
    });
    expect(up.ok && up.value).toMatchObject({ place: 'Room 4', durationMinutes: 120, version: 2 });
    const stale = await call('meetings:update', { id, version: 1, fields: meetingFields() });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });

    expect((await call('meetings:setStatus', { id, status: 'in-progress' })).ok).toBe(true);
    expect((await call('meetings:setStatus', { id, status: 'scheduled' })).ok).toBe(true);
    const finished = await call('meetings:setStatus', { id, status: 'finished' });
    expect(finished.ok && finished.value.meeting).toMatchObject({ status: 'finished', when: 'past' });
    const v = s.m.meetings.get(id).version;
    expect(await call('meetings:update', { id, version: v, fields: meetingFields() })).toMatchObject({
      ok: false,
      code: 'refused',
      message: expect.stringMatching(/is finished/),
    });
    expect(await call('meetings:setStatus', { id, status: 'in-progress' })).toMatchObject({
      ok: false,
      code: 'refused',
      message: expect.stringMatching(/cannot be reopened/),
    });
    expect(await call('meetings:remove', { id })).toMatchObject({ ok: false, code: 'refused' });
    expect(await call('meetings:get', { id: 999 })).toMatchObject({
      ok: false,
      code: 'not-found',
      message: 'Meeting 999 does not exist',
    });
  });

  it('removes a meeting without decisions; refuses one with a decision recorded', async () => {
    const s = setup();
    const call = caller(s.m);
    const a = s.newMeeting();
    const b = s.newMeeting({ startsAt: '2026-12-17T13:00' });
    const detail = s.m.agenda.add(b, [s.newCase()]);
    expect(await call('meetings:remove', { id: a })).toEqual({ ok: true, value: { removed: true } });
    s.m.decisions.save(detail.items[0].id, 0, { ...s.m.decisions.get(detail.items[0].id).current, notes: 'x' });
    expect(await call('meetings:remove', { id: b })).toMatchObject({
      ok: false,
      code: 'refused',
      message: expect.stringMatching(/decisions recorded/),
    });
    expect(s.m.meetings.list().upcoming.map((m) => m.id)).toEqual([b]);
  });

  it('local wall-clock arithmetic does not depend on the time zone', () => {
    expect(addMinutes('2026-12-10T13:00', 90)).toBe('2026-12-10T14:30');
    expect(addMinutes('2026-12-31T23:30', 45)).toBe('2027-01-01T00:15');
    expect(addMinutes('2026-03-29T00:30', 120)).toBe('2026-03-29T02:30'); // no DST jump on the wall clock
    expect(LocalDateTime.safeParse('2026-12-10T24:00').success).toBe(false);
    expect(MeetingInput.safeParse({ title: 'x', startsAt: '2026-12-10T13:00', durationMinutes: 90 }).success).toBe(
      true,
    );
  });

  it('adds channels named domain:verb that no other domain uses', () => {
    const names = Object.keys(meetingsContract);
    for (const n of names) expect(n).toMatch(/^(meetings|agenda|deck|decisions):[a-z][A-Za-z]+$/);
    const others = [appContract, casesContract, imagingContract, clinicalContract].flatMap((c) => Object.keys(c));
    expect(names.filter((n) => others.includes(n))).toEqual([]);
  });
});
