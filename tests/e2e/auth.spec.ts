import type { Page } from '@playwright/test';
import { addUser, E2E_USER, expect, pageAnswer, pageApi, test } from './fixtures';

/**
 * Issue 12, items 1 and 2: signing in on a shared workstation, the lock that keeps unsaved edits, handing the
 * workstation to someone else (who never sees the previous user's drafts), and a new user's temporary password.
 */
test.use({ signedIn: false });

const SECOND = { username: 'cora', displayName: 'Cora Second', role: 'coordinator', password: 'cora-password-1' };
const ADMIN = { username: 'ada', displayName: 'Ada Admin', role: 'administrator', password: 'ada-password-12' };

async function signIn(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in to BoardPrep' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function openUserMenu(page: Page): Promise<void> {
  await page.getByRole('banner').locator('.user-menu__button').click();
}

test('signing in: a wrong password is refused, the right one opens the board under the user’s name', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  await signIn(page, E2E_USER.username, 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('The username or password is not right');
  await expect(page.getByRole('heading', { name: 'Sign in to BoardPrep' })).toBeVisible();

  await signIn(page, E2E_USER.username, E2E_USER.password);
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(E2E_USER.displayName);
  await expect(page.getByRole('banner')).toContainText('Chair');
  await openUserMenu(page);
  await expect(page.getByText(/^Workstation /)).toBeVisible();
  // A chair is no administrator: no way into the administration.
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible();
});

test('locking keeps what was typed; only the same user’s password unlocks it', async ({ page, app }) => {
  await page.goto(app.openUrl);
  await signIn(page, E2E_USER.username, E2E_USER.password);
  await page.getByRole('banner').getByRole('button', { name: 'New case' }).click();
  const familyName = page.getByRole('form', { name: 'New case' }).getByLabel('Family name');
  await familyName.fill('UNSAVED-DRAFT');

  await openUserMenu(page);
  await page.getByRole('button', { name: 'Lock now' }).click();
  const lock = page.getByRole('dialog', { name: 'Locked' });
  await expect(lock).toBeVisible();
  await expect(lock).toContainText(E2E_USER.displayName);
  // The session is locked in the main process too: a call from the page is refused until the unlock.
  const refused = await pageAnswer(page, 'users:directory', {});
  expect(refused.ok ? 'answered' : refused.error.code).toBe('locked');
  // The lock screen has the focus; Escape does not leave it; the form behind it is out of reach.
  await expect(lock.getByLabel('Password')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(lock).toBeVisible();
  await expect(page.getByRole('form', { name: 'New case' })).toHaveCount(0);

  await lock.getByLabel('Password').fill('not-the-password');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByRole('alert')).toHaveText('The password is not right');
  await lock.getByLabel('Password').fill(E2E_USER.password);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toBeHidden();
  await expect(familyName).toHaveValue('UNSAVED-DRAFT');
});

test('the page locks by itself after the idle minutes, and the draft survives', async ({ page, app }) => {
  await page.clock.install();
  await page.goto(app.openUrl);
  await signIn(page, E2E_USER.username, E2E_USER.password);
  await page.getByRole('banner').getByRole('button', { name: 'New case' }).click();
  const familyName = page.getByRole('form', { name: 'New case' }).getByLabel('Family name');
  await familyName.fill('IDLE-DRAFT');
  const lock = page.getByRole('dialog', { name: 'Locked' });
  // Activity restarts the wait: 14 minutes after the typing nothing is locked yet.
  await page.clock.fastForward('14:00');
  await expect(lock).toHaveCount(0);
  await page.clock.fastForward('01:05');
  await expect(lock).toBeVisible();
  await lock.getByLabel('Password').fill(E2E_USER.password);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toBeHidden();
  await expect(familyName).toHaveValue('IDLE-DRAFT');
});

