import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/domain/imaging';
import {
  draftSource,
  lesionSuggestions,
  planeOf,
  type Plane,
} from '../../../renderer/features/imaging/lesion-suggestions';

const AXIAL = [1, 0, 0, 0, 1, 0];
const CORONAL = [1, 0, 0, 0, 0, -1];
const SAGITTAL = [0, 1, 0, 0, 0, -1];

function annotation(
  id: string,
  tool: 'length' | 'bidirectional' | 'ellipse',
  sop: string,
  values: Partial<Annotation['values']>,
): Annotation {
  return {
    id,
    tool,
    sopInstanceUid: sop,
    frame: 0,
    handles: {},
    values: { unit: 'mm', spacingSource: 'PixelSpacing', ...values },
  };
}

const images = [
  { sopInstanceUid: '1.1', frame: 0 },
  { sopInstanceUid: '1.2', frame: 0 },
];
const planes = (plane: Plane | null) => () => plane;

describe('planeOf', () => {
  it("is the slice normal's dominant patient axis, also for oblique images", () => {
    expect(planeOf(AXIAL)).toBe('axial');
    expect(planeOf(CORONAL)).toBe('coronal');
    expect(planeOf(SAGITTAL)).toBe('sagittal');
    // 20° tilted axial (gantry tilt): still axial.
    expect(planeOf([1, 0, 0, 0, Math.cos(0.35), -Math.sin(0.35)])).toBe('axial');
    expect(planeOf(null)).toBeNull();
    expect(planeOf([1, 0, 0])).toBeNull();
    expect(planeOf([1, 0, 0, 1, 0, 0])).toBeNull();
  });
});

describe('lesionSuggestions', () => {
  it('offers a length on an axial image as the long axis only, never as craniocaudal', () => {
    const s = lesionSuggestions(
      [annotation('a', 'length', '1.1', { length: 159 })],
      images,
      '2015-10-26',
      planes('axial'),
    );
    expect(s.map((x) => x.label)).toEqual(['Length on image 1 (axial): 15.9 cm as long axis']);
    expect(s[0]).toMatchObject({ longCm: 15.9, studyDate: '2015-10-26' });
  });

  it('offers a length on a coronal or sagittal image as craniocaudal too', () => {
    for (const plane of ['coronal', 'sagittal'] as const) {
      const s = lesionSuggestions([annotation('a', 'length', '1.2', { length: 163 })], images, null, planes(plane));
      expect(s.map((x) => x.label)).toEqual([
        `Length on image 2 (${plane}): 16.3 cm as craniocaudal`,
        `Length on image 2 (${plane}): 16.3 cm as long axis`,
      ]);
      expect(s[0].craniocaudalCm).toBeCloseTo(16.3);
    }
  });

  it('without a known orientation, does not guess craniocaudal', () => {
    const s = lesionSuggestions([annotation('a', 'length', '1.1', { length: 50 })], images, null, planes(null));
    expect(s.map((x) => x.label)).toEqual(['Length on image 1: 5.0 cm as long axis']);
  });

  it('gives every chip a unique key and drops exact duplicates', () => {
    const s = lesionSuggestions(
      [
        annotation('a', 'bidirectional', '1.1', { long: 160, short: 80 }),
        annotation('b', 'bidirectional', '1.1', { long: 160, short: 80 }), // the same measurement drawn twice
        annotation('c', 'bidirectional', '1.2', { long: 160, short: 80 }),
        annotation('e', 'bidirectional', '1.2', { long: 160.02, short: 79.99 }), // the same to the 0.1 cm shown and filled in
        annotation('d', 'length', '1.1', { length: 40 }),
      ],
      images,
      null,
      planes('coronal'),
    );
    expect(s.map((x) => x.label)).toEqual([
      'Bidirectional on image 1 (coronal): 16.0 × 8.0 cm',
      'Bidirectional on image 2 (coronal): 16.0 × 8.0 cm',
      'Length on image 1 (coronal): 4.0 cm as craniocaudal',
      'Length on image 1 (coronal): 4.0 cm as long axis',
    ]);
    expect(new Set(s.map((x) => x.key)).size).toBe(s.length);
  });
});

describe('lesionSuggestions: an ellipse', () => {
  it('offers the mean density of an ellipse on a CT (HU) as the mean HU, with the study it was drawn on', () => {
    const s = lesionSuggestions(
      [
        annotation('h', 'ellipse', '1.2', { area: 1200, mean: 42.46, sd: 8, meanUnit: 'HU' }),
        // A mean of raw values (no modality LUT to HU) is not a density: no chip.
        annotation('r', 'ellipse', '1.1', { area: 1200, mean: 900, sd: 8, meanUnit: 'raw' }),
      ],
      images,
      '2026-09-01',
      planes('axial'),
      '1.2.3',
    );
    expect(s).toEqual([
      {
        key: 'h:hu',
        label: 'Ellipse on image 2 (axial): mean 42.5 HU',
        meanHu: 42.46,
        studyDate: '2026-09-01',
        studyInstanceUid: '1.2.3',
      },
    ]);
  });
});

describe('draftSource', () => {
  const draft = (
    d: Partial<Record<'longCm' | 'shortCm' | 'craniocaudalCm', string>>,
    measured: Partial<Record<'longCm' | 'shortCm' | 'craniocaudalCm', string>>,
  ) => ({
    longCm: '',
    shortCm: '',
    craniocaudalCm: '',
    ...d,
    measured,
  });

  it('is measured while every size given is the one filled from a measurement', () => {
    expect(draftSource(draft({ longCm: '16.0', shortCm: '8.0' }, { longCm: '16.0', shortCm: '8.0' }))).toBe('measured');
  });

  it('becomes typed once a dimension is typed over, or typed next to the measured ones', () => {
    expect(draftSource(draft({ longCm: '19.5', shortCm: '8.0' }, { longCm: '16.0', shortCm: '8.0' }))).toBe('typed');
    expect(
      draftSource(draft({ longCm: '16.0', shortCm: '8.0', craniocaudalCm: '12' }, { longCm: '16.0', shortCm: '8.0' })),
    ).toBe('typed');
    expect(draftSource(draft({ longCm: '4' }, {}))).toBe('typed');
    expect(draftSource(draft({}, {}))).toBe('typed');
  });

  it('a measured dimension cleared leaves the rest measured', () => {
    expect(draftSource(draft({ longCm: '16.0' }, { longCm: '16.0', shortCm: '8.0' }))).toBe('measured');
  });
});
