import { describe, expect, it } from 'vitest';
import { buildMeetingDeck } from '../../../shared/deck/build';
import type { MeetingDeck } from '../../../shared/deck/model';
import { isAbortError } from '../../../electron/services/export/atomic';
import { stripPngMetadata } from '../../../electron/services/export/png';
import { buildDeckPptx } from '../../../electron/services/export/pptx';
import { keyImages, MEETING, meetingItem, record } from '../deck/fixtures';
import { encodePng } from './png-fixture';
import { slideParts, unzipPptx, xmlText } from './office-files';

/** A key-image PNG that carries the patient's name in a text chunk (a careless renderer): the export must drop it. */
function pngWithName(seed: number): Buffer {
  const rgb = new Uint8Array(200 * 150 * 3).fill(90 + seed);
  return encodePng(200, 150, rgb, { Comment: 'Quill Ada May T-1001 born 1961-05-02' });
}

function twoCaseDeck(deidentified = false): MeetingDeck {
  const other = record(13, {
    patient: { familyName: 'Ravensworth', givenNames: 'Tobias', mrn: 'T-2002', dateOfBirth: '1950-01-20', sex: 'male' },
    clinicalHistory: 'Mr Ravensworth (T-2002) has a retroperitoneal mass.',
    referringHospital: 'Eastfield Hospital',
  });
  return buildMeetingDeck(
    MEETING,
    [meetingItem(12, 1, { record: record(12, { keyImages: keyImages(5) }) }), meetingItem(13, 2, { record: other })],
    { deidentified },
  );
}

const images = new Map<string, Buffer>();
const readImage = (src: string) => {
  if (!images.has(src)) images.set(src, pngWithName(images.size + 1));
  return images.get(src)!;
};

