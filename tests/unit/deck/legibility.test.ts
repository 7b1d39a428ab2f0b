import { describe, expect, it } from 'vitest';
import {
  buildCaseDeck,
  buildMeetingDeck,
  splitHistory,
  HISTORY_ONE_SLIDE,
  HISTORY_PER_SLIDE,
} from '../../../shared/deck/build';
import { dayMonthYear, plainText, readableDates, sentenceCase, studyTitle } from '../../../shared/deck/format';
import type { Slide, SlideOf } from '../../../shared/deck/model';
import { agendaItem, keyImages, meetingItem, MEETING, record } from './fixtures';

/** Slides are for people: dates as "22 Sep 2026", words instead of field names, one question per case. */

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
/** A field name as code writes it: mitosesPer10Hpf, necrosisPercent (not cT4, pN0, ypT2 or MDM2). */
const CAMEL = /\b[a-z]{2,}(?:[A-Z][a-z0-9]+)+\b/;

/** Content fields that hold data (drawn through a formatter), not text. */
const DATA_FIELDS = new Set([
  'date',
  'studyDate',
  'specimenDate',
  'dateOfBirth',
  'startsAt',
  'endsAt',
  'plannedStart',
  'src',
  'key',
  'kind',
  'caseStatus',
  'siteChapter',
  'status',
  'state',
  'source',
  'boardType',
  'sex',
  'id',
]);

function strings(value: unknown, key = '', out: string[] = []): string[] {
  if (DATA_FIELDS.has(key)) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, key, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => strings(v, k, out));
  return out;
}
const shown = (s: Slide) => strings({ title: s.title, text: s.text, content: s.content, notes: s.notes });

const LONG_HISTORY = Array.from(
  { length: 14 },
  (_, i) =>
    `Visit ${i + 1} on 2026-0${(i % 9) + 1}-1${i % 9}: the mass was reviewed, imaging was repeated and the findings were discussed with the patient in clinic.`,
).join(' ');

describe('dates and words', () => {
  it('formats dates the same way everywhere', () => {
    expect(dayMonthYear('2026-09-22')).toBe('22 Sep 2026');
    expect(dayMonthYear('2026-11-12T13:00')).toBe('12 Nov 2026');
    expect(dayMonthYear('2026-09')).toBe('Sep 2026');
    expect(dayMonthYear(null)).toBe('');
    expect(dayMonthYear('last spring')).toBe('last spring');
    expect(readableDates('CT (2026-09-22) and MDT 2026-11-12T13:00; not 2026-13-40 or 12026-01-01x')).toBe(
      'CT (22 Sep 2026) and MDT 12 Nov 2026 13:00; not 2026-13-40 or 12026-01-01x',
    );
  });

  it('says what a grade is missing in words', () => {
    expect(
      plainText(
        'GX: cannot be assessed, missing mitosesPer10Hpf, necrosisPercent. Differentiation 3 taken from the histotype.',
      ),
    ).toBe(
      'GX: cannot be assessed: mitoses per 10 HPF and necrosis % not reported. Differentiation 3 taken from the histotype.',
    );
    expect(
      plainText(
        'G2 as stated; the FNCLCC score is not computed (missing differentiation, mitosesPer10Hpf, necrosisPercent).',
      ),
    ).toBe(
      'G2 as stated; the FNCLCC score is not computed (differentiation, mitoses per 10 HPF and necrosis % not reported).',
    );
    expect(plainText('Biopsy of 2026-10-08 drives grade')).toBe('Biopsy of 8 Oct 2026 drives grade');
  });

  it('puts DICOM capitals in sentence case and says the modality once', () => {
    expect(studyTitle('CT: CT ABDOMEN PELVIS (SYNTHETIC DEMO)')).toBe('CT abdomen pelvis (synthetic demo)');
    expect(studyTitle('CT: R THIGH - SYNTHETIC CT STAND-IN FOR THE MRI OF 2026-09-24 (DEMO)')).toBe(
      'CT R thigh - synthetic CT stand-in for the MRI of 24 Sep 2026 (demo)',
    );
    expect(studyTitle('MR: Left thigh')).toBe('MR left thigh');
    expect(studyTitle('MR: MRI THIGH')).toBe('MRI thigh');
    expect(studyTitle('Imported study')).toBe('Imported study');
    expect(sentenceCase('ABDOMEN; 2 series')).toBe('Abdomen; 2 series');
    expect(sentenceCase('CT ABD/PELVIS AXIAL 5 mm (SYNTHETIC)')).toBe('CT abd/pelvis axial 5 mm (synthetic)');
    expect(sentenceCase('Ax T1 FS post')).toBe('Ax T1 FS post');
  });
});

