import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { abortError, throwIfAborted } from './atomic';
import { makeScratchDir } from '../scratch';
import { routePath } from '../../../shared/routes';
import { CHROMIUM_ENV, HEADLESS_LAUNCH_OPTIONS, locateChromium } from './find-chromium.mjs';

/**
 * PDF exports are prints of the renderer's print views (#/print/meeting/<id>, #/print/outcome/<itemId>,
 * #/print/minutes/<id>, each with ?deidentified=1), so the PDF shows exactly what the screen shows. The view sets
 * `document.body.dataset.printReady = 'true'` once everything (deck, images, fonts) has loaded; its CSS @page gives
 * the page size (16:9 for the deck, A4 for letters). Two printers draw it:
 *   - Electron: an offscreen BrowserWindow and webContents.printToPDF (electron/shell/export-pdf-electron.ts);
 *   - headless Chromium driven by playwright-core (page.pdf), for the web host and the CLI where Electron cannot run
 *     (here).
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
  /**
   * Given each key image's JPEG that this print made (its media path, '/media/key-images/<id>.png', and the JPEG),
   * to keep for the next print (jpeg-cache.ts).
   */
  onJpeg?: (mediaPath: string, jpeg: Buffer) => void;
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
  outcome: (agendaItemId: number, deidentified: boolean, to?: string) =>
    routePath({ name: 'print', doc: 'outcome', id: agendaItemId, deidentified, ...(to ? { to } : {}) }),
  minutes: (meetingId: number, deidentified: boolean) =>
    routePath({ name: 'print', doc: 'minutes', id: meetingId, deidentified }),
  // issue 14: circulation
  agenda: (meetingId: number, deidentified: boolean) =>
    routePath({ name: 'print', doc: 'agenda', id: meetingId, deidentified }),
  pack: (meetingId: number, deidentified: boolean) =>
    routePath({ name: 'print', doc: 'pack', id: meetingId, deidentified }),
};

/**
 * The address of a print route on the loopback web host. The page takes the token and the print session from the
 * query (into its sessionStorage, then out of the address; see renderer/web-access.ts); the route is in the fragment.
 */
export function webHostPrintUrl(host: { url: string; token: string }, route: string, session: string): string {
  return `${host.url}?token=${encodeURIComponent(host.token)}&session=${encodeURIComponent(session)}#${route}`;
}

/**
 * A PdfSource that prints the web host's own print views in headless Chromium. `session` makes a read-only session
 * for the user the export is for (AuthService.printSession), asked for at each print.
 */
