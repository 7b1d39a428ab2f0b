import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, pageAnswer, pageApi, test } from './fixtures';
import { pdfText } from '../unit/export/office-files';

/**
 * Issue 14, after the meeting: the demo's signed-off deferral set two actions (one already past its date); closing
 * one on the Actions screen takes it off the open list. An outcome letter is produced only for a signed-off case,
 * carries its histotype, grade and stage, and goes into the letter register; a case not signed off offers none.
 */

/** Serious or critical axe violations (WCAG 2.1 AA) on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

const CT_ACTION = 'Obtain the outside CT chest images for review by the sarcoma radiologist';
const FISH_ACTION = 'Request FNCLCC grade and MDM2 FISH on the biopsy';

test('the Actions screen lists the open actions across meetings, overdue ones highlighted; a closed one leaves the list', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  await page.goto(`${app.openUrl}#/service/actions`);
  await expect(page.getByRole('heading', { level: 1, name: 'Actions' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Actions' });
  const ct = table.getByRole('row').filter({ hasText: CT_ACTION });
  await expect(ct).toContainText('Joanne Pike, MDT coordinator');
  await expect(ct).toContainText('26 Nov 2026');
  await expect(ct).toContainText(/\d+ days? overdue/);
  await expect(ct).toContainText('HALVERSON');
  await expect(table.getByRole('row').filter({ hasText: FISH_ACTION })).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);

  // Filter by owner: only that owner's actions.
  await page.getByLabel('Owner').selectOption('Dr Farah Qureshi');
  await expect(table.getByRole('row').filter({ hasText: CT_ACTION })).toHaveCount(0);
  await page.getByLabel('Owner').selectOption('');

  await ct.getByRole('button', { name: `Mark done: ${CT_ACTION}` }).click();
  await expect(page.getByRole('status')).toContainText('is marked done');
  await expect(table.getByRole('row').filter({ hasText: CT_ACTION })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: FISH_ACTION })).toBeVisible();

  // Among the done ones, with who closed it.
  await page.getByLabel('Status').selectOption('done');
  await expect(table.getByRole('row').filter({ hasText: CT_ACTION })).toContainText('by Erin Test');
  expect(await axeProblems(page)).toEqual([]);

  // Cancelling asks why, and the reason stays with the action; a bare cancel is refused by name.
  await page.getByLabel('Status').selectOption('open');
  const fish = table.getByRole('row').filter({ hasText: FISH_ACTION });
  const [open] = await pageApi<{ actions: { id: number; version: number; what: string }[] }>(page, 'actions:list', {
    status: 'open',
    overdue: false,
  }).then((l) => l.actions.filter((a) => a.what === FISH_ACTION));
  const bare = await pageAnswer(page, 'actions:setStatus', { id: open.id, version: open.version, status: 'cancelled' });
  expect(!bare.ok && bare.error.message).toMatch(/Say why the action is cancelled/);
  await fish.getByRole('button', { name: `Cancel: ${FISH_ACTION}` }).click();
  const why = page.getByRole('form', { name: `Cancel the action: ${FISH_ACTION}` });
  const confirm = why.getByRole('button', { name: 'Cancel the action' });
  await expect(confirm).toBeDisabled();
  await why.getByLabel('Why is it cancelled?').fill('Done at the referring centre: report received 1 Dec');
  expect(await axeProblems(page)).toEqual([]);
  await confirm.click();
  await expect(page.getByRole('status')).toContainText('is cancelled');
  await expect(table.getByRole('row').filter({ hasText: FISH_ACTION })).toHaveCount(0);
  await page.getByLabel('Status').selectOption('cancelled');
  await expect(table.getByRole('row').filter({ hasText: FISH_ACTION })).toContainText(
    'Done at the referring centre: report received 1 Dec',
  );
});

test('an outcome letter only for a signed-off case, with its grade and stage, recorded in the letter register', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const list = await pageApi<{ upcoming: { id: number }[]; past: { id: number; startsAt: string }[] }>(
    page,
    'meetings:list',
    {},
  );
  const november = list.past.find((m) => m.startsAt.startsWith('2026-11-12'))!;
  const detail = await pageApi<{ items: { id: number; state: string; decision: { status: string } }[] }>(
    page,
    'meetings:get',
    { id: november.id },
  );
  const unsigned = detail.items.find((i) => i.decision.status !== 'signed')!;

  // A case not signed off offers no letter, and the export refuses one.
  await page.goto(`${app.openUrl}#/meetings/${november.id}/decisions/${unsigned.id}`);
  await expect(page.getByText('The outcome letter can be produced once the decision is signed off.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Export outcome' })).toHaveCount(0);
  // An action due before the meeting that sets it is warned about (never refused).
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByLabel('Action 1', { exact: true }).fill('Repeat the MRI');
  await page.getByLabel('By when 1', { exact: true }).fill('2026-11-02');
  await expect(
    page.getByText('Action 1: Due 2 Nov 2026, before the meeting that sets it (12 Nov 2026).'),
  ).toBeVisible();
  await page.getByLabel('By when 1', { exact: true }).fill('2026-11-20');
  await expect(page.getByText(/before the meeting that sets it/)).toHaveCount(0);
  const refused = await pageAnswer(page, 'exports:start', { kind: 'outcome-pdf', agendaItemId: unsigned.id });
  expect(refused.ok).toBe(false);
  expect(!refused.ok && refused.error.message).toMatch(/A letter is written once the decision is signed off/);

  // The Letters screen: the signed-off deferral waits for its letter, past its target.
  await page.goto(`${app.openUrl}#/service/letters`);
  await expect(page.getByRole('heading', { level: 1, name: 'Outcome letters' })).toBeVisible();
  const waiting = page.getByTestId('pending-letter');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('HALVERSON');
  await expect(waiting).toContainText('Overdue');
  await expect(waiting).toContainText('Dr Amara Okafor');
  await expect(page.getByText('No letter produced yet.')).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);

  await waiting.getByRole('button', { name: /Produce letter for HALVERSON/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Outcome summary (PDF) ready' })).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.getByText('Every signed-off case has its letter.')).toBeVisible();
  const entry = page.getByTestId('letter-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Erin Test');
  await expect(entry).toContainText('Dr Amara Okafor');
  await expect(entry).toContainText('Identified');
  await expect(entry).toContainText(/SHA-256 [0-9a-f]{16}/);
  expect(await axeProblems(page)).toEqual([]);

  const [letter] = await pageApi<{ fileName: string }[]>(page, 'letters:list', {});
  const text = pdfText(path.join(app.dataDir, 'exports', letter.fileName)).replace(/\s+/g, ' ');
  expect(text).toContain('HALVERSON');
  // The print view sets its labels in capitals.
  expect(text).toMatch(/Histotype Dedifferentiated liposarcoma/i);
  expect(text).toMatch(/Grade FNCLCC GX \(components missing\)/i);
  // The one stage formatter's words: a GX group the histotype raises is never shown bare.
  expect(text).toMatch(/Stage Stage IB \(at least IIIB: grade not assessed/i);
  expect(text).toContain('Obtain the outside CT');
  expect(text).toMatch(/Joanne Pike/);
  expect(text).toMatch(/Attendance/);

  // A copy for the GP, from the decision page: named, or refused by name.
  const signed = detail.items.find((i) => i.decision.status === 'signed')!;
  const unnamed = await pageAnswer(page, 'exports:start', {
    kind: 'outcome-pdf',
    agendaItemId: signed.id,
    recipientKind: 'gp',
  });
  expect(!unnamed.ok && unnamed.error.message).toMatch(/Name the person the letter is for/);
  await page.goto(`${app.openUrl}#/meetings/${november.id}/decisions/${signed.id}`);
  const outcomeExport = page.getByRole('region', { name: 'Export outcome' });
  await outcomeExport.getByLabel('Letter for').selectOption({ label: 'GP' });
  const produce = outcomeExport.getByRole('button', { name: 'Outcome summary as PDF' });
  await expect(produce).toBeDisabled();
  await outcomeExport.getByLabel('Name').fill('Dr Amy Lee, Riverside Practice');
  await produce.click();
  await expect(outcomeExport.getByRole('status')).toContainText('Outcome summary (PDF) ready', { timeout: 90_000 });
  await page.goto(`${app.openUrl}#/service/letters`);
  await expect(entry).toHaveCount(2);
  await expect(entry.filter({ hasText: 'Dr Amy Lee, Riverside Practice' })).toContainText('GP');
  await expect(entry.filter({ hasText: 'Dr Amara Okafor' })).toContainText('Referrer');
  // Each copy names whom it is for, as the register does.
  const letters = await pageApi<{ fileName: string; recipient: string }[]>(page, 'letters:list', {});
  const gpCopy = letters.find((l) => l.recipient === 'Dr Amy Lee, Riverside Practice')!;
  expect(pdfText(path.join(app.dataDir, 'exports', gpCopy.fileName)).replace(/\s+/g, ' ')).toMatch(
    /For Dr Amy Lee, Riverside Practice \(GP\)/i,
  );
});
