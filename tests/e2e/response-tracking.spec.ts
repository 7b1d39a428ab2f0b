import { expect, pageApi, test } from './fixtures';

const BASELINE = '2026-06-01';
const FOLLOW_UP = '2026-09-01';

const lesion = (label: string, studyDate: string, dims: { longCm?: number; shortCm?: number; meanHu?: number }) => ({
  label,
  longCm: dims.longCm ?? null,
  shortCm: dims.shortCm ?? null,
  craniocaudalCm: null,
  studyDate,
  source: 'typed',
  meanHu: dims.meanHu ?? null,
});

test('the Imaging tab tracks lesions across two studies: sums, change, RECIST and Choi; non-target PD makes it PD', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  const created = await pageApi<{ id: number }>(page, 'cases:create', {
    patient: { familyName: 'Tracker', givenNames: 'Rita', mrn: 'RESP-1', dateOfBirth: '1966-03-04', sex: 'female' },
    consultantName: 'Dr C',
    consultantContact: 'x',
    tumourSite: 'Retroperitoneum',
    siteChapter: 'retroperitoneum',
    workingDiagnosis: 'Dedifferentiated liposarcoma',
    boardQuestion: 'Response to neoadjuvant therapy?',
  });
  const caseId = created.id;
  // A mass and a node on the baseline and on the follow-up; the follow-up names them in other case.
  const mass = await pageApi<{ trackedLesionId: number }>(page, 'lesions:create', {
    caseId,
    lesion: lesion('Primary mass', BASELINE, { longCm: 10, shortCm: 8, meanHu: 50 }),
  });
  const node = await pageApi<{ trackedLesionId: number }>(page, 'lesions:create', {
    caseId,
    lesion: lesion('Iliac node', BASELINE, { longCm: 2.5, shortCm: 2, meanHu: 30 }),
  });
  await pageApi(page, 'lesions:create', {
    caseId,
    lesion: lesion('primary mass', FOLLOW_UP, { longCm: 7, meanHu: 30 }),
  });
  await pageApi(page, 'lesions:create', {
    caseId,
    lesion: lesion('iliac node', FOLLOW_UP, { longCm: 2.2, shortCm: 1.4, meanHu: 20 }),
  });
  expect(mass.trackedLesionId).not.toBe(node.trackedLesionId);

  await page.evaluate((id) => (location.hash = `#/cases/${id}/imaging`), caseId);
  const table = page.getByRole('table', { name: /Lesions by study date/ });
  await expect(table).toBeVisible({ timeout: 20_000 });
  await expect(table.getByRole('columnheader')).toHaveText(['Lesion', '1 Jun 2026 (baseline)', '1 Sep 2026']);
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

  // The node is measured on its long axis until it is marked as a node; then on its short axis.
  await expect(row('Sum of target diameters')).toContainText('125 mm');
  // Saved at once; the box shows what was saved.
  await row('Iliac node').getByLabel('Lymph node').click();
  await expect(row('Iliac node').getByLabel('Lymph node')).toBeChecked();
  await expect(row('Iliac node').getByRole('cell')).toHaveText(['20 mm (short) · 30 HU', '14 mm (short) · 20 HU']);
  // 100 + 20 = 120 mm, then 70 + 14 = 84 mm: 30% below the baseline, PR; Choi: density 40 → 25 HU, PR.
  await expect(row('Sum of target diameters').getByRole('cell')).toHaveText(['120 mm', '84 mm']);
  await expect(row('Change from baseline').getByRole('cell')).toHaveText(['–', '−30%']);
  await expect(row('RECIST 1.1 (overall)').getByRole('cell')).toHaveText(['–', 'PR']);
  await expect(row('Choi').getByRole('cell')).toHaveText(['–', 'PR']);
  await expect(row('Rule')).toContainText('target PR (≥ 30% below the baseline)');

  // Unequivocal progression of the non-target disease on the follow-up: overall PD, target still PR.
  await table.getByLabel('Non-target lesions on 1 Sep 2026').selectOption('PD');
  await expect(row('RECIST 1.1 (overall)').getByRole('cell')).toHaveText(['–', 'PD (target PR)']);
  await expect(row('Rule')).toContainText('unequivocal progression of non-target lesions: PD');
  // Saved for the patient: it is there after a reload.
  await page.reload();
  await expect(table.getByLabel('Non-target lesions on 1 Sep 2026')).toHaveValue('PD', { timeout: 20_000 });
});
