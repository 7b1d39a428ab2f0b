import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './secure-web-preferences';
import {
  JPEG_IMAGES_SCRIPT,
  PRINT_STATE_PROBE,
  reportJpegs,
  type PdfPrinter,
  type PdfSource,
  type PrintOptions,
} from '../services/export/pdf';

/**
 * The desktop app's PDF printer (Electron shell only): an offscreen window with the app's secure webPreferences
 * loads the print view from boardprep://app, waits for `document.body.dataset.printReady`, then printToPDF with
 * the page size from the view's CSS @page. Everything else about exports lives in services/export.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function abortError(): Error {
  const err = new Error('Cancelled');
  err.name = 'AbortError';
  return err;
}

export function createElectronPdfPrinter(options: { preload: string; readyTimeoutMs?: number }): PdfPrinter {
  return {
    async print(url: string, print: PrintOptions): Promise<Buffer> {
      const { signal } = print;
      if (signal?.aborted) throw abortError();
      print.onPhase?.('starting');
      const win = new BrowserWindow({
        show: false,
        width: 1280,
        height: 720,
        // Offscreen rendering keeps painting (and requestAnimationFrame, which the print view waits on) going in a
        // window that is never shown.
        webPreferences: secureWebPreferences(options.preload, { offscreen: true, backgroundThrottling: false }),
      });
      const onAbort = () => {
        if (!win.isDestroyed()) win.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        print.onPhase?.('loading');
        await win.loadURL(url);
        const deadline = Date.now() + (print.readyTimeoutMs ?? options.readyTimeoutMs ?? 120_000);
        for (;;) {
          if (signal?.aborted || win.isDestroyed()) throw abortError();
          const state = (await win.webContents.executeJavaScript(`(${PRINT_STATE_PROBE})()`)) as {
            ready: boolean;
            error?: string | null;
          };
          if (state.error) throw new Error(`The print view reported an error: ${state.error}`);
          if (state.ready) break;
          if (Date.now() > deadline) throw new Error('The print view was not ready in time');
          await sleep(40);
        }
        if (print.jpegQuality !== undefined)
          reportJpegs(
            await win.webContents.executeJavaScript(`(${JPEG_IMAGES_SCRIPT})(${Number(print.jpegQuality)})`),
            print.onJpeg,
          );
        print.onPhase?.('printing');
        const pdf = await win.webContents.printToPDF({
          preferCSSPageSize: true,
          printBackground: true,
          pageSize: print.landscape16x9 ? { width: 13.333, height: 7.5 } : 'A4',
          ...(print.landscape16x9 ? { margins: { top: 0, bottom: 0, left: 0, right: 0 } } : {}),
        });
        if (signal?.aborted) throw abortError();
        return pdf;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}

/** The desktop app's PdfSource: print routes on the app's own origin (boardprep://app). */
export function electronPdfSource(appOrigin: string, preload: string, session: () => string): PdfSource {
  return {
    printer: createElectronPdfPrinter({ preload }),
    urlFor: (route) => `${appOrigin}/index.html?session=${encodeURIComponent(session())}#${route}`,
  };
}
