/** Text for slides. Pure: the screen, the print view and the PPTX export all show the same words. */

import type { Sex } from '../domain/case';

function fixed(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** 16.3 -> "16.3", 8 -> "8", 4.25 -> "4.25". */
export const num = (n: number) => String(Number(n.toFixed(2)));

interface MeasurementLike {
  tool: 'length' | 'bidirectional' | 'ellipse';
  values: {
    unit: 'mm' | 'px';
    spacingSource: 'PixelSpacing' | 'ImagerPixelSpacing' | null;
    length?: number;
    long?: number;
    short?: number;
    area?: number;
    mean?: number;
    sd?: number;
    meanUnit?: 'HU' | 'raw';
  };
}

/**
 * One line per measurement on a key image, as drawn on it (the viewer's labels): "Length 42.1 mm",
 * "L 42.1 × W 20.0 mm", "Area 3.20 cm², mean 35.0 HU". "(detector)" when only Imager Pixel Spacing was known.
 */
export function measurementText(m: MeasurementLike): string | null {
  const v = m.values;
  const det = v.unit === 'mm' && v.spacingSource === 'ImagerPixelSpacing' ? ' (detector)' : '';
  const d = (x: number) => fixed(x, 1);
  switch (m.tool) {
    case 'length':
      return v.length === undefined ? null : `Length ${d(v.length)} ${v.unit}${det}`;
    case 'bidirectional':
      return v.long === undefined || v.short === undefined ? null : `L ${d(v.long)} × W ${d(v.short)} ${v.unit}${det}`;
    case 'ellipse': {
      const parts: string[] = [];
      if (v.area !== undefined) {
        if (v.unit === 'px') parts.push(`Area ${fixed(v.area, 0)} px²`);
        else parts.push(v.area < 100 ? `Area ${d(v.area)} mm²${det}` : `Area ${fixed(v.area / 100, 2)} cm²${det}`);
      }
      if (v.mean !== undefined) parts.push(`mean ${d(v.mean)}${v.meanUnit === 'HU' ? ' HU' : ''}`);
      return parts.length ? parts.join(', ') : null;
    }
  }
}

/** "9 × 8 × 16.3 cm" (the dimensions known, long × short × craniocaudal); "size not recorded" when none. */
export function lesionSizeText(l: { longCm: number | null; shortCm: number | null; craniocaudalCm: number | null }): string {
  const dims = [l.longCm, l.shortCm, l.craniocaudalCm].filter((x): x is number => x !== null);
  return dims.length ? `${dims.map(num).join(' × ')} cm` : 'size not recorded';
}

const SEX_SHORT: Record<Sex, string> = { female: 'F', male: 'M', other: 'X', unknown: '?' };
const SEX_WORD: Record<Sex, string> = { female: 'woman', male: 'man', other: 'person', unknown: 'person' };

/** "63 M" */
export const ageSexShort = (age: number, sex: Sex) => `${age} ${SEX_SHORT[sex]}`;
/** "63-year-old man" */
export const ageSexWords = (age: number, sex: Sex) => `${age}-year-old ${SEX_WORD[sex]}`;

/** "13:00" from 'YYYY-MM-DDTHH:MM'. */
export const clockTime = (at: string) => at.slice(11, 16);

/** "R1, closest margin < 1 mm"; '' when the report gives neither. */
export function marginText(r: { marginStatus: string | null; closestMarginMm: number | null; closestMarginLessThan: boolean }): string {
  const mm = r.closestMarginMm === null ? '' : `closest margin ${r.closestMarginLessThan ? '< ' : ''}${num(r.closestMarginMm)} mm`;
  return [r.marginStatus ?? '', mm].filter(Boolean).join(', ');
}
