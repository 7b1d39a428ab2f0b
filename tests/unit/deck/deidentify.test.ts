import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { readDemoBoard } from '../../../electron/services/demo/demo-board';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { createMeetingsServices } from '../../../electron/services/meetings';
import { buildCaseDeck, buildMeetingDeck } from '../../../shared/deck/build';
import { deidentify, identifierScrubber } from '../../../shared/deck/deidentify';
import { MeetingDeck, type SlideOf } from '../../../shared/deck/model';
import { insertKeyImages } from '../meetings/fixtures';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';
import { keyImages, meetingItem, MEETING, record } from './fixtures';

const ids = {
  name: 'QUILL, Ada May',
  familyName: 'Quill',
  givenNames: 'Ada May',
  mrn: 'T-1001',
  dateOfBirth: '1961-05-02',
  referringHospital: 'Northgate General',
  consultantContact: 'bleep 2001; b.surgeon@example.org',
  specimenIds: ['S26-123'],
};

describe('identifierScrubber', () => {
  const scrub = identifierScrubber([ids]);

  it('replaces the names in any case, MRN (also without separators), date of birth in the usual forms', () => {
    expect(scrub('QUILL, Ada May was seen; Mrs Quill agreed. quill signed.')).toBe(
      '[patient] was seen; Mrs [patient] agreed. [patient] signed.',
    );
    expect(scrub('Ada May Quill, MRN T-1001 (T1001, t-1001)')).toBe('[patient], MRN [MRN] ([MRN], [MRN])');
    for (const dob of [
      '1961-05-02',
      '02/05/1961',
      '2/5/1961',
      '02.05.1961',
      '05/02/1961',
      '2 May 1961',
      '2nd May 1961',
      'May 2, 1961',
      '02-May-1961'.replace(/-/g, ' '),
      '19610502',
    ]) {
      expect(scrub(`born ${dob}.`), dob).toBe('born [date of birth].');
    }
    expect(scrub('Specimen S26-123 at Northgate General; call bleep 2001 or b.surgeon@example.org')).toBe(
      'Specimen [specimen] at [referring hospital]; call [contact] or [contact]',
    );
  });

  it('also scrubs the hospital named by its place alone, but not the generic words of its name', () => {
    expect(scrub('A biopsy taken at Northgate (2026-11-04); the general surgeons at the hospital agreed.')).toBe(
      'A biopsy taken at [referring hospital] (2026-11-04); the general surgeons at the hospital agreed.',
    );
    const another = identifierScrubber([
      { ...ids, referringHospital: "St Aldric's University Hospital, Hollins Vale" },
    ]);
    expect(another('Seen at St Aldric’s, then Hollins Vale; scans from Aldric and Hollins.')).toBe(
      'Seen at St [referring hospital]’s, then [referring hospital]; scans from [referring hospital] and [referring hospital].',
    );
  });

  it('leaves words that only look like given names, and other numbers, alone', () => {
    expect(scrub('The MRI may show it in May 2026; ada is not a name here.')).toBe(
      'The MRI may show it in [patient] 2026; ada is not a name here.',
    );
    expect(scrub('Mass 16.3 x 8 cm, 2026-10-02, ECOG 1, T-10010')).toBe(
      'Mass 16.3 x 8 cm, 2026-10-02, ECOG 1, T-10010',
    );
    expect(scrub('Quillon and Adamson')).toBe('Quillon and Adamson');
  });
});

