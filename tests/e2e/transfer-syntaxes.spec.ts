import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, test } from './fixtures';
import {
  referenceImage,
  SAMPLES,
  SINGLE,
  transferSyntaxOf,
  withGarbledJpegLs,
  withTransferSyntax,
  type ReferenceImage,
} from './transfer-syntax-samples';

/**
 * Every transfer syntax BoardPrep stores renders in the viewer, decoded by the worker served from /decoders/,
 * while the page itself keeps a CSP without eval.
 */

const DECODE_WORKER = '/decoders/index.worker.min.worker.js';
const JPEG_LS_SAMPLE = path.join(SINGLE, 'MR_small_jpeg_ls_lossless.dcm');

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-ts-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Opens the demo case's Imaging tab; returns the page's CSP as sent and a live list of CSP complaints. */
async function openDemoCaseImaging(page: Page, openUrl: string) {
  const complaints: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) complaints.push(m.text());
  });
  const response = await page.goto(openUrl);
  const csp = response?.headers()['content-security-policy'] ?? '';
  await loadDemoBoard(page); // without its synthetic CT: the case must have no imaging before the upload
  await page.getByRole('link').filter({ hasText: 'HALVERSON' }).click();
  await page.getByRole('link', { name: 'Imaging' }).click();
  await expect(page.getByText('No imaging attached to this case yet')).toBeVisible();
  return { csp, complaints };
}

/** What the viewer's readout shows at one pixel: the value after its modality LUT (HU on CT) and that pixel. */
interface Readout {
  x: number;
  y: number;
  value: number;
}

/**
 * Moves the mouse over a grid of n x n points across the image and reads the pixel readout at each. The image is
 * fitted to the viewport, so the grid spans the centred square of the viewport's shorter side. The moves are
 * dispatched in the page (to whatever element is under each point, as the mouse would), one after the other once the
 * readout has caught up: a round trip per point from here is too slow on a busy machine.
 */
async function readoutsOnGrid(page: Page, n: number): Promise<Readout[]> {
  const viewport = page.getByTestId('viewer-canvas');
  await viewport.evaluate((el) => el.scrollIntoView({ block: 'center' })); // it can reach below the window
  const texts = await viewport.evaluate(async (el, n) => {
    const box = el.getBoundingClientRect();
    const side = Math.min(box.width, box.height);
    const left = box.left + (box.width - side) / 2;
    const top = box.top + (box.height - side) / 2;
    const readout = () => document.querySelector('[data-testid="viewer-probe"]')?.textContent ?? '';
    const out: string[] = [];
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        const clientX = left + (side * (col + 0.5)) / n;
        const clientY = top + (side * (row + 0.5)) / n;
        const target = document.elementFromPoint(clientX, clientY);
        if (!target || !el.contains(target)) throw new Error(`(${clientX}, ${clientY}) is not on the viewport`);
        const previous = readout();
        target.dispatchEvent(
          new MouseEvent('mousemove', { clientX, clientY, bubbles: true, cancelable: true, view: window }),
        );
        // Every grid point is a different pixel, so the readout changes once it has caught up with the mouse.
        const deadline = performance.now() + 10_000;
        while (readout() === previous) {
          if (performance.now() > deadline)
            throw new Error(`the readout stayed "${previous}" at (${clientX}, ${clientY})`);
          await new Promise((resolve) => setTimeout(resolve, 0)); // React renders in a task of its own
        }
        out.push(readout());
      }
    }
    return out;
  }, n);
  return texts.map((text) => {
    const m = /^(-?\d+(?:\.\d+)?)(?: HU| \(raw\))? at x (\d+), y (\d+)$/.exec(text);
    if (!m) throw new Error(`unexpected pixel readout "${text}"`);
    return { value: Number(m[1]), x: Number(m[2]), y: Number(m[3]) };
  });
}

/**
 * The readouts that differ from the reference decoder's value at the same pixel by more than maxError stored values
 * (in modality units: times the slope), beyond the readout's rounding to four significant digits.
 */
