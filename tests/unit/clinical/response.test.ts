import { describe, expect, it } from 'vitest';
import {
  assessChoi,
  assessRecist,
  explainRecist,
  overallResponse,
  type ChoiInput,
  type RecistInput,
} from '../../../shared/clinical/response';
import type { NonTargetStatus, ResponseCategory } from '../../../shared/domain/response';

// Sources:
// R = Eisenhauer EA et al. New response evaluation criteria in solid tumours: revised RECIST guideline (version 1.1).
//     Eur J Cancer 2009;45:228-247. §4.3.1 (target lesions), §4.3.2 (non-target), §4.3.4 and Table 4 (overall).
// C = Choi H et al. Correlation of CT and PET in patients with GIST treated with imatinib: proposal of new CT
//     response criteria. J Clin Oncol 2007;25:1753-1759. Table 3 (modified CT response evaluation).

const base = (over: Partial<RecistInput>): RecistInput => ({
  baseline: 100,
  nadir: 100,
  current: 100,
  nonTarget: null,
  newLesions: false,
  ...over,
});

describe('assessRecist: target lesions (R §4.3.1)', () => {
  const rows: [string, Partial<RecistInput>, ResponseCategory][] = [
    ['R §4.3.1 CR: disappearance of all target lesions (sum 0)', { current: 0 }, 'CR'],
    ['R §4.3.1 CR: remaining target nodes all < 10 mm short axis', { current: 9, residualNodesOnly: true }, 'CR'],
    ['R §4.3.1 PR: exactly 30% below the baseline', { current: 70, nadir: 100 }, 'PR'],
    [
      'R §4.3.1 PR: 30% below the baseline with decimals (144 → 100.8 mm)',
      { baseline: 144, nadir: 144, current: 100.8 },
      'PR',
    ],
    ['R §4.3.1 not PR: 29.9% below the baseline', { current: 70.1 }, 'SD'],
    ['R §4.3.1 PD: exactly 20% and 5 mm above the nadir (25 → 30 mm)', { baseline: 40, nadir: 25, current: 30 }, 'PD'],
    ['R §4.3.1 PD: 20% above a nadir of 100 (20 mm)', { current: 120 }, 'PD'],
    ['R §4.3.1 not PD: 19.9% above the nadir', { current: 119.9 }, 'SD'],
    [
      'R §4.3.1 not PD: 20% but only 4.9 mm above the nadir (24.5 → 29.4 mm; 26.5% below baseline)',
      { baseline: 40, nadir: 24.5, current: 29.4 },
      'SD',
    ],
    [
      'R §4.3.1 not PD: 20% but only 4 mm (20 → 24 mm), still 40% below baseline',
      { baseline: 40, nadir: 20, current: 24 },
      'PR',
    ],
    [
      'R §4.3.1 PD is from the nadir, not the baseline: 10% below baseline, 50% above nadir',
      { nadir: 60, current: 90 },
      'PD',
    ],
    ['R §4.3.1 SD: neither', { current: 90 }, 'SD'],
    ['R §4.3.1 PD: a lesion reappears after CR (nadir 0)', { nadir: 0, current: 4 }, 'PD'],
    ['R §4.3.1 a target not measured: NE', { current: null }, 'NE'],
    ['No baseline sum: NE', { baseline: null, nadir: null }, 'NE'],
  ];
  it.each(rows)('%s', (_source, over, expected) => {
    expect(assessRecist(base(over)).target).toBe(expected);
  });

  it('gives the change from baseline and from the nadir in percent', () => {
    const r = assessRecist(base({ baseline: 144, nadir: 98, current: 120 }));
    expect(r.changeFromBaselinePct).toBeCloseTo(-16.67, 2);
    expect(r.changeFromNadirPct).toBeCloseTo(22.45, 2);
    expect(assessRecist(base({ current: null })).changeFromBaselinePct).toBeNull();
  });
});