describe('buildDeckPptx', () => {
  it('makes one PowerPoint slide per deck slide, in order, with the slides’ texts, tables, notes and a numbered master', async () => {
    const deck = twoCaseDeck();
    const z = unzipPptx(await buildDeckPptx(deck, { readImage }));
    const slides = slideParts(z);
    expect(slides).toHaveLength(deck.slides.length);
    expect(deck.slides.map((s) => s.kind)).toEqual([
      'agenda',
      ...['title', 'history', 'imaging', 'imaging', 'pathology', 'staging', 'plan'],
      ...['title', 'history', 'imaging', 'pathology', 'staging', 'plan'],
    ]);
    const texts = slides.map((s) => xmlText(z.text(s)));
    deck.slides.forEach((slide, i) => {
      if (slide.kind !== 'agenda') expect(texts[i], `slide ${i + 1} (${slide.kind})`).toContain(slide.title);
    });
    expect(texts[0]).toContain('Sarcoma MDT: agenda');
    expect(texts[0]).toContain('QUILL, Ada May');
    expect(texts[0]).toContain('Undifferentiated pleomorphic sarcoma');
    expect(texts[1]).toContain('Neoadjuvant radiotherapy before excision?');
    expect(texts[1]).toContain('MRN T-1001');
    expect(texts[1]).toContain('Case 1 · Presenter 1 · 10 min');
    const pathology = deck.slides.findIndex((s) => s.kind === 'pathology');
    expect(z.text(slides[pathology])).toContain('<a:tbl>');
    expect(texts[pathology]).toContain('MDM2');
    expect(texts[pathology]).toContain('FNCLCC G3');
    const staging = deck.slides.findIndex((s) => s.kind === 'staging');
    expect(texts[staging]).toContain('stage IIIB');

    // Real titles (the master's title placeholder), speaker notes, the footer and the slide number on the master.
    expect(z.text(slides[1])).toContain('type="title"');
    const notes = z.names.filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n));
    expect(notes).toHaveLength(deck.slides.length);
    expect(z.allXml()).toContain('Responsible consultant: Dr B. Surgeon');
    const layouts = z.names
      .filter((n) => /^ppt\/slideLayouts\/.*\.xml$/.test(n))
      .map((n) => z.text(n))
      .join('\n');
    expect(layouts).toContain('type="slidenum"');
    expect(xmlText(layouts)).toContain('Sarcoma MDT · Thursday 10 December 2026, 13:00');
    // 16:9 widescreen.
    expect(z.text('ppt/presentation.xml')).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
  });

  it('embeds the key images as PNGs (pixels only: text chunks dropped), spread over imaging slides 3 + 2', async () => {
    const deck = twoCaseDeck();
    const z = unzipPptx(await buildDeckPptx(deck, { readImage }));
    const media = z.names.filter((n) => n.startsWith('ppt/media/'));
    expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(5);
    for (const n of media) {
      const bytes = z.bytes(n);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(bytes.includes(Buffer.from('tEXt'))).toBe(false);
      expect(bytes.includes(Buffer.from('Quill'))).toBe(false);
    }
    const stripped = stripPngMetadata(readImage('/media/key-images/100.png'));
    expect(media.some((n) => z.bytes(n).equals(stripped))).toBe(true);
    const slides = slideParts(z);
    const imaging = deck.slides.map((s, i) => (s.kind === 'imaging' ? i : -1)).filter((i) => i >= 0);
    expect(imaging.map((i) => (z.text(slides[i]).match(/<p:pic>/g) ?? []).length)).toEqual([3, 2, 0]);
    expect(xmlText(z.text(slides[imaging[0]]))).toContain('Axial T1 1');
    expect(xmlText(z.text(slides[imaging[0]]))).toContain('L 42.1 × W 20.0 mm');
  });

  it('draws a placeholder when a key image file is missing, and still has every slide', async () => {
    const deck = twoCaseDeck();
    const z = unzipPptx(await buildDeckPptx(deck, { readImage: () => null }));
    expect(slideParts(z)).toHaveLength(deck.slides.length);
    expect(z.allXml()).toContain('Key image not available');
  });

  it('a de-identified deck holds no patient name, MRN, date of birth, referring hospital or specimen number anywhere in the file', async () => {
    const deck = twoCaseDeck(true);
    const buffer = await buildDeckPptx(deck, { readImage });
    const z = unzipPptx(buffer);
    expect(slideParts(z)).toHaveLength(deck.slides.length);
    const everything = z.allXml();
    const text = xmlText(everything);
    for (const secret of [
      'Quill',
      'QUILL',
      'Ada',
      'T-1001',
      'T1001',
      '1961-05-02',
      '02/05/1961',
      'Ravensworth',
      'RAVENSWORTH',
      'Tobias',
      'T-2002',
      '1950-01-20',
      'Northgate General',
      'Eastfield Hospital',
      'S26-123',
      'b.surgeon@example.org',
    ]) {
      expect(everything.includes(secret), secret).toBe(false);
      expect(buffer.includes(Buffer.from(secret)), `${secret} in the zip`).toBe(false);
    }
    for (const n of z.names) expect(z.bytes(n).includes(Buffer.from('Quill')), n).toBe(false);
    expect(text).toContain('Case 1');
    expect(text).toContain('Case 2');
    expect(text).toContain('65-year-old woman');
    expect(text).toContain('De-identified: for teaching and second opinion');
    expect(z.text('docProps/core.xml')).not.toMatch(/Quill|Ravensworth/);
  });

  it('reports progress per slide and stops with an AbortError when cancelled', async () => {
    const deck = twoCaseDeck();
    const seen: number[] = [];
    await buildDeckPptx(deck, { readImage, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual(deck.slides.map((_, i) => i + 1));

    const controller = new AbortController();
    let error: unknown;
    try {
      await buildDeckPptx(deck, {
        readImage,
        signal: controller.signal,
        onProgress: (p) => p.done === 3 && controller.abort(),
      });
    } catch (err) {
      error = err;
    }
    expect(isAbortError(error)).toBe(true);
  });

  it('puts a long agenda on several slides, one table each, every case once, the totals on the last', async () => {
    const items = Array.from({ length: 30 }, (_, i) => meetingItem(100 + i, i + 1));
    const deck = buildMeetingDeck({ ...MEETING, durationMinutes: 300 }, items);
    const z = unzipPptx(await buildDeckPptx(deck, { readImage }));
    const slides = slideParts(z);
    expect(slides).toHaveLength(deck.slides.length);
    const agenda = slides.slice(0, 5).map((s) => xmlText(z.text(s)));
    agenda.forEach((text, i) => {
      expect((z.text(slides[i]).match(/<a:tbl>/g) ?? []).length).toBe(1);
      expect(text).toContain(`agenda ${i + 1}/5`);
      expect(text).toContain(i < 4 ? `Continues on agenda ${i + 2}/5.` : '30 cases, 300 of 300 minutes allotted');
    });
    expect(xmlText(z.text(slides[5]))).not.toContain('agenda');
    // Every case a row on exactly one agenda slide (the header row aside): 6 + 6 + 6 + 6 + 6.
    const rows = slides.slice(0, 5).map((s) => (z.text(s).match(/<a:tr\b/g) ?? []).length - 1);
    expect(rows).toEqual([6, 6, 6, 6, 6]);
  });
});
