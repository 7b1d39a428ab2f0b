import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, test } from './fixtures';

/**
 * Issue 13 end to end: the Response slide of the demo case. The demo's thigh inflammatory leiomyosarcoma
 * (CASTELLANO) has a baseline CT (24 Sep 2026: 60 mm, about 40 HU) and a restaging CT after preoperative radiotherapy
 * (1 Dec 2026: 52.8 mm, about 32 HU), both measured on key images. Its deck at the December board shows them side by
 * side with their dates, the sum of target diameters as a chart, and the categories: RECIST 1.1 stable disease (-12%,
 * less than the 30% a partial response needs) and Choi partial response (density down 20%, at least 15%).
 */

async function openDemoMeetingWithImages(page: Page, openUrl: string): Promise<number> {
  await page.goto(openUrl);
  await loadDemoBoard(page, { images: true });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Meetings' }).click();
  const upcoming = page.getByRole('list', { name: 'Upcoming meetings' }).getByRole('link');
  await expect(upcoming).toContainText('Thu 10 Dec 2026, 13:00–14:30');
  await upcoming.click();
  await expect(page).toHaveURL(/#\/meetings\/\d+/);
  return Number(/#\/meetings\/(\d+)/.exec(page.url())![1]);
}

test('the demo case’s Response slide shows both key images with their dates, the sums chart and the categories', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  const meetingId = await openDemoMeetingWithImages(page, app.openUrl);

  // The meeting deck as the room, the presenter and the PDF draw it (one component per slide kind).
  await page.goto(`${app.baseUrl}#/print/meeting/${meetingId}`);
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
  const response = page.locator('[data-slide-kind="response"]');
  // Only the thigh case has a follow-up study.
  await expect(response).toHaveCount(1);
  await expect(response.getByTestId('slide-title')).toHaveText('Response to treatment');
  await expect(response).toContainText('CASTELLANO');

  // Baseline and current side by side, each with its date, its key image (loaded) and its measurements.
  const studies = response.getByTestId('response-study');
  await expect(studies).toHaveCount(2);
  await expect(studies.nth(0)).toContainText('Baseline');
  await expect(studies.nth(0)).toContainText('24 Sep 2026');
  await expect(studies.nth(0)).toContainText('60 mm');
  await expect(studies.nth(1)).toContainText('Current');
  await expect(studies.nth(1)).toContainText('1 Dec 2026');
  await expect(studies.nth(1)).toContainText('52.8 mm');
  const before = studies.nth(0).getByRole('img', { name: /MRI of 24 Sep 2026/ });
  const after = studies.nth(1).getByRole('img', { name: /after preoperative radiotherapy/ });
  for (const image of [before, after]) {
    await expect(image).toHaveJSProperty('complete', true);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  }

  // The sums over time: a chart with its values in words.
  await expect(
    response.getByRole('img', { name: 'Sum of target diameters: 24 Sep 2026 60 mm; 1 Dec 2026 52.8 mm' }),
  ).toBeVisible();

  // The stated response, with its rule.
  const categories = response.getByTestId('response-category');
  await expect(categories).toContainText('RECIST 1.1');
  await expect(categories).toContainText('Stable disease');
  await expect(categories).toContainText('Choi');
  await expect(categories).toContainText('Partial response');
  await expect(response).toContainText(
    'RECIST 1.1: stable disease (SD), −12% from baseline. Choi: partial response (PR).',
  );
  // Dates as people write them, never ISO.
  expect(await response.innerText()).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

  // De-identified: the same slide, the burned-in images, no name.
  await page.goto(`${app.baseUrl}#/print/meeting/${meetingId}?deidentified=1`);
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
  await expect(response).toHaveCount(1);
  await expect(response.getByRole('img', { name: /after preoperative radiotherapy/ })).toHaveJSProperty(
    'complete',
    true,
  );
  await expect(response.getByTestId('response-category')).toContainText('Partial response');
  expect(await response.innerText()).not.toContain('CASTELLANO');
});
