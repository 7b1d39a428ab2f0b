import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { abortError, throwIfAborted } from './atomic';
import { makeScratchDir } from '../scratch';
import { CdpError, CdpPipe } from './cdp';
import { routePath } from '../../../shared/routes';
import { CHROMIUM_ENV, HEADLESS_CHROMIUM_ARGS, locateChromium } from './find-chromium.mjs';

/**
 * PDF exports are prints of the renderer's print views (#/print/meeting/<id>, #/print/outcome/<itemId>,
 * #/print/minutes/<id>, each with ?deidentified=1), so the PDF shows exactly what the screen shows. The view sets
 * `document.body.dataset.printReady = 'true'` once everything (deck, images, fonts) has loaded; its CSS @page gives
 * the page size (16:9 for the deck, A4 for letters). Two printers draw it:
 *   - Electron: an offscreen BrowserWindow and webContents.printToPDF (electron/export-pdf-electron.ts);
 *   - headless Chromium over the DevTools protocol, for the web host and the CLI where Electron cannot run (here).
 */

export type PrintPhase = 'starting' | 'loading' | 'printing';

export interface PrintOptions {
  /** A 16:9 page when the page's CSS gives no size (the print views do give one: preferCSSPageSize). */
  landscape16x9?: boolean;
  signal?: AbortSignal;
  /** Called as the print moves on: starting the browser, loading the view until printReady, printing. */
  onPhase?: (phase: PrintPhase) => void;
  /** How long the view may take to become ready (default 120 s). */
  readyTimeoutMs?: number;
  /**
   * Re-encode the page's raster images as JPEG of this quality (0-1) before printing. Chromium's PDF writer embeds
   * a JPEG as it is but deflates every other image's pixels again, which made a 30-case deck's PDF 5x slower to
   * print and twice the size. Left out: images are printed as loaded (lossless).
   */
  jpegQuality?: number;
}

export interface PdfPrinter {
  print(url: string, options: PrintOptions): Promise<Buffer>;
  /** Throws a message for the user when this printer cannot work here (e.g. no Chromium installed). */
  check?(): void;
}

/** A printer and how it reaches a print route ('/print/meeting/5?deidentified=1'). */
export interface PdfSource {
  printer: PdfPrinter;
  urlFor(route: string): string;
}

/** The print views' routes, as they stand after the '#' (shared/routes.ts writes them). */
export const printRoute = {
  deck: (meetingId: number, deidentified: boolean) =>
    routePath({ name: 'print', doc: 'meeting', id: meetingId, deidentified }),
  outcome: (agendaItemId: number, deidentified: boolean) =>
    routePath({ name: 'print', doc: 'outcome', id: agendaItemId, deidentified }),
  minutes: (meetingId: number, deidentified: boolean) =>
    routePath({ name: 'print', doc: 'minutes', id: meetingId, deidentified }),
};

/**
 * The address of a print route on the loopback web host. The page takes the token from the query (into its
 * sessionStorage, then out of the address; see renderer/web-access.ts); the route is in the fragment.
 */
export function webHostPrintUrl(host: { url: string; token: string }, route: string): string {
  return `${host.url}?token=${encodeURIComponent(host.token)}#${route}`;
}

/** A PdfSource that prints the web host's own print views in headless Chromium. */
export function webHostPdfSource(host: { url: string; token: string }, printer: PdfPrinter): PdfSource {
  return { printer, urlFor: (route) => webHostPrintUrl(host, route) };
}

// ------------------------------------------------------------------------------------------------ Chromium

export { CHROMIUM_ENV };

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

/** The Chromium to print with (find-chromium.mjs: BOARDPREP_CHROMIUM, Playwright's, the system's); throws saying what to do. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = locateChromium({ env });
  if (found.path !== null) return found.path;
  throw new ChromiumNotFoundError(`PDF export needs Chromium: ${found.problem}`);
}

/** One list of headless Chromium flags for the printer, the end-to-end tests and the scripts (find-chromium.mjs). */
export { HEADLESS_CHROMIUM_ARGS };

