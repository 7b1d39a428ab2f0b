import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CT_SERIES, DICOM_DIR, MALFORMED } from '../fixtures';
import { expect, test } from './fixtures';
import { drag, openDemoCaseImaging } from './viewer-steps';

const ctFiles = () =>
  readdirSync(CT_SERIES)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => path.join(CT_SERIES, f));

test('a presenter imports a CT series into a demo case, measures it, saves a key image, and finds it all after a reload', async ({
  page,
  app,
}) => {
  await openDemoCaseImaging(page, app.openUrl);

  // The files are another patient's: the app imports them but asks before attaching.
  await page.getByLabel('DICOM files').setInputFiles(ctFiles());
  await expect(page.getByText('Imported 37 images; 0 already stored; 0 rejected (of 37 files).')).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('does not match this case')).toBeVisible();
  await page.getByRole('button', { name: 'Attach to this case anyway' }).click();

  const series = page.getByRole('button', { name: /Series .*37 images/ });
  await expect(series).toBeVisible();
  const viewport = page.getByTestId('viewer-canvas');
  await expect(viewport).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('viewer-unit')).toHaveText('Measurements in mm');

  // Scroll: arrow keys and the wheel move through the stack.
  await viewport.focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  await expect(viewport).toHaveAttribute('data-slice-index', '12');
  await page.mouse.move(0, 0);
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  await expect(viewport).not.toHaveAttribute('data-slice-index', '12');
  await viewport.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 18; i++) await page.keyboard.press('ArrowDown');
  await expect(viewport).toHaveAttribute('data-slice-index', '18');
  await expect(viewport).toHaveAttribute('data-ready', 'true');

  // A length across the body and an ellipse in soft tissue.
  await page.getByRole('button', { name: 'Length' }).click();
  await drag(page, [0.3, 0.5], [0.7, 0.5]);
  await expect(page.getByText('1 measurement saved')).toBeVisible();
  await page.getByRole('button', { name: 'Ellipse' }).click();
  await drag(page, [0.45, 0.4], [0.55, 0.48]);
  await expect(page.getByText('2 measurements saved')).toBeVisible();

  // The stored values, as the API gives them back.
  const seriesUid = await page.evaluate(async () => {
    const r = await fetch('/api/imaging:studies', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
        'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
      },
      body: JSON.stringify({ caseId: 1 }),
    });
    return (await r.json()).value[0].series[0].seriesInstanceUid as string;
  });
  const stored = async () =>
    page.evaluate(async (uid) => {
      const r = await fetch('/api/annotations:list', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
          'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
        },
        body: JSON.stringify({ caseId: 1, seriesInstanceUid: uid }),
      });
      return (await r.json()).value as {
        tool: string;
        handles: unknown;
        values: { unit: string; length?: number; area?: number; mean?: number };
      }[];
    }, seriesUid);
  const before = await stored();
  expect(before.map((a) => a.tool).sort()).toEqual(['ellipse', 'length']);
  const length = before.find((a) => a.tool === 'length')!;
  expect(length.values.unit).toBe('mm');
  // 40% of a ~350 mm field of view.
  expect(length.values.length).toBeGreaterThan(80);
  expect(length.values.length).toBeLessThan(250);
  const ellipse = before.find((a) => a.tool === 'ellipse')!;
  expect(ellipse.values.area).toBeGreaterThan(0);
  expect(ellipse.values.mean).toBeGreaterThan(-200); // inside the body, not air

  // Save the view as a key image with a caption.
  await page.getByLabel('Key image caption').fill('Axial CT chest: measured mass');
  await page.getByRole('button', { name: 'Save as key image' }).click();
  await expect(page.getByText('Key image saved.')).toBeVisible();
  const card = page.getByRole('region', { name: 'Key images' }).getByRole('listitem');
  await expect(card).toHaveCount(1);
  await expect(card.getByLabel('Caption')).toHaveValue('Axial CT chest: measured mass');
  const cardText = await card.innerText();
  expect(cardText).toMatch(/\d+(\.\d)? mm/);
  expect(cardText).toMatch(/Mean -?\d+(\.\d)? HU/);
  const png = card.getByRole('img');
  await expect(png).toHaveJSProperty('complete', true);
  expect(await png.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  // Its JPEG for print was kept with it (the deck's print view and the PDF use it).
  const jpeg = await png.evaluate(async (img: HTMLImageElement) => {
    const res = await fetch(new URL(img.currentSrc).pathname.replace(/\.png$/, '.jpg'), {
      headers: { 'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '' },
    });
    return { status: res.status, type: res.headers.get('content-type'), bytes: (await res.arrayBuffer()).byteLength };
  });
  expect(jpeg).toMatchObject({ status: 200, type: 'image/jpeg' });
  expect(jpeg.bytes).toBeGreaterThan(1000);

  // Reload: the same measurements come back exactly, and the key image is still there.
  await page.reload();
  await expect(page.getByTestId('viewer-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.getByText('2 measurements saved')).toBeVisible();
  expect(await stored()).toEqual(before);
  await expect(page.getByRole('region', { name: 'Key images' }).getByRole('listitem')).toHaveCount(1);
  expect(await page.getByRole('region', { name: 'Key images' }).getByRole('listitem').innerText()).toBe(cardText);
});

test('a broken or foreign file is listed with a plain reason and nothing else is lost', async ({ page, app }) => {
  await openDemoCaseImaging(page, app.openUrl);
  await page
    .getByLabel('DICOM files')
    .setInputFiles([path.join(MALFORMED, 'MR_truncated.dcm'), path.join(DICOM_DIR, 'README.md'), ctFiles()[0]]);
  await expect(page.getByText(/Imported 1 image; 0 already stored; 2 rejected \(of 3 files\)/)).toBeVisible({
    timeout: 30_000,
  });
  const rejected = page.getByText(/Rejected files \(2\)/);
  await expect(rejected).toBeVisible();
  await expect(page.getByText(/MR_truncated\.dcm.*truncated/)).toBeVisible();
  await expect(page.getByText(/README\.md.*not DICOM/)).toBeVisible();
});
