import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/db/open';
import { writeTransaction } from '../../electron/db/transaction';
import { insertCase, insertPatient } from '../../electron/services/cases/cases-sql';
import { addUser, E2E_USER, expect, loadDemoBoard, signInOverHttp, startHost, test } from './fixtures';

/** Search and filters of the case list, saved filters, and a long list loading as it scrolls (issue 14 item 12). */

const caseList = (page: Page) => page.getByRole('complementary', { name: 'Cases' });
const caseCards = (page: Page) => caseList(page).getByRole('listitem').getByRole('link');

async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

test('search finds a consultant; a grade filter is saved, and applied again after a reload', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  await expect(caseCards(page)).toHaveCount(9); // the 7 demo cases and the 2 cases of the demo's referrals
  // Each card still says its readiness (asked for the rows shown).
  await expect(caseCards(page).filter({ hasText: 'HALVERSON' })).toContainText(/\d+ missing/);

  // The consultant of the IVC leiomyosarcoma is Mr Henrik Dahl: his name is not on the card, yet search finds it.
  const search = page.getByRole('searchbox', { name: 'Search cases' });
  await search.fill('Dahl');
  await expect(caseCards(page)).toHaveCount(1);
  await expect(caseCards(page).first()).toContainText('FAIRCLOUGH');
  // A grade typed as text finds it too.
  await search.fill('G2');
  await expect(caseCards(page)).toHaveCount(1);
  await expect(caseCards(page).first()).toContainText('FAIRCLOUGH');
  await search.fill('');
  await expect(caseCards(page)).toHaveCount(9);

  // Filters: grade GX (three demo cases with a report but no grade yet), then awaiting MDM2 among them.
  await caseList(page).getByRole('button', { name: 'Filters' }).click();
  const filters = caseList(page).getByRole('group', { name: 'Filters' });
  await filters.getByLabel('Grade').selectOption('GX');
  await expect(caseCards(page)).toHaveCount(3);
  await expect(caseList(page).getByText('3 cases')).toBeVisible();
  await filters.getByLabel('Awaiting').selectOption('mdm2');
  await expect(caseCards(page)).toHaveCount(2);
  await expect(caseCards(page).filter({ hasText: 'HALVERSON' })).toHaveCount(1);
  expect(await axeProblems(page)).toEqual([]);

  await filters.getByLabel('Save this search as').fill('GX awaiting MDM2');
  await filters.getByRole('button', { name: 'Save filter' }).click();
  await expect(filters.getByRole('status')).toHaveText('Saved "GX awaiting MDM2"');

  // After a reload the list is unfiltered; the saved filter brings the same two cases back.
  await page.reload();
  await expect(caseCards(page)).toHaveCount(9);
  await caseList(page).getByRole('button', { name: 'Filters' }).click();
  await filters.getByLabel('Saved filters').selectOption({ label: 'GX awaiting MDM2' });
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(caseCards(page)).toHaveCount(2);
  await expect(filters.getByLabel('Grade')).toHaveValue('GX');
  await expect(caseList(page).getByRole('button', { name: 'Filters (2)' })).toBeVisible();
  expect(await axeProblems(page)).toEqual([]);
});

test('a list of 2,000 cases shows its first page and loads more as it scrolls', async ({ browser }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-e2e-search-'));
  await addUser(dataDir, E2E_USER);
  // 2,000 cases written straight into the data folder before the app starts (as an import of a large service would).
  const db = openDatabase(dataDir);
  writeTransaction(db, () => {
    for (let i = 0; i < 2000; i++) {
      const patient = {
        familyName: `Listcase${String(i).padStart(4, '0')}`,
        givenNames: 'Test',
        mrn: `LIST-${i}`,
        dateOfBirth: '1970-01-01',
        sex: 'female' as const,
      };
      insertCase(
        db,
        insertPatient(db, patient),
        {
          patient,
          consultantName: i % 2 ? 'Dr Odd Consultant' : 'Dr Even Consultant',
          consultantContact: 'bleep 1',
          referringHospital: '',
          tumourSite: 'Thigh',
          siteChapter: 'trunk-extremity',
          workingDiagnosis: 'Soft tissue mass',
          clinicalHistory: '',
          boardQuestion: 'Plan?',
          episodeKind: 'new-diagnosis',
          questionKind: 'diagnosis',
          ecog: 1,
          comorbidities: '',
          patientKnowledge: '',
          status: 'draft',
        },
        new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      );
    }
  });
  db.close();
  const { app, child } = await startHost(dataDir);
  try {
    const session = await signInOverHttp(app, E2E_USER.username, E2E_USER.password);
    const context = await browser.newContext();
    await context.addInitScript((token) => sessionStorage.setItem('boardprep.session', token), session);
    const page = await context.newPage();
    await page.goto(app.openUrl);

    // The newest case first, and a first page rather than all 2,000 cards.
    await expect(caseCards(page).first()).toContainText('LISTCASE1999');
    await expect(caseList(page).getByText('2000 cases, showing 50')).toBeVisible();
    await expect(caseCards(page)).toHaveCount(50);
    await expect(caseCards(page).first()).toContainText(/\d+ missing/);

    // Scrolling to the end loads the next page.
    await caseList(page)
      .getByRole('button', { name: /Show more/ })
      .scrollIntoViewIfNeeded();
    await expect(caseCards(page)).toHaveCount(100);
    await expect(caseList(page).getByText('2000 cases, showing 100')).toBeVisible();

    // A search counts every match, and pages them too.
    await page.getByRole('searchbox', { name: 'Search cases' }).fill('Odd');
    await expect(caseList(page).getByText('1000 cases matching "Odd", showing 50')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search cases' }).fill('LISTCASE0007');
    await expect(caseCards(page)).toHaveCount(1);
    expect(await axeProblems(page)).toEqual([]);
    await context.close();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
