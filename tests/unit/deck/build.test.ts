import { describe, expect, it } from 'vitest';
import { applyEdits, buildCaseDeck, buildMeetingDeck, imageGroups, recordSlides } from '../../../shared/deck/build';
import { measurementText } from '../../../shared/imaging/measurement-text';
import { CaseDeck, MeetingDeck, type SlideOf } from '../../../shared/deck/model';
import { agendaItem, keyImages, meetingItem, MEETING, record } from './fixtures';

const kinds = (d: { slides: { kind: string }[] }) => d.slides.map((s) => s.kind);
const keys = (d: { slides: { key: string }[] }) => d.slides.map((s) => s.key);
const slide = <
  K extends SlideOf<'title'>['kind'] | 'history' | 'imaging' | 'pathology' | 'staging' | 'plan' | 'agenda',
>(
  d: { slides: { kind: string }[] },
  kind: K,
) => d.slides.find((s) => s.kind === kind) as SlideOf<K>;

describe('case deck', () => {
  it('builds title, history, imaging, pathology, staging and plan slides in that order, with stable keys', () => {
    const deck = buildCaseDeck(record(12, { keyImages: keyImages(2) }), { item: agendaItem(7, 3) });
    expect(kinds(deck)).toEqual(['title', 'history', 'imaging', 'pathology', 'staging', 'plan']);
    expect(keys(deck)).toEqual([
      'case-12/title',
      'case-12/history',
      'case-12/imaging-1',
      'case-12/pathology',
      'case-12/staging',
      'case-12/plan',
    ]);
    expect(deck).toMatchObject({ caseId: 12, itemId: 7, number: 3, label: 'QUILL, Ada May', deidentified: false });
    expect(CaseDeck.parse(deck)).toEqual(deck);

    const title = slide(deck, 'title');
    expect(title.title).toBe('QUILL, Ada May');
    expect(title.text).toEqual({
      summary: '65-year-old woman',
      diagnosis: 'Undifferentiated pleomorphic sarcoma',
      site: 'Left thigh, deep',
      question: 'Neoadjuvant radiotherapy before excision?',
    });
    expect(title.content.patient).toEqual({
      name: 'QUILL, Ada May',
      mrn: 'T-1001',
      dateOfBirth: '1961-05-02',
      age: 65,
      sex: 'female',
      sexLabel: 'Female',
    });
    expect(title.content).toMatchObject({
      presenter: 'Presenter 3',
      minutes: 10,
      number: 3,
      ecog: 1,
      siteChapterLabel: 'Trunk and extremities',
    });
    expect(title.editable).toEqual(['title', 'summary', 'diagnosis', 'site', 'question']);
    expect(title.notes).toMatch(/What the patient knows: Aware of a likely sarcoma diagnosis/);

    expect(slide(deck, 'history').content.timeline).toHaveLength(2);
    const imaging = slide(deck, 'imaging');
    expect(imaging.content.lesions).toEqual([
      { label: 'Thigh mass', size: '12 × 8 × 9.5 cm', greatestCm: 12, studyDate: '2026-10-02', source: 'typed' },
    ]);
    expect(imaging.text.summary).toBe('Largest lesion 12 cm: Thigh mass (12 × 8 × 9.5 cm, 2 Oct 2026).');
    const path = slide(deck, 'pathology');
    expect(path.content.reports[0]).toMatchObject({
      driving: true,
      procedure: 'Core needle biopsy',
      histotype: 'Undifferentiated pleomorphic sarcoma',
      icdO3: '8802/3',
      grade: { grade: 'G3', score: 7, components: { differentiation: 3, mitoses: 2, necrosis: 2 } },
      ihc: [{ marker: 'MDM2', result: 'negative', note: '' }],
      molecular: [{ test: 'MDM2 amplification (FISH)', result: 'not amplified' }],
      expertReview: { by: 'Dr Review' },
    });
    expect(path.text.summary).toBe(
      'Undifferentiated pleomorphic sarcoma (ICD-O-3 8802/3), FNCLCC G3 (score 7: differentiation 3, mitoses 2, necrosis 2).',
    );
    const staging = slide(deck, 'staging');
    expect(staging.content).toMatchObject({ summary: 'cT3 cN0 cM0 G3, stage IIIB', size: { cm: 12, kind: 'lesion' } });
    expect(staging.text.explanation).toMatch(/stage IIIB/);
    const plan = slide(deck, 'plan');
    expect(plan.content.options.map((o) => o.label)).toEqual(['Preoperative radiotherapy', 'Surgery']);
    expect(plan.text).toEqual({
      proposal: 'Preoperative RT then wide excision.',
      question: 'Neoadjuvant radiotherapy before excision?',
    });
    expect(plan.content.readiness).toEqual({
      ready: false,
      missing: 1,
      pending: 0,
      stale: 0,
      open: [{ label: 'Chest CT for staging', state: 'missing', reason: 'No chest CT' }],
    });
  });

  it('puts one to four key images on a slide, spread evenly: 5 key images make 2 slides', () => {
    const count = (n: number) =>
      buildCaseDeck(record(1, { keyImages: keyImages(n) })).slides.filter(
        (s) => s.kind === 'imaging',
      ) as SlideOf<'imaging'>[];
    expect(count(1).map((s) => s.content.images.length)).toEqual([1]);
    expect(count(4).map((s) => s.content.images.length)).toEqual([4]);
    const five = count(5);
    expect(five.map((s) => s.content.images.length)).toEqual([3, 2]);
    expect(five.map((s) => [s.key, s.title, s.content.part, s.content.parts])).toEqual([
      ['case-1/imaging-1', 'Imaging (1 of 2)', 1, 2],
      ['case-1/imaging-2', 'Imaging (2 of 2)', 2, 2],
    ]);
    expect(five[0].content.lesions).toHaveLength(1);
    expect(five[1].content.lesions).toEqual([]);
    expect(five.flatMap((s) => s.content.images.map((i) => i.keyImageId))).toEqual([100, 101, 102, 103, 104]);
    expect(five[0].content.images[0]).toEqual({
      keyImageId: 100,
      caption: 'Axial T1 1',
      src: '/media/key-images/100.png',
      measurements: ['L 42.1 × W 20.0 mm'],
      studyDate: '2026-10-02',
      seriesDescription: 'Ax T1 FS post',
      burnedInOnly: false,
    });
    expect(count(9).map((s) => s.content.images.length)).toEqual([3, 3, 3]);
    expect(imageGroups([1, 2, 3, 4, 5, 6, 7]).map((g) => g.length)).toEqual([4, 3]);
    for (let n = 1; n <= 30; n++) {
      const groups = imageGroups(Array.from({ length: n }, (_, i) => i));
      expect(groups.every((g) => g.length >= 1 && g.length <= 4)).toBe(true);
      expect(groups.flat()).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    // Lesion sizes without key images: one imaging slide; neither: none.
    expect(count(0).map((s) => s.content.images.length)).toEqual([0]);
    expect(kinds(buildCaseDeck(record(1, { lesions: [] })))).toEqual([
      'title',
      'history',
      'pathology',
      'staging',
      'plan',
    ]);
  });

  it('says what is missing rather than leaving a slide blank', () => {
    const deck = buildCaseDeck(
      record(3, {
        pathology: [],
        clinical: {
          ...record().clinical,
          drivingReportId: null,
          grade: { ...record().clinical.grade, grade: 'GX', score: null, status: 'no-report', source: 'none' },
          stage: {
            ...record().clinical.stage,
            applicable: false,
            T: null,
            N: null,
            M: null,
            stageGroup: null,
            explanation: 'No AJCC staging: other site.',
          },
        },
      }),
    );
    expect(slide(deck, 'pathology').text.summary).toBe('No pathology report recorded.');
    expect(slide(deck, 'pathology').content.reports).toEqual([]);
    expect(slide(deck, 'staging').content.summary).toMatch(/^Not staged/);
  });

  it('a case outside the sarcoma site chapters has no staging slide and no FNCLCC grade (issue 13)', () => {
    const other = record(4, { siteChapter: 'other' });
    const deck = buildCaseDeck(other);
    expect(kinds(deck)).not.toContain('staging');
    const path = slide(deck, 'pathology');
    expect(path.content.sarcoma).toBe(false);
    expect(path.text.summary).not.toMatch(/FNCLCC/);
    expect(path.notes).not.toMatch(/^Grade:/m);
    // A sarcoma keeps both.
    const sarcoma = buildCaseDeck(record(5));
    expect(kinds(sarcoma)).toContain('staging');
    expect(slide(sarcoma, 'pathology')).toMatchObject({ content: { sarcoma: true } });
    expect(slide(sarcoma, 'pathology').text.summary).toMatch(/FNCLCC G3/);
    expect(CaseDeck.safeParse(deck).success).toBe(true);
  });

  it('the plan slide lists pending work-up items as open, counted apart from missing ones', () => {
    const base = record();
    const deck = buildCaseDeck(
      record(6, {
        clinical: {
          ...base.clinical,
          readiness: {
            ready: false,
            missing: 0,
            pending: 1,
            stale: 0,
            items: [
              {
                label: 'CT abdomen/pelvis for myxoid liposarcoma staging',
                state: 'pending',
                reason: 'Depends on the liposarcoma subtype, not yet known.',
              },
            ],
          },
        },
      }),
    );
    expect(slide(deck, 'plan').content.readiness).toEqual({
      ready: false,
      missing: 0,
      pending: 1,
      stale: 0,
      open: [
        {
          label: 'CT abdomen/pelvis for myxoid liposarcoma staging',
          state: 'pending',
          reason: 'Depends on the liposarcoma subtype, not yet known.',
        },
      ],
    });
    expect(slide(deck, 'plan').notes).toMatch(/CT abdomen\/pelvis for myxoid liposarcoma staging \(pending\)/);
  });

  it('an edited text stays as edited when the record changes; everything else follows the record', () => {
    const edits = [
      {
        slideKey: 'case-12/title',
        hidden: false,
        position: null,
        text: { question: 'Edited question?', title: 'Case of the week' },
      },
    ];
    const before = buildCaseDeck(record(12), { edits });
    const t0 = slide(before, 'title');
    expect(t0.title).toBe('Case of the week');
    expect(t0.text.question).toBe('Edited question?');
    expect(t0.edited.sort()).toEqual(['question', 'title']);
    expect(t0.recordText).toEqual({ question: 'Neoadjuvant radiotherapy before excision?', title: 'QUILL, Ada May' });

    const changed = record(12, { boardQuestion: 'Surgery first?', workingDiagnosis: 'Myxofibrosarcoma', ecog: 2 });
    const after = buildCaseDeck(changed, { edits });
    const t1 = slide(after, 'title');
    expect(t1.text.question).toBe('Edited question?');
    expect(t1.recordText.question).toBe('Surgery first?');
    expect(t1.text.diagnosis).toBe('Myxofibrosarcoma');
    expect(t1.content.ecog).toBe(2);
    // One question per case: the plan slide shows the title slide's edited question, not the record's new one.
    expect(slide(after, 'plan').text.question).toBe('Edited question?');
    expect(slide(after, 'plan').editable).toEqual(['title', 'proposal']);
    // An edit naming a field the slide does not have is ignored.
    const odd = buildCaseDeck(record(12), {
      edits: [{ slideKey: 'case-12/plan', hidden: false, position: null, text: { nonsense: 'x' } }],
    });
    expect(slide(odd, 'plan').edited).toEqual([]);
  });

  it('reorders by position; a slide that appears later follows its neighbour from the record', () => {
    const r = record(4, { keyImages: keyImages(2) });
    const natural = keys({ slides: recordSlides(r) });
    const order = [
      'case-4/plan',
      'case-4/title',
      'case-4/history',
      'case-4/imaging-1',
      'case-4/pathology',
      'case-4/staging',
    ];
    const edits = order.map((slideKey, position) => ({ slideKey, hidden: false, position, text: {} }));
    expect(natural).not.toEqual(order);
    expect(keys(buildCaseDeck(r, { edits }))).toEqual(order);
    // Five key images now: imaging-2 appears, right after imaging-1.
    expect(keys(buildCaseDeck(record(4, { keyImages: keyImages(5) }), { edits }))).toEqual([
      'case-4/plan',
      'case-4/title',
      'case-4/history',
      'case-4/imaging-1',
      'case-4/imaging-2',
      'case-4/pathology',
      'case-4/staging',
    ]);
    // applyEdits with a stale key changes nothing else.
    const slides = recordSlides(r);
    expect(
      applyEdits(slides, [{ slideKey: 'case-4/gone', hidden: true, position: 0, text: {} }]).map((s) => s.key),
    ).toEqual(natural);
  });
});

describe('meeting deck', () => {
  it('starts with the agenda slide, then each case in agenda order, and leaves hidden slides out', () => {
    const items = [
      meetingItem(2, 2, { edits: [{ slideKey: 'case-2/history', hidden: true, position: null, text: {} }] }),
      meetingItem(1, 1, {
        item: agendaItem(1001, 1, {
          history: [
            {
              meetingTitle: 'Sarcoma MDT',
              startsAt: '2026-11-26T13:00',
              state: 'deferred',
              deferredReason: 'MRI awaited',
            },
          ],
        }),
      }),
    ];
    const deck = buildMeetingDeck(MEETING, items);
    expect(MeetingDeck.parse(deck)).toEqual(deck);
    expect(deck.slides[0].kind).toBe('agenda');
    expect(deck.slides[0].key).toBe('meeting-5/agenda');
    expect(kinds(deck)).toEqual([
      'agenda',
      'title',
      'history',
      'imaging',
      'pathology',
      'staging',
      'plan',
      'title',
      'imaging',
      'pathology',
      'staging',
      'plan',
    ]);
    expect(deck.slides.some((s) => s.key === 'case-2/history')).toBe(false);
    expect(deck.sections.map((s) => [s.caseId, s.number, s.firstSlide, s.slideCount])).toEqual([
      [1, 1, 1, 6],
      [2, 2, 7, 5],
    ]);
    const agenda = slide(deck, 'agenda');
    expect(agenda.content.rows.map((r) => [r.number, r.label, r.ageSex, r.carriedOver])).toEqual([
      [1, 'QUILL, Ada May', '65 F', true],
      [2, 'QUILL, Ada May', '65 F', false],
    ]);
    expect(agenda.content).toMatchObject({
      totalMinutes: 20,
      minutesLeft: 70,
      meeting: { boardLabel: 'Sarcoma', place: 'Seminar room 3' },
    });
    expect(agenda.editable).toEqual([]);
    expect((deck.slides[1] as SlideOf<'title'>).content.history).toEqual([
      'Sarcoma MDT, 26 Nov 2026: deferred: MRI awaited',
    ]);

    const editor = buildMeetingDeck(MEETING, items, { includeHidden: true });
    expect(editor.slides.find((s) => s.key === 'case-2/history')!.hidden).toBe(true);
  });

  it('formats measurements as drawn on the image', () => {
    const v = { unit: 'mm' as const, spacingSource: 'PixelSpacing' as const };
    expect(measurementText({ tool: 'length', values: { ...v, length: 42.14 } })).toBe('Length 42.1 mm');
    expect(measurementText({ tool: 'bidirectional', values: { ...v, long: 42.14, short: 20 } })).toBe(
      'L 42.1 × W 20.0 mm',
    );
    expect(measurementText({ tool: 'ellipse', values: { ...v, area: 320, mean: 35, meanUnit: 'HU' } })).toBe(
      'Area 3.20 cm², mean 35.0 HU',
    );
    expect(
      measurementText({ tool: 'length', values: { unit: 'mm', spacingSource: 'ImagerPixelSpacing', length: 10 } }),
    ).toBe('Length 10.0 mm (detector)');
    expect(measurementText({ tool: 'length', values: { unit: 'px', spacingSource: null } })).toBeNull();
  });
});
