import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CT_SERIES } from '../fixtures';
import { E2E_USER, expect, test, loadDemoBoard } from './fixtures';

const ctFiles = () =>
  readdirSync(CT_SERIES)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => path.join(CT_SERIES, f));

const caseCards = (page: Page) => page.getByRole('complementary', { name: 'Cases' }).getByRole('link');
const listChip = (page: Page, name: string) => caseCards(page).filter({ hasText: name }).getByTestId('readiness-chip');
const headerChip = (page: Page) => page.locator('.case-header').getByTestId('readiness-chip');
const checklistItem = (page: Page, label: string) =>
  page
    .getByRole('list', { name: 'Work-up checklist' })
    .getByRole('listitem')
    .filter({ has: page.locator('.ritem__label', { hasText: label }) });

/** The browser's calendar date, `days` ago, as the app's meeting date uses it. */
async function daysAgo(page: Page, days: number): Promise<string> {
  return page.evaluate((d) => {
    const t = new Date();
    t.setDate(t.getDate() - d);
    return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
  }, days);
}

async function openDemoCase(page: Page, openUrl: string, name: string, tab: 'Clinical' | 'Record' = 'Clinical') {
  await page.goto(openUrl);
  await loadDemoBoard(page);
  await caseCards(page).filter({ hasText: name }).click();
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: tab }).click();
}

