import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { createMeetingsServices } from '../../../electron/services/meetings';
import { buildDeckPptx } from '../../../electron/services/export/pptx';
import {
  CONTINUED,
  fitParas,
  heightNeeded,
  layoutLines,
  MIN_PT,
  parasOf,
  textWidthPt,
  type PlacedBox,
  type Rect,
  type SlideFit,
} from '../../../electron/services/export/pptx-text-fit';
import { buildMeetingDeck } from '../../../shared/deck/build';
import type { MeetingDeck } from '../../../shared/deck/model';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';
import { MEETING, meetingItem, record } from '../deck/fixtures';
import { slideParts, unzipPptx } from './office-files';
import { encodePng } from './png-fixture';

/** PowerPoint text fitted by measurement: every box holds its lines at its size, no box runs into another. */

const png = encodePng(64, 48, new Uint8Array(64 * 48 * 3).fill(80));
const readImage = () => png;

async function layoutOf(deck: MeetingDeck): Promise<{ fits: SlideFit[]; file: Buffer }> {
  const fits: SlideFit[] = [];
  const file = await buildDeckPptx(deck, { readImage, onLayout: (i, fit) => (fits[i] = fit) });
  return { fits, file };
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w - 0.001 && b.x < a.x + a.w - 0.001 && a.y < b.y + b.h - 0.001 && b.y < a.y + a.h - 0.001;
const textOf = (b: PlacedBox) => b.paras.map((p) => p.map((r) => r.text).join('')).join('\n');

/** Every fitted box of every slide: its lines at its size need no more than its height; no two boxes overlap. */
function expectAllFit(deck: MeetingDeck, fits: SlideFit[]): number {
  let boxes = 0;
  deck.slides.forEach((slide, i) => {
    const fit = fits[i];
    expect(fit, `slide ${i + 1} laid out`).toBeTruthy();
    for (const box of fit.boxes) {
      boxes++;
      const where = `slide ${i + 1} (${slide.kind}) "${box.name}" at ${box.size} pt: ${textOf(box).slice(0, 80)}`;
      expect(heightNeeded(box.paras, box.w, box.size, box.style), where).toBeLessThanOrEqual(box.h + 0.006);
      expect(box.size, where).toBeGreaterThanOrEqual(MIN_PT);
      expect(box.y + box.h, where).toBeLessThanOrEqual(7.0);
      expect(box.x + box.w, where).toBeLessThanOrEqual(13.34);
    }
    fit.boxes.forEach((a, j) =>
      fit.boxes
        .slice(j + 1)
        .forEach((b) => expect(overlaps(a, b), `slide ${i + 1}: "${a.name}" and "${b.name}"`).toBe(false)),
    );
  });
  return boxes;
}

describe('measuring and wrapping', () => {
  it('measures with Arial’s widths (Liberation Sans) and wraps at spaces as a layout does', () => {
    // Arial: "M" is 1706/2048 em, "i" 455/2048; bold is wider.
    expect(textWidthPt('M', 20)).toBeCloseTo((1706 / 2048) * 20, 5);
    expect(textWidthPt('i', 20)).toBeCloseTo((455 / 2048) * 20, 5);
    expect(textWidthPt('Sarcoma grade', 20, true)).toBeGreaterThan(textWidthPt('Sarcoma grade', 20));
    const text = 'Myxoid liposarcoma of the left thigh with round cell component';
    const lines = layoutLines(parasOf(text), 3, 20)[0];
    expect(lines.join(' ')).toBe(text);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidthPt(l, 20)).toBeLessThanOrEqual(3 * 72);
    // A word longer than the line breaks inside it.
    expect(layoutLines(parasOf('x'.repeat(200)), 1, 12)[0].length).toBeGreaterThan(1);
  });

  it('keeps the largest size that fits, shrinks to the minimum, then cuts at a word with a visible mark', () => {
    expect(fitParas(parasOf('Short question?'), 4, 1, 19).size).toBe(19);
    const medium = fitParas(parasOf('word '.repeat(60)), 4, 1.2, 19);
    expect(medium.size).toBeLessThan(19);
    expect(medium.size).toBeGreaterThanOrEqual(MIN_PT);
    expect(medium.cut).toBe(false);
    const long = fitParas(parasOf('Lorem ipsum dolor sit amet. '.repeat(80)), 4, 1, 19);
    expect(long).toMatchObject({ size: MIN_PT, cut: true });
    const last = long.paras[long.paras.length - 1];
    expect(last[last.length - 1].text).toBe(CONTINUED);
    expect(heightNeeded(long.paras, 4, MIN_PT)).toBeLessThanOrEqual(1.005);
  });
});