export const CHROMIUM_ARGS = [
  ...HEADLESS_CHROMIUM_ARGS,
  '--no-default-browser-check',
  '--disable-extensions',
  '--mute-audio',
  '--hide-scrollbars',
  '--remote-debugging-pipe',
];

interface Browser {
  child: ChildProcess;
  cdp: CdpPipe;
  profile: string;
  exited: Promise<void>;
}

export interface ChromiumPdfPrinterOptions {
  /**
   * The data folder: the browser's profile is made in its tmp/ (scratch.ts), not in the system temp folder, as its
   * history holds the print URL with the web host's token; a profile a kill left behind goes at the next start.
   */
  dataDir: string;
  executable?: string;
  /** Close the browser after this long without a print (default 60 s; 0 = keep it until close()). */
  idleMs?: number;
  /** How long Chromium may take to start (default 30 s). */
  launchTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const A4 = { paperWidth: 8.27, paperHeight: 11.69 };
const WIDE = { paperWidth: 13.333, paperHeight: 7.5 };

/**
 * Prints pages to PDF in a headless Chromium started on first use and kept for the next print (closed after a
 * while without one). Each print gets its own tab, closed after it.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private stderrTail = '';

  constructor(private readonly options: ChromiumPdfPrinterOptions) {}

  check(): void {
    if (!this.options.executable) findChromium();
  }

  /** The browser's process id while it runs (for memory measurements). */
  async pid(): Promise<number | null> {
    if (!this.browser) return null;
    return (await this.browser).child.pid ?? null;
  }

  async print(url: string, options: PrintOptions = {}): Promise<Buffer> {
    const { signal } = options;
    throwIfAborted(signal);
    this.active++;
    this.cancelIdle();
    try {
      options.onPhase?.('starting');
      const browser = await this.launch();
      return await this.printIn(browser, url, options);
    } finally {
      this.active--;
      this.scheduleIdle();
    }
  }

  /** Closes the browser (waits for it to exit and removes its profile folder). */
  async close(): Promise<void> {
    this.cancelIdle();
    const pending = this.browser;
    this.browser = null;
    if (!pending) return;
    let browser: Browser;
    try {
      browser = await pending;
    } catch {
      return;
    }
    await this.shutdown(browser);
  }

  private async shutdown(browser: Browser): Promise<void> {
    if (browser.child.exitCode === null && browser.child.signalCode === null) {
      void browser.cdp.send('Browser.close').catch(() => {});
      const killer = setTimeout(() => browser.child.kill('SIGKILL'), 5000);
      await browser.exited;
      clearTimeout(killer);
    }
    browser.cdp.close(new CdpError('Chromium was closed'));
    rmSync(browser.profile, { recursive: true, force: true, maxRetries: 3 });
  }

