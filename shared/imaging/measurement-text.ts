// The words and numbers of a measurement, wherever it is shown: the labels drawn on the image in the viewer, the
// key image cards, the lesion suggestions, the slides and the PPTX. Pure, so every place writes the same text.
import type { Annotation, MeasureTool, MeasurementValues, SpacingSource } from '../domain/imaging';

type Units = Pick<MeasurementValues, 'unit' | 'spacingSource'>;

/** `n` to `digits` decimals, never "-0.0" (a rounding of a tiny negative value is shown as 0). */
export function fixed(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** " (detector)" when the mm came from Imager Pixel Spacing (at the detector, not the patient), else ''. */
const detector = (v: Units) => (v.unit === 'mm' && v.spacingSource === 'ImagerPixelSpacing' ? ' (detector)' : '');

/** "mm", "mm (detector)" when only Imager Pixel Spacing is known, "px" without spacing. */
export function spacingUnitLabel(source: SpacingSource | null): string {
  if (source === 'PixelSpacing') return 'mm';
  if (source === 'ImagerPixelSpacing') return 'mm (detector)';
  return 'px';
}

/** "42.1 mm", "42.1 mm (detector)" or "318.0 px". */
export function formatDistance(value: number, v: Units): string {
  return `${fixed(value, 1)} ${v.unit}${detector(v)}`;
}

/** mm² below 1 cm², cm² above; px² without spacing. */
export function formatArea(value: number, v: Units): string {
  if (v.unit === 'px') return `${fixed(value, 0)} px²`;
  return value < 100 ? `${fixed(value, 1)} mm²${detector(v)}` : `${fixed(value / 100, 2)} cm²${detector(v)}`;
}

const meanUnit = (v: MeasurementValues) => (v.meanUnit === 'HU' ? ' HU' : '');

/** The lines drawn next to a measurement on the image (and listed on its key image card). */
export function measurementLabel(tool: MeasureTool, v: MeasurementValues): string[] {
  switch (tool) {
    case 'length':
      return v.length === undefined ? [] : [formatDistance(v.length, v)];
    case 'bidirectional':
      return v.long === undefined || v.short === undefined
        ? []
        : [`L ${formatDistance(v.long, v)}`, `W ${formatDistance(v.short, v)}`];
    case 'ellipse': {
      const lines = v.area === undefined ? [] : [`Area ${formatArea(v.area, v)}`];
      if (v.mean !== undefined) lines.push(`Mean ${fixed(v.mean, 1)}${meanUnit(v)}`);
      if (v.sd !== undefined) lines.push(`SD ${fixed(v.sd, 1)}${meanUnit(v)}`);
      return lines;
    }
  }
}

/**
 * The same measurement in one line, for a slide's caption: "Length 42.1 mm", "L 42.1 × W 20.0 mm", "Area 3.20 cm²,
 * mean 35.0 HU"; null when it has no value to show.
 */
export function measurementText(m: Pick<Annotation, 'tool' | 'values'>): string | null {
  const v = m.values;
  switch (m.tool) {
    case 'length':
      return v.length === undefined ? null : `Length ${formatDistance(v.length, v)}`;
    case 'bidirectional':
      return v.long === undefined || v.short === undefined
        ? null
        : `L ${fixed(v.long, 1)} × W ${formatDistance(v.short, v)}`;
    case 'ellipse': {
      const parts = v.area === undefined ? [] : [`Area ${formatArea(v.area, v)}`];
      if (v.mean !== undefined) parts.push(`mean ${fixed(v.mean, 1)}${meanUnit(v)}`);
      return parts.length ? parts.join(', ') : null;
    }
  }
}

/** A lesion size from mm: "4.2 cm". */
export function formatCm(mm: number): string {
  return `${fixed(mm / 10, 1)} cm`;
}

/** "4.2 cm" (length) or "4.2 × 2.0 cm" (bidirectional); undefined without a physical spacing. */
export function lesionSize(tool: MeasureTool, v: MeasurementValues): string | undefined {
  if (v.unit !== 'mm') return undefined;
  if (tool === 'length' && v.length !== undefined) return formatCm(v.length);
  if (tool === 'bidirectional' && v.long !== undefined && v.short !== undefined) {
    return `${fixed(v.long / 10, 1)} × ${formatCm(v.short)}`;
  }
  return undefined;
}
