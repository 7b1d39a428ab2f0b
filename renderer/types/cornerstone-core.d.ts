// Minimal types for cornerstone-core 2.6 (ships none). Only what renderer/viewer uses.
declare module 'cornerstone-core' {
  namespace cornerstone {
    interface Point {
      x: number;
      y: number;
    }
    interface Image {
      imageId: string;
      rows: number;
      columns: number;
      width: number;
      height: number;
      color: boolean;
      invert: boolean;
      slope: number;
      intercept: number;
      minPixelValue: number;
      maxPixelValue: number;
      windowCenter?: number | number[];
      windowWidth?: number | number[];
      rowPixelSpacing?: number;
      columnPixelSpacing?: number;
      sizeInBytes: number;
      /** Set by the WADO loader when it applied the modality LUT at decode time. */
      preScale?: { enabled?: boolean; scaled?: boolean };
      /** Stored values (before the modality LUT), row-major; RGBA for colour images. */
      getPixelData(): ArrayLike<number>;
    }
    interface Voi {
      windowWidth: number;
      windowCenter: number;
    }
    interface Viewport {
      scale: number;
      translation: Point;
      voi: Voi;
      invert: boolean;
      pixelReplication: boolean;
      rotation: number;
      hflip: boolean;
      vflip: boolean;
    }
    interface EnabledElement {
      element: HTMLElement;
      canvas: HTMLCanvasElement;
      image?: Image;
      viewport?: Viewport;
    }
    interface ImageRenderedDetail {
      element: HTMLElement;
      image: Image;
      viewport: Viewport;
      canvasContext: CanvasRenderingContext2D;
    }
    type MetaDataProvider = (type: string, imageId: string) => unknown;

    function enable(element: HTMLElement, options?: { renderer?: 'webgl' }): void;
    function disable(element: HTMLElement): void;
    function getEnabledElement(element: HTMLElement): EnabledElement;
    function loadAndCacheImage(imageId: string): Promise<Image>;
    function displayImage(element: HTMLElement, image: Image, viewport?: Partial<Viewport>): void;
    function getViewport(element: HTMLElement): Viewport | undefined;
    function setViewport(element: HTMLElement, viewport: Partial<Viewport>): void;
    function getDefaultViewportForImage(element: HTMLElement, image: Image): Viewport;
    function reset(element: HTMLElement): void;
    function resize(element: HTMLElement, forceFitToWindow?: boolean): void;
    /** Renders now (synchronously), firing IMAGE_RENDERED. */
    function draw(element: HTMLElement): void;
    /** Schedules a render on the next animation frame. */
    function updateImage(element: HTMLElement, invalidated?: boolean): void;
    function pixelToCanvas(element: HTMLElement, point: Point): Point;

    interface ImageLoadObject {
      promise: Promise<Image>;
    }
    /** The image cache: least recently used images are evicted once it holds more than its maximum (decoded bytes). */
    const imageCache: {
      /** The cached entries by image id (reading it does not mark an image as used). */
      imageCache: Record<string, unknown>;
      setMaximumSizeBytes(bytes: number): void;
      /** Undefined when not cached; marks the image as just used. */
      getImageLoadObject(imageId: string): ImageLoadObject | undefined;
      /** Throws when the image is not cached; lets the loader free what it kept for it (the DICOM file's bytes). */
      removeImageLoadObject(imageId: string): void;
      getCacheInfo(): { maximumSizeInBytes: number; cacheSizeInBytes: number; numberOfImagesCached: number };
    };
    const metaData: {
      get(type: string, imageId: string): unknown;
      addProvider(provider: MetaDataProvider, priority?: number): void;
      removeProvider(provider: MetaDataProvider): void;
    };
    const EVENTS: {
      IMAGE_RENDERED: 'cornerstoneimagerendered';
      NEW_IMAGE: 'cornerstonenewimage';
      ELEMENT_DISABLED: 'cornerstoneelementdisabled';
    };
  }
  export = cornerstone;
}
