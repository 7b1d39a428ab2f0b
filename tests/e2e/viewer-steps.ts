import type { Page } from '@playwright/test';
import { expect, loadDemoBoard } from './fixtures';

/** The demo board, then the Imaging tab of HALVERSON's case, still without images. */
export async function openDemoCaseImaging(page: Page, openUrl: string): Promise<void> {
  await page.goto(openUrl);
  await loadDemoBoard(page);
  await page.getByRole('link').filter({ hasText: 'HALVERSON' }).click();
  await page.getByRole('link', { name: 'Imaging' }).click();
  await expect(page.getByText('No imaging attached to this case yet')).toBeVisible();
}

/** Drags on the viewport between two points given as fractions of its size. */
export async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await page.getByTestId('viewer-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from[0] + to[0]) / 2), box.y + box.height * ((from[1] + to[1]) / 2), {
    steps: 5,
  });
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 5 });
  await page.mouse.up();
}
