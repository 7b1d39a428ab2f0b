import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cutoffOf, nextMeetingStarts } from '../../shared/domain/board';
import { clockTime, dayMonthYear, localIsoDate, shortDate } from '../../shared/dates';
import { expect, loadDemoBoard, pageApi, signInOverHttp, test } from './fixtures';

/** Serious or critical axe violations (WCAG 2.1 AA) on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

test('a coordinator edits the demo board and makes four meetings; the attendance register gives quorum live and the decision starts from it', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  // The board's coordinator signs in (a demo user).
  const session = await signInOverHttp(app, 'coordinator', 'sarcoma-demo');
  await page.evaluate((s) => {
    sessionStorage.setItem('boardprep.session', s);
    location.hash = '#/service/boards';
    location.reload();
  }, session);

  await expect(page.getByRole('heading', { name: 'Boards', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Board Sarcoma MDT' });
  await expect(form.getByLabel('Board name')).toHaveValue('Sarcoma MDT');
  await expect(form.getByLabel('Chair')).toHaveValue(/\d+/);
  await expect(form.getByRole('table', { name: 'Core members and cover' })).toContainText('Dr Helena Marsh');
  await expect(form.getByRole('table', { name: 'Core members and cover' })).toContainText('Dr Amara Okafor');
  expect(await axeProblems(page)).toEqual([]);

  // Tuesdays at 08:30, referrals closing three days before at 16:00.
  await form.getByLabel('Weekday').selectOption({ label: 'Tuesday' });
  await form.getByLabel('Time', { exact: true }).fill('08:30');
  await form.getByLabel('Cut-off: days before the meeting').fill('3');
  await form.getByLabel('Cut-off time').fill('16:00');
  await form.getByRole('button', { name: 'Save board' }).click();
  await expect(form.getByRole('status')).toHaveText('Sarcoma MDT saved.');

  await page.getByLabel('Make meetings: next').fill('4');
  await page.getByRole('button', { name: 'Make meetings' }).click();
  await expect(page.getByText('Made 4 meetings of Sarcoma MDT.')).toBeVisible();
  const starts = nextMeetingStarts({ weekday: 2, startTime: '08:30' }, localIsoDate(), 4);
  const made = page.getByLabel('Meetings made');
  for (const s of starts) {
    const cutoff = cutoffOf({ cutoffDaysBefore: 3, cutoffTime: '16:00' }, s);
    await expect(made).toContainText(`${shortDate(s)}, 08:30 (cut-off ${shortDate(cutoff)}, ${clockTime(cutoff)})`);
  }
  expect(await made.innerText()).not.toMatch(ISO_DATE);
  expect(await axeProblems(page)).toEqual([]);

  // The meetings list has them with the board's time, place and cut-off.
  await page.getByRole('link', { name: 'Meetings', exact: true }).first().click();
  const upcoming = page.getByRole('list', { name: 'Upcoming meetings' });
  for (const s of starts) {
    const cutoff = cutoffOf({ cutoffDaysBefore: 3, cutoffTime: '16:00' }, s);
    await expect(upcoming.getByRole('link').filter({ hasText: `${shortDate(s)}, 08:30–09:30` })).toContainText(
      `Seminar room 3 · cut-off ${shortDate(cutoff)}, 16:00`,
    );
  }
  expect(await upcoming.innerText()).not.toMatch(ISO_DATE);

  // The demo meeting of 10 December: the register, once for the meeting.
  const list = await pageApi<{ upcoming: { id: number; startsAt: string }[] }>(page, 'meetings:list', {});
  const demo = list.upcoming.find((m) => m.startsAt === '2026-12-10T13:00')!;
  await page.evaluate((id) => (location.hash = `#/meetings/${id}`), demo.id);
  const register = page.getByRole('region', { name: 'Attendance' });
  await expect(register.getByTestId('register-quorum')).toHaveText(
    'No quorum: surgeon, radiologist, pathologist, medical oncologist, radiation oncologist and specialist nurse absent',
  );
  await register.getByRole('button', { name: "Add the board's core members" }).click();
  await expect(register.getByTestId('register-quorum')).toHaveText('✓ Quorum');
  const table = register.getByRole('table', { name: 'Attendance register' });
  await expect(table.getByRole('row')).toHaveCount(7);
  // The radiation oncologist leaves at 13:00, as the first case comes up; a guest surgeon covers.
  await table.getByLabel('Dr Owen Brandt left at').fill('13:00');
  await table.getByLabel('Dr Owen Brandt left at').blur();
  await expect(register.getByRole('status')).toHaveText('Dr Owen Brandt: departure saved.');
  await register.getByLabel('Who (member, cover, user or guest)').fill('Mr Henrik Dahl');
  await register.getByLabel('Arrived (HH:MM)').fill('13:10');
  await register.getByRole('button', { name: 'Add to register' }).click();
  await expect(table.getByRole('row', { name: /Mr Henrik Dahl \(guest\)/ })).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);

  // The first case's decision starts from who is present at 13:00: everyone but the radiation oncologist.
  await page.getByRole('link', { name: 'Record decision' }).first().click();
  const decision = page.getByRole('form', { name: 'Decision' });
  await expect(decision.getByText("Started from the meeting's attendance register")).toBeVisible();
  await expect(decision.getByTestId('quorum')).toHaveText('No quorum: 1 core specialty absent');
  await expect(decision.getByRole('checkbox', { name: 'Surgeon', exact: true })).toBeChecked();
  await expect(decision.getByRole('list', { name: 'Surgeon: people present' })).toHaveText(/Dr Helena Marsh/);
  await expect(decision.getByRole('list', { name: 'Surgeon: people present' })).not.toContainText('Henrik Dahl');
  await expect(decision.getByRole('checkbox', { name: 'Radiation oncologist', exact: true })).not.toBeChecked();
  // Only the difference is recorded for the case: the radiation oncologist came back for it.
  await decision.getByRole('checkbox', { name: 'Radiation oncologist', exact: true }).check();
  await expect(decision.getByTestId('quorum')).toHaveText('✓ Quorum');
  // The case's difference from the register is spelled out, and the register's list is one click away.
  const differences = decision.getByRole('note', { name: 'Differences from the attendance register' });
  await expect(differences).toContainText('A radiation oncologist is here, not in the register');
  expect(await axeProblems(page)).toEqual([]);
  await differences.getByRole('button', { name: "Use the register's attendance" }).click();
  await expect(decision.getByRole('checkbox', { name: 'Radiation oncologist', exact: true })).not.toBeChecked();
  await expect(differences).toHaveCount(0);
});

test('the meeting form warns of a meeting dated in the past, without stopping the save', async ({ page, app }) => {
  await page.goto(app.openUrl);
  await page.evaluate(() => (location.hash = '#/meetings/new'));
  const form = page.getByRole('form', { name: 'New meeting' });
  await form.getByLabel('Title').fill('Sarcoma MDT (recorded afterwards)');
  await form.getByLabel('Date and time').fill('2020-01-06T13:00');
  await expect(form.getByTestId('warning-meeting-in-past')).toHaveText(
    'The meeting is dated 6 Jan 2020, which is in the past.',
  );
  await form.getByRole('button', { name: 'Create meeting' }).click();
  await expect(page.getByRole('navigation', { name: 'Meeting sections' })).toBeVisible();
});

test('starting a meeting days before its date, or signing off weeks after it, is said and never refused', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const day = new Date();
  day.setDate(day.getDate() + 4);
  const fourDaysOn = `${localIsoDate(day)}T13:00`;
  const early = await pageApi<{ id: number }>(page, 'meetings:create', {
    title: 'Sarcoma MDT in four days',
    startsAt: fourDaysOn,
    durationMinutes: 60,
  });
  await page.evaluate((id) => (location.hash = `#/meetings/${id}`), early.id);
  await expect(page.getByTestId('warning-meeting-started-far-from-date')).toHaveText(
    `Starting the meeting now would be 4 days before the meeting (${dayMonthYear(fourDaysOn)}).`,
  );
  await page.getByRole('button', { name: 'Start meeting' }).click();
  await expect(page.getByTestId('warning-meeting-started-far-from-date')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Finish meeting' })).toBeVisible();

  // The demo's meeting of 12 November 2026 has a decision still to sign off: weeks later, the dialog says so.
  const list = await pageApi<{ past: { id: number; startsAt: string }[] }>(page, 'meetings:list', {});
  const november = list.past.find((m) => m.startsAt.startsWith('2026-11-12'))!;
  const detail = await pageApi<{ items: { id: number; decision: { status: string } }[] }>(page, 'meetings:get', {
    id: november.id,
  });
  const unsigned = detail.items.find((i) => i.decision.status !== 'signed')!;
  await page.evaluate(([m, i]) => (location.hash = `#/meetings/${m}/decisions/${i}`), [november.id, unsigned.id]);
  const decision = page.getByRole('form', { name: 'Decision' });
  await decision.getByRole('checkbox', { name: 'Surveillance' }).check();
  await decision.getByRole('radio', { name: 'Curative' }).check();
  await decision.getByRole('radio', { name: 'Discussed' }).check();
  await decision.getByRole('button', { name: 'Sign off' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign off this decision?' });
  await expect(confirm.getByTestId('warning-signed-off-far-from-date')).toHaveText(
    /^This decision is being signed off \d+ days after the meeting \(12 Nov 2026\)\.$/,
  );
  // Nobody was recorded at this case: signing off without quorum needs its reason, the late date none.
  await confirm
    .getByLabel('Why is this decision signed off without quorum? (part of the record)')
    .fill('Attendance was kept on paper that day; decision confirmed by the chair.');
  await confirm.getByRole('button', { name: 'Sign off' }).click();
  await expect(decision.getByTestId('decision-status')).toContainText('Signed off by Erin Test');
});
