// cornerstone-tools' Length / Bidirectional / EllipticalRoi with our own values and labels: they keep the library's
// drawing and handle dragging, but compute mm from the right spacing (and say so), and HU from the modality LUT.
import cornerstone from 'cornerstone-core';
import cornerstoneTools from 'cornerstone-tools';
import { addBidirectional } from './bidirectional-create';
import { modalityOf, spacingOf } from './image-info';
import { bidirectionalValues, centredPerpendicular, ellipseValues, lengthValues, type Point } from './measure-compute';
import { measurementLabel } from '../../shared/imaging/measurement-text';
import type { MeasureToolName, MeasurementValues } from './types';

type Handles = cornerstoneTools.Handles;
type RenderedEvent = cornerstoneTools.ImageRenderedEvent;

/** Tool state as stored by cornerstone-tools, plus what we keep on it. */
export interface MeasureData extends cornerstoneTools.MeasurementData {
  values?: MeasurementValues;
  /** Read by the library's Bidirectional internals (it discards a measurement smaller than 1). */
  longestDiameter?: number;
  shortestDiameter?: number;
}

/** Registered under our own names so nothing else (e.g. a later global tool) shares their state. */
export const TOOL_NAMES: Record<MeasureToolName, string> = {
  length: 'BoardPrepLength',
  bidirectional: 'BoardPrepBidirectional',
  ellipse: 'BoardPrepEllipse',
};

const getNewContext = cornerstoneTools.importInternal('drawing/getNewContext');
const draw = cornerstoneTools.importInternal('drawing/draw');
const setShadow = cornerstoneTools.importInternal('drawing/setShadow');
const drawLine = cornerstoneTools.importInternal('drawing/drawLine');
const drawEllipse = cornerstoneTools.importInternal('drawing/drawEllipse');
const drawHandles = cornerstoneTools.importInternal('drawing/drawHandles');
// Not in renderer/types' overloads: typed here, next to their only use.
interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}
const internal = cornerstoneTools.importInternal as unknown as (uri: string) => unknown;
const drawTextBox = internal('drawing/drawTextBox') as (
  ctx: CanvasRenderingContext2D,
  lines: string[],
  x: number,
  y: number,
  color: string,
  options: { centering: { x: boolean; y: boolean }; displacer: (box: Box) => void },
) => Box;
const drawLink = internal('drawing/drawLink') as (
  anchors: Point[],
  textCoords: Point,
  box: Box,
  ctx: CanvasRenderingContext2D,
  color: string,
  lineWidth: number,
) => void;
const getROITextBoxCoords = cornerstoneTools.importInternal('util/getROITextBoxCoords');

// A dark halo keeps thin lines visible on bone as well as on air.
const SHADOW = { shadow: true, shadowColor: 'rgba(0,0,0,0.9)', shadowOffsetX: 1, shadowOffsetY: 1, shadowBlur: 2 };

export function handlePoint(handles: Handles, key: string): Point {
  const h = handles[key];
  return h && typeof h === 'object' && typeof h.x === 'number' && typeof h.y === 'number'
    ? { x: h.x, y: h.y }
    : { x: 0, y: 0 };
}

/** Values for one measurement on the image it was drawn on. */
export function computeValues(tool: MeasureToolName, handles: Handles, image: cornerstone.Image): MeasurementValues {
  const spacing = spacingOf(image.imageId);
  const start = handlePoint(handles, 'start');
  const end = handlePoint(handles, 'end');
  if (tool === 'length') return lengthValues({ start, end }, spacing);
  if (tool === 'bidirectional') {
    const perpendicularStart = handlePoint(handles, 'perpendicularStart');
    const perpendicularEnd = handlePoint(handles, 'perpendicularEnd');
    return bidirectionalValues({ start, end, perpendicularStart, perpendicularEnd }, spacing);
  }
  const scaled = image.preScale?.scaled === true; // loader already applied slope/intercept
  const pixels = {
    width: image.width,
    height: image.height,
    data: image.getPixelData(),
    slope: scaled ? 1 : image.slope,
    intercept: scaled ? 0 : image.intercept,
    color: image.color,
  };
  return ellipseValues({ start, end }, spacing, pixels, modalityOf(image.imageId) === 'CT' ? 'HU' : 'raw');
}

export function updateValues(tool: MeasureToolName, data: MeasureData, image: cornerstone.Image): void {
  data.values = computeValues(tool, data.handles, image);
  if (tool === 'bidirectional') {
    data.longestDiameter = data.values.long;
    data.shortestDiameter = data.values.short;
  }
  data.invalidated = false;
}

