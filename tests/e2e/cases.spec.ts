import type { Page } from '@playwright/test';
import { E2E_USER, expect, loadDemoBoard, signInOverHttp, startHost, test } from './fixtures';

async function fillNewCase(page: Page, overrides: Partial<Record<string, string>> = {}) {
  const v = {
    family: 'Marlowe',
    given: 'Henrietta',
    mrn: 'E2E-0001',
    dob: '1958-03-14',
    consultant: 'Dr Ines Varga, sarcoma surgeon',
    contact: 'bleep 4471',
    site: 'Right thigh, deep to fascia',
    diagnosis: 'Myxoid liposarcoma, biopsy proven',
    question: 'Preoperative radiotherapy before resection?',
    ...overrides,
  };
  await page.getByLabel('Family name').fill(v.family);
  await page.getByLabel('Given names').fill(v.given);
  await page.getByLabel('MRN').fill(v.mrn);
  await page.getByLabel('Date of birth').fill(v.dob);
  await page.getByLabel('Sex').selectOption('female');
  await page.getByLabel('Responsible consultant').fill(v.consultant);
  await page.getByLabel('How to reach them').fill(v.contact);
  await page.getByLabel('Tumour site').fill(v.site);
  await page.getByLabel('AJCC site chapter').selectOption('trunk-extremity');
  await page.getByLabel('Working diagnosis').fill(v.diagnosis);
  await page.getByLabel('Question for the board').fill(v.question);
  await page.getByLabel('ECOG performance status').selectOption('1');
}

const caseCards = (page: Page) => page.getByRole('complementary', { name: 'Cases' }).getByRole('link');

test('an empty database offers the demo board, which fills the case list and brings its synthetic CT', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  // The page keeps the token for this tab (sessionStorage, no cookie) and takes it out of the address bar.
  expect(page.url()).not.toContain('token=');
  await loadDemoBoard(page, { images: true });
  await expect(caseCards(page)).toHaveCount(9); // 7 demo cases and the 2 demo referrals' (issue 14)
  await expect(page.getByText('Dedifferentiated liposarcoma', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('9 cases', { exact: true })).toBeVisible();

  // The retroperitoneal liposarcoma comes with its CT: an axial series and a coronal reformat.
  await caseCards(page).filter({ hasText: 'HALVERSON' }).click();
  await page.getByRole('link', { name: 'Imaging' }).click();
  await expect(page.getByRole('button', { name: /AXIAL.*51 images/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /CORONAL.*53 images/ })).toBeVisible();
  await expect(page.getByTestId('viewer-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('viewer-unit')).toHaveText('Measurements in mm');
  // With its measured key images: the mass at its documented 9 x 8 cm axially and 16.3 cm craniocaudally.
  const keyImages = page.getByRole('region', { name: 'Key images' }).getByRole('listitem');
  await expect(keyImages).toHaveCount(2);
  await expect(keyImages.first()).toContainText('90.0 mm');
  await expect(keyImages.first()).toContainText('80.0 mm');
  await expect(keyImages.nth(1)).toContainText('163.0 mm');
  await expect(keyImages.nth(1).getByRole('img')).toHaveJSProperty('complete', true);
});

test('a coordinator creates, edits and searches a case, and it survives a reload and a restart', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  await expect(caseCards(page)).toHaveCount(9); // 7 demo cases and the 2 demo referrals' (issue 14)

  await page.getByRole('button', { name: 'New case' }).first().click();
  await fillNewCase(page);
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'MARLOWE, Henrietta' })).toBeVisible();
  await expect(caseCards(page)).toHaveCount(10);

  // Edit: the working diagnosis changes and the list follows.
  await page.getByLabel('Working diagnosis').fill('Myxoid liposarcoma with 10% round cell component');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.case-header__dx')).toHaveText('Myxoid liposarcoma with 10% round cell component');
  await expect(caseCards(page).filter({ hasText: 'MARLOWE' })).toContainText('round cell component');

  // Search by MRN, by name and by diagnosis.
  const search = page.getByLabel('Search cases');
  await search.fill('E2E-0001');
  await expect(caseCards(page)).toHaveCount(1);
  await expect(caseCards(page)).toContainText('MARLOWE, Henrietta');
  await search.fill('henrietta');
  await expect(caseCards(page)).toHaveCount(1);
  await search.fill('round cell');
  await expect(caseCards(page)).toHaveCount(1);
  await search.fill('leiomyosarcoma');
  await expect(caseCards(page).filter({ hasText: 'MARLOWE' })).toHaveCount(0);
  await expect(caseCards(page).first()).toContainText(/leiomyosarcoma/i);

  // Reload: the same case is on screen with the edit.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'MARLOWE, Henrietta' })).toBeVisible();
  await expect(page.getByLabel('Working diagnosis')).toHaveValue('Myxoid liposarcoma with 10% round cell component');
  await expect(page.getByLabel('ECOG performance status')).toHaveValue('1');

  // Restart the host on the same data folder: the database kept everything.
  const second = await startHost(app.dataDir);
  try {
    await page.goto(second.app.openUrl);
    await expect(caseCards(page)).toHaveCount(10);
    await caseCards(page).filter({ hasText: 'MARLOWE' }).click();
    await expect(page.getByLabel('Working diagnosis')).toHaveValue('Myxoid liposarcoma with 10% round cell component');
  } finally {
    second.child.kill('SIGTERM');
  }
});

