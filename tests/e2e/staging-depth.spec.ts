import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, pageApi, test } from './fixtures';

const stageCard = (page: Page) => page.getByRole('region', { name: 'Grade and stage' });

test('after a resection with the tumour size, the Clinical tab shows pT first and cT, each with its source', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  const created = await pageApi<{ id: number }>(page, 'cases:create', {
    patient: { familyName: 'Resected', givenNames: 'Rhea', mrn: 'E2E-PT-1', dateOfBirth: '1960-03-04', sex: 'female' },
    consultantName: 'Dr B. Surgeon',
    consultantContact: 'bleep 2001',
    referringHospital: 'Northgate General',
    tumourSite: 'Left thigh, deep',
    siteChapter: 'trunk-extremity',
    workingDiagnosis: 'Leiomyosarcoma of the left thigh',
    clinicalHistory: 'Resected after the last board.',
    boardQuestion: 'Adjuvant radiotherapy?',
    ecog: 1,
    comorbidities: '',
    patientKnowledge: '',
    status: 'draft',
  });
  await pageApi(page, 'lesions:create', {
    caseId: created.id,
    lesion: {
      label: 'primary',
      longCm: 16.3,
      shortCm: 8,
      craniocaudalCm: null,
      studyDate: '2026-09-22',
      source: 'typed',
    },
  });
  await pageApi(page, 'pathology:create', {
    caseId: created.id,
    report: {
      procedure: 'resection',
      specimenId: 'S26-1234',
      specimenDate: '2026-11-03',
      histotypeId: 'leiomyosarcoma',
      mitosesPer10Hpf: 25,
      necrosisPercent: 60,
      tumourDim1Cm: 12.5,
      tumourDim2Cm: 8,
      tumourDim3Cm: 6,
    },
  });

  await page.goto(`${app.baseUrl}#/cases/${created.id}/clinical`);
  const card = stageCard(page);
  await expect(card.getByTestId('case-stage-pathological')).toHaveText('Stage IIIB');
  await expect(card.getByTestId('case-stage-pathological-source')).toContainText(
    'pT3: 12.5 cm, resection specimen S26-1234 of 3 Nov 2026',
  );
  await expect(card.getByTestId('case-stage-source')).toContainText(
    "cT4: 16.3 cm, lesion 'primary', typed, study of 22 Sep 2026",
  );
  // pT comes first on the screen.
  const texts = await card.locator('[data-testid$="-source"]').allTextContents();
  expect(texts[0]).toMatch(/^pT3/);
  expect(texts[1]).toMatch(/^cT4/);
  await expect(page.getByTestId('snapshot-stage')).toHaveText('IIIB');
});

test('the demo retroperitoneal DDLPS (GX) shows "at least IIIB" on the Clinical tab and its staging slide', async ({
  page,
  app,
}) => {
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  await page.getByRole('complementary', { name: 'Cases' }).getByRole('link').filter({ hasText: 'HALVERSON' }).click();
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Clinical' }).click();

  const card = stageCard(page);
  await expect(card.getByTestId('case-stage')).toHaveText('Stage IB, at least IIIB');
  await expect(card.getByTestId('case-stage-at-least')).toHaveText(
    'Stage IB (at least IIIB: grade not assessed, a dedifferentiated liposarcoma is at least G2)',
  );
  await expect(page.getByTestId('snapshot-stage')).toHaveText('IB, at least IIIB');

  const meeting = await pageApi<{ id: number }>(page, 'meetings:next', {});
  await page.goto(`${app.baseUrl}#/print/meeting/${meeting.id}`);
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
  const slide = page
    .getByTestId('print-slide')
    .filter({ has: page.locator('[data-slide-kind="staging"]') })
    .filter({ hasText: 'a dedifferentiated liposarcoma is at least G2' });
  await expect(slide).toHaveCount(1);
  await expect(slide.getByTestId('slide-stage-group')).toHaveText('IB, at least IIIB');
});
