import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { loadMeetingDeckData } from '../../../electron/services/meetings/deck-data';
import { createMeetingsServices } from '../../../electron/services/meetings';
import { extraCase, extraCases, loadExtraDemoCases } from '../../../electron/services/demo/demo-extra-cases';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { buildMeetingDeck } from '../../../shared/deck/build';
import type { SlideOf } from '../../../shared/deck/model';
import { findHistotype } from '../../../shared/clinical/histotypes';
import { displayName } from '../../../shared/domain/case';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

describe('generated demo cases (boardprep demo --cases N)', () => {
  it('are the same every time, case i whatever N is, with unique fictional names and MRNs', () => {
    const forty = extraCases(40);
    expect(extraCases(40)).toEqual(forty);
    expect(extraCases(5)).toEqual(forty.slice(0, 5));
    expect(extraCase(12)).toEqual(forty[12]);
    expect(new Set(forty.map((c) => displayName(c.demo.case.patient))).size).toBe(40);
    expect(new Set(forty.map((c) => c.demo.case.patient.mrn)).size).toBe(40);
    expect(forty[0].demo.case.patient.mrn).toBe('GEN-00001');
    expect(() => extraCases(101)).toThrow(/0 to 100/);
  });

  it('vary in site chapter, histotype, length of text and key images', () => {
    const forty = extraCases(40);
    const chapters = new Set(forty.map((c) => c.demo.case.siteChapter));
    expect([...chapters].sort()).toEqual(['head-and-neck', 'other', 'retroperitoneum', 'trunk-extremity', 'visceral']);
    const histotypes = new Set(forty.map((c) => c.demo.pathology![0].histotypeId));
    expect(histotypes.size).toBeGreaterThanOrEqual(10);
    for (const id of histotypes) expect(findHistotype(id), id!).toBeDefined();
    const lengths = forty.map((c) => c.demo.case.clinicalHistory.length);
    expect(Math.min(...lengths)).toBeLessThan(150);
    expect(Math.max(...lengths)).toBeGreaterThan(2000);
    const withKeyImage = forty.filter((c) => c.keyImage).length;
    expect(withKeyImage).toBeGreaterThan(5);
    expect(withKeyImage).toBeLessThan(40);
  });

  it('go onto the demo board next meeting after its own cases, once, lengthen it to fit, and its deck paginates the agenda', () => {
    const db = openDatabase(tempDataDir());
    loadDemoBoard(db, RESOURCES_DIR);
    const first = loadExtraDemoCases(db, RESOURCES_DIR, 33);
    expect(first).toMatchObject({ casesCreated: 33, skipped: 0 });
    const again = loadExtraDemoCases(db, RESOURCES_DIR, 35);
    expect(again).toMatchObject({ casesCreated: 2, skipped: 33, meetingId: first.meetingId });
    const { meetings } = createMeetingsServices(db);
    const items = meetings.get(first.meetingId).items;
    expect(items).toHaveLength(42);
    expect(items.slice(0, 7).some((i) => i.case.mrn.startsWith('GEN-'))).toBe(false);
    expect(items.slice(7).every((i) => i.case.mrn.startsWith('GEN-'))).toBe(true);
    // Booked long enough for its agenda, to the quarter hour, instead of running over.
    const m = meetings.get(first.meetingId);
    expect(m.minutesLeft).toBeGreaterThanOrEqual(0);
    expect(m.minutesLeft).toBeLessThan(15);
    expect(m.durationMinutes % 15).toBe(0);
    expect(again.durationMinutes).toBe(m.durationMinutes);

    const { meeting, items: deckItems } = loadMeetingDeckData(db, first.meetingId);
    const deck = buildMeetingDeck(meeting, deckItems);
    const agenda = deck.slides.filter((s): s is SlideOf<'agenda'> => s.kind === 'agenda');
    expect(agenda.map((s) => s.title)).toEqual([
      'Agenda 1/6',
      'Agenda 2/6',
      'Agenda 3/6',
      'Agenda 4/6',
      'Agenda 5/6',
      'Agenda 6/6',
    ]);
    const labels = agenda.flatMap((s) => s.content.rows.map((r) => r.label));
    expect(labels).toHaveLength(42);
    for (const c of extraCases(35)) expect(labels).toContain(displayName(c.demo.case.patient));
    db.close();
  });
});
