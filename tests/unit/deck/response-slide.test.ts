import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCaseDeck, buildMeetingDeck } from '../../../shared/deck/build';
import { CaseDeck, type SlideOf } from '../../../shared/deck/model';
import { buildDeckPptx } from '../../../electron/services/export/pptx';
import { SlideView } from '../../../renderer/slides/SlideView';
import type { SlideFrame } from '../../../renderer/slides/frame';
import { encodePng } from '../export/png-fixture';
import { slideParts, unzipPptx, xmlText } from '../export/office-files';
import { agendaItem, MEETING, meetingItem, record, responseKeyImages, responseView } from './fixtures';

/**
 * The Response slide (issue 13) from a hand-made ResponseView: baseline 60 mm / 40 HU on 24 Sep 2026, follow-up
 * 52.8 mm / 32 HU on 1 Dec 2026 (long axis -12%, density -20%), which the response rules call RECIST 1.1 SD and
 * Choi PR. The categories are the view's; the slide only shows them.
 */

const withResponse = (caseId = 12) =>
  record(caseId, {
    keyImages: responseKeyImages(),
    response: responseView(caseId),
    clinicalHistory: 'Ada Quill (T-1001) had neoadjuvant therapy.',
  });

const responseOf = (d: { slides: { kind: string }[] }) =>
  d.slides.find((s) => s.kind === 'response') as SlideOf<'response'> | undefined;

const frame: SlideFrame = {
  number: 5,
  total: 9,
  meetingTitle: 'Sarcoma MDT',
  startsAt: '2026-12-10T13:00',
  deidentified: false,
  caseNumber: 1,
  caseLabel: 'QUILL, A. M.',
  ageSex: '65 F',
  plannedStart: null,
};

