// What is stored for a measurement must be what the viewer shows, however fast it was drawn (audit: quick drags
// were saved with zero size while the screen showed the real value).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { measurementLabel } from '../../shared/imaging/measurement-text';
import type { Annotation } from '../../shared/domain/imaging';
import { CT_SERIES } from '../fixtures';
import { expect, loadDemoBoard, test } from './fixtures';

const ctFiles = () =>
  readdirSync(CT_SERIES)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => path.join(CT_SERIES, f));

/**
 * Records the text drawn on the viewer's canvas, frame by frame: cornerstone starts every frame by filling the whole
 * canvas, and the measurement labels are then drawn with fillText. `window.__labels` is the last frame's text, with
 * where each line starts and ends on the canvas.
 */
function recordCanvasText() {
  type Line = { text: string; left: number; right: number; canvasWidth: number };
  const w = window as unknown as { __frame: Line[]; __labels: Line[] };
  w.__frame = [];
  w.__labels = [];
  const proto = CanvasRenderingContext2D.prototype;
  const inViewer = (ctx: CanvasRenderingContext2D) => !!ctx.canvas.closest?.('[data-testid="viewer-canvas"]');
  const fillRect = proto.fillRect;
  proto.fillRect = function (x, y, width, height) {
    if (inViewer(this) && x === 0 && y === 0 && width === this.canvas.width && height === this.canvas.height) {
      w.__frame = [];
      w.__labels = w.__frame;
    }
    return fillRect.call(this, x, y, width, height);
  };
  const fillText = proto.fillText;
  proto.fillText = function (text, x, y, maxWidth) {
    if (inViewer(this)) {
      const left = x;
      w.__frame.push({
        text: String(text),
        left,
        right: left + this.measureText(String(text)).width,
        canvasWidth: this.canvas.width,
      });
    }
    return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
  };
}

async function openCtSeries(page: Page, openUrl: string) {
  await page.addInitScript(recordCanvasText);
  await page.goto(openUrl);
  await loadDemoBoard(page);
  await page.getByRole('link').filter({ hasText: 'HALVERSON' }).click();
  await page.getByRole('link', { name: 'Imaging' }).click();
  await page.getByLabel('DICOM files').setInputFiles(ctFiles());
  await expect(page.getByText(/Imported 37 images/)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Attach to this case anyway' }).click();
  await expect(page.getByTestId('viewer-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await page.getByTestId('viewer-canvas').scrollIntoViewIfNeeded(); // the mouse only reaches what is in the window
}

/** A quick drag: a couple of mouse moves and no pause, as a hurried user (or the audit) draws. */
async function fastDrag(page: Page, from: [number, number], to: [number, number], steps: number) {
  const box = (await page.getByTestId('viewer-canvas').boundingBox())!;
  // Fractions of the image square, which is centred in the (wider) viewport and fills its height.
  const side = Math.min(box.width, box.height);
  const at = ([fx, fy]: [number, number]) =>
    [box.x + (box.width - side) / 2 + side * fx, box.y + (box.height - side) / 2 + side * fy] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at(to), { steps });
  await page.mouse.up();
}

async function storedAnnotations(page: Page): Promise<Annotation[]> {
  return page.evaluate(async () => {
    const studies = await (
      await fetch('/api/imaging:studies', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
          'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
        },
        body: JSON.stringify({ caseId: 1 }),
      })
    ).json();
    const uid = studies.value[0].series[0].seriesInstanceUid as string;
    const r = await fetch('/api/annotations:list', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
        'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
      },
      body: JSON.stringify({ caseId: 1, seriesInstanceUid: uid }),
    });
    return (await r.json()).value as Annotation[];
  });
}

const onScreen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __labels: { text: string }[] }).__labels.map((l) => l.text).sort());
const labelsOf = (list: Annotation[]) => list.flatMap((a) => measurementLabel(a.tool, a.values)).sort();