export function webHostPdfSource(
  host: { url: string; token: string },
  printer: PdfPrinter,
  session: () => string,
): PdfSource {
  return { printer, urlFor: (route) => webHostPrintUrl(host, route, session()) };
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

interface Browser {
  context: BrowserContext;
  profile: string;
  pid: number | null;
  /** Settles when the browser has gone (closed, crashed or killed). */
  closed: Promise<void>;
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

/** Page sizes when the page's CSS gives none, and the margins Chromium's own print dialog would use. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const A4 = {
  width: '8.27in',
  height: '11.69in',
  margin: { top: '0.4in', bottom: '0.4in', left: '0.4in', right: '0.4in' },
};
const WIDE = { width: '13.333in', height: '7.5in', margin: { top: '0', bottom: '0', left: '0', right: '0' } };

/** The view's state as PRINT_STATE_PROBE answers it. */
interface PrintState {
  ready: boolean;
  error?: string | null;
  href?: string;
  text?: string;
}

/**
 * Prints pages to PDF in a headless Chromium driven by playwright-core, started on first use and kept for the next
 * print (closed after a while without one). Each print gets its own tab, closed after it.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ChromiumPdfPrinterOptions) {}

  check(): void {
    if (!this.options.executable) findChromium();
  }

  /** The browser's process id while it runs (for memory measurements). */
  async pid(): Promise<number | null> {
    if (!this.browser) return null;
    return (await this.browser).pid;
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
    // Resolves once the browser has exited: only then is its profile free to go.
    await browser.context.close().catch(() => {});
    await browser.closed;
    removeProfile(browser.profile);
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
        // Forget a browser that went away (crashed, killed): the next print starts a new one. Its profile goes
        // when close() is called, or else at the next start-up sweep.
        void b.closed.then(() => {
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
    // Loaded on first print only: the desktop app prints with Electron and does not ship playwright-core.
    const { chromium } = await import('playwright-core');
    const profile = makeScratchDir(this.options.dataDir, 'chromium');
    let context: BrowserContext;
    try {
      // A persistent context, for a profile in the data folder; one context for every print, so the app's scripts
      // and styles stay in its cache from one export to the next.
      context = await chromium.launchPersistentContext(profile, {
        executablePath: executable,
        ...HEADLESS_LAUNCH_OPTIONS,
        timeout: this.options.launchTimeoutMs ?? 30_000,
        viewport: { width: 1280, height: 720 },
        deviceScaleFactor: 1,
        // The CLI and the web host handle Ctrl-C themselves (a cancelled export leaves no file); Playwright still
        // kills the browser when this process exits.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (err) {
      removeProfile(profile);
      throw new Error(`Could not start Chromium (${executable}): ${shortMessage(err)}`);
    }
    const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
    return { context, profile, pid: await browserPid(context), closed };
  }

  private async printIn(browser: Browser, url: string, options: PrintOptions): Promise<Buffer> {
    const { signal } = options;
    const timeoutMs = options.readyTimeoutMs ?? 120_000;
    const errors: string[] = [];
    let page: Page | null = null;
    // Cancelling closes the tab, which ends whatever Playwright is waiting for in it.
    const onAbort = () => void page?.close().catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      throwIfAborted(signal);
      page = await browser.context.newPage();
      page.on('pageerror', (err) => errors.push(err.message.split('\n')[0]));
      throwIfAborted(signal);
      options.onPhase?.('loading');
      const deadline = Date.now() + timeoutMs;
      try {
        await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
      } catch (err) {
        throwIfAborted(signal);
        throw new Error(`The print view did not load (${shortMessage(err)}): ${redact(url)}`);
      }
      await this.waitForReady(page, url, deadline, timeoutMs, errors, signal);
      throwIfAborted(signal);
      if (options.jpegQuality !== undefined) {
        try {
          reportJpegs(await page.evaluate(`(${JPEG_IMAGES_SCRIPT})(${Number(options.jpegQuality)})`), options.onJpeg);
        } catch (err) {
          throwIfAborted(signal);
          throw new Error(`Could not prepare the images for the PDF: ${shortMessage(err)}`);
        }
      }
      throwIfAborted(signal);
      options.onPhase?.('printing');
      const pdf = await page.pdf({
        printBackground: true,
        preferCSSPageSize: true,
        // Accessible (tagged) PDF, as Chromium's own print writes it; Playwright's default leaves the tags out.
        tagged: true,
        ...(options.landscape16x9 ? WIDE : A4),
      });
      throwIfAborted(signal);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Chromium did not produce a PDF');
      return pdf;
    } catch (err) {
      if (signal?.aborted) throw abortError();
      // Playwright's messages quote the address, which carries the web host's token.
      if (err instanceof Error) err.message = redact(err.message);
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await page?.close().catch(() => {});
    }
  }

  /**
   * Asks the view how it is (PRINT_STATE_PROBE, as the Electron printer does) until it is ready, reports an error or
   * is refused; else says what it showed when time ran out. The probe is evaluated as an expression: the print
   * views' CSP (script-src 'self') refuses the eval behind Playwright's waitForFunction with a string.
   */
  private async waitForReady(
    page: Page,
    url: string,
    deadline: number,
    timeoutMs: number,
    errors: string[],
    signal?: AbortSignal,
  ): Promise<void> {
    const probe = `(${PRINT_STATE_PROBE})()`;
    let last: PrintState = { ready: false };
    while (Date.now() < deadline) {
      throwIfAborted(signal);
      try {
        last = ((await page.evaluate(probe)) as PrintState | undefined) ?? { ready: false };
      } catch (err) {
        // The page is between documents: ask again, unless the tab itself is gone.
        if (page.isClosed()) throw err;
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

/** The browser process's id, asked of the browser itself (Playwright does not give it for a persistent context). */
async function browserPid(context: BrowserContext): Promise<number | null> {
  try {
    const session = await context.browser()!.newBrowserCDPSession();
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    await session.detach();
    return processInfo.find((p) => p.type === 'browser')?.id ?? null;
  } catch {
    return null;
  }
}

function removeProfile(profile: string): void {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  } catch {
    // Still held: the start-up sweep removes the scratch folders of processes that are gone.
  }
}

/** The first line of an error, without Playwright's call log. */
function shortMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
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
 * JPEG of quality q, shown from a blob: URL. The key images are opaque renders, so nothing is lost to transparency.
 * The deck's print view already shows each key image's kept JPEG (/media/key-images/<id>.jpg, jpeg-cache.ts);
 * a key image still shown as PNG (/media/key-images/<id>.png: none kept yet) is encoded here, off the main thread,
 * and its JPEG answered (path and data: URL) for the caller to keep, so the next print loads it.
 * Answers { converted: how many images became JPEG, made: [{ path, dataUrl }] }.
 */
export const JPEG_IMAGES_SCRIPT = `async (q) => {
  const isJpeg = (src) => src.startsWith('data:image/jpeg') || /[.]jpe?g$/.test(src.split(/[?#]/)[0]);
  const images = Array.from(document.images).filter((img) => img.complete && img.naturalWidth > 0 && !isJpeg(img.currentSrc.toLowerCase()));
  const keyImage = (src) => {
    try {
      const url = new URL(src, location.href);
      return /^\\/media\\/key-images\\/\\d+[.]png$/.test(url.pathname) ? url : null;
    } catch {
      return null;
    }
  };
  const made = [];
  await Promise.all(images.map(async (img) => {
    const key = keyImage(img.currentSrc);
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.fillStyle = '#000';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', q));
    if (!blob) return;
    if (key) {
      const dataUrl = await new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => resolve(null);
        reader.readAsDataURL(blob);
      });
      if (typeof dataUrl === 'string') made.push({ path: key.pathname, dataUrl });
    }
    img.src = URL.createObjectURL(blob);
    await img.decode().catch(() => undefined);
  }));
  return { converted: images.length, made };
}`;

/** What JPEG_IMAGES_SCRIPT answers. */
export interface JpegPass {
  converted: number;
  made: { path: string; dataUrl: string }[];
}

/** Hands the JPEGs a print made to PrintOptions.onJpeg (bytes decoded from their data: URLs). */
export function reportJpegs(pass: unknown, onJpeg: PrintOptions['onJpeg']): void {
  if (!onJpeg || !pass || typeof pass !== 'object' || !Array.isArray((pass as JpegPass).made)) return;
  for (const { path, dataUrl } of (pass as JpegPass).made) {
    const m = typeof dataUrl === 'string' ? /^data:image\/jpeg;base64,(.*)$/s.exec(dataUrl) : null;
    if (typeof path === 'string' && m) onJpeg(path, Buffer.from(m[1], 'base64'));
  }
}

/** A URL (or a message quoting one) without its token. */
function redact(text: string): string {
  return text.replace(/([?&](?:token|session)=)[^&#\s'"]*/g, '$1…');
}

/** Pages in a PDF (Chromium writes one page object per page, none in object streams). */
export function countPdfPages(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
