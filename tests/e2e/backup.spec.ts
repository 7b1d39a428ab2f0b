import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { addUser, expect, signInOverHttp, test } from './fixtures';

const ADMIN = { username: 'e2e-admin', displayName: 'Ada Admin', role: 'administrator', password: 'e2e-password-1' };

test.use({ signedIn: false });

test('an administrator sets the backup folder and backs up now; the screen says what was written', async ({
  app,
  context,
  page,
}) => {
  await addUser(app.dataDir, ADMIN);
  const session = await signInOverHttp(app, ADMIN.username, ADMIN.password);
  await context.addInitScript((token) => sessionStorage.setItem('boardprep.session', token), session);
  await page.goto(`${app.openUrl}#/admin/backup`);

  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
  await expect(page.getByTestId('last-backup')).toHaveText('No backup has been made from this app yet.');
  const dir = path.join(app.dataDir, 'backups', 'daily');
  await page.getByLabel('Backup folder').fill(dir);
  await page.getByLabel('Backups to keep').fill('3');
  await page.getByLabel(/Back up every day/).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Backup settings saved.')).toBeVisible();

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/^Backed up \d+ cases, \d+ images and \d+ key-image renders/)).toBeVisible();
  // The last backup's time, in words (no ISO date on screen).
  await expect(page.getByTestId('last-backup')).toHaveText(/^Last backup: \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/);
  expect(existsSync(dir)).toBe(true);
  expect(readdirSync(dir)).toEqual([expect.stringMatching(/^boardprep-backup-/)]);
});
