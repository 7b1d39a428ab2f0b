import { describe, expect, it } from 'vitest';
import { caller, setup } from './fixtures';

describe('speaker notes edited in presenter mode', () => {
  it('are stored as the slide’s text edit, reach the meeting deck, and an emptied note goes back to the record', async () => {
    const s = setup();
    const call = caller(s.m);
    const meetingId = s.newMeeting();
    const caseId = s.newCase();
    const itemId = s.m.agenda.add(meetingId, [caseId]).items[0].id;
    const slideKey = `case-${caseId}/history`;
    const recordNotes = s.m.deck.caseDeck(itemId).slides.find((x) => x.key === slideKey)!.notes;

    const edited = await call('deck:editSlide', { itemId, slideKey, text: { notes: 'Ask about the weight loss.' } });
    expect(edited.ok).toBe(true);
    const stored = s.db
      .prepare('SELECT text_json FROM deck_edits WHERE item_id = ? AND slide_key = ?')
      .get(itemId, slideKey) as { text_json: string };
    expect(JSON.parse(stored.text_json)).toEqual({ notes: 'Ask about the weight loss.' });
    // The meeting deck (presenter view, PDF, PPTX speaker notes) carries it; a de-identified one too.
    const deck = s.m.deck.meetingDeck(meetingId);
    expect(deck.slides.find((x) => x.key === slideKey)?.notes).toBe('Ask about the weight loss.');
    expect(s.m.deck.meetingDeck(meetingId, { deidentified: true }).slides.find((x) => x.key === slideKey)?.notes).toBe(
      'Ask about the weight loss.',
    );

    const emptied = await call('deck:editSlide', { itemId, slideKey, text: { notes: '  ' } });
    expect(emptied.ok && emptied.value.slides.find((x) => x.key === slideKey)).toMatchObject({
      notes: recordNotes,
      edited: [],
    });
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM deck_edits WHERE item_id = ?').get(itemId)).toEqual({ n: 0 });
  });
});
