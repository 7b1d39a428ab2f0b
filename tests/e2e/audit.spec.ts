import { readFileSync } from 'node:fs';
import { addUser, E2E_USER, expect, signInOverHttp, test, type ApiAnswer, type RunningApp } from './fixtures';

const ADMIN = { username: 'e2e-admin', displayName: 'Ada Admin', role: 'administrator', password: 'e2e-admin-pw-1' };

test.use({ signedIn: false });

/** A call over the web host's API as a signed-in user (the chair editing from another workstation). */
async function apiAs<T>(app: RunningApp, session: string, channel: string, input: unknown): Promise<T> {
  const r = await fetch(`${app.baseUrl}api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-BoardPrep-Token': app.token, 'X-BoardPrep-Session': session },
    body: JSON.stringify(input),
  });
  const answer = (await r.json()) as ApiAnswer<T>;
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.value;
}

test('an administrator finds the chair’s change to a patient’s case, verifies the chain and exports CSV', async ({
  page,
  app,
}) => {
  await addUser(app.dataDir, ADMIN);
  // The chair creates a case and changes its board question.
  const chair = await signInOverHttp(app, E2E_USER.username, E2E_USER.password);
  const created = await apiAs<{ id: number; version: number; patient: Record<string, unknown> }>(
    app,
    chair,
    'cases:create',
    {
      patient: { familyName: 'Audit', givenNames: 'Alma', mrn: 'AUD-77', dateOfBirth: '1970-03-04', sex: 'female' },
      consultantName: 'Dr B. Surgeon',
      consultantContact: 'bleep 2001',
      referringHospital: 'Northgate General',
      tumourSite: 'Left thigh',
      siteChapter: 'trunk-extremity',
      workingDiagnosis: 'Sarcoma',
      boardQuestion: 'Radiotherapy first?',
    },
  );
  const { id, version, patient, ...rest } = created as Record<string, unknown> & typeof created;
  const { id: _pid, ...patientFields } = patient;
  const fields = Object.fromEntries(
    Object.entries(rest).filter(([k]) => !['createdAt', 'updatedAt'].includes(k)),
  ) as Record<string, unknown>;
  await apiAs(app, chair, 'cases:update', {
    id,
    version,
    fields: { ...fields, patient: patientFields, boardQuestion: 'Surgery first?' },
  });
  // Someone else's case, which the filter must leave out.
  await apiAs(app, chair, 'cases:create', {
    patient: { familyName: 'Other', givenNames: 'Otto', mrn: 'OTH-1', dateOfBirth: '1960-01-01', sex: 'male' },
    consultantName: 'Dr C',
    consultantContact: 'x',
    tumourSite: 'Arm',
    siteChapter: 'trunk-extremity',
    workingDiagnosis: 'Sarcoma',
    boardQuestion: 'Surgery?',
  });

  // The administrator's tab is signed in (the session in sessionStorage, as the sign-in screen leaves it).
  const admin = await signInOverHttp(app, ADMIN.username, ADMIN.password);
  await page.context().addInitScript((token) => sessionStorage.setItem('boardprep.session', token), admin);
  await page.goto(app.openUrl);
  await page.evaluate(() => (location.hash = '#/admin/audit'));
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();

  await page.getByLabel('Patient (MRN or name)').fill('AUD-77');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  const table = page.getByRole('table', { name: 'Audit entries, newest first' });
  const change = table.getByRole('row').filter({ hasText: 'Changed' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText(E2E_USER.displayName);
  await expect(change).toContainText('AUDIT, Alma (MRN AUD-77)');
  await expect(change).toContainText('board_question: “Radiotherapy first?” → “Surgery first?”');
  await expect(table).not.toContainText('OTH-1');
  // Times are local and written out, never ISO.
  await expect(table).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
  // The full before and after, on demand.
  await change.getByRole('button').click();
  await expect(table.getByRole('rowheader', { name: 'board_question' })).toBeVisible();

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status')).toContainText(/Chain intact: \d+ entries verified/);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^id,at,actor,actor_name,/);
  expect(csv).toContain('AUD-77');
  expect(csv).not.toContain('OTH-1');
});