describe('slide text', () => {
  it('shows no ISO date and no field name on any slide or in the notes', () => {
    const r = record(12, {
      clinicalHistory: 'CT abdomen/pelvis (2026-09-22) showed a mass.',
      keyImages: keyImages(1).map((k) => ({ ...k, seriesDescription: 'CT ABD/PELVIS AXIAL 5 mm (SYNTHETIC)' })),
      timeline: [
        {
          date: '2026-09-22',
          kind: 'study',
          title: 'CT: CT ABDOMEN PELVIS (SYNTHETIC DEMO)',
          detail: 'ABDOMEN; 2 series',
        },
      ],
      clinical: {
        ...record().clinical,
        grade: {
          ...record().clinical.grade,
          grade: 'GX',
          score: null,
          status: 'incomplete',
          reason: 'GX: cannot be assessed, missing mitosesPer10Hpf, necrosisPercent.',
        },
        readiness: {
          ready: false,
          missing: 1,
          stale: 0,
          items: [
            {
              label: 'FNCLCC grade',
              state: 'missing',
              reason: 'No FNCLCC grade yet: cannot be assessed, missing mitosesPer10Hpf.',
            },
          ],
        },
      },
      pathology: record().pathology.map((p) => ({
        ...p,
        grade: { ...p.grade, reason: 'GX: cannot be assessed, missing necrosisPercent.' },
      })),
    });
    const item = agendaItem(1, 1, {
      history: [
        {
          meetingTitle: 'Sarcoma MDT',
          startsAt: '2026-11-12T13:00',
          state: 'deferred',
          deferredReason: 'MRI of 2026-11-01 awaited.',
        },
      ],
    });
    const deck = buildMeetingDeck(MEETING, [meetingItem(12, 1, { item, record: r })]);
    for (const s of deck.slides) {
      for (const text of shown(s)) {
        expect(text, `${s.key}: ${text}`).not.toMatch(ISO_DATE);
        expect(text, `${s.key}: ${text}`).not.toMatch(CAMEL);
      }
    }
    const title = deck.slides.find((s) => s.kind === 'title') as SlideOf<'title'>;
    expect(title.content.history).toEqual(['Sarcoma MDT, 12 Nov 2026: deferred: MRI of 1 Nov 2026 awaited']);
    const history = deck.slides.find((s) => s.kind === 'history') as SlideOf<'history'>;
    expect(history.content.timeline[0]).toMatchObject({
      date: '2026-09-22',
      title: 'CT abdomen pelvis (synthetic demo)',
      detail: 'Abdomen; 2 series',
    });
    expect(history.text.history).toBe('CT abdomen/pelvis (22 Sep 2026) showed a mass.');
    const staging = deck.slides.find((s) => s.kind === 'staging') as SlideOf<'staging'>;
    expect(staging.content.size.text).toBe("12 cm, lesion 'Thigh mass', MR of 2 Oct 2026");
    const pathology = deck.slides.find((s) => s.kind === 'pathology') as SlideOf<'pathology'>;
    expect(pathology.notes).toContain('GX: cannot be assessed: mitoses per 10 HPF and necrosis % not reported.');
  });
});

