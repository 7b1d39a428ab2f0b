import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CT_SERIES } from '../fixtures';
import { expect, test } from './fixtures';
import { openDemoCaseImaging } from './viewer-steps';

test('a mismatch prompt is asked again after a reload; the study attached anyway is detached with a reason', async ({
  page,
  app,
}) => {
  await openDemoCaseImaging(page, app.openUrl);
  const files = readdirSync(CT_SERIES)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => path.join(CT_SERIES, f));
  await page.getByLabel('DICOM files').setInputFiles(files);
  await expect(page.getByText('Imported 37 images; 0 already stored; 0 rejected (of 37 files).')).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('does not match this case')).toBeVisible();

  // The question outlives the page.
  await page.reload();
  await expect(page.getByText('does not match this case')).toBeVisible();
  await page.getByRole('button', { name: 'Attach to this case anyway' }).click();
  await expect(page.getByRole('button', { name: /Series .*37 images/ })).toBeVisible();

  await page.getByRole('button', { name: /^Detach study / }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Detach this study from the case?' });
  await dialog.getByRole('button', { name: 'Detach study' }).click();
  await expect(dialog.getByRole('alert')).toContainText('write why');
  await dialog.getByLabel('Reason (kept in the audit trail)').fill('CD of another patient');
  await dialog.getByRole('button', { name: 'Detach study' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('No imaging attached to this case yet')).toBeVisible();
  // Answered: not asked again.
  await page.reload();
  await expect(page.getByText('No imaging attached to this case yet')).toBeVisible();
  await expect(page.getByText('does not match this case')).toHaveCount(0);
});
