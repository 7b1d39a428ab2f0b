// Minimal types for cornerstone-tools 6.0 (ships none). Only what renderer/viewer uses.
declare module 'cornerstone-tools' {
  import type cornerstone from 'cornerstone-core';

  namespace cornerstoneTools {
    type Point = cornerstone.Point;
    type ImageRenderedEvent = CustomEvent<cornerstone.ImageRenderedDetail>;

    interface Handle extends Point {
      active?: boolean;
      highlight?: boolean;
      moving?: boolean;
      /** Bidirectional: the perpendicular line follows the long axis while this is set. */
      locked?: boolean;
      index?: number | null;
      drawnIndependently?: boolean;
      allowedOutsideImage?: boolean;
    }
    interface TextBox extends Partial<Point> {
      active: boolean;
      hasMoved: boolean;
      movesIndependently: boolean;
      drawnIndependently: boolean;
      allowedOutsideImage: boolean;
      hasBoundingBox: boolean;
      highlight?: boolean;
    }
    interface Handles {
      [name: string]: Handle | TextBox | number | undefined;
      textBox?: TextBox;
      /** EllipticalRoi: viewport rotation when drawn. */
      initialRotation?: number;
    }
    interface MeasurementData {
      visible: boolean;
      active: boolean;
      invalidated: boolean;
      handles: Handles;
      color?: string;
      uuid?: string;
      toolName?: string;
      toolType?: string;
    }
    interface ToolData {
      data: MeasurementData[];
    }
    interface ToolProps {
      name?: string;
      configuration?: Record<string, unknown>;
    }
    interface MeasurementEventDetail {
      toolName: string;
      element: HTMLElement;
      measurementData: MeasurementData;
    }

    class BaseTool {
      constructor(props?: ToolProps, defaultProps?: ToolProps);
      name: string;
      configuration: Record<string, unknown>;
    }
    class BaseAnnotationTool extends BaseTool {
      createNewMeasurement(eventData: unknown): MeasurementData | undefined;
      updateCachedStats(image: cornerstone.Image, element: HTMLElement, data: MeasurementData): void;
      renderToolData(evt: ImageRenderedEvent): void;
    }
    class LengthTool extends BaseAnnotationTool {}
    class BidirectionalTool extends BaseAnnotationTool {}
    class EllipticalRoiTool extends BaseAnnotationTool {}
    class WwwcTool extends BaseTool {}
    class PanTool extends BaseTool {}
    class ZoomTool extends BaseTool {}
    type ToolClass = new (props?: ToolProps) => BaseTool;

    interface ToolStateManager {
      getImageIdToolState(imageId: string, toolName: string): ToolData | undefined;
      addImageIdToolState(imageId: string, toolName: string, data: MeasurementData): void;
      clearImageIdToolState(imageId: string): void;
    }

    function init(config?: {
      mouseEnabled?: boolean;
      touchEnabled?: boolean;
      globalToolSyncEnabled?: boolean;
      showSVGCursors?: boolean;
      autoResizeViewports?: boolean;
    }): void;
    function addToolForElement(element: HTMLElement, tool: ToolClass, props?: ToolProps): void;
    function setToolActiveForElement(
      element: HTMLElement,
      toolName: string,
      options: { mouseButtonMask: number },
    ): void;
    function setToolPassiveForElement(element: HTMLElement, toolName: string): void;
    function setToolDisabledForElement(element: HTMLElement, toolName: string): void;
    function newImageIdSpecificToolStateManager(): ToolStateManager;
    function setElementToolStateManager(element: HTMLElement, manager: ToolStateManager): void;
    function getToolState(element: HTMLElement, toolName: string): ToolData | undefined;
    function removeToolState(element: HTMLElement, toolName: string, data: MeasurementData): void;

    const textStyle: {
      setFont(font: string): void;
      getFontSize(): number;
      setBackgroundColor(color: string): void;
    };
    const toolStyle: {
      setToolWidth(width: number): void;
      getToolWidth(): number;
    };
    const toolColors: {
      setToolColor(color: string): void;
      setActiveColor(color: string): void;
      getColorIfActive(data: { active?: boolean; color?: string }): string;
    };
    const external: { cornerstone: unknown; cornerstoneMath: unknown; Hammer: unknown };
    const EVENTS: {
      MEASUREMENT_MODIFIED: 'cornerstonetoolsmeasurementmodified';
      MEASUREMENT_COMPLETED: 'cornerstonetoolsmeasurementcompleted';
      MEASUREMENT_REMOVED: 'cornerstonetoolsmeasurementremoved';
      MOUSE_UP: 'cornerstonetoolsmouseup';
    };

    // Drawing helpers, for tools that render their own labels.
    interface LineOptions {
      color?: string;
      lineWidth?: number;
      lineDash?: number[];
    }
    interface HandleOptions {
      color?: string;
      handleRadius?: number;
      drawHandlesIfActive?: boolean;
      hideHandlesIfMoving?: boolean;
    }
    interface ShadowOptions {
      shadow?: boolean;
      shadowColor?: string;
      shadowOffsetX?: number;
      shadowOffsetY?: number;
      shadowBlur?: number;
    }
    function importInternal(uri: 'drawing/getNewContext'): (canvas: HTMLCanvasElement) => CanvasRenderingContext2D;
    function importInternal(
      uri: 'drawing/draw',
    ): (context: CanvasRenderingContext2D, fn: (context: CanvasRenderingContext2D) => void) => void;
    function importInternal(
      uri: 'drawing/setShadow',
    ): (context: CanvasRenderingContext2D, options: ShadowOptions) => void;
    function importInternal(
      uri: 'drawing/drawLine',
    ): (
      context: CanvasRenderingContext2D,
      element: HTMLElement,
      start: Point,
      end: Point,
      options: LineOptions,
    ) => void;
    function importInternal(
      uri: 'drawing/drawEllipse',
    ): (
      context: CanvasRenderingContext2D,
      element: HTMLElement,
      corner1: Point,
      corner2: Point,
      options: LineOptions,
      coordSystem?: 'pixel' | 'canvas',
      initialRotation?: number,
    ) => void;
    function importInternal(
      uri: 'drawing/drawHandles',
    ): (
      context: CanvasRenderingContext2D,
      detail: cornerstone.ImageRenderedDetail,
      handles: Handles,
      options: HandleOptions,
    ) => void;
    function importInternal(
      uri: 'drawing/drawLinkedTextBox',
    ): (
      context: CanvasRenderingContext2D,
      element: HTMLElement,
      textBox: TextBox,
      text: string[],
      handles: Handles,
      anchorPoints: (handles: Handles) => Point[],
      color: string,
      lineWidth: number,
      xOffset: number,
      yCenter: boolean,
    ) => void;
    function importInternal(
      uri: 'util/getROITextBoxCoords',
    ): (viewport: cornerstone.Viewport, handles: Handles) => Point;
  }
  export = cornerstoneTools;
}