test('a pathology report on the thigh leiomyosarcoma grades and stages it, and the work-up list follows a chest CT import and a tick by hand', async ({
  page,
  app,
}) => {
  await openDemoCase(page, app.openUrl, 'CASTELLANO');
  await expect(page).toHaveURL(/#\/cases\/\d+\/clinical$/);

  // Before: the referral's biopsy lacks the differentiation score and necrosis, so GX; 6 cm with GX is IB.
  const stage = page.getByRole('region', { name: 'Grade and stage' });
  await expect(stage.getByTestId('case-grade')).toHaveText('GX');
  await expect(stage.getByTestId('case-stage')).toHaveText('Stage IB');
  await expect(headerChip(page)).toHaveText('3 missing · 1 stale');
  await expect(listChip(page, 'CASTELLANO')).toHaveText('3 missing · 1 stale');
  await expect(checklistItem(page, 'Sarcoma-expert pathology review')).toContainText('Missing');
  await expect(checklistItem(page, 'FNCLCC grade')).toContainText('Missing');

  // The central review's report: a catalogue histotype and the FNCLCC components, graded as they are typed.
  const pathology = page.getByRole('region', { name: 'Pathology' });
  await pathology.getByRole('button', { name: 'Add report' }).click();
  const form = page.getByRole('form', { name: 'New pathology report' });
  await form.getByLabel('Procedure').selectOption('core-needle-biopsy');
  await form.getByLabel('Specimen ID').fill('RV26-1187');
  await form.getByLabel('Specimen date').fill('2026-10-14');
  await form.getByLabel('Laboratory').fill('Regional sarcoma pathology');
  await form.getByRole('combobox', { name: /Histologic type/ }).fill('leiomyo');
  await page.getByRole('option', { name: /Leiomyosarcoma, NOS \(conventional\)/ }).click();
  await expect(form.getByText('ICD-O-3 8890/3')).toBeVisible();
  await expect(form.getByLabel('Differentiation score')).toHaveValue('');
  await expect(form.getByText('PDQ Table 4 gives 2 for Leiomyosarcoma, NOS (conventional)')).toBeVisible();

  const live = form.getByRole('status', { name: 'FNCLCC grade as typed' });
  await expect(live.getByTestId('live-grade')).toHaveText('GX');
  await form.getByLabel('Mitoses per 10 HPF').fill('10');
  await expect(live).toContainText('missing necrosis %');
  await form.getByLabel('Tumour necrosis (%)').fill('150');
  await form.getByRole('button', { name: 'Add immunostain' }).click();
  await form.getByLabel('Marker 1', { exact: true }).fill('Desmin');
  await form.getByLabel('Result 1', { exact: true }).selectOption('positive');
  await form.getByRole('checkbox', { name: /Reviewed by a sarcoma-expert pathologist/ }).check();
  await form.getByRole('textbox', { name: 'Reviewed by', exact: true }).fill('Dr R. Osei, sarcoma pathology');
  await form.getByLabel('Review date').fill('2026-11-10');
  await form.getByLabel('Agreement with the original report').selectOption('concordant');

  // A refused save says why and keeps everything typed.
  await form.getByRole('button', { name: 'Save report' }).click();
  await expect(form.getByText('Not saved: 1 field needs attention.')).toBeVisible();
  await expect(form.getByText('Necrosis is 0 to 100%')).toBeVisible();
  await expect(form.getByLabel('Mitoses per 10 HPF')).toHaveValue('10');
  await expect(form.getByRole('combobox', { name: /Histologic type/ })).toHaveValue(
    'Leiomyosarcoma, NOS (conventional)',
  );
  await expect(form.getByRole('textbox', { name: 'Reviewed by', exact: true })).toHaveValue(
    'Dr R. Osei, sarcoma pathology',
  );

  // Reference grading example: conventional leiomyosarcoma (2) + 10 mitoses (2) + 30% necrosis (1) = 5 -> G2.
  await form.getByLabel('Tumour necrosis (%)').fill('30');
  await expect(live.getByTestId('live-grade')).toHaveText('G2');
  await expect(live).toContainText('Differentiation 2 + mitoses 2 (10 per 10 HPF) + necrosis 1 (30%) = 5 -> G2');
  await form.getByRole('button', { name: 'Save report' }).click();
  await expect(form).toBeHidden();

  // The reviewed report drives grade and stage; the referral's biopsy stays as history.
  const driving = pathology.getByRole('article').filter({ hasText: 'Drives grade and stage' });
  await expect(driving).toContainText('Core needle biopsy RV26-1187');
  await expect(driving).toContainText('Leiomyosarcoma, NOS (conventional)');
  // Why it drives is said above the reports (DrivingReportChoice), where another can be chosen.
  await expect(pathology.getByRole('region', { name: /Drives grade and staging/ })).toContainText(
    'the most recent specimen with an expert review (Dr R. Osei, sarcoma pathology, 10 Nov 2026, concordant)',
  );
  const history = pathology.getByRole('article').filter({ hasNotText: 'Drives grade and stage' });
  await expect(history).toHaveCount(1);
  await expect(history).toContainText('History');
  await expect(history).toContainText('Inflammatory leiomyosarcoma');

  // 5.28 cm trunk/extremity, G2: T2, stage IIIA, from PDQ Table 7; the size is the mass's latest measurement (the
  // restaging CT), not its larger baseline.
  await expect(stage.getByTestId('case-grade')).toHaveText('G2');
  await expect(stage.getByRole('group', { name: 'FNCLCC grade' })).toContainText(
    'Differentiation 2 + mitoses 2 + necrosis 1 = 5',
  );
  await expect(stage.getByTestId('case-stage')).toHaveText('Stage IIIA');
  await expect(stage.getByRole('group', { name: 'AJCC stage' }).locator('.tnm')).toHaveText('cT2cN0cM0G2');
  await expect(stage.getByTestId('stage-explanation')).toContainText(
    'T2 (trunk and extremities: > 5 and <= 10 cm; 5.28 cm)',
  );
  await expect(stage.getByTestId('stage-explanation')).toContainText('Stage IIIA: T2, N0, M0, G2-G3 (PDQ Table 7).');
  await expect(
    stage.getByText(/^5\.28 cm, lesion 'Right thigh mass, deep'.*1 Dec 2026.*its most recent of 2 measurements/),
  ).toBeVisible();

  // Staging inputs change the stage at once: M1 is stage IV, back to M0 is IIIA again.
  const inputs = stage.getByRole('group', { name: 'Staging inputs' });
  await inputs.getByLabel('Distant metastasis (M)').selectOption('M1');
  await expect(inputs.getByRole('status')).toContainText('cT2 cN0 cM1 G2 → stage IV');
  await inputs.getByRole('button', { name: 'Save staging' }).click();
  await expect(stage.getByTestId('case-stage')).toHaveText('Stage IV');
  await expect(stage.getByTestId('stage-explanation')).toContainText(
    'Stage IV: any T, any N, M1, any G (PDQ Table 7).',
  );
  await inputs.getByLabel('Distant metastasis (M)').selectOption('M0');
  await inputs.getByRole('button', { name: 'Save staging' }).click();
  await expect(stage.getByTestId('case-stage')).toHaveText('Stage IIIA');

  // The work-up: review and grade are done now; the chest CT is still missing.
  await expect(checklistItem(page, 'Sarcoma-expert pathology review')).toContainText('Done');
  await expect(checklistItem(page, 'Sarcoma-expert pathology review')).toContainText(
    'Expert review by Dr R. Osei, sarcoma pathology (concordant)',
  );
  await expect(checklistItem(page, 'FNCLCC grade')).toContainText('Done');
  const chestCt = checklistItem(page, 'Chest CT for staging');
  await expect(chestCt).toContainText('Missing');
  await expect(chestCt).toContainText('No chest CT');
  await expect(headerChip(page)).toHaveText('1 missing · 1 stale');
  await expect(listChip(page, 'CASTELLANO')).toHaveText('1 missing · 1 stale');

  // Import a real chest CT (another patient's files: attach after the mismatch prompt).
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Imaging' }).click();
  await page.getByLabel('DICOM files').setInputFiles(ctFiles());
  await expect(page.getByText('Imported 37 images; 0 already stored; 0 rejected (of 37 files).')).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Attach to this case anyway' }).click();
  await expect(page.getByRole('button', { name: /Series .*37 images/ })).toBeVisible();

  // The series is dated 26 Oct 2015: the chest CT is no longer missing, but stale.
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Clinical' }).click();
  await expect(chestCt).toContainText('Stale');
  await expect(chestCt).toContainText('Imported study');
  await expect(chestCt).toContainText('26 Oct 2015');
  await expect(chestCt).toContainText('older than 8 weeks: repeat it or confirm it is still current');
  await expect(headerChip(page)).toHaveText('2 stale');
  await expect(listChip(page, 'CASTELLANO')).toHaveText('2 stale');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('CT: CT CHEST W CONTRAST');

  // A recent chest CT done elsewhere, ticked by hand with its date; who ticked it is the signed-in user.
  const recent = await daysAgo(page, 3);
  await chestCt.getByRole('button', { name: 'Tick by hand: Chest CT for staging' }).click();
  const tick = chestCt.getByRole('group', { name: 'Tick by hand: Chest CT for staging' });
  await tick.getByLabel('Date of the evidence').fill(recent);
  await expect(tick).toContainText(`The tick is recorded as yours: ${E2E_USER.displayName}.`);
  await tick.getByLabel('Note').fill('CT chest at Northgate: no lung nodules');
  await tick.getByRole('button', { name: 'Save tick' }).click();
  await expect(chestCt).toContainText('Done');
  await expect(chestCt).toContainText(`Ticked by ${E2E_USER.displayName} on`);
  await expect(headerChip(page)).toHaveText('1 stale');
  await expect(listChip(page, 'CASTELLANO')).toHaveText('1 stale');

  // Untick: the imported 2015 study is the evidence again.
  await chestCt.getByRole('button', { name: 'Untick Chest CT for staging' }).click();
  await expect(chestCt).toContainText('Stale');
  await expect(headerChip(page)).toHaveText('2 stale');
});

test('"Mark ready" is refused while items are missing, and recorded with the signed-in user and why as an override', async ({
  page,
  app,
}) => {
  await openDemoCase(page, app.openUrl, 'OYELARAN', 'Record');

  // The record form cannot make a draft case ready: that goes through the gate.
  await expect(page.getByLabel('Case status').locator('option')).toHaveText(['Draft', 'Discussed', 'Closed']);

  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Clinical' }).click();
  const readiness = page.getByRole('region', { name: 'Readiness for the board' });
  // "Liposarcoma, subtype not stated": the myxoid staging is pending (open), not missing.
  await expect(readiness).toContainText('Not ready: 5 missing · 2 pending');
  await expect(listChip(page, 'OYELARAN')).toHaveText('5 missing · 2 pending');

  await readiness.getByRole('button', { name: 'Mark ready' }).click();
  const override = readiness.getByRole('group', { name: 'Override missing items' });
  await expect(override.getByRole('alert')).toContainText(
    'Case has 7 missing or pending work-up items: Imaging of the primary (MRI and/or contrast CT); Chest CT for staging of a high-grade sarcoma;',
  );
  await expect(override.getByRole('listitem')).toHaveText([
    'Imaging of the primary (MRI and/or contrast CT)',
    'Chest CT for staging of a high-grade sarcoma',
    'Sarcoma-expert pathology review',
    'FNCLCC grade',
    'MDM2 amplification (FISH) for well-differentiated / dedifferentiated liposarcoma',
    'CT abdomen/pelvis for myxoid liposarcoma staging (pending: not yet decidable)',
    'Whole-spine MRI (or whole-body MRI) for myxoid liposarcoma staging (pending: not yet decidable)',
  ]);

  // Without a reason it is still refused; who overrides is the signed-in user, there is no name to type.
  await expect(override).toContainText(`under your name (${E2E_USER.displayName})`);
  await override.getByRole('button', { name: 'Mark ready with override' }).click();
  await expect(override.getByText('Say why the case should go to the board with items missing')).toBeVisible();
  await expect(page.locator('.case-header .pill')).toHaveText('Draft');

  await override
    .getByLabel('Why it goes to the board with items missing')
    .fill('Rapidly enlarging mass; imaging and review are booked before surgery.');
  await override.getByRole('button', { name: 'Mark ready with override' }).click();

  await expect(readiness.getByText('Marked ready for the board')).toBeVisible();
  await expect(
    readiness
      .getByRole('status')
      .filter({ hasText: `with an override by ${E2E_USER.displayName} for 7 missing or pending items` }),
  ).toBeVisible();
  const last = readiness.getByLabel('Last override');
  await expect(last).toContainText('marked ready with 7 items missing or pending');
  await expect(last).toContainText(E2E_USER.displayName);
  await expect(last).toContainText('Rapidly enlarging mass; imaging and review are booked before surgery.');
  await expect(page.locator('.case-header .pill')).toHaveText('Ready');

  // The case list shows it ready, still with its gaps at a glance.
  const card = caseCards(page).filter({ hasText: 'OYELARAN' });
  await expect(card.locator('.pill')).toHaveText('Ready');
  await expect(listChip(page, 'OYELARAN')).toHaveText('5 missing · 2 pending');
  await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: 'Ready' }).click();
  await expect(caseCards(page).filter({ hasText: 'OYELARAN' })).toHaveCount(1);

  // It is kept: after a reload the override is still on the case, and the record keeps "Ready".
  await page.reload();
  await expect(page.getByRole('region', { name: 'Readiness for the board' }).getByLabel('Last override')).toContainText(
    E2E_USER.displayName,
  );
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Record' }).click();
  await expect(page.getByLabel('Case status')).toHaveValue('ready');
});