test('an invalid form shows what is wrong next to each field and keeps what was typed', async ({ page, app }) => {
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  await page.getByRole('button', { name: 'New case' }).first().click();

  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  await expect(page.getByText('Family name is required')).toBeVisible();
  await expect(page.getByText('Question for the board is required')).toBeVisible();
  await expect(page.getByText('Choose the AJCC site chapter')).toBeVisible();

  // A future date of birth and an MRN that belongs to a demo patient.
  await fillNewCase(page, { dob: '2099-01-01' });
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByText('Date of birth is in the future')).toBeVisible();

  const demoMrn = (await caseCards(page).first().locator('.case-card__meta').innerText()).match(/MRN (\S+)/)![1];
  await page.getByLabel('Date of birth').fill('1958-03-14');
  await page.getByLabel('MRN').fill(demoMrn);
  await page.getByLabel('Family name').click(); // leaving the MRN field checks it
  await expect(page.getByText(`MRN already belongs to`)).toBeVisible();
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText(demoMrn);

  // Nothing typed was lost, and nothing was stored.
  await expect(page.getByLabel('Family name')).toHaveValue('Marlowe');
  await expect(page.getByLabel('Question for the board')).toHaveValue('Preoperative radiotherapy before resection?');
  await expect(caseCards(page)).toHaveCount(9); // 7 demo cases and the 2 demo referrals' (issue 14)
});

test('the web host answers no call without the token, and rejects a wrong payload by naming the field', async ({
  request,
  app,
}) => {
  const noToken = await request.post(`${app.baseUrl}api/cases:list`, { data: {} });
  expect(noToken.status()).toBe(401);
  // The app's own page carries no data: it opens, and asks for the token for everything else.
  const page = await request.get(app.baseUrl);
  expect(page.status()).toBe(200);
  expect(page.headers()['set-cookie']).toBeUndefined();

  // The token lets the page in; a call also needs a signed-in user.
  const signedOut = await request.post(`${app.baseUrl}api/cases:get`, {
    data: { id: 1 },
    headers: { 'X-BoardPrep-Token': app.token },
  });
  expect(await signedOut.json()).toMatchObject({ ok: false, error: { code: 'signed-out' } });

  const session = await signInOverHttp(app, E2E_USER.username, E2E_USER.password);
  const bad = await request.post(`${app.baseUrl}api/cases:get`, {
    data: { id: 'seven' },
    headers: { 'X-BoardPrep-Token': app.token, 'X-BoardPrep-Session': session },
  });
  const body = await bad.json();
  expect(body.ok).toBe(false);
  expect(body.error.code).toBe('invalid-input');
  expect(body.error.field).toBe('id');
  expect(body.error.message).toContain('cases:get: id');
});