/** Canvas px between a handle and its label. */
const LABEL_GAP = 10;

/**
 * The library's drawLinkedTextBox, but the label always fits in the viewport. The library can only keep it inside the
 * image's displayed area (preventTextBoxOutsideDisplayedArea), which is the whole canvas when the image fills it and
 * partly off-screen once zoomed or panned; a label beside a handle near the right edge was cut off ("158.9 m").
 * A label that would leave on the right goes to the handle's left instead; then it is clamped into the canvas.
 */
function drawLabel(
  ctx: CanvasRenderingContext2D,
  element: HTMLElement,
  textBox: cornerstoneTools.TextBox & { boundingBox?: Box },
  lines: string[],
  handles: Handles,
  anchors: (h: Handles) => Point[],
  color: string,
  lineWidth: number,
): void {
  const at = cornerstone.pixelToCanvas(element, { x: textBox.x ?? 0, y: textBox.y ?? 0 });
  const { width, height } = ctx.canvas;
  const displacer = (box: Box) => {
    if (box.left + box.width > width) box.left = at.x - 2 * LABEL_GAP - box.width;
    box.left = Math.max(0, Math.min(box.left, width - box.width));
    box.top = Math.max(0, Math.min(box.top, height - box.height));
  };
  at.x += LABEL_GAP;
  textBox.boundingBox = drawTextBox(ctx, lines, at.x, at.y, color, { centering: { x: false, y: true }, displacer });
  if (textBox.hasMoved) {
    const points = anchors(handles).map((p) => cornerstone.pixelToCanvas(element, p));
    drawLink(points, at, textBox.boundingBox, ctx, color, lineWidth);
  }
}

/** Only the point handles, for drawHandles (not the text box, not the ellipse's rotation number). */
function pointHandles(handles: Handles): Handles {
  const out: Handles = {};
  for (const [k, v] of Object.entries(handles)) if (k !== 'textBox' && v && typeof v === 'object') out[k] = v;
  return out;
}

interface Shape {
  tool: MeasureToolName;
  /** Adjusts dependent handles before values are computed. */
  prepare?(data: MeasureData, image: cornerstone.Image): void;
  stroke(ctx: CanvasRenderingContext2D, element: HTMLElement, data: MeasureData, color: string): void;
  /** Where the label sits until the user drags it. */
  labelAt(detail: cornerstone.ImageRenderedDetail, handles: Handles): Point;
  anchors(handles: Handles): Point[];
}

function renderMeasurements(toolName: string, shape: Shape, evt: RenderedEvent): void {
  const detail = evt.detail;
  const { element, image } = detail;
  const toolData = cornerstoneTools.getToolState(element, toolName);
  if (!toolData?.data.length) return;
  const ctx = getNewContext(detail.canvasContext.canvas);
  const lineWidth = cornerstoneTools.toolStyle.getToolWidth();
  for (const data of toolData.data as MeasureData[]) {
    if (data.visible === false) continue;
    shape.prepare?.(data, image);
    // Restored annotations arrive with their stored values and invalidated=false: shown as saved, not recomputed.
    if (data.invalidated || !data.values) updateValues(shape.tool, data, image);
    draw(ctx, (c) => {
      setShadow(c, SHADOW);
      const color = cornerstoneTools.toolColors.getColorIfActive(data);
      shape.stroke(c, element, data, color);
      drawHandles(c, detail, pointHandles(data.handles), { color, drawHandlesIfActive: true });
      const textBox = data.handles.textBox;
      if (!textBox || !data.values) return;
      if (!textBox.hasMoved) Object.assign(textBox, shape.labelAt(detail, data.handles));
      const lines = measurementLabel(shape.tool, data.values);
      drawLabel(c, element, textBox, lines, data.handles, shape.anchors, color, lineWidth);
    });
  }
}

const lengthShape: Shape = {
  tool: 'length',
  stroke: (c, el, d, color) =>
    drawLine(c, el, handlePoint(d.handles, 'start'), handlePoint(d.handles, 'end'), { color }),
  labelAt: (_detail, h) => {
    const s = handlePoint(h, 'start');
    const e = handlePoint(h, 'end');
    return s.x >= e.x ? s : e;
  },
  anchors: (h) => {
    const s = handlePoint(h, 'start');
    const e = handlePoint(h, 'end');
    return [s, { x: (s.x + e.x) / 2, y: (s.y + e.y) / 2 }, e];
  },
};