describe('deidentify', () => {
  it('removes the structured identifiers, names cases by number, and flags the images as burned-in PNGs only', () => {
    const items = [meetingItem(1, 1, { record: record(1, { keyImages: keyImages(2) }) }), meetingItem(2, 2)];
    items[1].record = {
      ...items[1].record,
      patient: { familyName: 'Brook', givenNames: 'Tom', mrn: 'T-2002', dateOfBirth: '1970-01-31', sex: 'male' },
    };
    const deck = buildMeetingDeck(MEETING, items, { deidentified: true });
    expect(MeetingDeck.parse(deck)).toEqual(deck);
    expect(deck.deidentified).toBe(true);
    expect(deck.sections.map((s) => [s.label, s.identifiers])).toEqual([
      ['Case 1', null],
      ['Case 2', null],
    ]);
    const agenda = deck.slides[0] as SlideOf<'agenda'>;
    expect(agenda.content.rows.map((r) => r.label)).toEqual(['Case 1', 'Case 2']);
    const title = deck.slides.find((s) => s.kind === 'title') as SlideOf<'title'>;
    expect(title.title).toBe('Case 1');
    expect(title.content.patient).toEqual({
      name: null,
      mrn: null,
      dateOfBirth: null,
      age: 65,
      sex: 'female',
      sexLabel: 'Female',
    });
    expect(title.content.referringHospital).toBeNull();
    expect(title.text.summary).toBe('65-year-old woman');
    const imaging = deck.slides.find((s) => s.kind === 'imaging') as SlideOf<'imaging'>;
    expect(imaging.content.images.every((i) => i.burnedInOnly)).toBe(true);
    const path = deck.slides.find((s) => s.kind === 'pathology') as SlideOf<'pathology'>;
    expect(path.content.reports[0].specimenId).toBeNull();

    const json = JSON.stringify(deck);
    for (const secret of [
      'Quill',
      'QUILL',
      'T-1001',
      '1961-05-02',
      '02/05/1961',
      'Brook',
      'T-2002',
      '1970-01-31',
      'S26-123',
      'Northgate General',
      'bleep 2001',
    ]) {
      expect(json, secret).not.toContain(secret);
    }
    expect(json).toContain('[patient] (MRN [MRN], born [date of birth])');
    expect(deidentify(deck)).toEqual(deck);
  });

  it('an edited title or text is scrubbed too', () => {
    const deck = buildCaseDeck(record(12), {
      item: {
        id: 1,
        number: 4,
        presenter: 'Dr P',
        minutes: 5,
        plannedStart: '2026-12-10T13:00',
        state: 'pending',
        history: [],
      },
      edits: [
        {
          slideKey: 'case-12/title',
          hidden: false,
          position: null,
          text: { title: 'Mrs Ada Quill', question: 'For Ada May Quill (T-1001)?' },
        },
      ],
      deidentified: true,
    });
    const title = deck.slides[0] as SlideOf<'title'>;
    expect(title.title).toBe('Mrs [patient]');
    expect(title.text.question).toBe('For [patient] ([MRN])?');
    expect(title.recordText.title).toBe('Case 4');
    expect(deck).toMatchObject({ label: 'Case 4', identifiers: null, deidentified: true });
  });

  it('the de-identified demo meeting deck holds none of the demo patients’ names, MRNs or dates of birth, anywhere', () => {
    const db = openDatabase(tempDataDir());
    loadDemoBoard(db, RESOURCES_DIR);
    const m = createMeetingsServices(db);
    const next = m.meetings.next({ boardType: 'sarcoma' })!;
    // Key images whose captions name the patient, and slide edits that do.
    const first = m.meetings.get(next.id).items[0];
    insertKeyImages(db, first.caseId, 5, (i) => `Halverson Graham, BP-100231, image ${i + 1}`);
    m.deck.editSlide({
      itemId: first.id,
      slideKey: `case-${first.caseId}/plan`,
      text: { proposal: 'Discussed with Mr HALVERSON (DOB 11/04/1963)' },
    });

    const plain = JSON.stringify(m.deck.meetingDeck(next.id, { includeHidden: true }));
    const deid = m.deck.meetingDeck(next.id, { deidentified: true, includeHidden: true });
    const json = JSON.stringify(deid);
    const board = readDemoBoard(RESOURCES_DIR);
    expect(board.cases).toHaveLength(7);
    for (const c of board.cases) {
      const p = c.case.patient;
      const [y, mo, d] = p.dateOfBirth.split('-');
      const secrets = [
        p.familyName,
        p.familyName.toUpperCase(),
        ...p.givenNames.split(' '),
        p.mrn,
        p.mrn.replace('-', ''),
        p.dateOfBirth,
        `${d}/${mo}/${y}`,
      ];
      expect(plain, `${c.key} is in the plain deck`).toContain(p.mrn);
      for (const s of secrets) expect(json.includes(s), `${c.key}: ${s}`).toBe(false);
      if (c.case.referringHospital)
        expect(json.includes(c.case.referringHospital), c.case.referringHospital).toBe(false);
    }
    expect(
      deid.slides
        .filter((s) => s.kind === 'imaging')
        .flatMap((s) => (s as SlideOf<'imaging'>).content.images)
        .every((i) => i.burnedInOnly),
    ).toBe(true);
    expect(deid.sections.map((s) => s.label)).toEqual([
      'Case 1',
      'Case 2',
      'Case 3',
      'Case 4',
      'Case 5',
      'Case 6',
      'Case 7',
    ]);
    db.close();
  });
});
