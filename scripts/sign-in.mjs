// Signs a page in through BoardPrep's own sign-in screen, as a person would: the scripts that drive the app in
// Chromium (screenshots, bench:viewer) run on a demo data folder, whose users share the demo password.
export const DEMO_PASSWORD = 'sarcoma-demo';

/** @param {import('playwright-core').Page} page */
export async function signIn(page, username = 'chair', password = DEMO_PASSWORD) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in to BoardPrep' }).waitFor({ state: 'detached' });
}
