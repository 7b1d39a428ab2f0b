import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { BOARD_DEFAULTS, type BoardInput } from '../../shared/domain/board';
import { expect, pageApi, test } from './fixtures';

/** Serious or critical axe violations (WCAG 2.1 AA) on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

/** The referral form's referrer, patient and question, as a referrer types them. */
async function fillReferral(
  form: Locator,
  r: {
    referrer: string;
    contact: string;
    hospital?: string;
    family: string;
    given: string;
    mrn: string;
    born: string;
    sex: 'male' | 'female';
    urgency: 'Routine' | 'Urgent';
    question: string;
  },
) {
  await form.getByRole('textbox', { name: 'Referrer', exact: true }).fill(r.referrer);
  await form.getByLabel('How to reach the referrer').fill(r.contact);
  if (r.hospital) await form.getByLabel('Referring hospital').fill(r.hospital);
  await form.getByLabel('Family name').fill(r.family);
  await form.getByLabel('Given names').fill(r.given);
  await form.getByLabel('MRN').fill(r.mrn);
  await form.getByLabel('Date of birth').fill(r.born);
  await form.getByLabel('Sex').selectOption(r.sex);
  await form.getByRole('radio', { name: r.urgency }).check();
  await form.getByLabel('Question for the board').fill(r.question);
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The local day `days` from today, 'YYYY-MM-DD' (the host runs on this machine, in its time zone). */
function localDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('a referral after the cut-off is flagged late, and the coordinator puts it on the next meeting', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  await page.goto(app.openUrl);
  // This week's meeting (tomorrow) closed for referrals at midnight; next week's is a week later.
  const thisWeek = await pageApi<{ id: number }>(page, 'meetings:create', {
    title: 'Sarcoma MDT this week',
    startsAt: `${localDay(1)}T13:00`,
    durationMinutes: 90,
    submissionCutoff: `${localDay(0)}T00:00`,
  });
  const nextWeek = await pageApi<{ id: number }>(page, 'meetings:create', {
    title: 'Sarcoma MDT next week',
    startsAt: `${localDay(8)}T13:00`,
    durationMinutes: 90,
  });

  await page.goto(`${app.openUrl}#/service/referrals`);
  await expect(page.getByRole('heading', { name: 'Referrals', level: 1 })).toBeVisible();
  await expect(page.getByText('No referral is waiting for triage.')).toBeVisible();
  await page.getByRole('link', { name: 'Refer a patient' }).click();

  // The form says the cut-off has passed before anything is sent.
  const form = page.getByRole('form', { name: 'New referral' });
  await expect(form.getByRole('note')).toContainText('it has passed, so this referral will be flagged late');
  await fillReferral(form, {
    referrer: 'Dr Ana Ruiz, orthopaedics',
    contact: 'a.ruiz@westfield.example',
    hospital: 'Westfield General',
    family: 'Quarrie',
    given: 'Leon',
    mrn: 'E2E-REF-1',
    born: '1966-08-21',
    sex: 'male',
    urgency: 'Urgent',
    question: 'Deep calf mass: biopsy and staging at the centre?',
  });
  await form.getByLabel('Working diagnosis').fill('Suspected sarcoma, left calf');
  await form.getByLabel('Tumour site').fill('Left calf, deep');
  // The clinical history, imaging and histology are not given: the queue will say so.
  await expect(form.getByText('Not given yet: Clinical history;')).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
  await form.getByRole('button', { name: 'Send referral' }).click();

  // The triage queue: urgent, after the cut-off, meant for this week's meeting, with what is missing.
  const row = page.getByTestId('referral-row').filter({ hasText: 'QUARRIE, Leon' });
  await expect(row).toContainText('Urgent');
  await expect(row).toContainText('After cut-off');
  await expect(row).toContainText('Sarcoma MDT this week');
  await expect(row).toContainText('Clinical history; Imaging available (where and when)');
  await row.getByRole('button', { name: 'Triage QUARRIE, Leon' }).click();
  const triage = page.getByRole('group', { name: 'Triage of QUARRIE, Leon' });
  await expect(
    triage.getByRole('radio', { name: /^This meeting \(late addition\): Sarcoma MDT this week/ }),
  ).toBeVisible();
  await triage.getByRole('radio', { name: /^The next meeting: Sarcoma MDT next week/ }).check();
  // Incomplete: accepting needs the confirmation.
  const acceptButton = triage.getByRole('button', { name: 'Accept onto the meeting' });
  await expect(acceptButton).toBeDisabled();
  await triage.getByRole('checkbox', { name: /Accept although incomplete/ }).check();
  expect(await axeProblems(page)).toEqual([]);
  await acceptButton.click();

  await expect(page.getByText('No referral is waiting for triage.')).toBeVisible();
  const decided = page.getByRole('table', { name: 'Decided referrals' });
  await expect(decided).toContainText('Accepted');
  await expect(decided).toContainText('Sarcoma MDT next week');

  // It is on next week's agenda, not this week's.
  await page.goto(`${app.openUrl}#/meetings/${nextWeek.id}`);
  await expect(page.getByRole('list', { name: 'Agenda' }).getByTestId('agenda-patient')).toHaveText([/QUARRIE, Leon/]);
  await page.goto(`${app.openUrl}#/meetings/${thisWeek.id}`);
  await expect(page.getByRole('heading', { name: /Sarcoma MDT this week/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Agenda' }).getByTestId('agenda-patient')).toHaveCount(0);
});

test('with two boards the form asks which board, and follows that board’s next meeting and minimum dataset', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  await page.goto(app.openUrl);
  const board = (slug: string, name: string, dataset: BoardInput['dataset']) =>
    pageApi(page, 'boards:save', { id: null, version: 0, board: { ...BOARD_DEFAULTS, slug, name, dataset } });
  await board('sarcoma', 'Sarcoma MDT', BOARD_DEFAULTS.dataset);
  await board('bone', 'Bone tumour MDT', ['working-diagnosis', 'ecog']);
  await pageApi(page, 'meetings:create', {
    title: 'Bone tumour MDT in three days',
    boardType: 'bone',
    startsAt: `${localDay(3)}T08:00`,
    durationMinutes: 60,
  });

  await page.goto(`${app.openUrl}#/service/referrals`);
  await page.getByRole('link', { name: 'Refer a patient' }).click();
  const form = page.getByRole('form', { name: 'New referral' });
  const boardField = form.getByRole('combobox', { name: 'Board' });
  // Active boards by name, none assumed: sending without one names the field.
  await expect(boardField.getByRole('option')).toHaveText(['Choose...', 'Bone tumour MDT', 'Sarcoma MDT']);
  await expect(boardField).toHaveValue('');
  await form.getByRole('button', { name: 'Send referral' }).click();
  await expect(form.getByText('Choose the board this referral is for', { exact: true })).toBeVisible();
  await boardField.selectOption({ label: 'Sarcoma MDT' });
  await expect(form.getByRole('heading', { name: 'Refer a patient to the Sarcoma MDT board' })).toBeVisible();
  await expect(form.getByRole('note')).toHaveCount(0); // the sarcoma board has no meeting yet
  await boardField.selectOption({ label: 'Bone tumour MDT' });
  await expect(form.getByRole('heading', { name: 'Refer a patient to the Bone tumour MDT board' })).toBeVisible();
  await expect(form.getByRole('note')).toContainText('Next meeting: Bone tumour MDT in three days');
  await expect(form.getByText('Not given yet: Working diagnosis; Performance status (ECOG).')).toBeVisible();

  await fillReferral(form, {
    referrer: 'Dr Ines Moll, paediatric oncology',
    contact: 'i.moll@eastgate.example',
    family: 'Varga',
    given: 'Petra',
    mrn: 'E2E-REF-2',
    born: '2009-02-11',
    sex: 'female',
    urgency: 'Routine',
    question: 'Distal femur lesion: biopsy route?',
  });
  await form.getByLabel('Working diagnosis').fill('Suspected osteosarcoma, distal femur');
  await expect(form.getByText('Not given yet: Performance status (ECOG).')).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
  await form.getByRole('button', { name: 'Send referral' }).click();

  const row = page.getByTestId('referral-row').filter({ hasText: 'VARGA, Petra' });
  await expect(row).toContainText('Bone tumour MDT in three days');
  await expect(row).toContainText('Bone tumour MDT');
  await expect(row).toContainText('Performance status (ECOG)');
  await expect(row).not.toContainText('Clinical history');
});