test('the proposed plan and the timeline are kept with the case', async ({ page, app }) => {
  await openDemoCase(page, app.openUrl, 'OYELARAN');

  const plan = page.getByRole('region', { name: 'Proposed plan' });
  await plan.getByRole('checkbox', { name: 'Surgery' }).check();
  await plan.getByRole('checkbox', { name: 'Clinical trial' }).check();
  await plan
    .getByLabel('Details')
    .fill('Core biopsy for subtype and grade first; then wide excision, or a trial if high grade.');
  await plan.getByRole('button', { name: 'Save plan' }).click();
  await expect(plan.getByText('Plan saved.')).toBeVisible();

  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: 'Add event' }).click();
  const event = timeline.getByRole('group', { name: 'New timeline event' });
  await event.getByLabel('Event').selectOption('presentation');
  await event.getByLabel('Date').fill('2026-08');
  await event.getByLabel('What happened').fill('Enlarging painless lump on the upper back');
  await event.getByRole('button', { name: 'Add to timeline' }).click();
  const entries = timeline.getByRole('list', { name: 'Case timeline' }).getByRole('listitem');
  // Month-only presentation first, then the referral biopsy drawn from the pathology record.
  await expect(entries.first()).toContainText('Aug 2026');
  await expect(entries.first()).toContainText('Enlarging painless lump on the upper back');

  await page.reload();
  await expect(plan.getByRole('checkbox', { name: 'Surgery' })).toBeChecked();
  await expect(plan.getByRole('checkbox', { name: 'Clinical trial' })).toBeChecked();
  await expect(plan.getByLabel('Details')).toHaveValue(
    'Core biopsy for subtype and grade first; then wide excision, or a trial if high grade.',
  );
  await expect(entries.first()).toContainText('Enlarging painless lump on the upper back');

  // Manual events can be removed; entries drawn from the record cannot.
  await entries
    .first()
    .getByRole('button', { name: /^Remove Presentation/ })
    .click();
  await expect(timeline.getByText('Enlarging painless lump on the upper back')).toBeHidden();
  const biopsy = entries.filter({ hasText: 'Liposarcoma, subtype not stated (not coded)' });
  await expect(biopsy).toHaveCount(1);
  await expect(biopsy.getByRole('button')).toHaveCount(0);
});
