// The anatomical plane of a loaded image, read from its parsed DICOM data set (cached by the WADO loader).
import cornerstoneWADOImageLoader from 'cornerstone-wado-image-loader';
import type { DataSet } from 'dicom-parser';
import { planeOf, type Plane } from './lesion-suggestions';

const { wadouri } = cornerstoneWADOImageLoader;

function dataSetOf(imageId: string): DataSet | undefined {
  if (!imageId.startsWith('wadouri:')) return undefined;
  const { url } = wadouri.parseImageId(imageId);
  return wadouri.dataSetCacheManager.isLoaded(url) ? wadouri.dataSetCacheManager.get(url) : undefined;
}

function orientationIn(ds: DataSet | undefined): number[] | null {
  if (!ds?.elements.x00200037) return null;
  const v = Array.from({ length: 6 }, (_, i) => ds.floatString('x00200037', i));
  return v.every((x): x is number => x !== undefined && Number.isFinite(x)) ? v : null;
}

const item = (ds: DataSet | undefined, tag: string, index = 0): DataSet | undefined =>
  ds?.elements[tag]?.items?.[index]?.dataSet;

/** Image Orientation (Patient): top level, else the enhanced multi-frame Plane Orientation macro (per-frame, then shared). */
function orientationOf(imageId: string, frame: number): number[] | null {
  const ds = dataSetOf(imageId);
  if (!ds) return null;
  return (
    orientationIn(ds) ??
    orientationIn(item(item(ds, 'x52009230', frame), 'x00209116')) ??
    orientationIn(item(item(ds, 'x52009229'), 'x00209116'))
  );
}

/**
 * The plane of the image a measurement was drawn on; when that image is not loaded (yet), the plane of any loaded
 * image of the same series (a series keeps its orientation). Null when none is known.
 */
export function seriesPlaneLookup(images: readonly { imageId: string; sopInstanceUid: string; frame: number }[]) {
  let seriesPlane: Plane | null | undefined;
  return (sopInstanceUid: string, frame: number): Plane | null => {
    const own = images.find((i) => i.sopInstanceUid === sopInstanceUid && i.frame === frame);
    const plane = own ? planeOf(orientationOf(own.imageId, own.frame)) : null;
    if (plane) return plane;
    if (seriesPlane === undefined) {
      seriesPlane = null;
      for (const i of images) {
        seriesPlane = planeOf(orientationOf(i.imageId, i.frame));
        if (seriesPlane) break;
      }
    }
    return seriesPlane;
  };
}