/** Waits until the viewer says everything is saved and the labels have stopped changing. */
async function settled(page: Page, count: number) {
  await expect(page.getByRole('status').filter({ hasText: /measurement/ })).toHaveText(
    `${count} measurement${count === 1 ? '' : 's'} saved`,
  );
  let previous = '';
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await onScreen(page));
        const same = now === previous;
        previous = now;
        return same;
      },
      { intervals: [150, 150, 150] },
    )
    .toBe(true);
}

test('measurements drawn with quick drags are stored exactly as shown, and shown as stored after a reload', async ({
  page,
  app,
}) => {
  await openCtSeries(page, app.openUrl);
  const tools = [
    { button: 'Length', tool: 'length' },
    { button: 'Ellipse', tool: 'ellipse' },
    { button: 'Bidirectional', tool: 'bidirectional' },
  ] as const;
  // Three rounds, each tool in its own column, every drag 2 or 3 mouse moves; the shapes never touch.
  for (let round = 0; round < 3; round++) {
    for (const [column, { button }] of tools.entries()) {
      await page.getByRole('button', { name: button, exact: true }).click();
      const x = 0.1 + column * 0.3;
      const y = 0.12 + round * 0.28;
      await fastDrag(page, [x, y], [x + 0.2, y + 0.16], 2 + ((round + column) % 2));
    }
  }

  await settled(page, 9);
  const stored = await storedAnnotations(page);
  expect(await onScreen(page)).toEqual(labelsOf(stored));
  expect(stored.map((a) => a.tool).sort()).toEqual(
    Array.from({ length: 3 }, () => tools.map((t) => t.tool))
      .flat()
      .sort(),
  );
  for (const a of stored) {
    // No zero-size records: every shape above spans about a fifth of the image (~70 mm).
    const size = a.tool === 'length' ? a.values.length : a.tool === 'ellipse' ? a.values.area : a.values.long;
    expect(size, `${a.tool} ${JSON.stringify(a.handles)}`).toBeGreaterThan(10);
  }

  await page.reload();
  await expect(page.getByTestId('viewer-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await settled(page, 9);
  expect(await onScreen(page)).toEqual(labelsOf(stored));
  expect(await storedAnnotations(page)).toEqual(stored);
});

test('a label near the image edge stays whole inside the viewport, and the HU under the mouse is shown', async ({
  page,
  app,
}) => {
  await openCtSeries(page, app.openUrl);
  const viewport = page.getByTestId('viewer-canvas');

  // The value under the mouse, in HU, with its pixel; gone when the mouse leaves the image.
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('viewer-probe')).toHaveText(/^-?\d+ HU at x \d+, y \d+$/);
  const centre = await page.getByTestId('viewer-probe').innerText();
  await page.mouse.move(box.x + 0.02 * box.width, box.y + 0.02 * box.height); // air in the corner
  await expect(page.getByTestId('viewer-probe')).not.toHaveText(centre);
  expect(Number(/^(-?\d+)/.exec(await page.getByTestId('viewer-probe').innerText())![1])).toBeLessThan(-900);
  await page.mouse.move(box.x - 20, box.y - 20);
  await expect(page.getByTestId('viewer-probe')).toBeHidden();

  // A length ending next to the right edge: its label would start beyond the end handle.
  await page.getByRole('button', { name: 'Length', exact: true }).click();
  await fastDrag(page, [0.55, 0.5], [0.985, 0.5], 4);
  await settled(page, 1);
  const [stored] = await storedAnnotations(page);
  const lines = await page.evaluate(
    () =>
      (window as unknown as { __labels: { text: string; left: number; right: number; canvasWidth: number }[] })
        .__labels,
  );
  expect(lines.map((l) => l.text)).toEqual(measurementLabel('length', stored.values));
  for (const l of lines) {
    expect(l.left).toBeGreaterThanOrEqual(0);
    expect(l.right).toBeLessThanOrEqual(l.canvasWidth);
  }
});
