import { describe, expect, it } from 'vitest';
import { caller, setup } from './fixtures';

/**
 * Outcome letters and minutes are written from the record and the decision, never from slide wording (issue 12,
 * item 8): the print views read decisions:recordFacts and decisions:get / decisions:forMeeting, not the deck.
 */
describe('the facts an outcome letter and the minutes print', () => {
  it('come from the case record: an edited slide text does not appear in them', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting();
    const caseId = s.newCase({ patient: { familyName: 'Deckard', givenNames: 'Rick' } as never });
    const itemId = s.m.agenda.add(meetingId, [caseId]).items[0].id;
    const key = (k: string) => `case-${caseId}/${k}`;

    await call('deck:editSlide', {
      itemId,
      slideKey: key('title'),
      text: { question: 'SLIDE-ONLY question?', diagnosis: 'SLIDE-ONLY diagnosis', site: 'SLIDE-ONLY site' },
    });
    await call('deck:editSlide', { itemId, slideKey: key('title'), text: { title: 'SLIDE-ONLY title' } });
    // The slide does show the edit...
    const deck = await call('deck:case', { itemId });
    expect(deck.ok && JSON.stringify(deck.value)).toMatch(/SLIDE-ONLY/);

    // ...but the letter's and the minutes' data do not: they say what the record says.
    const one = await call('decisions:recordFacts', { meetingId, itemId });
    const all = await call('decisions:recordFacts', { meetingId });
    const deid = await call('decisions:recordFacts', { meetingId, deidentified: true });
    for (const answer of [one, all, deid]) {
      expect(answer.ok).toBe(true);
      expect(JSON.stringify(answer.ok && answer.value)).not.toMatch(/SLIDE-ONLY/);
    }
    expect(one.ok && one.value).toEqual([
      expect.objectContaining({
        itemId,
        caseId,
        number: 1,
        deidentified: false,
        diagnosis: 'Undifferentiated pleomorphic sarcoma',
        question: 'Neoadjuvant radiotherapy?',
        patient: expect.objectContaining({ mrn: expect.any(String) }),
      }),
    ]);
    expect(one.ok && one.value[0].label).toMatch(/Deckard/i);
    // De-identified: no patient block, "Case 1", no name anywhere.
    expect(deid.ok && deid.value[0]).toMatchObject({ label: 'Case 1', patient: null, identifiers: null });
    expect(JSON.stringify(deid.ok && deid.value)).not.toMatch(/Deckard/i);
  });

  it('refuses an item of another meeting', async () => {
    const s = setup();
    const call = caller(s.m);
    const a = s.newMeeting();
    const b = s.newMeeting({ startsAt: '2026-12-17T13:00' });
    const itemId = s.m.agenda.add(b, [s.newCase()]).items[0].id;
    expect(await call('decisions:recordFacts', { meetingId: a, itemId })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });
});
