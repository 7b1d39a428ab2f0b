// Public shapes of the stack viewer; re-exported by StackViewer.tsx. No cornerstone types leak out of here.

export interface ViewerImage {
  imageId: string;
  sopInstanceUid: string;
  /** 0-based frame within the instance (0 for single-frame). */
  frame: number;
  label?: string;
}

export interface ViewState {
  windowCenter: number;
  windowWidth: number;
  invert: boolean;
  scale: number;
  translation: { x: number; y: number };
}

export type MeasureToolName = 'length' | 'bidirectional' | 'ellipse';
export type ToolName = 'wwwc' | 'pan' | 'zoom' | MeasureToolName;
export type SpacingSource = 'PixelSpacing' | 'ImagerPixelSpacing';

export interface MeasurementValues {
  unit: 'mm' | 'px';
  spacingSource: SpacingSource | null;
  /** length: mm or px. */
  length?: number;
  /** bidirectional: long and short axis, mm or px. */
  long?: number;
  short?: number;
  /** ellipse: mm² or px²; mean/sd of the modality-LUT values (absent for colour images). */
  area?: number;
  mean?: number;
  sd?: number;
  meanUnit?: 'HU' | 'raw';
}

export interface Annotation {
  id: string;
  tool: MeasureToolName;
  sopInstanceUid: string;
  frame: number;
  /**
   * Image pixel coordinates, exactly as drawn. length/ellipse: start, end (ellipse: its bounding box corners);
   * bidirectional: start, end (long axis), perpendicularStart, perpendicularEnd; any: textBox once the label was dragged.
   */
  handles: Record<string, { x: number; y: number }>;
  values: MeasurementValues;
}

export interface WindowPreset {
  name: string;
  windowCenter: number;
  windowWidth: number;
}

export interface ViewerCapture {
  index: number;
  image: ViewerImage;
  view: ViewState;
  /** Annotations of this image only. */
  annotations: Annotation[];
  /** The current view with the annotations burned in. */
  png: Blob;
}

export interface StackViewerHandle {
  capture(): Promise<ViewerCapture>;
  setTool(tool: ToolName): void;
  reset(): void;
}

export interface StackViewerProps {
  images: ViewerImage[];
  initialIndex?: number;
  initialView?: Partial<ViewState>;
  annotations: Annotation[];
  onAnnotationsChange(all: Annotation[]): void;
  onIndexChange?(index: number): void;
  /** The file's own presets, offered after the CT ones. */
  presets?: WindowPreset[];
}
