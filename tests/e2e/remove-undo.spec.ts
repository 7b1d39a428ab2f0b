import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, pageApi, test } from './fixtures';

const caseCards = (page: Page) => page.getByRole('complementary', { name: 'Cases' }).getByRole('link');

test('a removed lesion comes back with Undo; a pathology report is removed only after a confirmation', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  await loadDemoBoard(page, { images: true });
  await caseCards(page).filter({ hasText: 'HALVERSON' }).click();
  const caseId = Number(/#\/cases\/(\d+)/.exec(page.url())![1]);
  await pageApi(page, 'lesions:create', {
    caseId,
    lesion: {
      label: 'Satellite nodule',
      longCm: 2.1,
      shortCm: 1.4,
      craniocaudalCm: null,
      studyDate: null,
      source: 'typed',
    },
  });

  await page.getByRole('link', { name: 'Imaging' }).click();
  const lesions = page.getByRole('region', { name: 'Lesions' });
  await expect(lesions.getByText('Satellite nodule')).toBeVisible({ timeout: 20_000 });
  await lesions.getByRole('button', { name: 'Remove Satellite nodule' }).click();
  await expect(lesions.getByText('Satellite nodule', { exact: true })).toHaveCount(0);
  const toast = page.getByRole('status').filter({ hasText: 'Lesion "Satellite nodule" removed.' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(lesions.getByText('Satellite nodule', { exact: true })).toBeVisible();

  // A pathology report: a dialog says what goes; Cancel keeps it, Remove report removes it.
  await page.getByRole('link', { name: 'Clinical', exact: true }).click();
  const reports = page.getByRole('article', { name: /^Pathology report: / });
  await expect(reports.first()).toBeVisible();
  const before = await reports.count();
  await reports.first().getByRole('button', { name: 'Remove', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove this pathology report?' });
  await expect(dialog).toContainText('its grade and review stop counting');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(reports).toHaveCount(before);
  await reports.first().getByRole('button', { name: 'Remove', exact: true }).click();
  await dialog.getByRole('button', { name: 'Remove report' }).click();
  await expect(reports).toHaveCount(before - 1);
});
