import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, test } from './fixtures';

const caseCards = (page: Page) => page.getByRole('complementary', { name: 'Cases' }).getByRole('link');
const leaveDialog = (page: Page) => page.getByRole('alertdialog', { name: 'Leave without saving?' });

test('leaving a case with unsaved edits asks first: Cancel keeps the text, Leave discards it', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  await caseCards(page).filter({ hasText: 'HALVERSON' }).click();
  const question = page.getByRole('textbox', { name: 'Question for the board' });
  await expect(question).toBeVisible();
  const stored = await question.inputValue();
  const firstCase = page.url();
  await question.fill('Resect after neoadjuvant radiotherapy? (typed, not saved)');

  // Another case in the list: asked, and Cancel keeps the user on the form with the edits.
  await caseCards(page).filter({ hasNotText: 'HALVERSON' }).first().click();
  await expect(leaveDialog(page)).toBeVisible();
  await expect(leaveDialog(page)).toContainText('the case details');
  await leaveDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(leaveDialog(page)).toHaveCount(0);
  await expect(question).toHaveValue('Resect after neoadjuvant radiotherapy? (typed, not saved)');
  expect(page.url()).toBe(firstCase);

  // The browser's back button asks too, and Cancel puts the address back.
  await page.goBack();
  await expect(leaveDialog(page)).toBeVisible();
  await leaveDialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveValue('Resect after neoadjuvant radiotherapy? (typed, not saved)');
  await expect(page).toHaveURL(firstCase);

  // Leave: the other case opens; the edits were not saved.
  await caseCards(page).filter({ hasNotText: 'HALVERSON' }).first().click();
  await leaveDialog(page).getByRole('button', { name: 'Leave without saving' }).click();
  await expect(leaveDialog(page)).toHaveCount(0);
  await expect(page).not.toHaveURL(firstCase);
  await caseCards(page).filter({ hasText: 'HALVERSON' }).click();
  await expect(page.getByRole('textbox', { name: 'Question for the board' })).toHaveValue(stored);
  // Nothing typed: nothing asked.
  await caseCards(page).filter({ hasNotText: 'HALVERSON' }).first().click();
  await expect(page).not.toHaveURL(firstCase);
  await expect(leaveDialog(page)).toHaveCount(0);
});
