import { expect, loadDemoBoard, test } from './fixtures';

test('? opens the keyboard shortcuts, Escape closes them; the browser does not advertise Ctrl+N', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeHidden();

  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Presenter and audience' })).toBeVisible();
  await expect(dialog.getByText('Search cases')).toBeVisible();
  // In a browser Ctrl+N opens a new browser window: the web host does not offer it.
  await expect(dialog.getByText('New case', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New case' })).not.toHaveAttribute('title', /Ctrl\+N/);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Typing ? into a field is typing, not a shortcut.
  await page.getByRole('searchbox').first().fill('');
  await page.getByRole('searchbox').first().press('?');
  await expect(dialog).toBeHidden();
});
