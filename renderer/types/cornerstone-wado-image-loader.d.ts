// Minimal types for cornerstone-wado-image-loader 4.13 (ships none). Only what renderer/viewer uses.
declare module 'cornerstone-wado-image-loader' {
  import type { DataSet } from 'dicom-parser';

  namespace cornerstoneWADOImageLoader {
    interface WebWorkerConfig {
      maxWebWorkers?: number;
      startWebWorkersOnDemand?: boolean;
      taskConfiguration?: {
        decodeTask?: { initializeCodecsOnStartup?: boolean; strict?: boolean };
      };
    }
    const external: { cornerstone: unknown; dicomParser: unknown };
    function configure(options: {
      useWebWorkers?: boolean;
      decodeConfig?: Record<string, unknown>;
      /** Called before each request; the headers it returns are set on it. */
      beforeSend?: (xhr: XMLHttpRequest, imageId: string) => Record<string, string> | void;
    }): void;
    const webWorkerManager: {
      initialize(config: WebWorkerConfig): void;
      terminate(): void;
    };
    const wadouri: {
      /** `wadouri:<url>&frame=N` → url without the frame part; frame is the 0-based pixel data frame. */
      parseImageId(imageId: string): { scheme: string; url: string; frame?: number };
      dataSetCacheManager: {
        isLoaded(url: string): boolean;
        get(url: string): DataSet | undefined;
      };
      metaData: {
        metaDataProvider(type: string, imageId: string): unknown;
      };
    };
  }
  export = cornerstoneWADOImageLoader;
}
