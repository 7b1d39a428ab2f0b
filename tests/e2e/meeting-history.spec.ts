import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, test } from './fixtures';

/**
 * A carried-over case's earlier meetings, signed-off decisions as a readable record with amendments as changes,
 * the audience window kept in step with the presenter (closed, Esc, reload), and the agenda's guard rails.
 */

// Sign-off stamps are instants shown in local time: fix the zone so "14:00" is what the page must say.
test.use({ timezoneId: 'UTC' });

const agendaRow = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Agenda' }).getByRole('listitem').filter({ hasText: name }).first();
const currentTitle = (page: Page) => page.getByRole('region', { name: 'Current slide' }).getByTestId('slide-title');

async function openMeeting(page: Page, openUrl: string, which: 'Upcoming' | 'Past') {
  await page.goto(openUrl);
  await loadDemoBoard(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Meetings' }).click();
  await page
    .getByRole('list', { name: `${which} meetings` })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByRole('list', { name: 'Agenda' })).toBeVisible();
}

test('a carried-over case shows its earlier meeting on the agenda (by keyboard) and on its decision page', async ({
  page,
  app,
}) => {
  await openMeeting(page, app.openUrl, 'Upcoming');
  const row = agendaRow(page, 'HALVERSON');
  const chip = row.getByRole('button', { name: /Carried over from Thu 12 Nov 2026/ });
  await expect(chip).toHaveAttribute('aria-expanded', 'false');
  await expect(row.getByText('Earlier at the board')).toHaveCount(0);

  // A disclosure button: reachable and opened with the keyboard, no hovering needed.
  await chip.focus();
  await page.keyboard.press('Enter');
  await expect(chip).toHaveAttribute('aria-expanded', 'true');
  const earlier = row.getByTestId('earlier-at-board');
  await expect(earlier.getByRole('heading', { name: 'Earlier at the board' })).toBeVisible();
  await expect(earlier).toContainText('Thu 12 Nov 2026, 13:00');
  await expect(earlier).toContainText('Deferred');
  await expect(earlier).toContainText('Staging incomplete');
  await expect(
    earlier.getByRole('listitem').filter({ hasText: 'Obtain the outside CT chest images' }).last(),
  ).toContainText('Joanne Pike, MDT coordinator, by 26 Nov 2026');
  await page.keyboard.press('Space');
  await expect(chip).toHaveAttribute('aria-expanded', 'false');
  await expect(row.getByTestId('earlier-at-board')).toHaveCount(0);

  // The other carried-over case was not reached in November: that is said too.
  await agendaRow(page, 'CASTELLANO')
    .getByRole('button', { name: /Carried over from/ })
    .click();
  await expect(agendaRow(page, 'CASTELLANO').getByTestId('earlier-at-board')).toContainText('Not discussed');

  // The new meeting's decision page shows what happened before, above the new decision.
  await row.getByRole('link', { name: /decision.* for HALVERSON/i }).click();
  const block = page.getByRole('region', { name: 'Earlier at the board' });
  await expect(block).toBeVisible();
  await expect(block).toContainText('Thu 12 Nov 2026, 13:00');
  await expect(block).toContainText('Deferred');
  await expect(block).toContainText('Staging incomplete: lung lesion(s) not characterised');
  await expect(block).toContainText('Obtain the outside CT chest images for review by the sarcoma radiologist');
  await expect(block).toContainText('by 26 Nov 2026');
  await expect(block).toContainText('Request FNCLCC grade and MDM2 FISH on the biopsy');
  await expect(block).toContainText('Signed off by Dr Helena Marsh');
  await expect(page.getByTestId('decision-status')).toContainText('Nothing recorded yet');
});

