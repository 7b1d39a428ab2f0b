// Text for the viewer's overlay (window, zoom, the value under the mouse). Pure: no cornerstone import. What a
// measurement says is in shared/imaging/measurement-text.ts, shared with the slides.
import { fixed } from '../../shared/imaging/measurement-text';

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
