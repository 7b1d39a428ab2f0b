// Public shapes of the stack viewer; re-exported by StackViewer.tsx. No cornerstone types leak out of here. What is
// stored or sent (annotations, their values, the view, window presets) is defined once, by the contract's schemas.
import type { Annotation, MeasureTool, ViewState, WindowPreset } from '../../shared/domain/imaging';

export type {
  Annotation,
  MeasurementValues,
  SpacingSource,
  ViewState,
  WindowPreset,
} from '../../shared/domain/imaging';

export interface ViewerImage {
  imageId: string;
  sopInstanceUid: string;
  /** 0-based frame within the instance (0 for single-frame). */
  frame: number;
  label?: string;
}

export type MeasureToolName = MeasureTool;
export type ToolName = 'wwwc' | 'pan' | 'zoom' | MeasureToolName;

export interface ViewerCapture {
  index: number;
  image: ViewerImage;
  view: ViewState;
  /** Annotations of this image only. */
  annotations: Annotation[];
  /** The current view with the annotations burned in. */
  png: Blob;
  /** The same view as JPEG, for print (shared/imaging/key-image-jpeg.ts). */
  jpeg: Blob;
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