const bidirectionalShape: Shape = {
  tool: 'bidirectional',
  prepare: (d, image) => {
    const ps = d.handles.perpendicularStart;
    const pe = d.handles.perpendicularEnd;
    // `locked` is set only while the measurement is being created (the library clears it on completion).
    if (!ps || typeof ps !== 'object' || !('locked' in ps) || !ps.locked || !pe || typeof pe !== 'object') return;
    const p = centredPerpendicular(
      handlePoint(d.handles, 'start'),
      handlePoint(d.handles, 'end'),
      image.columnPixelSpacing || 1,
      image.rowPixelSpacing || 1,
    );
    Object.assign(ps, p.perpendicularStart);
    Object.assign(pe, p.perpendicularEnd);
    d.invalidated = true;
  },
  stroke: (c, el, d, color) => {
    drawLine(c, el, handlePoint(d.handles, 'start'), handlePoint(d.handles, 'end'), { color });
    drawLine(c, el, handlePoint(d.handles, 'perpendicularStart'), handlePoint(d.handles, 'perpendicularEnd'), {
      color,
    });
  },
  labelAt: (_detail, h) => {
    const s = handlePoint(h, 'start');
    const e = handlePoint(h, 'end');
    return s.x >= e.x ? s : e;
  },
  anchors: (h) => ['start', 'end', 'perpendicularStart', 'perpendicularEnd'].map((k) => handlePoint(h, k)),
};

const ellipseShape: Shape = {
  tool: 'ellipse',
  stroke: (c, el, d, color) =>
    drawEllipse(
      c,
      el,
      handlePoint(d.handles, 'start'),
      handlePoint(d.handles, 'end'),
      { color },
      'pixel',
      d.handles.initialRotation ?? 0,
    ),
  labelAt: (detail, h) => getROITextBoxCoords(detail.viewport, h),
  anchors: (h) => {
    const s = handlePoint(h, 'start');
    const e = handlePoint(h, 'end');
    const left = Math.min(s.x, e.x);
    const top = Math.min(s.y, e.y);
    const w = Math.abs(s.x - e.x);
    const ht = Math.abs(s.y - e.y);
    return [
      { x: left + w / 2, y: top },
      { x: left, y: top + ht / 2 },
      { x: left + w / 2, y: top + ht },
      { x: left + w, y: top + ht / 2 },
    ];
  },
};

export class MeasureLengthTool extends cornerstoneTools.LengthTool {
  constructor() {
    super({ name: TOOL_NAMES.length });
  }
  override updateCachedStats(image: cornerstone.Image, _element: HTMLElement, data: MeasureData): void {
    updateValues('length', data, image);
  }
  override renderToolData(evt: RenderedEvent): void {
    renderMeasurements(this.name, lengthShape, evt);
  }
}

export class MeasureBidirectionalTool extends cornerstoneTools.BidirectionalTool {
  constructor() {
    super({ name: TOOL_NAMES.bidirectional });
    // The library binds these per instance in its constructor, so they are replaced here rather than overridden.
    this.renderToolData = (evt: RenderedEvent) => renderMeasurements(this.name, bidirectionalShape, evt);
    const create = this.createNewMeasurement;
    this.createNewMeasurement = (eventData) => {
      const data = create(eventData);
      // Its label starts 50×70 image px up-left (off-screen on small images); put it beside the axis instead.
      if (data?.handles.textBox) data.handles.textBox.hasMoved = false;
      return data;
    };
    // Read by the library's mouse-down dispatcher in place of its generic creation.
    (this as unknown as { addNewMeasurement: unknown }).addNewMeasurement = (
      evt: Parameters<typeof addBidirectional>[1],
      type: string,
    ) => addBidirectional(this, evt, type);
  }
  override updateCachedStats(image: cornerstone.Image, _element: HTMLElement, data: MeasureData): void {
    updateValues('bidirectional', data, image);
  }
}

export class MeasureEllipseTool extends cornerstoneTools.EllipticalRoiTool {
  constructor() {
    super({ name: TOOL_NAMES.ellipse });
  }
  override updateCachedStats(image: cornerstone.Image, _element: HTMLElement, data: MeasureData): void {
    updateValues('ellipse', data, image);
  }
  override renderToolData(evt: RenderedEvent): void {
    renderMeasurements(this.name, ellipseShape, evt);
  }
}

export const MEASURE_TOOL_CLASSES: Record<MeasureToolName, cornerstoneTools.ToolClass> = {
  length: MeasureLengthTool,
  bidirectional: MeasureBidirectionalTool,
  ellipse: MeasureEllipseTool,
};
