import { describe, expect, it } from 'vitest';
import type { MeasureTool, MeasurementValues } from '../../../shared/domain/imaging';
import {
  formatArea,
  lesionSize,
  measurementLabel,
  measurementText,
  spacingUnitLabel,
} from '../../../shared/imaging/measurement-text';

const mm: MeasurementValues = { unit: 'mm', spacingSource: 'PixelSpacing' };
const detector: MeasurementValues = { unit: 'mm', spacingSource: 'ImagerPixelSpacing' };
const px: MeasurementValues = { unit: 'px', spacingSource: null };

describe('measurement text, one module for the viewer, the key image cards and the slides', () => {
  it('labels a measurement on the image line by line', () => {
    expect(measurementLabel('length', { ...mm, length: 42.14 })).toEqual(['42.1 mm']);
    expect(measurementLabel('bidirectional', { ...mm, long: 42.14, short: 20 })).toEqual(['L 42.1 mm', 'W 20.0 mm']);
    expect(measurementLabel('ellipse', { ...mm, area: 320, mean: 35, sd: 12.34, meanUnit: 'HU' })).toEqual([
      'Area 3.20 cm²',
      'Mean 35.0 HU',
      'SD 12.3 HU',
    ]);
    expect(measurementLabel('ellipse', { ...px, area: 1234.4, mean: 812, meanUnit: 'raw' })).toEqual([
      'Area 1234 px²',
      'Mean 812.0',
    ]);
  });

  it('writes the same measurement in one line for a slide', () => {
    expect(measurementText({ tool: 'length', values: { ...mm, length: 42.14 } })).toBe('Length 42.1 mm');
    expect(measurementText({ tool: 'bidirectional', values: { ...mm, long: 42.14, short: 20 } })).toBe(
      'L 42.1 × W 20.0 mm',
    );
    expect(measurementText({ tool: 'ellipse', values: { ...mm, area: 320, mean: 35, meanUnit: 'HU' } })).toBe(
      'Area 3.20 cm², mean 35.0 HU',
    );
    expect(measurementText({ tool: 'bidirectional', values: { ...mm, long: 10 } })).toBeNull();
  });

  it('shows the same numbers on the image as on the slide, for every tool and unit', () => {
    const cases: [MeasureTool, MeasurementValues][] = [
      ['length', { ...detector, length: 7.25 }],
      ['bidirectional', { ...px, long: 318.04, short: 99.95 }],
      ['ellipse', { ...mm, area: 99.96, mean: -0.04, meanUnit: 'HU' }],
    ];
    const numbers = (s: string) => s.match(/-?\d+(\.\d+)?/g) ?? [];
    for (const [tool, values] of cases) {
      const onImage = measurementLabel(tool, values).join(' ');
      const onSlide = measurementText({ tool, values })!;
      for (const n of numbers(onSlide)) expect(numbers(onImage), `${tool}: ${onSlide} / ${onImage}`).toContain(n);
    }
  });

  it('says when the mm are at the detector, and never writes -0', () => {
    expect(measurementLabel('length', { ...detector, length: 10 })).toEqual(['10.0 mm (detector)']);
    expect(measurementText({ tool: 'length', values: { ...detector, length: 10 } })).toBe('Length 10.0 mm (detector)');
    expect(spacingUnitLabel('ImagerPixelSpacing')).toBe('mm (detector)');
    expect(spacingUnitLabel(null)).toBe('px');
    expect(measurementLabel('ellipse', { ...mm, mean: -0.04, meanUnit: 'HU' })).toEqual(['Mean 0.0 HU']);
  });

  it('gives small areas in mm² and larger ones in cm²', () => {
    expect(formatArea(99.9, mm)).toBe('99.9 mm²');
    expect(formatArea(100, mm)).toBe('1.00 cm²');
  });

  it('gives a lesion size in cm only for physical spacing', () => {
    expect(lesionSize('bidirectional', { ...mm, long: 163, short: 80 })).toBe('16.3 × 8.0 cm');
    expect(lesionSize('length', { ...mm, length: 42 })).toBe('4.2 cm');
    expect(lesionSize('length', { ...px, length: 42 })).toBeUndefined();
    expect(lesionSize('ellipse', { ...mm, area: 400 })).toBeUndefined();
  });
});