// The desktop app's page (the preload's bridge present): media paths are used as they are.
beforeAll(() => {
  vi.stubGlobal('window', { boardprep: {} });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

describe('the Response slide', () => {
  it('is drawn only when the patient has a follow-up timepoint, after the imaging slides', () => {
    expect(responseOf(buildCaseDeck(record(12)))).toBeUndefined();
    const baselineOnly = { ...responseView(), current: null, timepoints: responseView().timepoints.slice(0, 1) };
    expect(responseOf(buildCaseDeck(record(12, { response: baselineOnly })))).toBeUndefined();

    const deck = buildCaseDeck(withResponse(), { item: agendaItem(7, 1) });
    expect(deck.slides.map((s) => s.kind)).toEqual([
      'title',
      'history',
      'imaging',
      'response',
      'pathology',
      'staging',
      'plan',
    ]);
    expect(CaseDeck.parse(deck)).toEqual(deck);
    expect(responseOf(deck)!.key).toBe('case-12/response');
  });

  it('puts the baseline and current key images side by side with their measurements and dates, the sums and the categories with their rule', () => {
    const s = responseOf(buildCaseDeck(withResponse()))!;
    expect(s.title).toBe('Response to treatment');
    expect(s.content.baseline).toMatchObject({ date: '2026-09-24', sumMm: 60, meanHu: 40 });
    expect(s.content.baseline.images.map((i) => i.caption)).toEqual(['Right thigh mass at baseline']);
    expect(s.content.baseline.measurements).toEqual(['Right thigh mass: 60 mm, 40.0 HU']);
    expect(s.content.current).toMatchObject({ date: '2026-12-01', sumMm: 52.8, meanHu: 32 });
    expect(s.content.current.images.map((i) => i.caption)).toEqual(['Right thigh mass after neoadjuvant therapy']);
    expect(s.content.current.measurements).toEqual(['Right thigh mass: 52.8 mm, 32.0 HU']);
    expect(s.content.points).toEqual([
      { date: '2026-09-24', sumMm: 60, meanHu: 40 },
      { date: '2026-12-01', sumMm: 52.8, meanHu: 32 },
    ]);
    expect(s.content.recist).toMatchObject({
      overall: 'SD',
      overallLabel: 'Stable disease',
      changeFromBaselinePct: -12,
    });
    expect(s.content.choi).toEqual({ response: 'PR', label: 'Partial response' });
    expect(s.text.summary).toBe('RECIST 1.1: stable disease (SD), −12% from baseline. Choi: partial response (PR).');
    expect(s.content.chartText).toBe('Sum of target diameters: 24 Sep 2026 60 mm; 1 Dec 2026 52.8 mm');
    // The rule in words, its dates as people write them.
    expect(s.content.explanation).toContain('12% below the baseline 60 mm (24 Sep 2026)');
    expect(s.content.explanation).toContain('PR (density down at least 15%)');
    expect(s.content.explanation).not.toMatch(ISO);
    expect(s.notes).not.toMatch(ISO);
    expect(s.editable).toEqual(['title', 'summary']);
  });

  it('says so when a study has no key image, and shows no chart line without sums', () => {
    const view = responseView();
    const s = responseOf(buildCaseDeck(record(12, { keyImages: [], response: view })))!;
    expect(s.content.baseline.images).toEqual([]);
    const html = renderToStaticMarkup(h(SlideView, { slide: s, frame }));
    expect(html).toContain('No key image saved on this study');
  });

  it('renders both studies with dates, the chart with its values in words, and the categories (screen, presenter and print draw this component)', () => {
    const s = responseOf(buildCaseDeck(withResponse()))!;
    const html = renderToStaticMarkup(h(SlideView, { slide: s, frame }));
    expect(html).toContain('data-slide-kind="response"');
    expect(html.match(/data-testid="response-study"/g)).toHaveLength(2);
    expect(html).toContain('24 Sep 2026');
    expect(html).toContain('1 Dec 2026');
    expect(html).toContain('Right thigh mass at baseline');
    expect(html).toContain('Right thigh mass after neoadjuvant therapy');
    expect(html).toContain('/media/key-images/201.png');
    expect(html).toContain('/media/key-images/202.png');
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('<title id="');
    expect(html).toContain('Sum of target diameters: 24 Sep 2026 60 mm; 1 Dec 2026 52.8 mm');
    expect(html).toContain('Stable disease');
    expect(html).toContain('Partial response');
    expect(html).toContain('PR (density down at least 15%)');
    expect(html).not.toMatch(ISO);
  });

  it('a de-identified deck keeps the response and draws the burned-in PNGs only, its text scrubbed', () => {
    const deck = buildCaseDeck(withResponse(), { item: agendaItem(7, 1), deidentified: true });
    const s = responseOf(deck)!;
    expect([...s.content.baseline.images, ...s.content.current.images].every((i) => i.burnedInOnly)).toBe(true);
    expect(s.content.recist?.overall).toBe('SD');
    const meeting = buildMeetingDeck(MEETING, [meetingItem(12, 1, { record: withResponse() })], { deidentified: true });
    const all = JSON.stringify(meeting.slides.find((x) => x.kind === 'response'));
    expect(all).not.toMatch(/Quill|T-1001/i);
  });

  it('exports to PPTX: the two studies’ images side by side, a native line chart of the sums, and the categories', async () => {
    const deck = buildMeetingDeck(MEETING, [meetingItem(12, 1, { record: withResponse() })]);
    const png = encodePng(120, 100, new Uint8Array(120 * 100 * 3).fill(80));
    const z = unzipPptx(await buildDeckPptx(deck, { readImage: () => png }));
    const index = deck.slides.findIndex((s) => s.kind === 'response');
    const xml = z.text(slideParts(z)[index]);
    const text = xmlText(xml);
    expect((xml.match(/<p:pic>/g) ?? []).length).toBe(2);
    expect(xml).toContain('<c:chart');
    expect(text).toContain('24 Sep 2026');
    expect(text).toContain('1 Dec 2026');
    expect(text).toContain('RECIST 1.1');
    expect(text).toContain('Stable disease');
    expect(text).toContain('Partial response');
    expect(text).toContain('Sum 52.8 mm · mean 32.0 HU');
    const charts = z.names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(1);
    expect(z.text(charts[0])).toContain('<c:lineChart>');
    expect(z.text(charts[0])).toContain('52.8');
    expect(z.text(charts[0])).toContain('1 Dec 2026');
  });
});
