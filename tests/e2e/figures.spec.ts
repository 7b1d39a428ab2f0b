import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { localIsoDate } from '../../shared/dates';
import { FIGURES_CSV_COLUMNS } from '../../shared/figures/figures-csv';
import { addUser, expect, loadDemoBoard, signInOverHttp, test } from './fixtures';

/**
 * Issue 14, item 11: the service figures of the demo board, as its coordinator reads them. The demo has one
 * finished meeting (12 Nov 2026: one case deferred, one not reached) and the next one (10 Dec 2026: seven cases).
 */
test.use({ signedIn: false });

const COORDINATOR = { username: 'joanne', displayName: 'Joanne Test', role: 'coordinator', password: 'joanne-pass-1' };

/** Serious or critical axe violations (WCAG 2.1 AA) on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

/** A chart's table, opened, and the cells of its row for one meeting. */
async function tableRow(page: Page, title: string, meeting: string): Promise<Locator> {
  const figure = page.getByRole('figure', { name: title });
  const details = figure.locator('details');
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await figure.getByText(/^Table:/).click();
  return figure.getByRole('table', { name: title }).getByRole('row', { name: new RegExp(`^${meeting}`) });
}

/** A total by its term ("Meetings", "Cases on agendas"). */
const total = (page: Page, name: string) =>
  page
    .locator('.figures__totals > div')
    .filter({ has: page.getByText(name, { exact: true }) })
    .locator('dd');

test('the coordinator reads the demo board’s figures as charts and tables, narrows the dates and downloads the CSV', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await addUser(app.dataDir, COORDINATOR);
  const session = await signInOverHttp(app, COORDINATOR.username, COORDINATOR.password);
  await page.context().addInitScript((token) => {
    if (sessionStorage.getItem('boardprep.session') === null) sessionStorage.setItem('boardprep.session', token);
  }, session);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);

  await page.getByRole('link', { name: 'Figures' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Service figures' })).toBeVisible();
  await expect(total(page, 'Meetings')).toHaveText('2');
  await expect(total(page, 'Cases on agendas')).toHaveText('9');
  await expect(total(page, 'Discussed / deferred / not reached')).toHaveText('0 / 1 / 1');

  // The charts draw a bar per figure, and their axes name the meetings as people write dates.
  const outcomes = page.getByTestId('figures-outcomes-chart');
  await expect(outcomes.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const ticks = (chart: Locator) => chart.locator('.figures__tick');
  await expect(ticks(outcomes).filter({ hasText: '12 Nov 2026' })).toHaveCount(1);
  await expect(ticks(outcomes).filter({ hasText: '10 Dec 2026' })).toHaveCount(1);

  // Each chart's table holds the same figures.
  const cells = (row: Locator) => row.getByRole('cell');
  const past = await tableRow(page, 'Cases per meeting and what became of them', '12 Nov 2026');
  await expect(cells(past)).toHaveText(['0', '1', '1', '0', '2']);
  const next = await tableRow(page, 'Cases per meeting and what became of them', '10 Dec 2026');
  await expect(cells(next)).toHaveText(['0', '0', '0', '7', '7']);
  // Neither case of 12 Nov was ready when its cut-off passed (the demo loads them as drafts).
  await expect(cells(await tableRow(page, 'Ready at cut-off', '12 Nov 2026'))).toHaveText(['2', '0']);
  await expect(page.locator('body')).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  expect(await axeProblems(page)).toEqual([]);

  // Only the meetings up to the end of November.
  await page.getByLabel('Meetings to').fill('2026-11-30');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(total(page, 'Meetings')).toHaveText('1');
  await expect(total(page, 'Cases on agendas')).toHaveText('2');
  await expect(ticks(outcomes).filter({ hasText: '12 Nov 2026' })).toHaveCount(1);
  await expect(ticks(outcomes).filter({ hasText: '10 Dec 2026' })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('figures-all-boards-to-2026-11-30.csv');
  const lines = readFileSync((await file.path())!, 'utf8').split('\r\n');
  expect(lines[0]).toBe(FIGURES_CSV_COLUMNS.map((c) => c.header).join(','));
  expect(lines[0]).toMatch(/^meeting_date,board,meeting,status,cases,discussed,deferred,not_reached,/);
  // The deferral signed off on 12 Nov set two actions, due 26 Nov and 3 Dec 2026: open, and overdue once past.
  const overdue = ['2026-11-26', '2026-12-03'].filter((due) => due < localIsoDate()).length;
  expect(lines[1]).toBe(`2026-11-12,sarcoma,Sarcoma MDT,finished,2,0,1,1,0,0,0,,,,0,0,,,,2,${overdue}`);
  expect(lines).toEqual([lines[0], lines[1], '']);
  await expect(page.getByRole('status').filter({ hasText: 'Saved the figures' })).toHaveText(
    'Saved the figures of 1 meeting as CSV',
  );
});
