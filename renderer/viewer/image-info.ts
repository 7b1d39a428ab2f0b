// Facts about a loaded image read straight from its parsed DICOM data set (cached by the WADO loader).
import cornerstoneWADOImageLoader from 'cornerstone-wado-image-loader';
import type { DataSet } from 'dicom-parser';
import type { Spacing } from './measure-compute';

const { wadouri } = cornerstoneWADOImageLoader;

function dataSetOf(imageId: string): DataSet | undefined {
  if (!imageId.startsWith('wadouri:')) return undefined;
  const { url } = wadouri.parseImageId(imageId);
  return wadouri.dataSetCacheManager.isLoaded(url) ? wadouri.dataSetCacheManager.get(url) : undefined;
}

function frameOf(imageId: string): number {
  return wadouri.parseImageId(imageId).frame ?? 0;
}

/** Undefined when the file was never parsed (fetch or parse failure). */
export function transferSyntaxOf(imageId: string): string | undefined {
  return dataSetOf(imageId)?.string('x00020010')?.trim() || undefined;
}

export function isParsed(imageId: string): boolean {
  return dataSetOf(imageId) !== undefined;
}

export function hasPixelData(imageId: string): boolean {
  const ds = dataSetOf(imageId);
  return !!ds && ['x7fe00010', 'x7fe00008', 'x7fe00009'].some((tag) => ds.elements[tag]);
}

export function modalityOf(imageId: string): string | undefined {
  return dataSetOf(imageId)?.string('x00080060')?.trim() || undefined;
}

function pair(ds: DataSet | undefined, tag: string): [number, number] | undefined {
  if (!ds?.elements[tag]) return undefined;
  const row = ds.floatString(tag, 0);
  const col = ds.floatString(tag, 1);
  return row !== undefined && col !== undefined && row > 0 && col > 0 && Number.isFinite(row) && Number.isFinite(col)
    ? [row, col]
    : undefined;
}

function firstItem(ds: DataSet | undefined, tag: string, index = 0): DataSet | undefined {
  return ds?.elements[tag]?.items?.[index]?.dataSet;
}

/**
 * Pixel Spacing (0028,0030) — top level, or in the enhanced multi-frame Pixel Measures macro (per-frame, then
 * shared) — else Imager Pixel Spacing (0018,1164), which is at the detector, not the patient. Null: no spacing.
 */
export function spacingOf(imageId: string): Spacing | null {
  const ds = dataSetOf(imageId);
  if (!ds) return null;
  const frame = frameOf(imageId);
  const measures = (group: string, i: number) => firstItem(firstItem(ds, group, i), 'x00289110');
  const ps =
    pair(ds, 'x00280030') ??
    pair(measures('x52009230', frame), 'x00280030') ??
    pair(measures('x52009229', 0), 'x00280030');
  if (ps) return { row: ps[0], col: ps[1], source: 'PixelSpacing' };
  const ips = pair(ds, 'x00181164');
  if (ips) return { row: ips[0], col: ips[1], source: 'ImagerPixelSpacing' };
  return null;
}

interface ImagePlane {
  rows?: number;
  columns?: number;
  rowPixelSpacing?: number | null;
  columnPixelSpacing?: number | null;
}

/** The WADO provider's imagePlaneModule, or undefined when it throws (it does on files without a Modality). */
function wadoImagePlane(imageId: string): ImagePlane | undefined {
  try {
    return wadouri.metaData.metaDataProvider('imagePlaneModule', imageId) as ImagePlane | undefined;
  } catch {
    return undefined;
  }
}

/**
 * Registered above the WADO provider for 'imagePlaneModule':
 * - the WADO provider throws on files without a Modality (e.g. secondary capture), inside an image onload callback
 *   for colour JPEGs, which leaves the load pending forever; answer without it then;
 * - cornerstone-tools' Bidirectional tool refuses to start without a spacing. Our tools compute their own values
 *   (measure-tools.ts), so it gets the detector spacing, or 1 px, in the fallback fields it reads
 *   (row/colImagePixelSpacing); the real Pixel Spacing fields stay as they are.
 */
export function imagePlaneProvider(type: string, imageId: string): unknown {
  if (type !== 'imagePlaneModule' || !imageId.startsWith('wadouri:')) return undefined;
  const ds = dataSetOf(imageId);
  if (!ds) return undefined;
  const plane: ImagePlane = wadoImagePlane(imageId) ?? {
    rows: ds.uint16('x00280010'),
    columns: ds.uint16('x00280011'),
  };
  if (plane.rowPixelSpacing && plane.columnPixelSpacing) return plane;
  const spacing = spacingOf(imageId);
  if (spacing?.source === 'PixelSpacing')
    return { ...plane, rowPixelSpacing: spacing.row, columnPixelSpacing: spacing.col };
  // undefined, not null: the library defaults only undefined spacings to 1 (null gives NaN handles).
  return {
    ...plane,
    rowPixelSpacing: undefined,
    columnPixelSpacing: undefined,
    rowImagePixelSpacing: spacing?.row ?? 1,
    colImagePixelSpacing: spacing?.col ?? 1,
  };
}