describe('the demo deck in PowerPoint', () => {
  it('every text box of every demo slide fits its box at its chosen size, without PowerPoint autofit', async () => {
    const db = openDatabase(tempDataDir());
    loadDemoBoard(db, RESOURCES_DIR);
    const m = createMeetingsServices(db);
    const next = m.meetings.next({ boardType: 'sarcoma' })!;
    const deck = m.deck.meetingDeck(next.id);
    expect(deck.slides.length).toBeGreaterThan(20);
    const { fits, file } = await layoutOf(deck);
    expect(expectAllFit(deck, fits)).toBeGreaterThan(deck.slides.length * 3);

    const z = unzipPptx(file);
    for (const part of slideParts(z)) {
      const xml = z.text(part);
      expect(xml, part).not.toMatch(/normAutofit|spAutoFit/);
      expect(xml, part).toContain('latin typeface="Arial"');
    }
    // History beside comorbidities: the HTML slide's proportions (32 px and 0.9 x 26 px), not 10 pt beside 20 pt.
    const history = fits.flatMap((f) => f.boxes).filter((b) => b.name === 'History');
    const comorb = fits.flatMap((f) => f.boxes).filter((b) => b.name === 'Comorbidities');
    expect(history.length).toBeGreaterThan(0);
    for (const h of history) expect(h.size).toBeGreaterThanOrEqual(12);
    for (const c of comorb) expect(c.size).toBeLessThanOrEqual(14);
  });

  it('a title slide places a very long diagnosis and site above their labels’ neighbours, cutting into the notes if need be', async () => {
    const diagnosis =
      'Dedifferentiated liposarcoma of the retroperitoneum with a heterologous rhabdomyosarcomatous component, ' +
      'MDM2-amplified on FISH, extending into the left psoas and abutting the left kidney and ureter, with a ' +
      'satellite nodule in the mesentery of the descending colon; differential includes a pleomorphic liposarcoma; '.repeat(
        8,
      );
    const site =
      'Retroperitoneum, left paravertebral gutter, extending from L1 to the pelvic brim with psoas involvement';
    const question =
      'Is the mass resectable with an en-bloc left nephrectomy and colectomy, and should pre-operative radiotherapy ' +
      'be offered first given the dedifferentiated component and the satellite nodule? '.repeat(3);
    for (const [dx, q] of [
      [diagnosis, question],
      ['Dedifferentiated liposarcoma of the retroperitoneum with a heterologous component, MDM2-amplified', 'Surgery?'],
    ]) {
      const deck = buildMeetingDeck(MEETING, [
        meetingItem(12, 1, { record: record(12, { workingDiagnosis: dx, tumourSite: site, boardQuestion: q }) }),
      ]);
      const { fits, file } = await layoutOf(deck);
      expectAllFit(deck, fits);
      const i = deck.slides.findIndex((s) => s.kind === 'title');
      const boxes = fits[i].boxes;
      const named = (n: string) => boxes.find((b) => b.name === n)!;
      const dxBox = named('Diagnosis');
      const siteLabel = named('Site label');
      expect(dxBox.y + dxBox.h).toBeLessThanOrEqual(siteLabel.y + 0.001);
      expect(named('Site').y).toBeGreaterThanOrEqual(siteLabel.y + siteLabel.h - 0.001);
      expect(named('Facts').y).toBeGreaterThanOrEqual(named('Site').y + named('Site').h - 0.001);
      if (dx.length < 200) {
        // A two-line diagnosis is shown whole, at least at the HTML minimum of 1.25 x 20 px (15 pt).
        expect(dxBox.cut).toBe(false);
        expect(dxBox.size).toBeGreaterThanOrEqual(15);
      } else {
        expect(textOf(dxBox)).toContain(CONTINUED);
        const z = unzipPptx(file);
        const notes = z.names
          .filter((n) => /notesSlide\d+\.xml$/.test(n))
          .map((n) => z.text(n))
          .join('\n');
        expect(notes).toContain('Diagnosis (in full): Dedifferentiated liposarcoma');
      }
    }
  });
});
