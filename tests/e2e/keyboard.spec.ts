import type { Locator, Page } from '@playwright/test';
import { expect, loadDemoBoard, test } from './fixtures';

/**
 * Issue 11, item 1: the coordinator's workflow with the keyboard alone (Tab, Enter, Space, typing, Alt+arrows; no
 * click after the demo board is loaded): a new case, onto the next meeting's agenda, moved up, and into the slides.
 */

// Dates are typed into the date field segment by segment, in the order of the locale.
test.use({ locale: 'en-US' });

/** Presses Tab until the control has the focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, control: Locator, maxPresses = 200): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await control.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${control.toString()}`);
}

async function typeInto(page: Page, control: Locator, text: string): Promise<void> {
  await tabTo(page, control);
  await page.keyboard.type(text);
}

const agendaNames = (page: Page) => page.getByRole('list', { name: 'Agenda' }).getByTestId('agenda-patient');

test('a coordinator creates a case, puts it on the next agenda, moves it up and opens the slides with the keyboard only', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  await page.locator('body').focus();

  // A new case.
  await tabTo(page, page.getByRole('button', { name: 'New case' }));
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New case' });
  await expect(form).toBeVisible();
  await typeInto(page, form.getByLabel('Family name'), 'Marlowe');
  await typeInto(page, form.getByLabel('Given names'), 'Henrietta');
  await typeInto(page, form.getByLabel('MRN'), 'KBD-0001');
  await typeInto(page, form.getByLabel('Date of birth'), '03141958');
  await typeInto(page, form.getByLabel('Sex'), 'Female');
  await typeInto(page, form.getByLabel('Responsible consultant'), 'Dr Ines Varga, sarcoma surgeon');
  await typeInto(page, form.getByLabel('How to reach them'), 'bleep 4471');
  await typeInto(page, form.getByLabel('Tumour site'), 'Right thigh, deep to fascia');
  await typeInto(page, form.getByLabel('AJCC site chapter'), 'Trunk');
  await typeInto(page, form.getByLabel('Working diagnosis'), 'Myxoid liposarcoma, biopsy proven');
  await typeInto(page, form.getByLabel('Question for the board'), 'Preoperative radiotherapy before resection?');
  await expect(form.getByLabel('Date of birth')).toHaveValue('1958-03-14');
  await expect(form.getByLabel('Sex')).toHaveValue('female');
  await expect(form.getByLabel('AJCC site chapter')).toHaveValue('trunk-extremity');
  await tabTo(page, form.getByRole('button', { name: 'Create case' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'MARLOWE, Henrietta' })).toBeVisible();

  // Onto the agenda of the next meeting.
  await tabTo(page, page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Meetings' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('list', { name: 'Upcoming meetings' }).getByRole('link'));
  await page.keyboard.press('Enter');
  await expect(agendaNames(page)).toHaveCount(7);
  const seventh = await agendaNames(page).nth(6).innerText();
  await tabTo(page, page.getByRole('button', { name: 'Add cases' }));
  await page.keyboard.press('Enter');
  const picker = page.getByRole('region', { name: 'Add cases to the agenda' });
  await typeInto(page, picker.getByLabel('Search cases to add'), 'Marlowe');
  await tabTo(page, picker.getByRole('checkbox', { name: 'Add MARLOWE, Henrietta' }));
  await page.keyboard.press('Space');
  await tabTo(page, picker.getByRole('button', { name: 'Add 1 case' }));
  await page.keyboard.press('Enter');
  await expect(agendaNames(page)).toHaveCount(8);
  await expect(agendaNames(page).nth(7)).toHaveText('MARLOWE, Henrietta');
  await tabTo(page, picker.getByRole('button', { name: 'Done' }));
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();

  // Moved up one place with Alt+Up in its row.
  await tabTo(page, page.getByRole('button', { name: 'Drag to reorder MARLOWE, Henrietta' }));
  await page.keyboard.press('Alt+ArrowUp');
  await expect(agendaNames(page).nth(6)).toHaveText('MARLOWE, Henrietta');
  await expect(agendaNames(page).nth(7)).toHaveText(seventh);

  // The slides: the new case has its slides, in its new place.
  await tabTo(page, page.getByRole('navigation', { name: 'Meeting sections' }).getByRole('link', { name: 'Slides' }));
  await page.keyboard.press('Enter');
  const slides = page.getByRole('navigation', { name: 'Slides' });
  const marlowe = slides.getByRole('button', { name: /^MARLOWE, Henrietta\s*\d/ });
  await expect(marlowe).toHaveCount(1);
  const titles = await slides.locator('.slide-entry__title').allInnerTexts();
  expect(titles.indexOf('MARLOWE, Henrietta')).toBeLessThan(titles.indexOf(seventh));
});