describe('overallResponse (R Table 4)', () => {
  const rows: [ResponseCategory, NonTargetStatus | null, boolean, ResponseCategory][] = [
    ['CR', 'CR', false, 'CR'],
    ['CR', null, false, 'CR'], // R Table 4 applies to target +/- non-target: no non-target lesion
    ['CR', 'non-CR/non-PD', false, 'PR'],
    ['CR', 'NE', false, 'PR'],
    ['PR', 'non-CR/non-PD', false, 'PR'],
    ['PR', 'NE', false, 'PR'],
    ['PR', 'CR', false, 'PR'],
    ['SD', 'non-CR/non-PD', false, 'SD'],
    ['SD', 'NE', false, 'SD'],
    ['NE', 'non-CR/non-PD', false, 'NE'],
    ['PD', 'CR', false, 'PD'],
    ['PR', 'PD', false, 'PD'], // R §4.3.2 unequivocal progression of non-target lesions
    ['CR', 'CR', true, 'PD'], // R §4.3.3 new lesions
    ['NE', 'NE', true, 'PD'],
  ];
  it.each(rows)('R Table 4: target %s, non-target %s, new lesions %s → %s', (t, nt, nl, expected) => {
    expect(overallResponse(t, nt, nl)).toBe(expected);
  });

  it('assessRecist applies the table: new lesions or non-target PD make PR overall PD', () => {
    expect(assessRecist(base({ current: 60, newLesions: true }))).toMatchObject({ target: 'PR', overall: 'PD' });
    expect(assessRecist(base({ current: 60, nonTarget: 'PD' }))).toMatchObject({ target: 'PR', overall: 'PD' });
    expect(assessRecist(base({ current: 0, nonTarget: 'NE' }))).toMatchObject({ target: 'CR', overall: 'PR' });
  });
});

describe('explainRecist', () => {
  it('says the rule in words', () => {
    const i = base({ baseline: 144, nadir: 144, current: 98 });
    expect(explainRecist(i, assessRecist(i))).toBe(
      'Sum 98 mm is 31.9% below the baseline 144 mm: target PR (≥ 30% below the baseline). Overall PR.',
    );
    const pd = base({ baseline: 144, nadir: 98, current: 98, nonTarget: 'PD' });
    expect(explainRecist(pd, assessRecist(pd))).toContain('unequivocal progression of non-target lesions: PD');
    expect(explainRecist(pd, assessRecist(pd))).toMatch(/Overall PD\.$/);
    const grown = base({ baseline: 120, nadir: 80, current: 100 });
    expect(explainRecist(grown, assessRecist(grown))).toBe(
      'Sum 100 mm is 16.7% below the baseline 120 mm and 25% above the nadir 80 mm: target PD (≥ 20% and ≥ 5 mm above the nadir). Overall PD.',
    );
  });
});

const choi = (over: Partial<ChoiInput>): ChoiInput => ({
  baselineSizeMm: 100,
  currentSizeMm: 100,
  baselineHu: 100,
  currentHu: 100,
  newLesions: false,
  ...over,
});

describe('assessChoi (C Table 3)', () => {
  const rows: [string, Partial<ChoiInput>, ResponseCategory][] = [
    ['C CR: disappearance of all lesions, no new lesions', { currentSizeMm: 0 }, 'CR'],
    ['C PR: size exactly 10% smaller', { currentSizeMm: 90 }, 'PR'],
    ['C not PR by size: 9.9% smaller, density unchanged', { currentSizeMm: 90.1 }, 'SD'],
    ['C PR: density exactly 15% lower, size unchanged', { currentHu: 85 }, 'PR'],
    ['C not PR by density: 14.9% lower', { currentHu: 85.1 }, 'SD'],
    [
      'C PR: density 15% lower although size 12% larger (density criterion of PR met)',
      { currentSizeMm: 112, currentHu: 85 },
      'PR',
    ],
    ['C PD: size exactly 10% larger, density not 15% lower', { currentSizeMm: 110, currentHu: 90 }, 'PD'],
    ['C not PD: size 9.9% larger', { currentSizeMm: 109.9 }, 'SD'],
    ['C PD: new lesions', { currentSizeMm: 50, newLesions: true }, 'PD'],
    ['C PD: new intratumoral nodules, taken as new lesions', { newLesions: true, currentHu: 60 }, 'PD'],
    ['No baseline size: NE', { baselineSizeMm: null }, 'NE'],
    ['No current size: NE', { currentSizeMm: null }, 'NE'],
    ['No density and size within ±10%: NE (density could make PR)', { currentHu: null, currentSizeMm: 95 }, 'NE'],
    [
      'No density, size 10% larger: NE (PD needs the density criterion of PR not met)',
      { baselineHu: null, currentSizeMm: 110 },
      'NE',
    ],
    ['No density, size 10% smaller: PR by size alone', { baselineHu: null, currentSizeMm: 90 }, 'PR'],
  ];
  it.each(rows)('%s', (_source, over, expected) => {
    expect(assessChoi(choi(over)).response).toBe(expected);
  });

  it('names what is missing when not evaluable', () => {
    expect(assessChoi(choi({ currentHu: null, currentSizeMm: 95 })).reason).toContain('no current density');
    expect(assessChoi(choi({ baselineSizeMm: null })).reason).toContain('no baseline size');
  });
});
