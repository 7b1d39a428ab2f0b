import PptxGenJS from 'pptxgenjs';
import type { DeckImage, MeetingDeck, Slide, SlideOf } from '../../../shared/deck/model';
import { clockTime, dayMonthYear } from '../../../shared/deck/format';
import { stageGroupShort, tSourceText } from '../../../shared/clinical/stage-text';
import { longDate } from '../../../shared/dates';
import { huText } from '../../../shared/deck/response-slide';
import { throwIfAborted } from './atomic';
import { pngSize, stripPngMetadata } from './png';
import {
  addFittedText,
  FONT,
  fitParas,
  MIN_PT,
  newSlideFit,
  overflowNotes,
  parasOf,
  ptOfPx,
  stackColumn,
  type Para,
  type SlideFit,
} from './pptx-text-fit';

/**
 * The meeting deck as an editable PowerPoint file (pptxgenjs): every slide of the deck model (de-identified when
 * the model is) as real text boxes and tables, the key images as their burned-in PNGs (read from the data folder,
 * never the DICOM they came from), speaker notes, a 16:9 layout and one master (accent bar, title placeholder,
 * footer with the meeting and the slide number). One PowerPoint slide per deck slide, in the deck's order; each
 * case is a PowerPoint section, so the outline reads like the agenda.
 */

export interface PptxProgress {
  done: number;
  total: number;
}

export interface PptxOptions {
  /** The PNG of a deck image (`DeckImage.src`, '/media/key-images/<id>.png'); null when it is gone. */
  readImage(src: string): Buffer | null;
  signal?: AbortSignal;
  onProgress?: (p: PptxProgress) => void;
  /** Receives each slide's fitted text boxes (tests check that every one fits its box). */
  onLayout?: (slideIndex: number, fit: SlideFit) => void;
}

// 16:9, 13.333 x 7.5 in (PowerPoint's "Widescreen").
const W = 13.333;
const M = 0.5;
const TOP = 1.3;
const BOTTOM = 6.85;
const INNER_W = W - 2 * M;

const C = {
  ink: '1E2430',
  navy: '1F2A44',
  accent: '0E7C86',
  accentPale: 'E6F3F4',
  muted: '5B6475',
  rule: 'D5DAE1',
  panel: 'F3F5F8',
  warn: '9A4B00',
  warnPale: 'FDF1E3',
  ok: '1C6B3A',
  white: 'FFFFFF',
};
const MASTER = 'BOARDPREP';

type PSlide = PptxGenJS.Slide;
type TextRun = PptxGenJS.TextProps;
type Cell = PptxGenJS.TableCell;

/** The fitted text boxes of each slide being drawn (the helpers below take only the PowerPoint slide). */
const FITS = new WeakMap<PSlide, SlideFit>();
function fitOf(s: PSlide): SlideFit {
  let f = FITS.get(s);
  if (!f) FITS.set(s, (f = newSlideFit()));
  return f;
}

/** One line of text in a box (a footnote, a caption): its size from `max` down to `min`, cut when still too long. */
function line(
  s: PSlide,
  name: string,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  max: number,
  options: PptxGenJS.TextPropsOptions = {},
): void {
  const { bold, ...rest } = options;
  addFittedText(s, fitOf(s), { name, paras: parasOf(text, { bold: Boolean(bold) }), x, y, w, h, max, options: rest });
}

function defineMaster(pptx: PptxGenJS, deck: MeetingDeck): void {
  const footer = `${deck.title} · ${longDate(deck.startsAt)}, ${clockTime(deck.startsAt)}`;
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: C.white },
    margin: [0.5, 0.5, 0.5, 0.5],
    objects: [
      { rect: { x: 0, y: 0, w: W, h: 0.09, fill: { color: C.accent }, line: { color: C.accent, width: 0 } } },
      { line: { x: M, y: 7.0, w: INNER_W, h: 0, line: { color: C.rule, width: 0.75 } } },
      {
        text: {
          text: footer,
          options: { x: M, y: 7.04, w: 8.5, h: 0.32, fontFace: FONT, fontSize: 11, color: C.muted, margin: 0 },
        },
      },
      ...(deck.deidentified
        ? [
            {
              text: {
                text: 'De-identified: for teaching and second opinion',
                options: {
                  x: 7.2,
                  y: 7.04,
                  w: 4.6,
                  h: 0.32,
                  fontFace: FONT,
                  fontSize: 11,
                  bold: true,
                  color: C.warn,
                  align: 'right' as const,
                  margin: 0,
                },
              },
            },
          ]
        : []),
      {
        placeholder: {
          options: {
            name: 'title',
            type: 'title',
            x: M,
            y: 0.32,
            w: 9.2,
            h: 0.85,
            fontFace: FONT,
            fontSize: 30,
            bold: true,
            color: C.navy,
            valign: 'middle',
            margin: 0,
          },
          text: '',
        },
      },
    ],
    slideNumber: {
      x: 12.1,
      y: 7.04,
      w: 0.73,
      h: 0.32,
      fontFace: FONT,
      fontSize: 11,
      color: C.muted,
      align: 'right',
      margin: 0,
    },
  });
}

