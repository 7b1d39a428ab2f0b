/** Exports (issue 5): deck PDF and PPTX, outcome summaries and minutes as PDF, de-identified when asked. */
export {
  ExportsService,
  EXPORTS_DIR,
  defaultName,
  type ExportJob,
  type ExportsDeps,
  type ExportControl,
  type ExportProgress,
} from './export-service';
export {
  ChromiumPdfPrinter,
  ChromiumNotFoundError,
  CHROMIUM_ENV,
  findChromium,
  printRoute,
  webHostPdfSource,
  webHostPrintUrl,
  countPdfPages,
} from './pdf';
export type { PdfPrinter, PdfSource, PrintOptions, PrintPhase } from './pdf';
export { buildDeckPptx } from './pptx';
export { writeFileAtomic, sweepPartialFiles, isAbortError } from './atomic';
