import { CHAIR } from '../helpers/caller';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerTable } from '../../../electron/host/dispatch';
import { startWebHost, type WebHost } from '../../../electron/host/web';
import { isAbortError } from '../../../electron/services/export/atomic';
import { ExportsService } from '../../../electron/services/export/export-service';
import {
  ChromiumPdfPrinter,
  countPdfPages,
  findChromium,
  webHostPdfSource,
  type PdfPrinter,
} from '../../../electron/services/export/pdf';
import { setup } from '../meetings/fixtures';
import { tempDataDir } from '../helpers/temp';
import { pdfPages, pdfPageSize, pdfTagged, pdfText } from './office-files';
import { testPicture } from './png-fixture';

/**
 * The headless-Chromium printer against the real web host, serving a stand-in renderer: its page reads the print
 * route from the URL's fragment, draws one 16:9 page per slide it is told, and sets
 * printReady, as the app's print views do. Needs Chromium (/usr/bin/chromium or BOARDPREP_CHROMIUM).
 */

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>print</title>
<style>@page { size: 13.333in 7.5in; margin: 0 } body { margin: 0; font: 40px sans-serif }
section { width: 13.333in; height: 7.5in; break-after: page; box-sizing: border-box; padding: 1in; background: #eef }</style>
<script src="print.js" defer></script></head><body></body></html>`;

const SCRIPT = `
const route = location.hash.slice(1);
const m = /^\\/print\\/meeting\\/(\\d+)/.exec(route);
// As the app's print views do: the data comes from the API, with the token the address carried, in the header.
const token = new URLSearchParams(location.search).get('token') ?? '';
const answered = fetch('/api/app:info', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-BoardPrep-Token': token }, body: '{}' });
const refused = () => {
  const box = document.createElement('div');
  box.dataset.testid = 'print-error';
  box.textContent = 'This page has lost its access token';
  document.body.appendChild(box);
};
if (route.startsWith('/print/error')) document.body.dataset.printError = 'Meeting 7 does not exist';
else if (m) {
  setTimeout(async () => {
    if ((await answered).status === 401) return refused();
    const images = [];
    for (let i = 1; i <= Number(m[1]); i++) {
      const s = document.createElement('section');
      s.textContent = 'Slide ' + i + ' of route ' + route;
      const img = document.createElement('img');
      img.src = 'key.png';
      images.push(img);
      s.appendChild(img);
      document.body.appendChild(s);
    }
    await Promise.all(images.map((img) => img.decode()));
    document.body.dataset.printReady = 'true';
  }, 150);
}
`;

let host: WebHost;
let printer: ChromiumPdfPrinter;
/** The stand-in renderer (for the whole file: tempDataDir() folders go after each test). */
let dir: string;
/** The data folder the shared printer makes its profile in. */
let dataDir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-print-'));
  writeFileSync(path.join(dir, 'index.html'), PAGE);
  writeFileSync(path.join(dir, 'print.js'), SCRIPT);
  writeFileSync(path.join(dir, 'key.png'), testPicture(300, 200));
  host = await startWebHost({ gate: CHAIR.gate, handlers: {} as HandlerTable, rendererDir: dir, port: 0 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-print-data-'));
  printer = new ChromiumPdfPrinter({ dataDir, idleMs: 0 });
});

afterAll(async () => {
  await printer?.close();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ChromiumPdfPrinter', () => {
  it('finds Chromium (or says which variable to set)', () => {
    expect(findChromium()).toMatch(/chrom/i);
    expect(() => findChromium({ BOARDPREP_CHROMIUM: '/nowhere/chromium' })).toThrow(
      /BOARDPREP_CHROMIUM is set to \/nowhere\/chromium/,
    );
  });

  it('prints a print view of the web host (token in the query, route in the fragment) with the CSS page size, one page per slide', async () => {
    const source = webHostPdfSource(host, printer, () => 'print-session');
    const phases: string[] = [];
    const pdf = await source.printer.print(source.urlFor('/print/meeting/3?deidentified=1'), {
      landscape16x9: true,
      onPhase: (p) => phases.push(p),
    });
    expect(phases).toEqual(['starting', 'loading', 'printing']);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(countPdfPages(pdf)).toBe(3);
    const file = path.join(tempDataDir(), 'deck.pdf');
    writeFileSync(file, pdf);
    expect(pdfPages(file)).toBe(3);
    const size = pdfPageSize(file);
    expect(Math.round(size.width)).toBe(960);
    expect(Math.round(size.height)).toBe(540);
    // Tagged, as Chromium's own print makes it: screen readers follow the slides' headings and tables.
    expect(pdfTagged(file)).toBe(true);
    const text = pdfText(file);
    expect(text).toContain('Slide 3 of route /print/meeting/3?deidentified=1');
  });

  it('embeds the page’s images as JPEG when asked (Chromium passes a JPEG through instead of deflating its pixels)', async () => {
    const source = webHostPdfSource(host, printer, () => 'print-session');
    const lossless = await source.printer.print(source.urlFor('/print/meeting/2'), { landscape16x9: true });
    const jpeg = await source.printer.print(source.urlFor('/print/meeting/2'), {
      landscape16x9: true,
      jpegQuality: 0.9,
    });
    expect(lossless.includes(Buffer.from('/DCTDecode'))).toBe(false);
    expect(jpeg.includes(Buffer.from('/DCTDecode'))).toBe(true);
    expect(countPdfPages(jpeg)).toBe(2);
  });

  it('an export whose print view never becomes ready fails naming the view, and writes no file, not even in part', async () => {
    const s = setup();
    const meetingId = s.newMeeting();
    // The stand-in renderer draws no minutes: that view never sets printReady. Two seconds stand for the 120.
    const impatient: PdfPrinter = { print: (url, options) => printer.print(url, { ...options, readyTimeoutMs: 1500 }) };
    const exports = new ExportsService({ db: s.db, dataDir: s.dataDir, meetings: s.m });
    exports.usePdf(webHostPdfSource(host, impatient, () => 'print-session'));
    const folder = path.join(tempDataDir(), 'letters');
    mkdirSync(folder);
    const failed = exports
      .run({
        kind: 'minutes-pdf',
        meetingId,
        deidentified: false,
        path: path.join(folder, 'minutes.pdf'),
        overwrite: true,
      })
      .catch((err: Error) => err);
    const err = await failed;
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      new RegExp(`^The print view .*#/print/minutes/${meetingId} was not ready after 2 s`),
    );
    expect((err as Error).message).not.toContain(host.token);
    expect(readdirSync(folder)).toEqual([]);
    s.db.close();
  });

  it('keeps one browser for several prints at once, each in its own tab', async () => {
    const source = webHostPdfSource(host, printer, () => 'print-session');
    const pid = await printer.pid();
    const [a, b] = await Promise.all([
      source.printer.print(source.urlFor('/print/meeting/1'), { landscape16x9: true }),
      source.printer.print(source.urlFor('/print/meeting/2'), { landscape16x9: true }),
    ]);
    expect([countPdfPages(a), countPdfPages(b)]).toEqual([1, 2]);
    expect(await printer.pid()).toBe(pid);
  });

  it('fails with the view’s own error, or when the view is never ready, naming it (without the token)', async () => {
    const source = webHostPdfSource(host, printer, () => 'print-session');
    await expect(source.printer.print(source.urlFor('/print/error'), {})).rejects.toThrow(
      'The print view reported an error: Meeting 7 does not exist',
    );
    const never = source.printer.print(source.urlFor('/print/nothing'), { readyTimeoutMs: 1500 });
    await expect(never).rejects.toThrow(/was not ready after 2 s/);
    await never.catch((err: Error) => expect(err.message).not.toContain(host.token));
  });

  it("keeps its profile (whose history holds the token) in the data folder's tmp/, and removes it when closed", async () => {
    const data = tempDataDir();
    const fresh = new ChromiumPdfPrinter({ dataDir: data, idleMs: 0 });
    try {
      const source = webHostPdfSource(host, fresh, () => 'print-session');
      expect(
        countPdfPages(await source.printer.print(source.urlFor('/print/meeting/1'), { landscape16x9: true })),
      ).toBe(1);
      expect(readdirSync(path.join(data, 'tmp'))).toEqual([
        expect.stringMatching(new RegExp(`^chromium-${process.pid}-`)),
      ]);
    } finally {
      await fresh.close();
    }
    expect(readdirSync(path.join(data, 'tmp'))).toEqual([]);
  });

  it('is refused without the token', async () => {
    const fresh = new ChromiumPdfPrinter({ dataDir: tempDataDir(), idleMs: 0 });
    try {
      await expect(fresh.print(`${host.url}#/print/meeting/1`, { readyTimeoutMs: 5000 })).rejects.toThrow(
        /lost its access token/,
      );
    } finally {
      await fresh.close();
    }
  });

  it('stops at once when cancelled', async () => {
    const source = webHostPdfSource(host, printer, () => 'print-session');
    const controller = new AbortController();
    const started = Date.now();
    const printing = source.printer.print(source.urlFor('/print/nothing'), {
      signal: controller.signal,
      onPhase: (p) => p === 'loading' && setTimeout(() => controller.abort(), 200),
    });
    const error = await printing.catch((err: unknown) => err);
    expect(isAbortError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);

    // Cancelled while the browser starts: nothing is printed.
    await printer.close();
    const early = new AbortController();
    const phases: string[] = [];
    const starting = source.printer.print(source.urlFor('/print/meeting/1'), {
      signal: early.signal,
      onPhase: (p) => {
        phases.push(p);
        if (p === 'starting') early.abort();
      },
    });
    expect(isAbortError(await starting.catch((err: unknown) => err))).toBe(true);
    expect(phases).toEqual(['starting']);
  });

  it('closes its browser and starts a new one when needed', async () => {
    await printer.close();
    expect(await printer.pid()).toBeNull();
    const source = webHostPdfSource(host, printer, () => 'print-session');
    expect(countPdfPages(await source.printer.print(source.urlFor('/print/meeting/1'), {}))).toBe(1);
    expect(await printer.pid()).toBeGreaterThan(0);
  });
});
