import { describe, expect, it } from 'vitest';
import { loadMeetingDeckData } from '../../../electron/services/meetings/deck-data';
import { CaseInput } from '../../../shared/domain/case';
import type { SlideOf } from '../../../shared/deck/model';
import { caseInput } from '../helpers/case-input';
import { report } from '../clinical-services/fixtures';
import { caller, insertKeyImages, setup } from './fixtures';

describe('deck from the database', () => {
  it('assembles each agenda item’s record: key images with their measurements, lesions, pathology, stage, plan, timeline', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting();
    const caseId = s.newCase({ patient: { familyName: 'Deckard', dateOfBirth: '1970-12-11' } });
    s.clinical.pathology.create(
      caseId,
      report({
        histotypeId: 'leiomyosarcoma',
        differentiation: 2,
        mitosesPer10Hpf: 12,
        necrosisPercent: 10,
        specimenId: 'S-9',
      }),
    );
    s.clinical.plan.set(caseId, { options: ['surgery'], text: 'Wide excision' });
    s.db
      .prepare(
        "INSERT INTO lesions (case_id, label, long_cm, short_cm, craniocaudal_cm, study_date, source, updated_at) VALUES (?, 'Thigh mass', 6, 4, 7.5, '2026-10-02', 'measured', 'now')",
      )
      .run(caseId);
    insertKeyImages(s.db, caseId, 5);
    s.m.agenda.add(meetingId, [caseId], { presenter: 'Dr P', minutes: 8 });

    const { meeting, items } = loadMeetingDeckData(s.db, meetingId);
    expect(meeting).toMatchObject({ id: meetingId, endsAt: '2026-12-10T14:30', status: 'scheduled' });
    const r = items[0].record;
    expect(r).toMatchObject({
      caseId,
      meetingDate: '2026-12-10',
      ageAtMeeting: 55,
      plan: { options: ['surgery'], text: 'Wide excision' },
    });
    expect(r.keyImages[0]).toEqual({
      id: expect.any(Number),
      caption: 'Axial CT 1',
      renderUrl: `/media/key-images/${r.keyImages[0].id}.png`,
      studyDate: '2026-10-02',
      seriesDescription: 'Axial 5 mm',
      measurements: ['L 42.1 × W 20.0 mm'],
    });
    expect(r.clinical.grade.grade).toBe('G2');
    expect(r.clinical.stage).toMatchObject({ applicable: true, T: 'cT2' });
    expect(r.timeline.some((t) => t.kind === 'biopsy')).toBe(true);
    // The same stage and readiness as the case page.
    const summary = s.clinical.summary(caseId, '2026-12-10');
    expect(r.clinical.stage.explanation).toBe(summary.stage.explanation);
    expect(r.clinical.readiness.missing).toBe(summary.readiness.missing);

    const deck = await call('deck:get', { meetingId });
    expect(deck.ok).toBe(true);
    if (!deck.ok) return;
    expect(deck.value.slides.map((x) => x.key)).toEqual([
      `meeting-${meetingId}/agenda`,
      `case-${caseId}/title`,
      `case-${caseId}/history`,
      `case-${caseId}/imaging-1`,
      `case-${caseId}/imaging-2`,
      `case-${caseId}/pathology`,
      `case-${caseId}/staging`,
      `case-${caseId}/plan`,
    ]);
    const imaging = deck.value.slides.filter((x) => x.kind === 'imaging') as SlideOf<'imaging'>[];
    expect(imaging.map((x) => x.content.images.length)).toEqual([3, 2]);
    expect(imaging[0].content.lesions[0]).toMatchObject({
      label: 'Thigh mass',
      size: '6 × 4 × 7.5 cm',
      greatestCm: 7.5,
    });
    const deid = await call('deck:get', { meetingId, deidentified: true });
    expect(deid.ok && JSON.stringify(deid.value)).not.toMatch(/Deckard|DECKARD|S-9|1970-12-11/);
  });

  it('edits slides: text stays as edited while the record changes, hide, move, reset; refuses what the slide does not have', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting();
    const caseId = s.newCase();
    const itemId = s.m.agenda.add(meetingId, [caseId]).items[0].id;
    const key = (k: string) => `case-${caseId}/${k}`;

    const edited = await call('deck:editSlide', {
      itemId,
      slideKey: key('title'),
      text: { question: 'Presenter’s question?' },
    });
    expect(edited.ok && edited.value.slides[0]).toMatchObject({
      text: { question: 'Presenter’s question?' },
      edited: ['question'],
    });

    // The record changes: the edited question stays, the diagnosis follows.
    const current = s.cases.get(caseId);
    s.cases.update(
      caseId,
      current.version,
      CaseInput.parse(
        caseInput({
          patient: current.patient,
          boardQuestion: 'New question from the record?',
          workingDiagnosis: 'Myxofibrosarcoma',
        }),
      ),
    );
    const after = s.m.deck.caseDeck(itemId);
    expect(after.slides[0]).toMatchObject({
      text: { question: 'Presenter’s question?', diagnosis: 'Myxofibrosarcoma' },
      recordText: { question: 'New question from the record?' },
    });
    // One question per case: the plan slide follows the title slide's, edited or not.
    expect((after.slides.find((x) => x.kind === 'plan') as SlideOf<'plan'>).text.question).toBe(
      'Presenter’s question?',
    );

    // Hide: left out of the meeting deck, kept in the case deck.
    await call('deck:editSlide', { itemId, slideKey: key('history'), hidden: true });
    expect(s.m.deck.meetingDeck(meetingId).slides.map((x) => x.key)).not.toContain(key('history'));
    expect(s.m.deck.caseDeck(itemId).slides.find((x) => x.key === key('history'))!.hidden).toBe(true);
    expect(s.m.deck.meetingDeck(meetingId, { includeHidden: true }).slides.map((x) => x.key)).toContain(key('history'));

    // Move the plan first.
    const moved = await call('deck:editSlide', { itemId, slideKey: key('plan'), position: 0 });
    expect(moved.ok && moved.value.slides.map((x) => x.kind)).toEqual([
      'plan',
      'title',
      'history',
      'pathology',
      'staging',
    ]);
    const movedAgain = await call('deck:editSlide', { itemId, slideKey: key('title'), position: 0 });
    expect(movedAgain.ok && movedAgain.value.slides.map((x) => x.kind)).toEqual([
      'title',
      'plan',
      'history',
      'pathology',
      'staging',
    ]);
    // The hidden flag and the text edit survived the moves.
    expect(movedAgain.ok && movedAgain.value.slides[0].text.question).toBe('Presenter’s question?');
    expect(movedAgain.ok && movedAgain.value.slides[2].hidden).toBe(true);

    // Back to the record: a null text, or the record's own text, drops the edit.
    const back = await call('deck:editSlide', { itemId, slideKey: key('title'), text: { question: null } });
    expect(back.ok && back.value.slides[0]).toMatchObject({
      edited: [],
      text: { question: 'New question from the record?' },
    });
    await call('deck:editSlide', { itemId, slideKey: key('staging'), text: { title: 'AJCC 8th' } });
    await call('deck:editSlide', { itemId, slideKey: key('staging'), text: { title: 'Staging' } });
    expect(s.m.deck.caseDeck(itemId).slides.find((x) => x.kind === 'staging')!.edited).toEqual([]);
    const reset = await call('deck:resetSlide', { itemId, slideKey: key('history') });
    expect(reset.ok && reset.value.slides.find((x) => x.kind === 'history')!.hidden).toBe(false);

    // (The speaker notes are editable on every slide: deck-notes.test.ts.)
    expect(await call('deck:editSlide', { itemId, slideKey: key('title'), text: { footer: 'x' } })).toMatchObject({
      ok: false,
      code: 'invalid-input',
      field: 'text.footer',
    });
    expect(await call('deck:editSlide', { itemId, slideKey: key('imaging-3'), hidden: true })).toMatchObject({
      ok: false,
      code: 'not-found',
      field: 'slideKey',
    });
    expect(await call('deck:editSlide', { itemId, slideKey: key('plan'), position: 9 })).toMatchObject({
      ok: false,
      field: 'position',
    });
    expect(await call('deck:editSlide', { itemId: 999, slideKey: key('plan'), hidden: true })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  it('builds the deck of a 30-case meeting with 2 key images each in one call', () => {
    const s = setup();
    const meetingId = s.newMeeting({ durationMinutes: 180 });
    const caseIds = Array.from({ length: 30 }, () => s.newCase());
    for (const id of caseIds) {
      s.clinical.pathology.create(
        id,
        report({ histotypeId: 'leiomyosarcoma', differentiation: 2, mitosesPer10Hpf: 5, necrosisPercent: 0 }),
      );
      insertKeyImages(s.db, id, 2);
    }
    s.m.agenda.add(meetingId, caseIds, { minutes: 6 });
    s.m.deck.meetingDeck(meetingId); // warm up
    const t = performance.now();
    const deck = s.m.deck.meetingDeck(meetingId);
    const ms = performance.now() - t;
    expect(deck.sections).toHaveLength(30);
    // Five agenda slides of six cases ("Agenda 1/5"...), then six slides a case.
    expect(deck.slides).toHaveLength(5 + 30 * 6);
    expect(ms).toBeLessThan(1000);
  });
});
