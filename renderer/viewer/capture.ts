// The current view as a PNG with the measurements burned in (they are drawn on the same canvas).
import cornerstone from 'cornerstone-core';
import cornerstoneTools from 'cornerstone-tools';
import { PRINT_JPEG_QUALITY } from '../../shared/imaging/key-image-jpeg';
import { collectAnnotations, MEASURE_TOOLS } from './annotation-state';
import { TOOL_NAMES } from './measure-tools';
import type { ViewerCapture, ViewerImage } from './types';
import { toViewState } from './view-state';

function encode(canvas: HTMLCanvasElement, type: 'image/png' | 'image/jpeg', quality?: number): Promise<Blob> {
  const name = type === 'image/png' ? 'PNG' : 'JPEG';
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error(`The view could not be encoded as ${name}`))),
      type,
      quality,
    ),
  );
}

/** Throws when `entry` is not the image on screen (still loading, or failed). */
export async function captureView(
  element: HTMLElement,
  manager: cornerstoneTools.ToolStateManager,
  entry: ViewerImage,
  index: number,
): Promise<ViewerCapture> {
  const enabled = cornerstone.getEnabledElement(element);
  const image = enabled.image;
  const viewport = cornerstone.getViewport(element);
  if (!image || !viewport || image.imageId !== entry.imageId) throw new Error('No image is displayed to capture');
  // The key image should not depend on where the mouse was: draw without hover highlighting.
  for (const t of MEASURE_TOOLS) {
    for (const data of cornerstoneTools.getToolState(element, TOOL_NAMES[t])?.data ?? []) data.active = false;
  }
  cornerstone.draw(element);
  // Both from the same drawing: the PNG for the screen and PowerPoint, the JPEG for print.
  const [png, jpeg] = await Promise.all([
    encode(enabled.canvas, 'image/png'),
    encode(enabled.canvas, 'image/jpeg', PRINT_JPEG_QUALITY),
  ]);
  return {
    index,
    image: entry,
    view: toViewState(viewport),
    annotations: collectAnnotations(manager, [entry], image),
    png,
    jpeg,
  };
}
