// Translation between cornerstone-tools' per-imageId tool state and the app's Annotation records.
import type cornerstone from 'cornerstone-core';
import type cornerstoneTools from 'cornerstone-tools';
import { handlePoint, TOOL_NAMES, updateValues, type MeasureData } from './measure-tools';
import type { Annotation, MeasureToolName, ViewerImage } from './types';

export const MEASURE_TOOLS: readonly MeasureToolName[] = ['length', 'bidirectional', 'ellipse'];

/** The point handles each tool persists (plus textBox once the label was dragged). */
const HANDLE_KEYS: Record<MeasureToolName, readonly string[]> = {
  length: ['start', 'end'],
  bidirectional: ['start', 'end', 'perpendicularStart', 'perpendicularEnd'],
  ellipse: ['start', 'end'],
};

export function imageKey(sopInstanceUid: string, frame: number): string {
  return `${sopInstanceUid}#${frame}`;
}

function newId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `a-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function toAnnotation(tool: MeasureToolName, data: MeasureData, image: ViewerImage): Annotation | undefined {
  if (!data.values) return undefined;
  const handles: Annotation['handles'] = {};
  for (const key of HANDLE_KEYS[tool]) handles[key] = handlePoint(data.handles, key);
  const tb = data.handles.textBox;
  if (tb?.hasMoved && typeof tb.x === 'number' && typeof tb.y === 'number') handles.textBox = { x: tb.x, y: tb.y };
  data.uuid ??= newId(); // addToolState normally sets one
  return {
    id: data.uuid,
    tool,
    sopInstanceUid: image.sopInstanceUid,
    frame: image.frame,
    handles,
    values: { ...data.values },
  };
}

function toToolData(a: Annotation): MeasureData {
  const point = (key: string, extra: Partial<cornerstoneTools.Handle> = {}): cornerstoneTools.Handle => {
    const p = a.handles[key] ?? { x: 0, y: 0 };
    return { x: p.x, y: p.y, active: false, highlight: false, ...extra };
  };
  const tb = a.handles.textBox;
  const handles: cornerstoneTools.Handles = {
    textBox: {
      active: false,
      hasMoved: tb !== undefined,
      movesIndependently: false,
      drawnIndependently: true,
      allowedOutsideImage: true,
      hasBoundingBox: true,
      ...(tb ? { x: tb.x, y: tb.y } : {}),
    },
  };
  if (a.tool === 'bidirectional') {
    // Shaped like the library's createNewMeasurement, unlocked (= completed) so its handles are never recomputed.
    const flags = { drawnIndependently: false, allowedOutsideImage: false };
    handles.start = point('start', { index: 0, ...flags });
    handles.end = point('end', { index: 1, ...flags });
    handles.perpendicularStart = point('perpendicularStart', { index: 2, locked: false, ...flags });
    handles.perpendicularEnd = point('perpendicularEnd', { index: 3, ...flags });
  } else {
    handles.start = point('start');
    handles.end = point('end');
    if (a.tool === 'ellipse') handles.initialRotation = 0;
  }
  return {
    visible: true,
    active: false,
    invalidated: false, // keep the stored values: what was measured is what is shown
    handles,
    uuid: a.id,
    toolName: TOOL_NAMES[a.tool],
    toolType: TOOL_NAMES[a.tool],
    values: { ...a.values },
    ...(a.tool === 'bidirectional' ? { longestDiameter: a.values.long, shortestDiameter: a.values.short } : {}),
  };
}

/** Replaces the tool state of every image in the stack with `annotations` (those not in the stack are ignored). */
export function restoreAnnotations(
  manager: cornerstoneTools.ToolStateManager,
  images: readonly ViewerImage[],
  annotations: readonly Annotation[],
): void {
  const byKey = new Map(images.map((im) => [imageKey(im.sopInstanceUid, im.frame), im.imageId]));
  for (const im of images) manager.clearImageIdToolState(im.imageId);
  for (const a of annotations) {
    const imageId = byKey.get(imageKey(a.sopInstanceUid, a.frame));
    if (imageId) manager.addImageIdToolState(imageId, TOOL_NAMES[a.tool], toToolData(a));
  }
}

/**
 * Every measurement in the stack, in stack order. Measurements still marked invalidated (moved since their last
 * render) are recomputed first when they are on the displayed image.
 */
export function collectAnnotations(
  manager: cornerstoneTools.ToolStateManager,
  images: readonly ViewerImage[],
  displayed: cornerstone.Image | undefined,
): Annotation[] {
  const out: Annotation[] = [];
  for (const im of images) {
    for (const tool of MEASURE_TOOLS) {
      const state = manager.getImageIdToolState(im.imageId, TOOL_NAMES[tool]);
      for (const data of (state?.data ?? []) as MeasureData[]) {
        if ((data.invalidated || !data.values) && displayed?.imageId === im.imageId)
          updateValues(tool, data, displayed);
        const a = toAnnotation(tool, data, im);
        if (a) out.push(a);
      }
    }
  }
  return out;
}

/** The app's annotations that belong to images outside this stack: passed through untouched. */
export function foreignAnnotations(images: readonly ViewerImage[], annotations: readonly Annotation[]): Annotation[] {
  const inStack = new Set(images.map((im) => imageKey(im.sopInstanceUid, im.frame)));
  return annotations.filter((a) => !inStack.has(imageKey(a.sopInstanceUid, a.frame)));
}
