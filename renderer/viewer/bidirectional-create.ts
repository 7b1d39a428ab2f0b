// Creating a Bidirectional measurement by dragging its long axis. The library's own addNewMeasurement deletes any
// measurement whose drag lasted under 150 ms, so a quick but deliberate drag vanished (and was never saved). Here a
// drag is judged by its size instead, as Length and Ellipse are; everything else follows the library's steps.
import cornerstone from 'cornerstone-core';
import cornerstoneTools from 'cornerstone-tools';
import { centredPerpendicular } from './measure-compute';
import { handlePoint, updateValues, type MeasureData } from './measure-tools';

// Not in renderer/types' overloads: typed here, next to their only use.
const internal = cornerstoneTools.importInternal as unknown as (uri: string) => unknown;
const moveNewHandle = internal('manipulators/moveNewHandle') as (
  eventData: unknown,
  toolName: string,
  data: cornerstoneTools.MeasurementData,
  handle: cornerstoneTools.Handle,
  options: object,
  interactionType: string,
  done: (success: boolean) => void,
) => void;
const triggerEvent = internal('util/triggerEvent') as (element: HTMLElement, type: string, detail: unknown) => boolean;
const { addToolState } = cornerstoneTools as unknown as {
  addToolState(element: HTMLElement, toolName: string, data: cornerstoneTools.MeasurementData): void;
};

interface CreatingTool {
  name: string;
  createNewMeasurement(eventData: unknown): cornerstoneTools.MeasurementData | undefined;
}

interface MouseDetail {
  element: HTMLElement;
  image: cornerstone.Image;
}

/** The library's rule: no Bidirectional without a pixel spacing (its short axis is drawn perpendicular in mm). */
function hasSpacing(image: cornerstone.Image): boolean {
  const plane = cornerstone.metaData.get('imagePlaneModule', image.imageId) as
    | {
        rowPixelSpacing?: number;
        columnPixelSpacing?: number;
        rowImagePixelSpacing?: number;
        colImagePixelSpacing?: number;
      }
    | undefined;
  const row = plane ? plane.rowPixelSpacing || plane.rowImagePixelSpacing : image.rowPixelSpacing;
  const col = plane ? plane.columnPixelSpacing || plane.colImagePixelSpacing : image.columnPixelSpacing;
  return !!row && !!col;
}

export function addBidirectional(tool: CreatingTool, evt: CustomEvent<MouseDetail>, interactionType: string): void {
  const eventData = evt.detail;
  const { element, image } = eventData;
  if (!hasSpacing(image)) return;
  const data = tool.createNewMeasurement(eventData) as (MeasureData & { cancelled?: boolean }) | undefined;
  if (!data) return;
  addToolState(element, tool.name, data);
  cornerstone.updateImage(element);
  const end = data.handles.end as cornerstoneTools.Handle;
  moveNewHandle(eventData, tool.name, data, end, {}, interactionType, (success) => {
    if (!success) {
      cornerstoneTools.removeToolState(element, tool.name, data); // emits MEASUREMENT_REMOVED
      return;
    }
    // Fix the short axis where it is drawn and unlock it from the long axis (the library does the same).
    const ps = data.handles.perpendicularStart as cornerstoneTools.Handle;
    const pe = data.handles.perpendicularEnd as cornerstoneTools.Handle;
    const p = centredPerpendicular(
      handlePoint(data.handles, 'start'),
      handlePoint(data.handles, 'end'),
      image.columnPixelSpacing || 1,
      image.rowPixelSpacing || 1,
    );
    Object.assign(ps, p.perpendicularStart, { locked: false });
    Object.assign(pe, p.perpendicularEnd);
    updateValues('bidirectional', data, image);
    if (!((data.values?.long ?? 0) >= 1 && (data.values?.short ?? 0) >= 1)) {
      data.cancelled = true; // a click, not a drag
      cornerstoneTools.removeToolState(element, tool.name, data);
      cornerstone.updateImage(element);
      return;
    }
    data.active = false;
    cornerstone.updateImage(element);
    const detail = { toolName: tool.name, toolType: tool.name, element, measurementData: data };
    triggerEvent(element, cornerstoneTools.EVENTS.MEASUREMENT_MODIFIED, detail);
    triggerEvent(element, cornerstoneTools.EVENTS.MEASUREMENT_COMPLETED, detail);
  });
}
