// The value under the mouse, as reading stations show it: modality-LUT value (HU on CT) and the pixel position.
import cornerstone from 'cornerstone-core';
import { modalityOf } from './image-info';

export interface PixelProbe {
  /** Image pixel (column, row), 0-based. */
  x: number;
  y: number;
  value: number;
  /** "HU" on rescaled CT, "raw" for a stored value without any rescale, "" for other rescaled values. */
  unit: 'HU' | 'raw' | '';
}

// cornerstone-core has these; renderer/types does not declare them.
const cs = cornerstone as unknown as {
  pageToPixel(element: HTMLElement, pageX: number, pageY: number): { x: number; y: number };
  getPixels(element: HTMLElement, x: number, y: number, w: number, h: number): number[];
  getStoredPixels(element: HTMLElement, x: number, y: number, w: number, h: number): number[];
};

/** Undefined off the image, before one is shown, and for colour images (no single value). */
export function probePixel(element: HTMLElement, pageX: number, pageY: number): PixelProbe | undefined {
  const image = cornerstone.getEnabledElement(element).image;
  if (!image || image.color) return undefined;
  const p = cs.pageToPixel(element, pageX, pageY);
  const x = Math.floor(p.x);
  const y = Math.floor(p.y);
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return undefined;
  // A loader that pre-scaled the data already applied the modality LUT: applying it again would be wrong.
  const scaled = image.preScale?.scaled === true;
  const value = (scaled ? cs.getStoredPixels : cs.getPixels)(element, x, y, 1, 1)[0];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const rescaled = scaled || image.slope !== 1 || image.intercept !== 0;
  const unit = !rescaled ? 'raw' : modalityOf(image.imageId) === 'CT' ? 'HU' : '';
  return { x, y, value, unit };
}

export function sameProbe(a: PixelProbe | undefined, b: PixelProbe | undefined): boolean {
  return a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.value === b.value && a.unit === b.unit);
}
