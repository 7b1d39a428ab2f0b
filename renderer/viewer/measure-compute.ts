// Measurement values from handles in image pixel coordinates. Pure: no cornerstone, testable in Node.
import type { MeasurementValues, SpacingSource } from './types';

export interface Point {
  x: number;
  y: number;
}

/** mm per pixel: row = between rows (vertical), col = between columns (horizontal), as in Pixel Spacing. */
export interface Spacing {
  row: number;
  col: number;
  source: SpacingSource;
}

export interface PixelSource {
  width: number;
  height: number;
  /** Stored values, row-major. */
  data: ArrayLike<number>;
  slope: number;
  intercept: number;
  color: boolean;
}

function base(spacing: Spacing | null): Pick<MeasurementValues, 'unit' | 'spacingSource'> {
  return { unit: spacing ? 'mm' : 'px', spacingSource: spacing?.source ?? null };
}

export function distance(a: Point, b: Point, spacing: Spacing | null): number {
  const dx = (b.x - a.x) * (spacing?.col ?? 1);
  const dy = (b.y - a.y) * (spacing?.row ?? 1);
  return Math.hypot(dx, dy);
}

export function lengthValues(h: { start: Point; end: Point }, spacing: Spacing | null): MeasurementValues {
  return { ...base(spacing), length: distance(h.start, h.end, spacing) };
}

export function bidirectionalValues(
  h: { start: Point; end: Point; perpendicularStart: Point; perpendicularEnd: Point },
  spacing: Spacing | null,
): MeasurementValues {
  const a = distance(h.start, h.end, spacing);
  const b = distance(h.perpendicularStart, h.perpendicularEnd, spacing);
  return { ...base(spacing), long: Math.max(a, b), short: Math.min(a, b) };
}

/**
 * Ellipse inscribed in the box start–end. Area is analytic; mean/SD (population) cover the pixels whose centre
 * lies inside, after the modality LUT (so HU on CT).
 */
export function ellipseValues(
  h: { start: Point; end: Point },
  spacing: Spacing | null,
  pixels: PixelSource | null,
  meanUnit: 'HU' | 'raw',
): MeasurementValues {
  const rx = Math.abs(h.end.x - h.start.x) / 2;
  const ry = Math.abs(h.end.y - h.start.y) / 2;
  const area = Math.PI * rx * (spacing?.col ?? 1) * ry * (spacing?.row ?? 1);
  const values: MeasurementValues = { ...base(spacing), area };
  if (!pixels || pixels.color || rx === 0 || ry === 0) return values;

  const cx = (h.start.x + h.end.x) / 2;
  const cy = (h.start.y + h.end.y) / 2;
  const x0 = Math.max(0, Math.floor(cx - rx));
  const x1 = Math.min(pixels.width - 1, Math.ceil(cx + rx));
  const y0 = Math.max(0, Math.floor(cy - ry));
  const y1 = Math.min(pixels.height - 1, Math.ceil(cy + ry));
  let n = 0;
  let mean = 0;
  let m2 = 0; // Welford: stable for large regions
  for (let y = y0; y <= y1; y++) {
    const dy = (y + 0.5 - cy) / ry;
    for (let x = x0; x <= x1; x++) {
      const dx = (x + 0.5 - cx) / rx;
      if (dx * dx + dy * dy > 1) continue;
      const v = pixels.data[y * pixels.width + x] * pixels.slope + pixels.intercept;
      n++;
      const d = v - mean;
      mean += d / n;
      m2 += d * (v - mean);
    }
  }
  if (n === 0) return values;
  return { ...values, mean, sd: Math.sqrt(m2 / n), meanUnit };
}

/**
 * While a bidirectional measurement is being drawn its short axis is centred on the long one and half as long
 * (as cornerstone-tools does), in physical space so it stays perpendicular on anisotropic pixels.
 */
export function centredPerpendicular(
  start: Point,
  end: Point,
  colSpacing: number,
  rowSpacing: number,
): { perpendicularStart: Point; perpendicularEnd: Point } {
  const dx = (start.x - end.x) * colSpacing;
  const dy = (start.y - end.y) * rowSpacing;
  const length = Math.hypot(dx, dy);
  if (length === 0) return { perpendicularStart: { ...start }, perpendicularEnd: { ...end } };
  const mid = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  const ux = dx / length;
  const uy = dy / length;
  const half = length / 4; // half of a perpendicular that is half the long axis
  return {
    perpendicularStart: { x: mid.x + (half / colSpacing) * uy, y: mid.y - (half / rowSpacing) * ux },
    perpendicularEnd: { x: mid.x - (half / colSpacing) * uy, y: mid.y + (half / rowSpacing) * ux },
  };
}