describe('long clinical history', () => {
  it('splits at sentence ends into parts of about the same size; a short history is one part', () => {
    expect(splitHistory('Short.')).toEqual(['Short.']);
    expect(LONG_HISTORY.length).toBeGreaterThan(HISTORY_ONE_SLIDE);
    const parts = splitHistory(LONG_HISTORY);
    expect(parts.length).toBe(Math.ceil(LONG_HISTORY.length / HISTORY_PER_SLIDE));
    expect(parts.join(' ')).toBe(LONG_HISTORY);
    for (const p of parts) {
      expect(p).toMatch(/^Visit \d+/);
      expect(p).toMatch(/\.$/);
      expect(p.length).toBeLessThanOrEqual(HISTORY_PER_SLIDE * 1.2);
    }
    // No sentence end: cut between words.
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const cut = splitHistory(words);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join(' ')).toBe(words);
  });

  it('continues on a "History (continued)" slide after the history slide, which keeps comorbidities and the timeline', () => {
    const deck = buildCaseDeck(record(12, { clinicalHistory: LONG_HISTORY }));
    const histories = deck.slides.filter((s): s is SlideOf<'history'> => s.kind === 'history');
    expect(histories.map((s) => [s.key, s.title])).toEqual([
      ['case-12/history', 'Clinical history'],
      ['case-12/history-2', 'History (continued)'],
    ]);
    expect(deck.slides.map((s) => s.key).slice(0, 3)).toEqual([
      'case-12/title',
      'case-12/history',
      'case-12/history-2',
    ]);
    const [first, more] = histories;
    expect(first.content).toMatchObject({ part: 1, parts: 2, ecogLabel: expect.any(String) });
    expect(first.content.timeline).toHaveLength(2);
    expect(first.text.comorbidities).toBe('Type 2 diabetes');
    expect(more.content).toMatchObject({ part: 2, parts: 2, timeline: [] });
    expect(Object.keys(more.text)).toEqual(['history']);
    expect(more.editable).toEqual(['title', 'history']);
    expect(`${first.text.history} ${more.text.history}`).toBe(readableDates(LONG_HISTORY));
    expect(buildCaseDeck(record(12)).slides.filter((s) => s.kind === 'history')).toHaveLength(1);
  });

  it('hides the continuation with the history slide unless the presenter set it apart; its text can be edited', () => {
    const r = record(12, { clinicalHistory: LONG_HISTORY });
    const hidden = buildCaseDeck(r, {
      edits: [{ slideKey: 'case-12/history', hidden: true, position: null, text: {} }],
    });
    expect(hidden.slides.filter((s) => s.kind === 'history').map((s) => s.hidden)).toEqual([true, true]);
    const apart = buildCaseDeck(r, {
      edits: [
        { slideKey: 'case-12/history', hidden: true, position: null, text: {} },
        { slideKey: 'case-12/history-2', hidden: false, position: null, text: { history: 'In short: stable.' } },
      ],
    });
    const more = apart.slides.find((s) => s.key === 'case-12/history-2')!;
    expect(more.hidden).toBe(false);
    expect(more.text.history).toBe('In short: stable.');
    expect(more.edited).toEqual(['history']);
  });
});

describe('one question per case', () => {
  it('the plan slide asks the title slide’s question, edited or from the record', () => {
    const plain = buildCaseDeck(record(12));
    const plan = (d: typeof plain) => d.slides.find((s) => s.kind === 'plan') as SlideOf<'plan'>;
    const title = (d: typeof plain) => d.slides.find((s) => s.kind === 'title') as SlideOf<'title'>;
    expect(plan(plain).text.question).toBe('Neoadjuvant radiotherapy before excision?');

    const edits = [
      { slideKey: 'case-12/title', hidden: false, position: null, text: { question: 'Presenter’s question?' } },
    ];
    const changed = buildCaseDeck(record(12, { boardQuestion: 'New question from the record?' }), { edits });
    expect(title(changed).text.question).toBe('Presenter’s question?');
    expect(plan(changed).text.question).toBe('Presenter’s question?');

    // The question is edited on the title slide only: an edit of the plan slide's question is not applied.
    const onPlan = buildCaseDeck(record(12), {
      edits: [{ slideKey: 'case-12/plan', hidden: false, position: null, text: { question: 'Other?' } }],
    });
    expect(plan(onPlan).editable).not.toContain('question');
    expect(plan(onPlan).text.question).toBe(title(onPlan).text.question);

    // De-identified, both slides scrub the same text.
    const deid = buildCaseDeck(record(12), {
      edits: [{ slideKey: 'case-12/title', hidden: false, position: null, text: { question: 'For Ada May Quill?' } }],
      deidentified: true,
    });
    expect(plan(deid).text.question).toBe(title(deid).text.question);
    expect(plan(deid).text.question).not.toContain('Quill');
  });
});