test('signing in as someone else from the lock screen drops the previous user’s unsaved draft', async ({
  page,
  app,
}) => {
  await addUser(app.dataDir, SECOND);
  await page.goto(app.openUrl);
  await signIn(page, E2E_USER.username, E2E_USER.password);
  await page.getByRole('banner').getByRole('button', { name: 'New case' }).click();
  await page.getByRole('form', { name: 'New case' }).getByLabel('Family name').fill('ERIN-PRIVATE-DRAFT');
  await openUserMenu(page);
  await page.getByRole('button', { name: 'Lock now' }).click();

  const lock = page.getByRole('dialog', { name: 'Locked' });
  await lock.getByRole('button', { name: 'Sign in as someone else' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to BoardPrep' })).toBeVisible();
  await signIn(page, SECOND.username, SECOND.password);

  await expect(page.getByRole('banner')).toContainText(SECOND.displayName);
  await expect(page.getByRole('banner')).not.toContainText(E2E_USER.displayName);
  await page.getByRole('banner').getByRole('button', { name: 'New case' }).click();
  await expect(page.getByRole('form', { name: 'New case' }).getByLabel('Family name')).toHaveValue('');
  await expect(page.getByText('ERIN-PRIVATE-DRAFT')).toHaveCount(0);
});

test('an administrator adds a user, who must choose their own password at the first sign-in', async ({ page, app }) => {
  await addUser(app.dataDir, ADMIN);
  await page.goto(app.openUrl);
  await signIn(page, ADMIN.username, ADMIN.password);
  await openUserMenu(page);
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('rowheader', { name: /Erin Test/ })).toBeVisible();

  // The board keeps one administrator at least: the refusal says why.
  await table.getByRole('button', { name: `Disable ${ADMIN.displayName}` }).click();
  await expect(page.getByRole('alert')).toContainText('ask another administrator');

  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Username').fill('newbie');
  await form.getByLabel('Full name').fill('Nora Newbie');
  await form.getByLabel('Role').selectOption({ label: 'Member' });
  await form.getByLabel('Specialty').selectOption({ label: 'Pathologist' });
  await form.getByLabel('Temporary password').fill('short');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form.getByText('A password has at least 10 characters')).toBeVisible();
  await form.getByLabel('Temporary password').fill('temporary-pass-1');
  await form.getByRole('button', { name: 'Add user' }).click();
  const row = table.getByRole('row').filter({ hasText: 'Nora Newbie' });
  await expect(row).toContainText('Member');
  await expect(row).toContainText('Pathologist');
  await expect(row).toContainText('Active, temporary password');

  await openUserMenu(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'newbie', 'temporary-pass-1');
  await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
  // Nothing else answers until it is changed.
  const early = await pageAnswer(page, 'users:directory', {});
  expect(early.ok ? 'answered' : early.error.message).toBe('Change your temporary password first');
  const change = page.getByRole('form', { name: 'Change password' });
  await change.getByLabel('Current password').fill('temporary-pass-1');
  await change.getByLabel('New password').first().fill('noras-own-pass-1');
  await change.getByLabel('New password again').fill('noras-own-pass-1');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('banner')).toContainText('Nora Newbie');
  await expect(page.getByRole('banner')).toContainText('Member');
  // A member neither adds cases nor loads the demo board.
  await expect(page.getByRole('button', { name: 'New case' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Load demo board' })).toHaveCount(0);
});

test('the security settings refuse an unusable lock time and save a good one', async ({ page, app }) => {
  await addUser(app.dataDir, ADMIN);
  await page.goto(app.openUrl);
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.goto(`${app.baseUrl}#/admin/security`);
  const form = page.getByRole('form', { name: 'Security settings' });
  const minutes = form.getByLabel('Lock the screen after (minutes without use)');
  await expect(minutes).toHaveValue('15');
  await minutes.fill('0');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('At least 1 minute')).toBeVisible();
  await minutes.fill('5');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText('locking after 5 minutes');
  expect(await pageApi<{ lockMinutes: number }>(page, 'auth:status', {})).toMatchObject({ lockMinutes: 5 });
});
