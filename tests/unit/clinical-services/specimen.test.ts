import { describe, expect, it } from 'vitest';
import {
  closestOfMargins,
  largestDimensionCm,
  marginSummary,
  specimenSizeText,
  type MarginRow,
} from '../../../shared/clinical/specimen';
import { buildCaseDeck } from '../../../shared/deck/build';
import type { SlideOf } from '../../../shared/deck/model';
import { record } from '../deck/fixtures';
import { report, setup } from './fixtures';

/**
 * The specimen's margins as one statement (docs/clinical-rules.md#specimen-margins): CAP soft tissue resection
 * protocol items "distance of tumour from closest margin" and "margins involved by tumour".
 */
const m = (margin: string, distanceMm: number | null, more: Partial<MarginRow> = {}): MarginRow => ({
  margin,
  distanceMm,
  lessThan: false,
  involved: false,
  ...more,
});

describe('the closest margin of a list', () => {
  it.each([
    { name: 'empty list', margins: [], closest: null },
    { name: 'no distance given', margins: [m('deep', null)], closest: null },
    { name: 'the smallest distance', margins: [m('proximal', 15), m('deep', 2)], closest: ['deep', 2, false] },
    {
      name: 'an involved margin counts as 0 mm',
      margins: [m('deep', 2), m('posterior', null, { involved: true })],
      closest: ['posterior', 0, false],
    },
    {
      name: 'same distance: "<" is the tighter statement',
      margins: [m('deep', 1), m('distal', 1, { lessThan: true })],
      closest: ['distal', 1, true],
    },
    {
      name: 'same distance and kind: the first listed',
      margins: [m('deep', 1), m('distal', 1)],
      closest: ['deep', 1, false],
    },
  ] as const)('$name', ({ margins, closest }) => {
    const got = closestOfMargins(margins);
    expect(got && [got.margin, got.distanceMm, got.lessThan]).toEqual(closest);
  });

  it('reads the whole statement and the size as a person writes them', () => {
    expect(
      marginSummary({
        marginStatus: 'R1',
        closestMarginMm: 0,
        closestMarginLessThan: false,
        margins: [m('deep', 1, { lessThan: true }), m('posterior', null, { involved: true }), m('medial', null)],
      }),
    ).toBe('R1, closest margin 0 mm (deep < 1 mm; posterior involved; medial (distance not given))');
    expect(
      marginSummary({ marginStatus: null, closestMarginMm: null, closestMarginLessThan: false, margins: [] }),
    ).toBe('');
    expect(marginSummary({ marginStatus: 'R0', closestMarginMm: 2.5, closestMarginLessThan: false })).toBe(
      'R0, closest margin 2.5 mm',
    );
    expect(specimenSizeText({ tumourDim1Cm: 12, tumourDim2Cm: 8.5, tumourDim3Cm: null })).toBe('12 × 8.5 cm');
    expect(largestDimensionCm({ tumourDim1Cm: 5, tumourDim2Cm: 12.25, tumourDim3Cm: 3 })).toBe(12.25);
    expect(largestDimensionCm({ tumourDim1Cm: null, tumourDim2Cm: null, tumourDim3Cm: null })).toBeNull();
  });
});

describe('the specimen where it is shown', () => {
  const SPECIMEN = {
    procedure: 'resection' as const,
    histotypeId: 'leiomyosarcoma',
    tumourDim1Cm: 12,
    tumourDim2Cm: 8.5,
    tumourDim3Cm: 5,
    depth: 'deep' as const,
    marginStatus: 'R0' as const,
    margins: [
      { margin: 'deep', distanceMm: 1, lessThan: true },
      { margin: 'proximal', distanceMm: 15 },
    ],
  };

  it('the timeline names the size, the depth and each margin', () => {
    const { clinical, newCase } = setup();
    const caseId = newCase();
    clinical.pathology.create(caseId, report(SPECIMEN));
    const entry = clinical.timeline.list(caseId).find((e) => e.source.type === 'pathology')!;
    expect(entry.detail).toContain(
      'tumour 12 × 8.5 × 5 cm; deep; R0, closest margin < 1 mm (deep < 1 mm; proximal 15 mm)',
    );
  });

  it('the pathology slide lists the margins with their distances', () => {
    const base = record(12);
    const withMargins = {
      ...base,
      pathology: [
        {
          ...base.pathology[0],
          marginStatus: 'R0' as const,
          closestMarginMm: 1,
          closestMarginLessThan: true,
          margins: report(SPECIMEN).margins,
        },
      ],
    };
    const deck = buildCaseDeck(withMargins, {});
    const slide = deck.slides.find((s) => s.kind === 'pathology') as SlideOf<'pathology'>;
    expect(slide.content.reports[0].margin).toBe('R0, closest margin < 1 mm (deep < 1 mm; proximal 15 mm)');
  });
});