/** The slide title in the master's placeholder: the HTML title's 56 px (33.5 pt) down to 20 pt, on one or two lines. */
function title(s: PSlide, text: string): void {
  const box = { x: M, y: 0.32, w: 9.2, h: 0.85 };
  const fitted = fitParas(parasOf(text, { bold: true }), box.w, box.h, ptOfPx(56) - 3.5, 20);
  const joined = fitted.paras.map((p) => p.map((r) => r.text).join('')).join('\n');
  s.addText(joined, { placeholder: 'title', fontSize: fitted.size, lineSpacing: fitted.size * 1.2, fit: 'none' });
  const fit = fitOf(s);
  fit.boxes.push({
    name: 'Title',
    ...box,
    paras: fitted.paras,
    size: fitted.size,
    style: { inset: 0, paraAfter: 0 },
    cut: fitted.cut,
  });
  if (fitted.cut) fit.overflow.push({ name: 'Title', text });
}

/** "Case 3 · Dr Okafor · 15 min" at the top right of a case's slides. */
function caseTag(s: PSlide, deck: MeetingDeck, slide: Slide): void {
  const section = deck.sections.find((x) => x.itemId === slide.itemId);
  if (!section) return;
  const bits = [`Case ${section.number}`, section.presenter, `${section.minutes} min`].filter(Boolean);
  line(s, 'Case', bits.join(' · '), 9.9, 0.4, 2.93, 0.5, 13, { color: C.muted, align: 'right', valign: 'middle' });
}

function label(s: PSlide, text: string, x: number, y: number, w: number): void {
  line(s, `${text} label`, text.toUpperCase(), x, y, w, 0.3, MIN_PT, { bold: true, color: C.accent });
}

function body(
  s: PSlide,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  max = 20,
  min = MIN_PT,
  extra: PptxGenJS.TextPropsOptions = {},
  name = 'Text',
): void {
  if (!text.trim()) return;
  const { bold, ...options } = extra;
  addFittedText(s, fitOf(s), {
    name,
    paras: parasOf(text, { bold: Boolean(bold) }),
    x,
    y,
    w,
    h,
    max,
    min,
    inset: 2,
    paraAfter: 4,
    options: { color: C.ink, ...options },
  });
}

/** A pale box with a coloured bar on its left, for the question to the board and warnings. */
function callout(
  s: PSlide,
  heading: string,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  tone: 'accent' | 'warn' = 'accent',
  max = ptOfPx(32),
): void {
  const [bar, pale] = tone === 'accent' ? [C.accent, C.accentPale] : [C.warn, C.warnPale];
  s.addShape('rect', { x, y, w, h, fill: { color: pale }, line: { color: pale, width: 0 } });
  s.addShape('rect', { x, y, w: 0.08, h, fill: { color: bar }, line: { color: bar, width: 0 } });
  label(s, heading, x + 0.25, y + 0.15, w - 0.4);
  // The HTML question: 32-34 px (19-20.5 pt), at least 20 px (12 pt).
  body(s, text || '—', x + 0.25, y + 0.5, w - 0.4, h - 0.6, max, 12, { bold: true, color: C.ink }, heading);
}

function table(
  s: PSlide,
  rows: Cell[][],
  x: number,
  y: number,
  w: number,
  colW: number[],
  fontSize: number,
  maxH?: number,
): void {
  const scale = w / colW.reduce((a, b) => a + b, 0);
  s.addTable(rows, {
    x,
    y,
    w,
    colW: colW.map((c) => c * scale),
    fontFace: FONT,
    fontSize,
    color: C.ink,
    border: { type: 'solid', pt: 0.75, color: C.rule },
    margin: 0.05,
    valign: 'middle',
    autoPage: false,
    ...(maxH ? { h: maxH } : {}),
  });
}

const head = (text: string): Cell => ({ text, options: { bold: true, color: C.white, fill: { color: C.navy } } });
const cell = (text: string, options: PptxGenJS.TableCellProps = {}): Cell => ({ text, options });

// --------------------------------------------------------------------------------------------------- slides

/**
 * One page of the agenda (the deck model puts at most AGENDA_ROWS_PER_PAGE cases on a page: "Agenda 1/3"). The
 * rows' heights are estimated from their wrapped text so the table ends above the summary line, and the summary
 * (the meeting's totals) goes on the last page under the table; earlier pages say where the agenda continues.
 */