  private cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private scheduleIdle(): void {
    const idleMs = this.options.idleMs ?? 60_000;
    if (this.active > 0 || idleMs <= 0 || !this.browser) return;
    this.cancelIdle();
    this.idleTimer = setTimeout(() => void this.close(), idleMs);
    this.idleTimer.unref();
  }

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    const starting = this.start();
    this.browser = starting;
    starting.then(
      (b) => {
        // Forget a browser that went away (crashed, killed): the next print starts a new one.
        void b.exited.then(() => {
          if (this.browser === starting) this.browser = null;
        });
      },
      () => {
        if (this.browser === starting) this.browser = null;
      },
    );
    return starting;
  }

  private async start(): Promise<Browser> {
    const executable = this.options.executable ?? findChromium();
    const profile = makeScratchDir(this.options.dataDir, 'chromium');
    const child = spawn(executable, [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.stderrTail = '';
    child.stderr!.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-2000);
    });
    const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const launchError = new Promise<never>((_, reject) => {
      child.once('error', (err) => reject(new Error(`Could not start Chromium (${executable}): ${err.message}`)));
      child.once('exit', (code, sig) => {
        const why = new CdpError(
          `Chromium (${executable}) exited (${sig ?? `code ${code}`})${this.stderrTail ? `: ${this.lastLines()}` : ''}`,
        );
        cdp.close(why);
        reject(why);
      });
    });
    launchError.catch(() => {});
    const stopOnExit = () => child.kill('SIGKILL');
    process.once('exit', stopOnExit);
    void exited.then(() => {
      // Our ends of its pipes would otherwise keep this process alive for half a minute after Chromium is gone.
      for (const stream of child.stdio) stream?.destroy();
      process.removeListener('exit', stopOnExit);
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    });
    const timeout = this.options.launchTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        cdp.send('Browser.getVersion'),
        launchError,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Chromium (${executable}) did not answer within ${timeout / 1000} s`)),
            timeout,
          );
        }),
      ]);
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return { child, cdp, profile, exited };
  }

  private lastLines(): string {
    return this.stderrTail.trim().split('\n').slice(-3).join(' | ');
  }

  private async printIn(browser: Browser, url: string, options: PrintOptions): Promise<Buffer> {
    const { cdp } = browser;
    const { signal } = options;
    // One tab per print, in the browser's own context: the app's scripts and styles stay in its cache from one
    // export to the next (a context per print made every export load and compile them afresh).
    let targetId: string | null = null;
    const errors: string[] = [];
    const offs: (() => void)[] = [];
    let aborted: (() => void) | null = null;
    const abortedPromise = new Promise<never>((_, reject) => {
      aborted = () => reject(abortError());
    });
    abortedPromise.catch(() => {});
    const onAbort = () => aborted?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    // Cancelled while the browser was starting.
    if (signal?.aborted) onAbort();
    try {
      targetId = (await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })).targetId;
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      await cdp.send(
        'Emulation.setDeviceMetricsOverride',
        { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false },
        sessionId,
      );
      offs.push(
        cdp.on('Runtime.exceptionThrown', (p, s) => {
          if (s !== sessionId) return;
          const d = p.exceptionDetails as { text?: string; exception?: { description?: string } } | undefined;
          errors.push(d?.exception?.description?.split('\n')[0] ?? d?.text ?? 'script error');
        }),
      );
      const race = <T>(p: Promise<T>) => Promise.race([p, abortedPromise]);
      await race(Promise.all([cdp.send('Page.enable', {}, sessionId), cdp.send('Runtime.enable', {}, sessionId)]));
      options.onPhase?.('loading');
      const nav = await race(cdp.send<{ errorText?: string }>('Page.navigate', { url }, sessionId));
      if (nav.errorText) throw new Error(`The print view did not load (${nav.errorText}): ${redact(url)}`);
      await race(this.waitForReady(cdp, sessionId, url, options.readyTimeoutMs ?? 120_000, errors, signal));
      throwIfAborted(signal);
      if (options.jpegQuality !== undefined) {
        const converted = await race(
          cdp.send<{ exceptionDetails?: { exception?: { description?: string }; text?: string } }>(
            'Runtime.evaluate',
            {
              expression: `(${JPEG_IMAGES_SCRIPT})(${Number(options.jpegQuality)})`,
              awaitPromise: true,
              returnByValue: true,
            },
            sessionId,
          ),
        );
        if (converted.exceptionDetails) {
          const d = converted.exceptionDetails;
          throw new Error(
            `Could not prepare the images for the PDF: ${d.exception?.description ?? d.text ?? 'script error'}`,
          );
        }
      }
      options.onPhase?.('printing');
      const size = options.landscape16x9 ? WIDE : A4;
      const printed = await race(
        cdp.send<{ stream?: string; data?: string }>(
          'Page.printToPDF',
          {
            printBackground: true,
            preferCSSPageSize: true,
            ...size,
            ...(options.landscape16x9 ? { marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0 } : {}),
            transferMode: 'ReturnAsStream',
          },
          sessionId,
        ),
      );
      const chunks: Buffer[] = [];
      if (printed.stream) {
        for (;;) {
          throwIfAborted(signal);
          const r = await race(
            cdp.send<{ data: string; base64Encoded?: boolean; eof: boolean }>(
              'IO.read',
              { handle: printed.stream, size: 4 << 20 },
              sessionId,
            ),
          );
          chunks.push(Buffer.from(r.data, r.base64Encoded ? 'base64' : 'utf8'));
          if (r.eof) break;
        }
        await cdp.send('IO.close', { handle: printed.stream }, sessionId).catch(() => {});
      } else if (printed.data) {
        chunks.push(Buffer.from(printed.data, 'base64'));
      }
      const pdf = Buffer.concat(chunks);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Chromium did not produce a PDF');
      return pdf;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      for (const off of offs) off();
      if (targetId) await cdp.send('Target.closeTarget', { targetId }).catch(() => {});
    }
  }

  private async waitForReady(
    cdp: CdpPipe,
    sessionId: string,
    url: string,
    timeoutMs: number,
    errors: string[],
    signal?: AbortSignal,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const probe = `(${PRINT_STATE_PROBE})()`;
    let last: { ready: boolean; error?: string | null; href?: string; text?: string } = { ready: false };
    while (Date.now() < deadline) {
      throwIfAborted(signal);
      try {
        const r = await cdp.send<{ result: { value?: typeof last } }>(
          'Runtime.evaluate',
          { expression: probe, returnByValue: true },
          sessionId,
        );
        last = r.result.value ?? { ready: false };
      } catch (err) {
        // The page is between documents: try again.
        if (cdp.closed) throw err;
      }
      if (last.error) throw new Error(`The print view reported an error: ${last.error}`);
      if (last.ready) return;
      if (last.text?.startsWith('Unauthorized'))
        throw new Error('The print view was refused by the web host (token not accepted)');
      await sleep(40);
    }
    const seen = last.text ? ` It showed: "${last.text.replace(/\s+/g, ' ').slice(0, 160)}".` : '';
    const scriptErrors = errors.length ? ` Script errors: ${errors.slice(0, 3).join('; ')}.` : '';
    throw new Error(
      `The print view ${redact(last.href ?? url)} was not ready after ${Math.round(timeoutMs / 1000)} s.${seen}${scriptErrors}`,
    );
  }
}

/**
 * What a print view says about itself, evaluated in the page: ready (body[data-print-ready="true"]), or an error
 * (body[data-print-error], or the view's error box [data-testid="print-error"], which is also marked ready so an
 * export fails at once rather than printing the message).
 */
export const PRINT_STATE_PROBE = `() => {
  const b = document.body;
  if (!b) return { ready: false };
  const box = document.querySelector('[data-testid="print-error"]');
  const error = b.dataset.printError || (box ? (box.textContent || '').trim() || 'the print view could not load its data' : null);
  return { ready: b.dataset.printReady === 'true', error, href: location.href, text: (b.innerText || '').slice(0, 300) };
}`;

/**
 * Run in the page once it is ready (with awaitPromise): every loaded <img> that is not a JPEG already becomes a
 * JPEG of quality q (drawn on a canvas, encoded by the browser off the main thread, shown from a blob: URL). The
 * key images are opaque renders, so nothing is lost to transparency. Answers how many images were re-encoded.
 */
export const JPEG_IMAGES_SCRIPT = `async (q) => {
  const isJpeg = (src) => src.startsWith('data:image/jpeg') || /[.]jpe?g$/.test(src.split(/[?#]/)[0]);
  const images = Array.from(document.images).filter((img) => img.complete && img.naturalWidth > 0 && !isJpeg(img.currentSrc.toLowerCase()));
  await Promise.all(images.map(async (img) => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.fillStyle = '#000';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', q));
    if (!blob) return;
    img.src = URL.createObjectURL(blob);
    await img.decode().catch(() => undefined);
  }));
  return images.length;
}`;

/** A URL without its token, for messages. */
function redact(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/, '$1…');
}

/** Pages in a PDF (Chromium writes one page object per page, none in object streams). */
export function countPdfPages(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
