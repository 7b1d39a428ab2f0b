// Text for measurement labels, the overlay and lesion sizes. Pure: no cornerstone import.
import type { MeasureToolName, MeasurementValues, SpacingSource } from './types';

function fixed(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s; // never "-0.0"
}

/** "mm", "mm (detector)" when only Imager Pixel Spacing is known, "px" without spacing. */
export function spacingUnitLabel(source: SpacingSource | null): string {
  if (source === 'PixelSpacing') return 'mm';
  if (source === 'ImagerPixelSpacing') return 'mm (detector)';
  return 'px';
}

/** "42.1 mm", "42.1 mm (detector)" or "318.0 px". */
export function formatDistance(value: number, v: Pick<MeasurementValues, 'unit' | 'spacingSource'>): string {
  const detector = v.unit === 'mm' && v.spacingSource === 'ImagerPixelSpacing' ? ' (detector)' : '';
  return `${fixed(value, 1)} ${v.unit}${detector}`;
}

/** mm² below 1 cm², cm² above; px² without spacing. */
export function formatArea(value: number, v: Pick<MeasurementValues, 'unit' | 'spacingSource'>): string {
  const detector = v.unit === 'mm' && v.spacingSource === 'ImagerPixelSpacing' ? ' (detector)' : '';
  if (v.unit === 'px') return `${fixed(value, 0)} px²`;
  return value < 100 ? `${fixed(value, 1)} mm²${detector}` : `${fixed(value / 100, 2)} cm²${detector}`;
}

/** The lines drawn next to a measurement on the image. */
export function measurementLabel(tool: MeasureToolName, v: MeasurementValues): string[] {
  switch (tool) {
    case 'length':
      return v.length === undefined ? [] : [formatDistance(v.length, v)];
    case 'bidirectional':
      return v.long === undefined || v.short === undefined
        ? []
        : [`L ${formatDistance(v.long, v)}`, `W ${formatDistance(v.short, v)}`];
    case 'ellipse': {
      const lines = v.area === undefined ? [] : [`Area ${formatArea(v.area, v)}`];
      const unit = v.meanUnit === 'HU' ? ' HU' : '';
      if (v.mean !== undefined) lines.push(`Mean ${fixed(v.mean, 1)}${unit}`);
      if (v.sd !== undefined) lines.push(`SD ${fixed(v.sd, 1)}${unit}`);
      return lines;
    }
  }
}

/** Lesion size for case records: mm → cm with one decimal ("4.2 cm"). */
export function formatCm(mm: number): string {
  return `${fixed(mm / 10, 1)} cm`;
}

/** "4.2 cm" (length) or "4.2 × 2.0 cm" (bidirectional); undefined without a physical spacing. */
export function lesionSize(tool: MeasureToolName, v: MeasurementValues): string | undefined {
  if (v.unit !== 'mm') return undefined;
  if (tool === 'length' && v.length !== undefined) return formatCm(v.length);
  if (tool === 'bidirectional' && v.long !== undefined && v.short !== undefined) {
    return `${fixed(v.long / 10, 1)} × ${fixed(v.short / 10, 1)} cm`;
  }
  return undefined;
}

/** Whole numbers for CT/MR ranges; a few decimals for small-valued data (e.g. RT dose). */
function windowValue(n: number): string {
  return Math.abs(n) >= 10 || Number.isInteger(n) ? String(Math.round(n)) : String(Number(n.toPrecision(3)));
}

export function formatWindow(windowCenter: number, windowWidth: number): string {
  return `W ${windowValue(windowWidth)} L ${windowValue(windowCenter)}`;
}

export function formatZoom(scale: number): string {
  return `${fixed(scale * 100, 0)}%`;
}

/** The value under the mouse: whole numbers for integer data (CT HU), else 4 significant digits. */
export function formatPixelValue(value: number, unit: 'HU' | 'raw' | ''): string {
  const v = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return unit === 'HU' ? `${v} HU` : unit === 'raw' ? `${v} (raw)` : v;
}
