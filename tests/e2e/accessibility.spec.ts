import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addUser, expect, loadDemoBoard, pageApi, test } from './fixtures';

/**
 * Issue 11, item 1: axe-core on every screen of the demo board, WCAG 2.1 A and AA, with no serious or critical
 * violation. Each screen is checked once it shows its content; a failure lists rule, element and what is wrong.
 */

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Serious and critical violations on the page as it is now, one readable line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`,
      ),
    );
}

async function check(page: Page, screen: string): Promise<void> {
  const found = await seriousViolations(page);
  expect.soft(found, `${screen}: ${found.length} serious/critical axe violations\n${found.join('\n')}`).toEqual([]);
}

async function show(page: Page, baseUrl: string, hash: string): Promise<void> {
  await page.goto(`${baseUrl}${hash}`);
}

test('every screen of the demo board passes axe (WCAG 2.1 AA) with no serious or critical violation', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await page.goto(app.openUrl);
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await check(page, 'empty board');
  await loadDemoBoard(page, { images: true });
  const cases = page.getByRole('complementary', { name: 'Cases' }).getByRole('link');
  await expect(cases).toHaveCount(9); // 7 demo cases and the 2 demo referrals' (issue 14)
  await check(page, 'case list');

  await cases.filter({ hasText: 'HALVERSON' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('HALVERSON');
  await check(page, 'case record');

  await page.getByRole('link', { name: 'Clinical', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Readiness for the board' })).toBeVisible();
  await check(page, 'clinical');

  await page.getByRole('link', { name: 'Imaging', exact: true }).click();
  await expect(page.getByTestId('viewer-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await check(page, 'imaging (series open)');

  await page.getByRole('button', { name: 'New case' }).click();
  await expect(page.getByRole('form', { name: 'New case' })).toBeVisible();
  await check(page, 'new case form');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Meetings' }).click();
  await expect(page.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible();
  await check(page, 'meetings list');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await check(page, 'keyboard shortcuts dialog');
  await page.keyboard.press('Escape');

  const meeting = await pageApi<{ id: number }>(page, 'meetings:next', {});
  const detail = await pageApi<{ items: { id: number }[] }>(page, 'meetings:get', { id: meeting.id });
  await show(page, app.baseUrl, `#/meetings/${meeting.id}`);
  await expect(page.getByRole('list', { name: 'Agenda' }).getByTestId('agenda-patient')).toHaveCount(7);
  await check(page, 'agenda');

  await show(page, app.baseUrl, `#/meetings/${meeting.id}/edit`);
  await expect(page.getByRole('form').first()).toBeVisible();
  await check(page, 'meeting details form');

  await show(page, app.baseUrl, `#/meetings/${meeting.id}/slides`);
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await check(page, 'slides (deck editor)');

  await show(page, app.baseUrl, `#/meetings/${meeting.id}/decisions/${detail.items[0].id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await check(page, 'decision');

  await show(page, app.baseUrl, `#/meetings/${meeting.id}/present`);
  await expect(page.getByRole('region', { name: 'Current slide' })).toBeVisible();
  await check(page, 'presenter');

  const [audience] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('button', { name: 'Open audience window' }).click(),
  ]);
  await expect(audience.getByTestId('audience')).toBeVisible();
  await expect(audience.getByTestId('slide-title').first()).toHaveText('Agenda');
  await check(audience, 'audience window');
  await audience.close();

  // A signed-off decision of the past meeting reads as a record.
  const past = (await pageApi<{ past: { id: number }[] }>(page, 'meetings:list', {})).past[0];
  const pastItems = (
    await pageApi<{ items: { id: number; decision: { status: string } }[] }>(page, 'meetings:get', { id: past.id })
  ).items;
  const signed = pastItems.find((i) => i.decision.status === 'signed')!;
  await show(page, app.baseUrl, `#/meetings/${past.id}/decisions/${signed.id}`);
  await expect(page.getByText(/Signed off by/).first()).toBeVisible();
  await check(page, 'decision (signed off)');

  for (const doc of [`meeting/${meeting.id}`, `minutes/${meeting.id}`, `outcome/${detail.items[0].id}`]) {
    await show(page, app.baseUrl, `#/print/${doc}`);
    await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 20_000 });
    await check(page, `print ${doc.split('/')[0]}`);
  }
});

test('a screen that cannot load says why in an alert, so a screen reader announces it', async ({ page, app }) => {
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const meeting = await pageApi<{ id: number }>(page, 'meetings:next', {});
  for (const hash of [
    '#/cases/9999',
    '#/cases/9999/clinical',
    '#/meetings/9999',
    '#/meetings/9999/slides',
    `#/meetings/${meeting.id}/decisions/9999`,
  ]) {
    await show(page, app.baseUrl, hash);
    await expect(page.getByRole('alert'), hash).toHaveText(/\w/);
  }
});

test.describe('the signed-in workstation (issue 12)', () => {
  test.use({ signedIn: false });

  test('sign-in, user menu, administration, change password and lock screens pass axe', async ({ page, app }) => {
    test.setTimeout(120_000);
    const admin = {
      username: 'axe-admin',
      displayName: 'Axe Admin',
      role: 'administrator',
      password: 'axe-password-1',
    };
    await addUser(app.dataDir, admin);
    await page.goto(app.openUrl);
    const signIn = page.getByRole('form', { name: 'Sign in to BoardPrep' });
    await expect(signIn).toBeVisible();
    await check(page, 'sign-in');
    await signIn.getByLabel('Username').fill(admin.username);
    await signIn.getByLabel('Password').fill(admin.password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();

    await page
      .getByRole('banner')
      .getByRole('button', { name: /Axe Admin/ })
      .click();
    await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible();
    await check(page, 'user menu');
    await page.getByRole('link', { name: 'Administration' }).click();
    await expect(page.getByRole('form', { name: 'Add a user' })).toBeVisible();
    await check(page, 'users');
    await show(page, app.baseUrl, '#/admin/security');
    await expect(page.getByRole('form', { name: 'Security settings' })).toBeVisible();
    await check(page, 'security');

    await page
      .getByRole('banner')
      .getByRole('button', { name: /Axe Admin/ })
      .click();
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('dialog', { name: 'Change your password' })).toBeVisible();
    await check(page, 'change password dialog');
    await page.keyboard.press('Escape');

    await page
      .getByRole('banner')
      .getByRole('button', { name: /Axe Admin/ })
      .click();
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expect(page.getByRole('dialog', { name: 'Locked' })).toBeVisible();
    await check(page, 'lock screen');
  });
});
