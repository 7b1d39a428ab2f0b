import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CD_TREE as CD, CT_SERIES } from '../fixtures';
import { expect, test } from './fixtures';
import { drag, openDemoCaseImaging } from './viewer-steps';

const report = (page: Page) => page.getByRole('region', { name: 'Import images' });

test('a DICOMDIR chosen alone in "Import files..." is reported as not imported, with what to do instead', async ({
  page,
  app,
}) => {
  await openDemoCaseImaging(page, app.openUrl);
  await page.getByLabel('DICOM files').setInputFiles([path.join(CD, 'DICOMDIR')]);

  await expect(report(page).getByText('Imported 0 images; 0 already stored; 1 rejected (of 1 file).')).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    report(page).getByText(
      "DICOMDIR lists 31 files that were not chosen with it: use Import folder... and choose the CD's folder.",
    ),
  ).toBeVisible();
  await expect(report(page).getByText('Rejected files (1)')).toBeVisible();
  await expect(
    report(page).getByRole('listitem').filter({
      hasText: "DICOMDIR (a CD's index, not an image): none of the 31 files it lists were imported with it",
    }),
  ).toBeVisible();
});

test('a CD folder into a demo case: counts add up, one plain prompt per study, attach errors shown', async ({
  page,
  app,
}) => {
  await openDemoCaseImaging(page, app.openUrl);
  const chosen = readdirSync(CD, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  expect(chosen).toHaveLength(39);
  await page.getByLabel('DICOM folder').setInputFiles(CD);

  // 31 images + README.txt (rejected) + 7 DICOMDIR index files = the 39 files chosen.
  await expect(
    report(page).getByText(
      'Imported 31 images; 0 already stored; 1 rejected; 7 DICOMDIR index files read (of 39 files).',
    ),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(report(page).getByText(/not chosen with it/)).toHaveCount(0);

  // One prompt per study (6 studies, 2 patients), each saying which study it is; names as people write them.
  const prompts = report(page).getByRole('group', { name: /^Study of / });
  await expect(prompts).toHaveCount(6);
  await expect(report(page).getByText(/\^/)).toHaveCount(0);
  const expected = [
    ['Study of 5 May 2003 · MR · Brain · 4 images', 'Peter Doe', '98890234'],
    ['Study of 5 May 2003 · MR · Brain-MRA · 11 images', 'Peter Doe', '98890234'],
    ['Study of 5 May 2003 · MR · Carotids · 2 images', 'Peter Doe', '98890234'],
    ['Study of 1 Jan 2001 · CT · no description · 7 images', 'Peter Doe', '98890234'],
    ['Study of 3 Sep 1995 · CT · CT, HEAD/BRAIN WO CONTRAST · 4 images', 'Archibald Doe', '77654033'],
    ['Study of 1 Jan 2001 · CR · XR C Spine Comp Min 4 Views · 3 images', 'Archibald Doe', '77654033'],
  ];
  const texts = await prompts.allInnerTexts();
  expect(new Set(texts).size).toBe(6);
  for (const [name, patient, id] of expected) {
    const prompt = report(page).getByRole('group', { name, exact: true });
    await expect(prompt).toContainText(`for ${patient} (ID ${id}), does not match this case`);
    await expect(prompt.getByRole('button', { name: 'Attach to this case anyway' })).toBeVisible();
  }

  // Attaching that fails says so, on that study.
  const mra = report(page).getByRole('group', {
    name: 'Study of 5 May 2003 · MR · Brain-MRA · 11 images',
    exact: true,
  });
  await page.route(/\/api\/imaging(:|%3A)attachStudy/, (route) => route.abort('connectionrefused'));
  await mra.getByRole('button', { name: 'Attach to this case anyway' }).click();
  await expect(mra.getByRole('alert')).toContainText(
    'The study of 5 May 2003 · MR · Brain-MRA · 11 images was not attached: BoardPrep is not reachable',
  );
  await expect(mra.getByRole('button', { name: 'Attach to this case anyway' })).toBeVisible();

  // Again once it can be reached: attached, and the study is in the case.
  await page.unroute(/\/api\/imaging(:|%3A)attachStudy/);
  await mra.getByRole('button', { name: 'Attach to this case anyway' }).click();
  await expect(mra.getByText('Attached to this case.', { exact: true })).toBeVisible();
  await expect(mra.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Series 700: ANGIO Projected from C.* 7 images/ })).toBeVisible();
});

test('on an axial CT a length is not offered as craniocaudal, and a measured size typed over is saved as typed', async ({
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
  await page.getByRole('button', { name: 'Attach to this case anyway' }).click();
  const viewport = page.getByTestId('viewer-canvas');
  await expect(viewport).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await viewport.scrollIntoViewIfNeeded();

  await page.getByRole('button', { name: 'Length' }).click();
  await drag(page, [0.3, 0.5], [0.7, 0.5]);
  await expect(page.getByText('1 measurement saved')).toBeVisible();
  await page.getByRole('button', { name: 'Length' }).click();
  await drag(page, [0.3, 0.6], [0.7, 0.6]); // as long again on the same image: one chip, not two
  await expect(page.getByText('2 measurements saved')).toBeVisible();
  await page.getByRole('button', { name: 'Bidirectional' }).click();
  await drag(page, [0.35, 0.3], [0.65, 0.3]);
  await expect(page.getByText('3 measurements saved')).toBeVisible();

  const lesions = page.getByRole('region', { name: 'Lesions' });
  await lesions.getByRole('button', { name: 'Add lesion' }).click();
  const form = lesions.getByRole('group', { name: 'New lesion' });
  const chips = form.locator('.suggestions').getByRole('button');
  await expect(chips.filter({ hasText: /^Length on image \d+ \(axial\): [\d.]+ cm as long axis$/ })).toHaveCount(1);
  await expect(chips.filter({ hasText: 'craniocaudal' })).toHaveCount(0);
  const bidirectional = chips.filter({ hasText: /^Bidirectional on image \d+ \(axial\): [\d.]+ × [\d.]+ cm$/ });
  await expect(bidirectional).toHaveCount(1);

  await form.getByLabel('Lesion').fill('Right lung mass');
  await bidirectional.click();
  await expect(form.getByText('Filled from a measurement')).toBeVisible();
  const short = await form.getByLabel('Short axis (cm)').inputValue();
  expect(Number(short)).toBeGreaterThan(0);
  await form.getByLabel('Long axis (cm)').fill('19.5');
  await expect(form.getByText('Typed by hand')).toBeVisible();
  await form.getByRole('button', { name: 'Save lesion' }).click();

  const saved = lesions.getByRole('listitem').filter({ hasText: 'Right lung mass' });
  await expect(saved).toContainText(`19.5 x ${Number(short).toFixed(1).replace(/\.0$/, '')} x – cm`);
  await expect(saved).toContainText('Typed');
  await expect(saved).not.toContainText('Measured on imaging');
});
