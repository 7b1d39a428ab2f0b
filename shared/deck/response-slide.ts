import { RESPONSE_CATEGORY_LABEL, type ResponseCategory, type ResponseView } from '../domain/response';
import { dayMonthYear, num, readableDates } from './format';
import { deckImageOf } from './deck-image';
import type { CaseDeckInput, DeckAgendaItem } from './input';
import type { DeckImage, ResponseStudy, SlideOf } from './model';

/**
 * The Response slide (issue 13): the baseline and the current study side by side (their key images and the target
 * lesions' measurements, with dates), the sum of target diameters over time, and the RECIST 1.1 and Choi categories
 * with the rule that gave them. Built only when the patient has a follow-up timepoint; the categories themselves come
 * from shared/clinical/response.ts through the ResponseView, never recomputed here.
 */

export const responseSlideKey = (caseId: number) => `case-${caseId}/response`;

/** At most this many key images of one study on the slide (the first saved). */
export const RESPONSE_IMAGES_PER_STUDY = 2;

/** "−12%", "+4%", "0%": a signed change as people read it (a real minus sign). */
export function signedPct(pct: number): string {
  const r = Math.round(pct);
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r)}%`;
}

/** "32.5 HU": densities to 0.1 HU, as the viewer's ellipse shows them. */
export const huText = (hu: number) => `${hu.toFixed(1)} HU`;

const categoryWords = (c: ResponseCategory) => `${RESPONSE_CATEGORY_LABEL[c].toLowerCase()} (${c})`;

type Draft = Omit<SlideOf<'response'>, 'editable' | 'edited' | 'recordText' | 'hidden'>;

function studyImages(r: CaseDeckInput, date: string): DeckImage[] {
  return r.keyImages
    .filter((k) => k.studyDate === date)
    .slice(0, RESPONSE_IMAGES_PER_STUDY)
    .map(deckImageOf);
}

/** Each target lesion's measurement on that date: "Right thigh mass 53 mm, 32 HU". */
function measurementsOn(view: ResponseView, date: string): string[] {
  return view.lesions
    .filter((l) => l.role === 'target')
    .flatMap((l) => {
      const m = l.measurements.find((x) => x.studyDate === date);
      if (!m) return [];
      const size = m.recistMm === null ? 'not measured' : `${num(m.recistMm)} mm${l.isNode ? ' short axis' : ''}`;
      return [`${l.name}: ${size}${m.meanHu === null ? '' : `, ${huText(m.meanHu)}`}`];
    });
}

function study(r: CaseDeckInput, view: ResponseView, t: ResponseView['timepoints'][number]): ResponseStudy {
  return {
    date: t.studyDate,
    sumMm: t.sumMm,
    meanHu: t.meanHu,
    images: studyImages(r, t.studyDate),
    measurements: measurementsOn(view, t.studyDate),
  };
}

/** The chart's text alternative: every point of the line, in words. */
export function chartText(points: readonly { date: string; sumMm: number }[]): string {
  return points.length
    ? `Sum of target diameters: ${points.map((p) => `${dayMonthYear(p.date)} ${num(p.sumMm)} mm`).join('; ')}`
    : 'No sum of target diameters recorded';
}

/** The Response slide's draft, or null when the patient has no follow-up timepoint yet. */
export function responseSlide(r: CaseDeckInput, item: DeckAgendaItem | undefined): Draft | null {
  const view = r.response;
  const current = view?.current ?? null;
  const baseline = view?.timepoints[0] ?? null;
  if (!view || !current || !baseline || baseline.studyDate === current.studyDate) return null;
  const points = view.timepoints
    .filter((t): t is typeof t & { sumMm: number } => t.sumMm !== null)
    .map((t) => ({ date: t.studyDate, sumMm: t.sumMm, meanHu: t.meanHu }));
  const recist = current.recist
    ? {
        target: current.recist.target,
        overall: current.recist.overall,
        overallLabel: RESPONSE_CATEGORY_LABEL[current.recist.overall],
        changeFromBaselinePct: current.recist.changeFromBaselinePct,
        changeFromNadirPct: current.recist.changeFromNadirPct,
      }
    : null;
  const choi = current.choi
    ? { response: current.choi.response, label: RESPONSE_CATEGORY_LABEL[current.choi.response] }
    : null;
  const change =
    current.recist?.changeFromBaselinePct === null || current.recist?.changeFromBaselinePct === undefined
      ? ''
      : `, ${signedPct(current.recist.changeFromBaselinePct)} from baseline`;
  const summary = [
    current.recist ? `RECIST 1.1: ${categoryWords(current.recist.overall)}${change}` : 'RECIST 1.1: not assessed',
    current.choi ? `Choi: ${categoryWords(current.choi.response)}` : 'Choi: not assessed (no density measured)',
  ].join('. ');
  const explanation = readableDates(current.explanation);
  const text = chartText(points);
  const notes = [
    `Baseline ${dayMonthYear(baseline.studyDate)}, current ${dayMonthYear(current.studyDate)}${view.nadirDate ? `, nadir ${dayMonthYear(view.nadirDate)}` : ''}.`,
    `${text}.`,
    ...view.timepoints.map(
      (t) =>
        `${dayMonthYear(t.studyDate)}: ${t.sumMm === null ? 'sum not available' : `sum ${num(t.sumMm)} mm`}${t.meanHu === null ? '' : `, mean ${huText(t.meanHu)}`}${t.nonTarget ? `; non-target ${t.nonTarget}` : ''}${t.newLesions ? '; new lesions' : ''}${t.note ? `; ${readableDates(t.note)}` : ''}`,
    ),
    ...view.notes.map(readableDates),
  ];
  return {
    key: responseSlideKey(r.caseId),
    kind: 'response',
    title: 'Response to treatment',
    caseId: r.caseId,
    itemId: item?.id ?? null,
    text: { summary: `${summary}.` },
    notes: notes.join('\n'),
    content: {
      baseline: study(r, view, baseline),
      current: study(r, view, current),
      points,
      nadirDate: view.nadirDate,
      recist,
      choi,
      explanation,
      chartText: text,
    },
  };
}
