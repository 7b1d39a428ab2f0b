import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, test } from './fixtures';

const caseCards = (page: Page) => page.getByRole('complementary', { name: 'Cases' }).getByRole('link');

/** Serious or critical axe violations (WCAG 2.1 AA) on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

test('a case with an existing MRN becomes a new episode of that patient, showing the earlier episode, its outcome and its imaging', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page, { images: true });
  await expect(caseCards(page)).toHaveCount(9); // 7 demo cases and the 2 demo referrals' (issue 14)

  // A new case for the retroperitoneal liposarcoma patient, back after neoadjuvant treatment: the MRN is on record.
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('MRN').fill('BP-100231');
  await page.getByLabel('Family name').click(); // leaving the MRN field checks it
  await expect(page.getByText('MRN already belongs to HALVERSON, Graham Peter (born 11 Apr 1963)')).toBeVisible();
  const offer = page.getByRole('region', { name: 'Patient HALVERSON, Graham Peter on record' });
  await expect(offer).toContainText('Episode 1: New diagnosis');
  expect(await axeProblems(page)).toEqual([]);
  await offer.getByRole('button', { name: 'New episode for HALVERSON, Graham Peter (born 11 Apr 1963)' }).click();
  await expect(offer).toContainText('This case will be episode 2 of HALVERSON, Graham Peter');
  // The patient's details are those on record, filled in.
  await expect(page.getByLabel('Family name')).toHaveValue('Halverson');
  await expect(page.getByLabel('Date of birth')).toHaveValue('1963-04-11');

  // A different date of birth is named, and the record's details are one click away.
  await page.getByLabel('Date of birth').fill('1963-04-12');
  await expect(offer).toContainText('date of birth: 11 Apr 1963 on record, 12 Apr 1963 here');
  await offer.getByRole('button', { name: 'Use the details on record' }).click();
  await expect(page.getByLabel('Date of birth')).toHaveValue('1963-04-11');

  await page.getByRole('combobox', { name: 'Episode', exact: true }).selectOption('restaging');
  await page.getByLabel('Board question kind').selectOption('post-operative');
  await page.getByLabel('Responsible consultant').fill('Dr Helena Marsh, consultant sarcoma surgeon');
  await page.getByLabel('How to reach them').fill('bleep 4401');
  await page.getByLabel('Tumour site').fill('Left retroperitoneum');
  await page.getByLabel('AJCC site chapter').selectOption('retroperitoneum');
  await page.getByLabel('Working diagnosis').fill('Dedifferentiated liposarcoma after preoperative radiotherapy');
  await page.getByLabel('Question for the board').fill('Resection now?');
  await page.getByRole('button', { name: 'Create case' }).click();

  // The new case: episode 2 of 2, with the earlier episode and what the board made of it.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('HALVERSON');
  await expect(page.locator('.case-header__episode')).toHaveText('Restaging after treatment · episode 2 of 2');
  const episodes = page.getByRole('region', { name: /Other episodes of this patient/ });
  await expect(episodes.getByRole('link', { name: 'Episode 1: New diagnosis' })).toBeVisible();
  // At the finished November meeting the case was deferred, signed off by the chair.
  const outcomes = episodes.getByRole('list', { name: 'Board outcomes of episode 1' });
  await expect(outcomes.getByRole('listitem').first()).toContainText('Deferred');
  await expect(outcomes.getByRole('listitem').first()).toContainText('Signed off by Dr Helena Marsh');
  expect(await axeProblems(page)).toEqual([]);
  // The case list says it too.
  await expect(caseCards(page).filter({ hasText: 'episode 2 of 2' })).toHaveCount(1);
  await expect(caseCards(page).filter({ hasText: 'episode 1 of 2' })).toHaveCount(1);

  // The record says demographics are the patient's, for both episodes.
  await expect(page.getByText('changes to the name, MRN, date of birth or sex apply to all 2 episodes')).toBeVisible();

  // The earlier episode's CT is on this case's Imaging tab, marked, and opens in the viewer.
  await page.getByRole('link', { name: 'Imaging', exact: true }).click();
  await expect(page.getByRole('link', { name: 'from episode 1: New diagnosis' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /AXIAL.*51 images/ })).toBeVisible();
  await expect(page.getByTestId('viewer-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  // It is detached from its own case only.
  await expect(page.getByRole('button', { name: /^Detach study/ })).toHaveCount(0);
});
