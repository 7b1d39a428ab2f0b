// One-time wiring of the legacy cornerstone stack. The only module that knows how the libraries find each other.
import cornerstone from 'cornerstone-core';
import cornerstoneMath from 'cornerstone-math';
import cornerstoneTools from 'cornerstone-tools';
import cornerstoneWADOImageLoader from 'cornerstone-wado-image-loader';
import * as dicomParser from 'dicom-parser';
import Hammer from 'hammerjs';
import { authHeaders } from '../web-access';
import { limitImageCache } from './image-cache';
import { imagePlaneProvider } from './image-info';

let initialised = false;

/** Idempotent: every viewer calls it before enabling its element. */
export function ensureCornerstone(): void {
  if (initialised) return;
  initialised = true;

  // cornerstone-tools looks its peers up here rather than importing them.
  cornerstoneTools.external.cornerstone = cornerstone;
  cornerstoneTools.external.cornerstoneMath = cornerstoneMath;
  cornerstoneTools.external.Hammer = Hammer;
  cornerstoneTools.init({ showSVGCursors: true, globalToolSyncEnabled: false, autoResizeViewports: false });

  // Labels must stay readable over bone and over air: light text on a dark box, lines with a dark shadow.
  cornerstoneTools.textStyle.setFont('14px system-ui, sans-serif');
  cornerstoneTools.textStyle.setBackgroundColor('rgba(0, 0, 0, 0.72)');
  cornerstoneTools.toolStyle.setToolWidth(2);
  cornerstoneTools.toolColors.setToolColor('#ffd84d');
  cornerstoneTools.toolColors.setActiveColor('#7cf29a');

  // Setting external.cornerstone registers the wadouri: loader and its metadata provider.
  cornerstoneWADOImageLoader.external.cornerstone = cornerstone;
  cornerstoneWADOImageLoader.external.dicomParser = dicomParser;
  // The web host wants its token in a header on every DICOM file it serves (none needed in the desktop app).
  cornerstoneWADOImageLoader.configure({ beforeSend: () => authHeaders() });
  // Decoding runs in workers loaded from /decoders/ on our own origin (the build aliases the loader to its
  // dynamic-import build and points its worker there; see electron.vite.config.ts). That response carries the CSP
  // the codecs need (eval, wasm), so the page's own CSP stays strict. Codecs load when a file needs them.
  cornerstoneWADOImageLoader.webWorkerManager.initialize({
    maxWebWorkers: Math.min(2, Math.max(1, (navigator.hardwareConcurrency || 2) - 1)),
    startWebWorkersOnDemand: true,
    taskConfiguration: { decodeTask: { initializeCodecsOnStartup: false, strict: false } },
  });

  // Bounded: a pass through a large series once kept every slice (about 1 GB for 500 CT slices) until reload.
  limitImageCache();

  // Above the WADO provider: see imagePlaneProvider for why.
  cornerstone.metaData.addProvider(imagePlaneProvider, 100);
}