function mismatches(readouts: Readout[], reference: ReferenceImage, maxError: number): string[] {
  return readouts.flatMap(({ x, y, value }) => {
    const expected = reference.stored[y * reference.columns + x] * reference.slope + reference.intercept;
    const rounding = 10 ** (Math.floor(Math.log10(Math.max(Math.abs(value), Math.abs(expected)))) - 3) / 2;
    const ok = Math.abs(value - expected) <= maxError * reference.slope + rounding + 1e-9;
    return ok ? [] : [`x ${x}, y ${y}: viewer ${value}, reference ${Number(expected.toFixed(4))}`];
  });
}

async function importAndAttach(page: Page, file: string) {
  await page.getByLabel('DICOM files').setInputFiles(file);
  await expect(page.getByText(/Imported 1 image; 0 already stored; 0 rejected \(of 1 files?\)/)).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Attach to this case anyway' }).click();
}

for (const sample of SAMPLES) {
  test(`${sample.name} (${sample.uid}) renders under the page's strict CSP with the values dcmtk/GDCM decode`, async ({
    page,
    app,
  }) => {
    const file = sample.file(dir);
    expect(transferSyntaxOf(file)).toBe(sample.uid);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(new URL(w.url()).pathname));

    const { csp, complaints } = await openDemoCaseImaging(page, app.openUrl);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('eval');
    await importAndAttach(page, file);

    const viewport = page.getByTestId('viewer-canvas');
    await expect(viewport).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
    await expect(viewport).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('viewer-error')).toHaveCount(0);
    // Decoded by the worker from our origin (not a blob: worker), and nothing was refused on the way.
    expect(workers).toContain(DECODE_WORKER);
    expect(complaints).toEqual([]);

    // What the readout shows (HU on CT, the value behind the ellipse statistics) is what an independent decoder
    // reads from the same file, at 144 pixels spread over the image.
    const reference = referenceImage(file, dir);
    const readouts = await readoutsOnGrid(page, 12);
    expect(new Set(readouts.map((r) => `${r.x},${r.y}`)).size).toBe(144);
    expect(mismatches(readouts, reference, sample.maxError)).toEqual([]);
  });
}

test('the page is served without eval and the decode worker with the policy its codecs need', async ({ page, app }) => {
  const { csp } = await openDemoCaseImaging(page, app.openUrl);
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('worker-src')).toEqual(["'self'"]);
  expect(csp).not.toContain('eval');
  // The app's own code, the decode worker included, is served without the token (it carries no data).
  const worker = await page.request.get(new URL(DECODE_WORKER, app.baseUrl).href);
  expect(worker.status()).toBe(200);
  expect(worker.headers()['content-type']).toMatch(/^text\/javascript/);
  expect(worker.headers()['content-security-policy']).toContain("script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'");
  expect((await page.request.get(new URL('/decoders/missing.js', app.baseUrl).href)).status()).toBe(404);
});

test('an image whose compressed data is damaged shows a clear message in the viewport', async ({ page, app }) => {
  // Imports (the structure is intact) but the JPEG-LS decoder rejects the codestream.
  const file = withGarbledJpegLs(JPEG_LS_SAMPLE, path.join(dir, 'garbled-jpeg-ls.dcm'));
  await openDemoCaseImaging(page, app.openUrl);
  await importAndAttach(page, file);

  const viewport = page.getByTestId('viewer-canvas');
  await expect(viewport).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
  await expect(viewport).toHaveAttribute('data-ready', 'false');
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot display this image' })).toBeVisible();
});

test('a file in a transfer syntax the viewer cannot decode is refused at import, naming the UID', async ({
  page,
  app,
}) => {
  const fake = '1.2.840.10008.1.2.9.99';
  const file = withTransferSyntax(JPEG_LS_SAMPLE, '1.2.840.10008.1.2.4.80', fake, path.join(dir, 'unknown-syntax.dcm'));
  expect(transferSyntaxOf(file)).toBe(fake);
  await openDemoCaseImaging(page, app.openUrl);
  await page.getByLabel('DICOM files').setInputFiles(file);
  await expect(page.getByText(/Imported 0 images; 0 already stored; 1 rejected \(of 1 files?\)/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(`unsupported transfer syntax ${fake}`)).toBeVisible();
});
