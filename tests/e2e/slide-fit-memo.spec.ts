import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, pageApi, test } from './fixtures';

/**
 * A deck opened again in the same window (a reload, the print view after the slides) starts each text box at the
 * size it was fitted to (renderer/slides/fit-memo.ts) and reads the deck once, started before the page has rendered
 * (renderer/data/early-reads.ts). What it shows must be what a first fit shows: a remembered size that no longer
 * holds is searched again.
 */

const MEMO_KEY = 'boardprep.fitMemo';

interface Fitted {
  size: number;
  clipped: boolean;
  w: number;
  h: number;
}

/** Every fitted box's font size and whether its text overflows, in page order. */
function fitted(page: Page): Promise<{ size: string; overflows: boolean }[]> {
  return page.locator('.fit').evaluateAll((boxes) =>
    boxes.map((b) => ({
      size: (b as HTMLElement).style.fontSize,
      overflows: b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1,
    })),
  );
}

/** Rewrites every remembered box in this tab's memo. */
async function editMemo(page: Page, edit: (f: Fitted) => Fitted): Promise<number> {
  const stored = JSON.parse((await page.evaluate((k) => sessionStorage.getItem(k), MEMO_KEY)) ?? 'null') as {
    generation: string;
    entries: [string, Fitted][];
  } | null;
  expect(stored, 'the fit memo is kept in sessionStorage').not.toBeNull();
  const entries = stored!.entries.map(([k, f]) => [k, edit(f)]);
  await page.evaluate(([k, v]) => sessionStorage.setItem(k, v), [
    MEMO_KEY,
    JSON.stringify({ ...stored, entries }),
  ] as const);
  return entries.length;
}

async function openPrintView(page: Page, url: string): Promise<number> {
  let deckReads = 0;
  const count = (r: { url(): string }) => {
    if (r.url().includes('/api/deck%3Aget')) deckReads++;
  };
  // A page of its own each time: the memo is read from storage when a page starts.
  await page.goto('about:blank');
  page.on('request', count);
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
  page.off('request', count);
  return deckReads;
}

test('a deck opened again fits as the first time; a remembered size that no longer holds is searched again', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const meeting = await pageApi<{ id: number }>(page, 'meetings:next', {});
  const url = `${app.baseUrl}#/print/meeting/${meeting.id}`;

  // First opening: every box searched, the deck read once.
  expect(await openPrintView(page, url)).toBe(1);
  const first = await fitted(page);
  expect(first.filter((f) => f.overflows)).toEqual([]);

  // Opened again: the same sizes, the deck still read once.
  expect(await openPrintView(page, url)).toBe(1);
  expect(await fitted(page)).toEqual(first);

  // A remembered size is used as it is when the box measures the same and its text fits there: one pixel smaller
  // than the fit is shown one pixel smaller.
  const remembered = await editMemo(page, (f) => ({ ...f, size: f.size - 1 }));
  expect(remembered).toBeGreaterThan(0);
  await openPrintView(page, url);
  const px = (f: { size: string }) => parseFloat(f.size);
  const smaller = await fitted(page);
  expect(smaller.filter((f, i) => px(f) === px(first[i]) - 1).length).toBeGreaterThan(0);
  expect(smaller.filter((f, i) => px(f) !== px(first[i]) && px(f) !== px(first[i]) - 1)).toEqual([]);
  expect(smaller.filter((f) => f.overflows)).toEqual([]);

  // Remembered sizes at which the text overflows: searched again, so the first fit's sizes, nothing overflowing.
  await editMemo(page, (f) => ({ ...f, size: f.size + 6 }));
  await openPrintView(page, url);
  expect(await fitted(page)).toEqual(first);

  // Above the box's largest size: not a size it could have been fitted to; the first fit's sizes.
  await editMemo(page, (f) => ({ ...f, size: f.size + 40 }));
  await openPrintView(page, url);
  expect(await fitted(page)).toEqual(first);

  // Remembered for a box of another size (another layout), or below the smallest size allowed: searched again, not
  // left small.
  await editMemo(page, (f) => ({ ...f, size: 18, w: f.w + 10 }));
  await openPrintView(page, url);
  expect(await fitted(page)).toEqual(first);
  await editMemo(page, (f) => ({ ...f, size: 12, clipped: true }));
  await openPrintView(page, url);
  expect(await fitted(page)).toEqual(first);
});
