import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, test } from './fixtures';

/** Issue 13: the work-up checklist knows what is not yet decidable, and what the board is asked. */

const caseCards = (page: Page) => page.getByRole('complementary', { name: 'Cases' }).getByRole('link');
const checklist = (page: Page) => page.getByRole('list', { name: 'Work-up checklist' });
const checklistItem = (page: Page, label: string) =>
  checklist(page)
    .getByRole('listitem')
    .filter({ has: page.locator('.ritem__label', { hasText: label }) });
const headerChip = (page: Page) => page.locator('.case-header').getByTestId('readiness-chip');

async function openDemoCase(page: Page, openUrl: string, name: string) {
  await page.goto(openUrl);
  await loadDemoBoard(page);
  await caseCards(page).filter({ hasText: name }).click();
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Clinical' }).click();
  await expect(page).toHaveURL(/#\/cases\/\d+\/clinical$/);
}

test('a pending item turns applicable when the liposarcoma subtype is entered', async ({ page, app }) => {
  // The back liposarcoma's outside biopsy says only "Liposarcoma, subtype not stated".
  await openDemoCase(page, app.openUrl, 'OYELARAN');
  const ctAbdomen = checklistItem(page, 'CT abdomen/pelvis for myxoid liposarcoma staging');
  const spine = checklistItem(page, 'Whole-spine MRI (or whole-body MRI) for myxoid liposarcoma staging');
  await expect(ctAbdomen).toContainText('Pending: not yet decidable');
  await expect(ctAbdomen).toContainText('Depends on the liposarcoma subtype, not yet known');
  await expect(spine).toContainText('Pending: not yet decidable');
  // Pending is open: counted apart from missing, in words.
  await expect(page.getByLabel('Checklist totals')).toContainText('2 pending');
  await expect(headerChip(page)).toHaveText('5 missing · 2 pending');
  await expect(caseCards(page).filter({ hasText: 'OYELARAN' }).getByTestId('readiness-chip')).toHaveText(
    '5 missing · 2 pending',
  );

  // The central review gives the subtype: myxoid liposarcoma.
  const pathology = page.getByRole('region', { name: 'Pathology' });
  await pathology.getByRole('button', { name: 'Edit' }).first().click();
  const form = page.getByRole('form', { name: 'Edit pathology report' });
  const histotype = form.getByRole('combobox', { name: /Histologic type/ });
  await histotype.fill('myxoid lipo');
  await page.getByRole('option', { name: /^Myxoid liposarcoma/ }).click();
  await form.getByRole('button', { name: 'Save report' }).click();
  await expect(form).toBeHidden();

  // Now the myxoid staging applies, with its purpose in its label, and is missing until done.
  await expect(ctAbdomen).toContainText('Missing');
  await expect(ctAbdomen).toContainText('myxoid liposarcoma spreads to the abdomen and spine');
  await expect(ctAbdomen).not.toContainText('Pending');
  await expect(spine).toContainText('Missing');
  await expect(page.getByLabel('Checklist totals')).toContainText('0 pending');
});

test('a palliative case outside the sarcoma chapters shows no sarcoma items, no FNCLCC tile, palliative options first', async ({
  page,
  app,
}) => {
  // Malignant psoas syndrome from a gynaecological cancer: site chapter 'other', palliative question.
  await openDemoCase(page, app.openUrl, 'PRENTICE');
  const items = checklist(page).getByRole('listitem');
  await expect(items.locator('.ritem__label')).toHaveText([
    'Current imaging of the disease (CT, MRI or PET-CT)',
    'Performance status (ECOG)',
    'Symptom and pain assessment',
    'Treatment given so far (surgery, radiotherapy, systemic therapy)',
  ]);
  await expect(checklist(page)).not.toContainText('FNCLCC');
  await expect(checklist(page)).not.toContainText('Sarcoma-expert');
  await expect(checklist(page)).not.toContainText('Not applicable');
  await expect(checklistItem(page, 'Performance status (ECOG)')).toContainText('ECOG 3 recorded on the case');

  const snapshot = page.getByLabel('Clinical snapshot');
  await expect(snapshot).toContainText('Work-up');
  await expect(snapshot).not.toContainText('FNCLCC grade');

  const options = page.getByRole('group', { name: 'Plan options' }).locator('.plan-option');
  await expect(options.first()).toHaveText('Palliative radiotherapy');
  await expect(options.nth(1)).toHaveText('Analgesia (optimise pain medication)');
});

test('a tick dated in the future is refused with a clear message', async ({ page, app }) => {
  await openDemoCase(page, app.openUrl, 'PRENTICE');
  const symptoms = checklistItem(page, 'Symptom and pain assessment');
  await symptoms.getByRole('button', { name: /Tick by hand/ }).click();
  const form = page.getByRole('group', { name: 'Tick by hand: Symptom and pain assessment' });
  await form.getByLabel('Date of the evidence').fill('2099-01-01');
  await form.getByRole('button', { name: 'Save tick' }).click();
  await expect(form).toContainText('1 Jan 2099 is in the future');
  await expect(symptoms).toContainText('Missing');
});