test('a signed-off decision reads as a record, and an amendment shows only what changed', async ({ page, app }) => {
  await openMeeting(page, app.openUrl, 'Past');
  await agendaRow(page, 'HALVERSON')
    .getByRole('link', { name: /decision.* for HALVERSON/i })
    .click();

  const decision = page.getByRole('form', { name: 'Decision' });
  await expect(decision.getByTestId('decision-status')).toHaveText(
    /Signed off by Dr Helena Marsh, consultant sarcoma surgeon · 12 Nov 2026, 14:00$/,
  );
  await expect(decision.getByTestId('decision-status')).not.toContainText(/AM|PM/);
  const record = decision.getByTestId('decision-record');
  // Signed off without quorum: the record says which specialty was missing and why the chair signed off anyway.
  await expect(record.getByTestId('sign-off-line')).toContainText(
    '— without quorum (radiation oncologist absent): Deferral only',
  );
  await expect(record).toContainText('Dr Helena Marsh, Dr Amara Okafor');
  await expect(record.getByText('Dr Helena Marsh, Dr Amara Okafor')).toBeVisible();
  await expect(record.getByRole('row', { name: /Obtain the outside CT chest images/ })).toContainText('26 Nov 2026');
  await expect(record).not.toContainText('11/26/2026');
  await expect(record).toContainText('Outcome: Deferred — Staging incomplete');
  // Text, not disabled inputs.
  await expect(decision.getByRole('textbox')).toHaveCount(0);
  await expect(decision.getByRole('checkbox')).toHaveCount(0);

  // Amend one word of the discussion notes.
  await decision.getByRole('button', { name: 'Amend' }).click();
  const notes = decision.getByLabel('Discussion notes');
  const before = await notes.inputValue();
  expect(before).toContain('is not interpreted');
  await notes.fill(before.replace('is not interpreted', 'is reported as degenerative'));
  // Who amends is the signed-in user (the fixture's chair), not a typed name.
  await expect(decision.getByText('Amended by Erin Test')).toBeVisible();
  await decision.getByLabel('Reason for the amendment').fill('Bone scan reviewed after the meeting');
  await decision.getByRole('button', { name: 'Save amendment' }).click();
  await expect(decision.getByTestId('decision-status')).toContainText('1 amendment');
  await expect(decision.getByTestId('decision-record')).toContainText('is reported as degenerative');

  const history = decision.getByRole('region', { name: 'Decision history' });
  const entry = history.getByTestId('history-entry').filter({ hasText: 'Amended' });
  await expect(entry).toContainText(/Amended by Erin Test · \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
  await expect(entry).toContainText('Why: Bone scan reviewed after the meeting');
  const changes = entry.getByTestId('amendment-changes');
  // Only the changed field, and in it only the changed words are marked.
  await expect(changes.getByRole('term')).toHaveText(['Discussion notes']);
  await expect(changes.getByRole('deletion')).toHaveText(['not interpreted']);
  await expect(changes.getByRole('insertion')).toHaveText(['reported as degenerative']);
  expect((await changes.innerText()).length).toBeLessThan(before.length);

  // The original stays readable.
  await history.getByRole('button', { name: 'Show the original as signed off' }).click();
  const original = history.getByRole('group', { name: 'The original decision' });
  await expect(original).toContainText('is not interpreted');
  await expect(original).toContainText('26 Nov 2026');
});

test('the presenter notices the audience window closing or leaving with Esc, and a reload keeps the slide', async ({
  page,
  app,
}) => {
  await openMeeting(page, app.openUrl, 'Upcoming');
  await page.getByRole('link', { name: 'Present', exact: true }).click();
  await expect(currentTitle(page)).toHaveText('Agenda');

  // The case list always shows the time on each case in full.
  await page.keyboard.press('ArrowRight');
  const time = page.getByRole('navigation', { name: 'Cases' }).getByTestId('pcase-time').first();
  await expect(time).toHaveText(/^\d+:\d{2} \/ 15 min$/);
  expect(await time.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await page.keyboard.press('Home');

  // Closed by its window button: the presenter says so.
  const open = () =>
    Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Open audience window' }).click(),
    ]).then(([p]) => p);
  let audience = await open();
  await expect(page.getByRole('button', { name: 'Audience window ✓' })).toBeVisible();
  await audience.close();
  await expect(page.getByRole('button', { name: 'Open audience window' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'The audience window was closed' })).toBeVisible();

  // Esc in the audience window leaves it; the presenter is told.
  audience = await open();
  await expect(page.getByRole('button', { name: 'Audience window ✓' })).toBeVisible();
  await expect(currentTitle(audience)).toHaveText('Agenda');
  await audience.getByTestId('audience').click();
  // The window may close on the key going down: no key-up to wait for.
  await audience.keyboard.down('Escape').catch(() => undefined);
  await expect(page.getByRole('button', { name: 'Open audience window' })).toBeVisible({ timeout: 8_000 });
  await expect(
    page.getByRole('status').filter({ hasText: /The audience window (was closed|is no longer responding)/ }),
  ).toBeVisible();
  if (!audience.isClosed()) await expect(audience.getByTestId('audience-left')).toContainText('Audience view stopped');

  // A reload of the presenter view comes back to the same slide, and the audience window follows again.
  audience = await open();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await expect(currentTitle(page)).toHaveText('Clinical history');
  const where = await page.getByTestId('presenter-position').innerText();
  await expect(page.getByText('Case 2 of 7: CASTELLANO, Mateo Luis')).toBeVisible();
  await expect(currentTitle(audience)).toHaveText('Clinical history');
  await page.reload();
  await expect(page.getByTestId('presenter-position')).toHaveText(where);
  await expect(page.getByText('Case 2 of 7: CASTELLANO, Mateo Luis')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Audience window ✓' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(currentTitle(page)).toHaveText('History (continued)');
  await expect(currentTitle(audience)).toHaveText('History (continued)');
});

test('agenda guard rails: times after the end, the board chosen from a list, finishing with untouched cases', async ({
  page,
  app,
}) => {
  await openMeeting(page, app.openUrl, 'Upcoming');

  // A 60-minute meeting: the cases planned after 14:00 are flagged on their rows.
  await page.getByRole('navigation', { name: 'Meeting sections' }).getByRole('link', { name: 'Details' }).click();
  const form = page.getByRole('form', { name: 'Meeting details' });
  await form.getByLabel('Length (minutes)').fill('60');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Meeting details saved.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Meeting sections' }).getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByTestId('agenda-time')).toContainText('30 over');
  const times = page.getByTestId('planned-start');
  await expect(times.filter({ hasText: 'after end' })).toHaveText(['14:04after end', '14:16after end']);
  await expect(agendaRow(page, 'HALVERSON').getByTestId('planned-start')).toHaveText('13:00');

  // Finishing with cases nobody marked asks first, naming them.
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await page.getByRole('button', { name: 'Finish meeting' }).click();
  const confirm = page.getByTestId('finish-confirm');
  await expect(confirm).toContainText('7 cases were never marked');
  await expect(confirm).toContainText('HALVERSON, Graham Peter');
  await expect(confirm).toContainText('queued for the next meeting of this board');
  await confirm.getByRole('button', { name: 'Keep the meeting open' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Finish meeting' })).toBeVisible();
  await expect(agendaRow(page, 'HALVERSON').getByLabel('State of HALVERSON, Graham Peter')).toHaveValue('pending');

  // The board of a new meeting is chosen from the known boards; a new one is explicit and checked.
  await page.getByRole('link', { name: '← Meetings' }).click();
  await page.getByRole('link', { name: 'New meeting' }).click();
  const create = page.getByRole('form', { name: 'New meeting' });
  const board = create.getByRole('combobox', { name: 'Board' });
  await expect(board).toHaveValue('sarcoma');
  await expect(board.getByRole('option')).toHaveText(['Sarcoma', 'New board type…']);
  await board.selectOption({ label: 'New board type…' });
  await create.getByLabel('New board type').fill('sarcoma-board');
  await expect(create.getByText(/Close to the existing Sarcoma board/)).toBeVisible();
  await create.getByLabel('New board type').fill('sarcoma');
  await create.getByLabel('Date and time').fill('2027-01-14T13:00');
  await create.getByRole('button', { name: 'Create meeting' }).click();
  await expect(create.getByText('Sarcoma is already a board: choose it from the list')).toBeVisible();
});