function agendaSlide(s: PSlide, slide: SlideOf<'agenda'>): void {
  const { meeting, rows, caseCount, totalMinutes, minutesLeft, page, pages } = slide.content;
  title(s, `${meeting.title}: agenda${pages > 1 ? ` ${page}/${pages}` : ''}`);
  const when = `${longDate(meeting.startsAt)}, ${clockTime(meeting.startsAt)}–${clockTime(meeting.endsAt)}`;
  const where = [meeting.place, meeting.videoLink].filter(Boolean).join(' · ');
  const who = [
    meeting.chair ? `Chair: ${meeting.chair}` : '',
    meeting.coordinator ? `Coordinator: ${meeting.coordinator}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  s.addText(
    [
      { text: `${meeting.boardLabel} board · ${when}`, options: { bold: true, breakLine: true } },
      ...(where ? [{ text: where, options: { breakLine: true } }] : []),
      ...(who ? [{ text: who, options: { color: C.muted } }] : []),
    ] as TextRun[],
    { x: M, y: 1.2, w: INNER_W, h: 0.9, fontFace: FONT, fontSize: 15, color: C.ink, valign: 'top', margin: 0 },
  );
  if (rows.length === 0) {
    body(s, 'No cases on the agenda yet.', M, 2.3, INNER_W, 1, 20);
    return;
  }
  const top = 2.2;
  const summaryH = 0.35;
  const colW = [0.45, 0.8, 2.6, 0.9, 4.1, 2.4, 0.6];
  const scale = INNER_W / colW.reduce((a, b) => a + b, 0);
  const name = (r: (typeof rows)[number]) => `${r.label}${r.carriedOver ? ' ↻' : ''}`;
  // Lines a cell needs at `size` pt (about half an em per character of Calibri), and the table's height in inches.
  const cellLines = (text: string, col: number, size: number) =>
    Math.max(1, Math.ceil(text.length / Math.max(8, Math.floor(((colW[col] * scale - 0.1) * 72) / (size * 0.5)))));
  const tableH = (size: number) =>
    [
      1,
      ...rows.map((r) =>
        Math.max(cellLines(name(r), 2, size), cellLines(r.diagnosis, 4, size), cellLines(r.presenter, 5, size)),
      ),
    ].reduce((h, lines) => h + (lines * size * 1.2) / 72 + 0.12, 0);
  const room = BOTTOM - 0.1 - summaryH - top;
  const size = [15, 14, 13, 12].find((pt) => tableH(pt) <= room) ?? 12;
  const data: Cell[][] = [
    [head('#'), head('Time'), head('Patient'), head('Age/sex'), head('Diagnosis'), head('Presenter'), head('Min')],
    ...rows.map((r) => [
      cell(String(r.number), { bold: true }),
      cell(clockTime(r.plannedStart)),
      cell(name(r), { bold: true }),
      cell(r.ageSex),
      cell(r.diagnosis),
      cell(r.presenter),
      cell(String(r.minutes), { align: 'right' }),
    ]),
  ];
  table(s, data, M, top, INNER_W, colW, size);
  const summary =
    page < pages
      ? `Continues on agenda ${page + 1}/${pages}.`
      : `${caseCount} case${caseCount === 1 ? '' : 's'}, ${totalMinutes} of ${meeting.durationMinutes} minutes allotted${
          minutesLeft < 0 ? ` (${-minutesLeft} over)` : `, ${minutesLeft} to spare`
        }`;
  const y = Math.min(top + tableH(size) + 0.1, BOTTOM - summaryH);
  // Only where it fits under the table (the notes carry the totals whatever happens).
  if (top + tableH(size) + 0.05 <= y)
    s.addText(summary, {
      x: M,
      y,
      w: INNER_W,
      h: summaryH,
      fontFace: FONT,
      fontSize: 13,
      color: minutesLeft < 0 && page === pages ? C.warn : C.muted,
      margin: 0,
    });
}

/**
 * The case's opening slide. The left column stacks the patient line, DIAGNOSIS, SITE and the facts at the HTML
 * opener's sizes (diagnosis 1.25 x 34 px, site 34 px, facts 0.9 em), shrinking together and placed one under the
 * other at the height their lines need, so a long diagnosis moves the SITE label down rather than over it.
 */
function titleSlide(s: PSlide, slide: SlideOf<'title'>): void {
  const c = slide.content;
  title(s, slide.title);
  const fit = fitOf(s);
  const ids = [
    c.patient.mrn ? `MRN ${c.patient.mrn}` : '',
    c.patient.dateOfBirth ? `born ${dayMonthYear(c.patient.dateOfBirth)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const who: Para = [
    { text: slide.text.summary || `${c.patient.age}, ${c.patient.sexLabel}`, bold: true },
    ...(ids ? [{ text: `   ${ids}`, bold: false, color: C.muted }] : []),
  ];
  const leftW = 7.3;
  const facts: [string, string][] = [
    ['Performance status', c.ecogLabel ? `ECOG ${c.ecogLabel}` : 'ECOG not recorded'],
    ['Site chapter', c.siteChapterLabel],
    ['Consultant', c.consultant],
    ...(c.referringHospital ? ([['Referred by', c.referringHospital]] as [string, string][]) : []),
  ];
  const bottom = c.history.length ? 5.9 : BOTTOM;
  stackColumn(
    s,
    fit,
    [
      { name: 'Patient', paras: [who], max: ptOfPx(32), min: 12, options: { color: C.ink } },
      {
        name: 'Diagnosis',
        label: 'Diagnosis',
        paras: parasOf(slide.text.diagnosis || 'Not recorded', { bold: true }),
        max: ptOfPx(34 * 1.25),
        min: ptOfPx(20 * 1.25),
        options: { color: C.navy },
      },
      {
        name: 'Site',
        label: 'Site',
        paras: parasOf(slide.text.site || 'Not recorded'),
        max: ptOfPx(34),
        min: ptOfPx(20),
        options: { color: C.ink },
      },
      {
        name: 'Facts',
        paras: facts.map(([k, v]) => [
          { text: `${k}: `, bold: true, color: C.muted },
          { text: v, bold: false },
        ]),
        max: ptOfPx(34 * 0.9),
        min: MIN_PT,
        options: { color: C.ink },
      },
    ],
    {
      x: M,
      y: 1.2,
      w: leftW,
      h: bottom - 1.2,
      labelH: 0.3,
      gap: 0.12,
      paraAfter: 3,
      labelOptions: { color: C.accent },
    },
  );
  callout(s, 'Question for the board', slide.text.question, 8.3, 1.95, W - M - 8.3, 3.9, 'accent', ptOfPx(34));
  if (c.history.length) {
    // The HTML opener's "Earlier at the board": 20 px (12 pt).
    addFittedText(s, fit, {
      name: 'Earlier meetings',
      paras: parasOf(`Earlier meetings: ${c.history.join('; ')}`),
      x: M,
      y: 6.0,
      w: INNER_W,
      h: 0.75,
      max: ptOfPx(20),
      options: { color: C.warn },
    });
  }
}

function historySlide(s: PSlide, slide: SlideOf<'history'>): void {
  title(s, slide.title);
  const events = slide.content.timeline;
  const leftW = events.length ? 6.1 : INNER_W;
  const hasComorb = Boolean(slide.text.comorbidities?.trim());
  label(s, 'History', M, TOP, leftW);
  // The HTML sizes: history 32 px (19 pt) down to 20 px (12 pt); the side panel's comorbidities 0.9 x 26 px (14 pt).
  body(
    s,
    slide.text.history || 'No history recorded.',
    M,
    TOP + 0.3,
    leftW,
    hasComorb ? 3.55 : 5.2,
    ptOfPx(32),
    ptOfPx(20),
    {},
    'History',
  );
  if (hasComorb) {
    label(s, 'Comorbidities', M, 5.25, leftW);
    body(s, slide.text.comorbidities, M, 5.55, leftW, 1.3, ptOfPx(26 * 0.9), MIN_PT, {}, 'Comorbidities');
  }
  if (!events.length) return;
  const x = M + leftW + 0.35;
  const w = W - M - x;
  const maxRows = 12;
  const shown = events.length > maxRows ? events.slice(events.length - maxRows) : events;
  label(s, events.length > maxRows ? `Timeline (latest ${maxRows} of ${events.length})` : 'Timeline', x, TOP, w);
  const size = shown.length > 8 ? 10 : 12;
  const rows: Cell[][] = shown.map((e) => [
    cell(dayMonthYear(e.date) || '—', { bold: true, color: C.accent }),
    {
      text: [
        { text: e.title, options: { bold: true, breakLine: Boolean(e.detail) } },
        ...(e.detail
          ? [{ text: e.detail.length > 160 ? `${e.detail.slice(0, 160)}…` : e.detail, options: { color: C.muted } }]
          : []),
      ] as TextRun[],
    },
  ]);
  table(s, rows, x, TOP + 0.35, w, [1.2, w - 1.2], size, Math.min(5.2, shown.length * (size > 10 ? 0.5 : 0.42)));
}

function imagingSlide(s: PSlide, slide: SlideOf<'imaging'>, options: PptxOptions): void {
  title(s, slide.title);
  const { images, lesions } = slide.content;
  const summary = slide.text.summary ?? '';
  const side = lesions.length > 0 || summary.trim() !== '';
  const areaW = images.length === 0 ? 0 : side ? 8.9 : INNER_W;
  if (images.length) {
    const cols = images.length === 4 ? 2 : images.length;
    const rowsN = images.length === 4 ? 2 : 1;
    const gap = 0.25;
    const cellW = (areaW - gap * (cols - 1)) / cols;
    const cellH = (BOTTOM - TOP - gap * (rowsN - 1)) / rowsN;
    const captionH = rowsN === 2 ? 0.55 : 0.8;
    images.forEach((img, i) => {
      const cx = M + (i % cols) * (cellW + gap);
      const cy = TOP + Math.floor(i / cols) * (cellH + gap);
      const boxH = cellH - captionH;
      const png = options.readImage(img.src);
      const dims = png ? pngSize(png) : null;
      if (png && dims) {
        const scale = Math.min(cellW / dims.width, boxH / dims.height);
        const w = dims.width * scale;
        const h = dims.height * scale;
        s.addShape('rect', {
          x: cx,
          y: cy,
          w: cellW,
          h: boxH,
          fill: { color: '000000' },
          line: { color: '000000', width: 0 },
        });
        s.addImage({
          data: `image/png;base64,${stripPngMetadata(png).toString('base64')}`,
          x: cx + (cellW - w) / 2,
          y: cy + (boxH - h) / 2,
          w,
          h,
          altText: img.caption || `Key image ${i + 1}`,
        });
      } else {
        s.addShape('rect', {
          x: cx,
          y: cy,
          w: cellW,
          h: boxH,
          fill: { color: C.panel },
          line: { color: C.rule, width: 0.75 },
        });
        s.addText(img.missing ? 'Key image file missing at sign-off' : 'Key image not available', {
          x: cx,
          y: cy,
          w: cellW,
          h: boxH,
          fontFace: FONT,
          fontSize: 14,
          color: C.muted,
          align: 'center',
          valign: 'middle',
        });
      }
      const where = [img.seriesDescription, dayMonthYear(img.studyDate)].filter(Boolean).join(', ');
      addFittedText(s, fitOf(s), {
        name: `Image ${i + 1} caption`,
        paras: [
          [{ text: img.caption || `Image ${i + 1}`, bold: true }],
          ...([img.measurements.join('; '), where].filter(Boolean).length
            ? [[{ text: [img.measurements.join('; '), where].filter(Boolean).join(' · '), color: C.muted }]]
            : []),
        ],
        x: cx,
        y: cy + boxH + 0.05,
        w: cellW,
        h: captionH - 0.05,
        max: rowsN === 2 ? 12 : 14,
        options: { color: C.ink },
      });
    });
  }
  if (!side) return;
  const x = images.length ? M + areaW + 0.35 : M;
  const w = W - M - x;
  let y = TOP;
  if (summary.trim()) {
    body(s, summary, x, y, w, 1.3, images.length ? 16 : 22, 11, { bold: true, color: C.navy });
    y += 1.4;
  }
  if (lesions.length) {
    label(s, 'Lesion sizes', x, y, w);
    const size = lesions.length > 6 ? 10 : 12;
    const rows: Cell[][] = lesions.slice(0, 10).map((l) => [
      {
        text: [
          { text: l.label, options: { bold: true, breakLine: true } },
          {
            text: `${l.size}${l.studyDate ? `, ${dayMonthYear(l.studyDate)}` : ''}${l.source === 'typed' ? ' (typed)' : ''}`,
            options: { color: C.muted },
          },
        ] as TextRun[],
      },
    ]);
    table(s, rows, x, y + 0.35, w, [w], size);
  }
}

/** A key image's burned-in PNG fitted into a black box (or a grey box saying why there is none). */
function imageBox(
  s: PSlide,
  img: DeckImage | undefined,
  x: number,
  y: number,
  w: number,
  h: number,
  options: PptxOptions,
  empty: string,
): void {
  const png = img ? options.readImage(img.src) : null;
  const dims = png ? pngSize(png) : null;
  if (img && png && dims) {
    const scale = Math.min(w / dims.width, h / dims.height);
    s.addShape('rect', { x, y, w, h, fill: { color: '000000' }, line: { color: '000000', width: 0 } });
    s.addImage({
      data: `image/png;base64,${stripPngMetadata(png).toString('base64')}`,
      x: x + (w - dims.width * scale) / 2,
      y: y + (h - dims.height * scale) / 2,
      w: dims.width * scale,
      h: dims.height * scale,
      altText: img.caption || 'Key image',
    });
    return;
  }
  s.addShape('rect', { x, y, w, h, fill: { color: C.panel }, line: { color: C.rule, width: 0.75 } });
  s.addText(img?.missing ? 'Key image file missing at sign-off' : img ? 'Key image not available' : empty, {
    x,
    y,
    w,
    h,
    fontFace: FONT,
    fontSize: 13,
    color: C.muted,
    align: 'center',
    valign: 'middle',
  });
}

/**
 * Response to treatment: the baseline and current studies side by side (first key image of each, its measurements
 * and date), the sum of target diameters as a native line chart, and the RECIST 1.1 and Choi categories with their
 * rule in words.
 */
function responseSlide(s: PSlide, slide: SlideOf<'response'>, options: PptxOptions): void {
  const c = slide.content;
  title(s, slide.title);
  const colW = 3.85;
  const gap = 0.2;
  (
    [
      ['Baseline', c.baseline],
      ['Current', c.current],
    ] as const
  ).forEach(([name, st], i) => {
    const x = M + i * (colW + gap);
    s.addText(
      [
        { text: `${name.toUpperCase()}  `, options: { bold: true, color: C.accent, fontSize: 12 } },
        { text: dayMonthYear(st.date), options: { bold: true, color: C.navy } },
      ] as TextRun[],
      { x, y: TOP - 0.05, w: colW, h: 0.35, fontFace: FONT, fontSize: 16, margin: 0 },
    );
    const img = st.images[0];
    imageBox(s, img, x, TOP + 0.35, colW, 3.95, options, 'No key image saved on this study');
    const sum =
      st.sumMm === null
        ? ''
        : `Sum ${Number(st.sumMm.toFixed(1))} mm${st.meanHu === null ? '' : ` · mean ${huText(st.meanHu)}`}`;
    const lines = [img?.caption ?? '', img?.measurements.join('; ') ?? '', ...st.measurements].filter(Boolean);
    const paras: Para[] = [
      ...(sum ? [[{ text: sum, bold: true }]] : []),
      ...lines.map((l) => [{ text: l, bold: false, color: C.muted }]),
    ];
    if (paras.length)
      addFittedText(s, fitOf(s), {
        name: `${name} measurements`,
        paras,
        x,
        y: TOP + 4.35,
        w: colW,
        h: 1.15,
        max: 13,
        options: { color: C.ink },
      });
  });
  const x = M + 2 * colW + gap + 0.35;
  const w = W - M - x;
  const cats: [string, string, string][] = [
    ['RECIST 1.1', c.recist?.overall ?? '—', c.recist?.overallLabel ?? 'Not assessed'],
    ['Choi', c.choi?.response ?? '—', c.choi?.label ?? 'No density measured'],
  ];
  const bw = (w - 0.2) / 2;
  cats.forEach(([k, v, l], i) => {
    const bx = x + i * (bw + 0.2);
    s.addShape('roundRect', {
      x: bx,
      y: TOP - 0.05,
      w: bw,
      h: 1.25,
      fill: { color: C.panel },
      line: { color: C.rule, width: 0.75 },
      rectRadius: 0.08,
    });
    s.addText(
      [
        { text: k, options: { fontSize: 12, bold: true, color: C.muted, breakLine: true } },
        { text: v, options: { fontSize: 30, bold: true, color: C.navy, breakLine: true } },
        { text: l, options: { fontSize: 11, color: C.ink } },
      ] as TextRun[],
      { x: bx, y: TOP - 0.05, w: bw, h: 1.25, fontFace: FONT, align: 'center', valign: 'middle', margin: 0 },
    );
  });
  label(s, 'Sum of target diameters (mm)', x, TOP + 1.35, w);
  if (c.points.length) {
    s.addChart(
      'line',
      [
        {
          name: 'Sum of target diameters (mm)',
          labels: c.points.map((p) => dayMonthYear(p.date)),
          values: c.points.map((p) => p.sumMm),
        },
      ],
      {
        x,
        y: TOP + 1.65,
        w,
        h: 2.2,
        altText: c.chartText,
        chartColors: [C.accent],
        lineSize: 3,
        lineDataSymbol: 'circle',
        lineDataSymbolSize: 9,
        showValue: true,
        dataLabelPosition: 't',
        dataLabelFontSize: 11,
        dataLabelFormatCode: '0.0',
        valAxisMinVal: 0,
        valAxisLabelFontSize: 10,
        catAxisLabelFontSize: 10,
        showLegend: false,
      },
    );
  } else {
    body(s, c.chartText, x, TOP + 1.65, w, 0.6, 13, 10, { color: C.muted });
  }
  body(
    s,
    [slide.text.summary ?? '', c.explanation].filter(Boolean).join('\n'),
    x,
    TOP + 3.95,
    w,
    BOTTOM - TOP - 3.95,
    14,
    9,
  );
}

function pathologySlide(s: PSlide, slide: SlideOf<'pathology'>): void {
  title(s, slide.title);
  const [driving, ...others] = slide.content.reports;
  body(s, slide.text.summary ?? '', M, TOP - 0.1, INNER_W, 0.75, 20, 13, { bold: true, color: C.navy });
  if (!driving) return;
  const g = driving.grade;
  const comps =
    g.score !== null
      ? ` (score ${g.score}: D${g.components.differentiation ?? '?'} M${g.components.mitoses ?? '?'} N${g.components.necrosis ?? '?'})`
      : '';
  const gradeLine =
    g.status === 'not-gradable'
      ? `Not gradable${g.reason ? `: ${g.reason}` : ''}`
      : `FNCLCC ${g.grade}${comps}${g.source === 'reported' ? ', as reported' : ''}`;
  const facts: [string, string][] = [
    ['Histotype', `${driving.histotype}${driving.icdO3 ? ` (ICD-O-3 ${driving.icdO3})` : ''}`],
    // No FNCLCC grade for a case outside the sarcoma site chapters.
    ...(slide.content.sarcoma === false ? [] : ([['Grade', gradeLine]] as [string, string][])),
    [
      'Specimen',
      [driving.procedure, dayMonthYear(driving.specimenDate), driving.specimenId].filter(Boolean).join(', '),
    ],
    ['Laboratory', driving.laboratory || '—'],
    ['Margins', driving.margin || 'Not reported'],
    ...(driving.neoadjuvantTherapy || driving.treatmentEffect
      ? ([
          [
            'Treatment effect',
            `${driving.neoadjuvantTherapy ? 'After neoadjuvant therapy. ' : ''}${driving.treatmentEffect}`.trim(),
          ],
        ] as [string, string][])
      : []),
    [
      'Expert review',
      driving.expertReview
        ? `${driving.expertReview.by}, ${dayMonthYear(driving.expertReview.date)}: ${driving.expertReview.agreement}`
        : 'None recorded',
    ],
  ];
  const leftW = 6.7;
  const top = TOP + 0.75;
  table(
    s,
    facts.map(([k, v]) => [
      cell(k, { bold: true, color: C.muted, fill: { color: C.panel } }),
      cell(v.length > 220 ? `${v.slice(0, 220)}…` : v),
    ]),
    M,
    top,
    leftW,
    [1.7, leftW - 1.7],
    facts.length > 6 ? 12 : 13,
  );
  const x = M + leftW + 0.35;
  const w = W - M - x;
  let y = top;
  const ihc = driving.ihc.slice(0, 12);
  if (ihc.length) {
    const size = ihc.length > 8 ? 10 : 12;
    table(
      s,
      [
        [head('IHC'), head('Result'), head('Note')],
        ...ihc.map((i) => [cell(i.marker, { bold: true }), cell(i.result), cell(i.note)]),
      ],
      x,
      y,
      w,
      [1.5, 1.6, w - 3.1],
      size,
    );
    y += (ihc.length + 1) * (size > 10 ? 0.34 : 0.3) + 0.25;
  }
  const molecular = driving.molecular.slice(0, 8);
  if (molecular.length && y < 6.2) {
    table(
      s,
      [[head('Molecular'), head('Result')], ...molecular.map((m) => [cell(m.test, { bold: true }), cell(m.result)])],
      x,
      y,
      w,
      [w * 0.55, w * 0.45],
      12,
    );
    y += (molecular.length + 1) * 0.34 + 0.25;
  }
  if (!ihc.length && !molecular.length)
    body(s, 'No IHC or molecular results recorded.', x, y, w, 0.5, 14, 11, { color: C.muted });
  if (others.length) {
    const line = `Earlier reports: ${others.map((o) => `${o.procedure} ${dayMonthYear(o.specimenDate)}: ${o.histotype}, ${o.grade.grade}`).join('; ')}`;
    addFittedText(s, fitOf(s), {
      name: 'Earlier reports',
      paras: parasOf(line),
      x: M,
      y: 6.3,
      w: INNER_W,
      h: 0.55,
      max: 12,
      options: { color: C.muted },
    });
  }
}

function stagingSlide(s: PSlide, slide: SlideOf<'staging'>): void {
  const c = slide.content;
  title(s, slide.title);
  body(s, c.summary, M, TOP - 0.05, INNER_W, 0.8, 30, 18, { bold: true, color: C.accent });
  let y = TOP + 0.9;
  // The pathological stage leads when there is one; the summary line above names both.
  const head = c.pathological ?? c;
  if (c.applicable) {
    const boxes: [string, string][] = [
      ['T', head.T ?? `${c.prefix}TX`],
      ['N', head.N ?? `${c.prefix}NX`],
      ['M', head.M ?? `${c.prefix}M0`],
      ['G', head.G],
      [c.pathological ? 'Stage (path.)' : 'Stage', stageGroupShort(head) ?? '—'],
    ];
    const bw = (INNER_W - 4 * 0.25) / 5;
    boxes.forEach(([k, v], i) => {
      const x = M + i * (bw + 0.25);
      s.addShape('roundRect', {
        x,
        y,
        w: bw,
        h: 1.25,
        fill: { color: i === 4 ? C.navy : C.panel },
        line: { color: i === 4 ? C.navy : C.rule, width: 0.75 },
        rectRadius: 0.08,
      });
      s.addText(
        [
          { text: k, options: { fontSize: 13, bold: true, color: i === 4 ? 'C9D3E6' : C.muted, breakLine: true } },
          // "IB, at least IIIB" must fit the box: smaller type for the long form.
          { text: v, options: { fontSize: v.length > 6 ? 18 : 30, bold: true, color: i === 4 ? C.white : C.navy } },
        ] as TextRun[],
        { x, y, w: bw, h: 1.25, fontFace: FONT, align: 'center', valign: 'middle', margin: 0 },
      );
    });
    y += 1.5;
  }
  label(s, 'Why', M, y, INNER_W);
  body(s, slide.text.explanation ?? '', M, y + 0.3, INNER_W, 6.0 - y - 0.3, 20, 11);
  const foot = [
    c.pathological ? `Size for pT: ${tSourceText(c.pathological.T, c.pathological.source)}.` : '',
    `Size for T: ${tSourceText(c.T, c.size.text)}.`,
    c.size.stale ? c.size.staleReason : '',
    c.note ? `Note: ${c.note}` : '',
  ]
    .filter(Boolean)
    .join('  ');
  addFittedText(s, fitOf(s), {
    name: 'Size for T',
    paras: parasOf(foot),
    x: M,
    y: 6.05,
    w: INNER_W,
    h: 0.4,
    max: 13,
    options: { color: C.muted },
  });
  if (c.defaults) {
    s.addText('No staging inputs saved: the defaults were used (NX, counted as N0; M0; clinical).', {
      x: M,
      y: 6.45,
      w: INNER_W,
      h: 0.35,
      fontFace: FONT,
      fontSize: 12,
      bold: true,
      color: C.warn,
      margin: 0,
    });
  }
}

function planSlide(s: PSlide, slide: SlideOf<'plan'>): void {
  const c = slide.content;
  title(s, slide.title);
  const leftW = 7.3;
  label(s, 'Proposal', M, TOP, leftW);
  body(s, slide.text.proposal || 'No plan proposed yet.', M, TOP + 0.3, leftW, 2.6, ptOfPx(32), MIN_PT, {}, 'Proposal');
  if (c.options.length) {
    label(s, 'Options', M, 4.35, leftW);
    addFittedText(s, fitOf(s), {
      name: 'Options',
      paras: c.options.map((o) => [{ text: `\u25A0  ${o.label}` }]),
      x: M,
      y: 4.65,
      w: leftW,
      h: 1.1,
      max: c.options.length > 3 ? 14 : 17,
      options: { color: C.ink },
    });
  }
  const r = c.readiness;
  if (r.open.length === 0) {
    s.addText(r.ready ? 'Work-up complete' : 'Work-up: nothing missing or stale', {
      x: M,
      y: 6.0,
      w: leftW,
      h: 0.5,
      fontFace: FONT,
      fontSize: 15,
      bold: true,
      color: C.ok,
      margin: 0,
    });
  } else {
    const line = r.open.map((o) => `${o.label} (${o.state})`).join('; ');
    addFittedText(s, fitOf(s), {
      name: 'Work-up open',
      paras: parasOf(`Work-up open: ${line}`, { bold: true }),
      x: M,
      y: 5.9,
      w: leftW,
      h: 0.8,
      max: 14,
      options: { color: C.warn },
    });
  }
  callout(s, 'Question for the board', slide.text.question ?? '', 8.3, TOP, W - M - 8.3, BOTTOM - TOP - 0.2);
}

function drawSlide(s: PSlide, deck: MeetingDeck, slide: Slide, options: PptxOptions): void {
  switch (slide.kind) {
    case 'agenda':
      return agendaSlide(s, slide);
    case 'title':
      return titleSlide(s, slide);
    case 'history':
      return historySlide(s, slide);
    case 'imaging':
      return imagingSlide(s, slide, options);
    case 'response':
      return responseSlide(s, slide, options);
    case 'pathology':
      return pathologySlide(s, slide);
    case 'staging':
      return stagingSlide(s, slide);
    case 'plan':
      return planSlide(s, slide);
  }
}

/** Builds the .pptx bytes of a meeting deck. Throws an AbortError when cancelled. */
export async function buildDeckPptx(deck: MeetingDeck, options: PptxOptions): Promise<Buffer> {
  const { signal } = options;
  throwIfAborted(signal);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'BoardPrep';
  pptx.company = '';
  pptx.title = deck.deidentified ? `${deck.title} (de-identified)` : deck.title;
  pptx.subject = `${deck.title}, ${longDate(deck.startsAt)}, ${clockTime(deck.startsAt)}`;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  defineMaster(pptx, deck);

  const total = deck.slides.length;
  const sectionOf = new Map<number, string>();
  for (const sec of deck.sections)
    sectionOf.set(sec.itemId, deck.deidentified ? `Case ${sec.number}` : `${sec.number}. ${sec.label}`);
  const opened = new Set<string>();
  for (let i = 0; i < total; i++) {
    throwIfAborted(signal);
    const slide = deck.slides[i];
    const section = slide.itemId === null ? 'Agenda' : (sectionOf.get(slide.itemId) ?? 'Cases');
    if (!opened.has(section)) {
      pptx.addSection({ title: section });
      opened.add(section);
    }
    const s = pptx.addSlide({ masterName: MASTER, sectionTitle: section });
    if (slide.kind !== 'agenda') caseTag(s, deck, slide);
    drawSlide(s, deck, slide, options);
    const fit = fitOf(s);
    options.onLayout?.(i, fit);
    // What a box could not hold at its smallest size is cut on the slide ("… (continued in notes)") and kept here.
    const notes = [slide.notes.trim(), overflowNotes(fit)].filter(Boolean).join('\n\n');
    if (notes) s.addNotes(notes);
    options.onProgress?.({ done: i + 1, total });
    // Let a cancel (and other requests) in between slides.
    if (i % 5 === 4) await new Promise((r) => setImmediate(r));
  }
  throwIfAborted(signal);
  const out = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer;
  throwIfAborted(signal);
  return out;
}
