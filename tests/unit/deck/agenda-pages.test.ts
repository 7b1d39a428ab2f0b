import { describe, expect, it } from 'vitest';
import { AGENDA_ROWS_PER_PAGE, agendaPages, buildMeetingDeck, slideKey } from '../../../shared/deck/build';
import { MeetingDeck, type SlideOf } from '../../../shared/deck/model';
import { framesOf } from '../../../renderer/slides/frame';
import { meetingItem, MEETING } from './fixtures';

/** A meeting of n cases (case ids 1..n, agenda numbers 1..n). */
const meetingOf = (n: number, options: { deidentified?: boolean } = {}) =>
  buildMeetingDeck(
    MEETING,
    Array.from({ length: n }, (_, i) => meetingItem(i + 1, i + 1)),
    options,
  );
const agendaSlides = (deck: MeetingDeck) => deck.slides.filter((s): s is SlideOf<'agenda'> => s.kind === 'agenda');

describe('agenda pages', () => {
  it('split rows evenly, at most AGENDA_ROWS_PER_PAGE a page, in order, each row once', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(AGENDA_ROWS_PER_PAGE).toBe(7);
    expect(agendaPages(rows(7))).toEqual([rows(7)]);
    expect(agendaPages(rows(8)).map((p) => p.length)).toEqual([4, 4]);
    expect(agendaPages(rows(40)).map((p) => p.length)).toEqual([7, 7, 7, 7, 6, 6]);
    expect(agendaPages(rows(40)).flat()).toEqual(rows(40));
    expect(agendaPages([])).toEqual([[]]);
  });

  it('a meeting of 7 cases has one agenda slide titled "Agenda", with the key it always had', () => {
    const deck = meetingOf(7);
    const agenda = agendaSlides(deck);
    expect(agenda).toHaveLength(1);
    expect(agenda[0]).toMatchObject({ key: slideKey.agenda(MEETING.id), title: 'Agenda' });
    expect(agenda[0].key).toBe(`meeting-${MEETING.id}/agenda`);
    expect(agenda[0].content).toMatchObject({ page: 1, pages: 1, caseCount: 7 });
    expect(agenda[0].content.rows).toHaveLength(7);
    expect(deck.sections[0].firstSlide).toBe(1);
  });

  it('a meeting of 8 cases has two agenda slides, "Agenda 1/2" and "Agenda 2/2"', () => {
    const agenda = agendaSlides(meetingOf(8));
    expect(agenda.map((s) => s.title)).toEqual(['Agenda 1/2', 'Agenda 2/2']);
    expect(agenda.map((s) => s.content.rows.map((r) => r.number))).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
  });

  it('a meeting of 40 cases: six agenda slides first, every case on exactly one, stable keys, the totals on each', () => {
    const deck = meetingOf(40);
    expect(MeetingDeck.parse(deck)).toEqual(deck);
    const agenda = agendaSlides(deck);
    expect(agenda).toHaveLength(6);
    // The agenda slides lead the deck; the first case starts after them.
    expect(deck.slides.slice(0, 6)).toEqual(agenda);
    expect(deck.sections[0].firstSlide).toBe(6);
    expect(agenda.map((s) => s.title)).toEqual([
      'Agenda 1/6',
      'Agenda 2/6',
      'Agenda 3/6',
      'Agenda 4/6',
      'Agenda 5/6',
      'Agenda 6/6',
    ]);
    expect(agenda.map((s) => s.key)).toEqual([
      `meeting-${MEETING.id}/agenda`,
      ...[2, 3, 4, 5, 6].map((p) => `meeting-${MEETING.id}/agenda-${p}`),
    ]);
    expect(new Set(deck.slides.map((s) => s.key)).size).toBe(deck.slides.length);
    const numbers = agenda.flatMap((s) => s.content.rows.map((r) => r.number));
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const s of agenda) {
      expect(s.content.rows.length).toBeLessThanOrEqual(AGENDA_ROWS_PER_PAGE);
      expect(s.content).toMatchObject({ caseCount: 40, pages: 6 });
      expect(s.content.totalMinutes).toBe(400);
      expect(s.editable).toEqual([]);
      expect(s.notes).toContain('40 cases, 400 of 90 minutes allotted.');
    }
    expect(agenda[1].notes).toContain('This page: cases 8 to 14.');
    // The same keys however often it is built.
    expect(agendaSlides(meetingOf(40)).map((s) => s.key)).toEqual(agenda.map((s) => s.key));
  });

  it('every slide of a case on a later agenda page still gets its number and label in the frame', () => {
    const deck = meetingOf(40);
    const frames = framesOf(deck);
    const last = deck.sections[39];
    expect(frames[last.firstSlide]).toMatchObject({ caseNumber: 40, ageSex: '65 F' });
    expect(frames[0].caseNumber).toBeNull();
  });

  it('a de-identified deck labels every page\'s rows "Case n"', () => {
    const agenda = agendaSlides(meetingOf(9, { deidentified: true }));
    expect(agenda.flatMap((s) => s.content.rows.map((r) => r.label))).toEqual(
      Array.from({ length: 9 }, (_, i) => `Case ${i + 1}`),
    );
  });

  it('no cases: one "Agenda" slide with no rows', () => {
    const agenda = agendaSlides(meetingOf(0));
    expect(agenda).toHaveLength(1);
    expect(agenda[0]).toMatchObject({ title: 'Agenda', content: { rows: [], page: 1, pages: 1, caseCount: 0 } });
  });
});
