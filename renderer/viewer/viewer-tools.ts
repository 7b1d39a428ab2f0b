// Which cornerstone-tools are on an element and which one the left mouse button drives.
import cornerstoneTools from 'cornerstone-tools';
import { MEASURE_TOOL_CLASSES, TOOL_NAMES } from './measure-tools';
import type { MeasureToolName, ToolName } from './types';

const LEFT = 1;
const RIGHT = 2;
const MIDDLE = 4;

const NAV: Record<'wwwc' | 'pan' | 'zoom', { cls: cornerstoneTools.ToolClass; name: string }> = {
  wwwc: { cls: cornerstoneTools.WwwcTool, name: 'Wwwc' },
  pan: { cls: cornerstoneTools.PanTool, name: 'Pan' },
  zoom: { cls: cornerstoneTools.ZoomTool, name: 'Zoom' },
};
const MEASURE = Object.keys(MEASURE_TOOL_CLASSES) as MeasureToolName[];

function toolName(tool: ToolName): string {
  return tool === 'wwwc' || tool === 'pan' || tool === 'zoom' ? NAV[tool].name : TOOL_NAMES[tool];
}

/**
 * Adds every tool to a freshly enabled element, with its own tool state (two viewers of the same image do not
 * share measurements). Middle-drag pans and right-drag zooms whatever the left button does.
 */
export function installTools(element: HTMLElement): cornerstoneTools.ToolStateManager {
  const manager = cornerstoneTools.newImageIdSpecificToolStateManager();
  cornerstoneTools.setElementToolStateManager(element, manager);
  for (const { cls } of Object.values(NAV)) cornerstoneTools.addToolForElement(element, cls);
  for (const t of MEASURE) {
    cornerstoneTools.addToolForElement(element, MEASURE_TOOL_CLASSES[t]);
    cornerstoneTools.setToolPassiveForElement(element, TOOL_NAMES[t]); // drawn and editable, not creating
  }
  cornerstoneTools.setToolActiveForElement(element, NAV.pan.name, { mouseButtonMask: MIDDLE });
  cornerstoneTools.setToolActiveForElement(element, NAV.zoom.name, { mouseButtonMask: RIGHT });
  return manager;
}

/** Binds the left button to `tool`; the library moves the binding off the previous tool. */
export function activateTool(element: HTMLElement, tool: ToolName): void {
  for (const t of MEASURE) if (t !== tool) cornerstoneTools.setToolPassiveForElement(element, TOOL_NAMES[t]);
  cornerstoneTools.setToolActiveForElement(element, toolName(tool), { mouseButtonMask: LEFT });
}
