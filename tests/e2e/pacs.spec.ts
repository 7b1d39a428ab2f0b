import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import http from 'node:http';
import { CT_SERIES } from '../fixtures';
import { filesUnder, freePort, startOrthanc, type Orthanc } from '../orthanc/orthanc';
import { addUser, expect, signInOverHttp, test, type ApiAnswer, type RunningApp } from './fixtures';
import { ADMIN, PRESENTER } from './pacs-users';

/**
 * Issue 15, done when: an administrator configures the hospital's PACS (a real Orthanc) and Test says what answers
 * and what fails; a presenter opens a case, is told of the patient's study on the PACS, retrieves it with
 * progress (and cancels once: nothing is added, and the next Retrieve completes) and sees it in the viewer.
 */

/** The CT series' patient (dcmdump: PatientID 0000006, PatientName Bellona). */
const CT_PATIENT = { mrn: '0000006', familyName: 'Bellona' };

test.use({ signedIn: false });

let orthanc: Orthanc;
test.beforeAll(async () => {
  orthanc = await startOrthanc();
  await orthanc.upload(filesUnder(CT_SERIES).filter((f) => f.endsWith('.dcm')));
});
test.afterAll(async () => {
  await orthanc?.stop();
});

async function signIn(app: RunningApp, context: BrowserContext, user: typeof ADMIN): Promise<string> {
  await addUser(app.dataDir, user);
  const session = await signInOverHttp(app, user.username, user.password);
  await context.addInitScript((token) => sessionStorage.setItem('boardprep.session', token), session);
  return session;
}

/** A contract call as `session`'s user, over the web host's API. */
async function api<T>(app: RunningApp, session: string, channel: string, input: unknown): Promise<T> {
  const r = await fetch(`${app.baseUrl}api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-BoardPrep-Token': app.token, 'X-BoardPrep-Session': session },
    body: JSON.stringify(input),
  });
  const answer = (await r.json()) as ApiAnswer<T>;
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`));
}

/**
 * Orthanc's DICOMweb behind a gate: queries pass, a WADO-RS answer (multipart) stops after its first bytes while
 * the gate is shut, so a retrieval is reliably caught in the middle.
 */
async function gatedProxy(
  target: string,
): Promise<{ url: string; shut: () => void; open: () => void; close: () => void }> {
  let shut = false;
  const waiting = new Set<() => void>();
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (up) => {
        res.on('close', () => up.destroy());
        res.writeHead(up.statusCode ?? 502, up.headers);
        const multipart = String(up.headers['content-type'] ?? '').startsWith('multipart/');
        let sent = 0;
        up.on('data', (chunk: Buffer) => {
          res.write(chunk);
          sent += chunk.length;
          if (multipart && shut && sent > 64 * 1024) {
            up.pause();
            waiting.add(() => up.resume());
          }
        });
        up.on('end', () => res.end());
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}${new URL(target).pathname}`,
    shut: () => (shut = true),
    open: () => {
      shut = false;
      for (const go of waiting) go();
      waiting.clear();
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

test('an administrator adds PACS nodes; Test says OK, names a wrong AE title and a refused connection', async ({
  app,
  context,
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(app, context, ADMIN);
  await page.goto(`${app.openUrl}#/admin/pacs`);
  await expect(page.getByRole('heading', { name: 'PACS nodes' })).toBeVisible();
  await expect(page.getByText('No PACS node yet')).toBeVisible();

  const form = page.getByRole('form', { name: 'Add a PACS node' });
  // The contract's own checks, beside the field.
  await form.getByLabel('Name').fill('Radiology PACS');
  await form.getByLabel('DICOMweb URL').fill('pacs.local/dicom-web');
  await form.getByRole('button', { name: 'Add node' }).click();
  await expect(form.getByText('Give the DICOMweb base URL')).toBeVisible();
  await form.getByLabel('DICOMweb URL').fill(orthanc.dicomweb);
  await form.getByRole('button', { name: 'Add node' }).click();
  const radiology = page.getByRole('listitem', { name: 'Radiology PACS' });
  await expect(radiology).toContainText(orthanc.dicomweb);
  await expect(radiology).toContainText('no sign-in');
  await radiology.getByRole('button', { name: 'Test' }).click();
  await expect(radiology.getByRole('status', { name: 'Test of Radiology PACS' })).toHaveText(
    /DICOMweb: OK, answered in \d+ ms\./,
    { timeout: 20_000 },
  );

  // A DIMSE node whose called AE title is not Orthanc's.
  await form.getByLabel('Name').fill('Wrong AE');
  await form.getByLabel(/DICOMweb \(QIDO-RS/).uncheck();
  await form.getByLabel(/DIMSE \(C-ECHO/).check();
  await form.getByLabel('Called AE title').fill('NOTORTHANC');
  await form.getByLabel('Host').fill('127.0.0.1');
  await form.getByLabel(/^Port/).fill(String(orthanc.dicomPort));
  await form.getByRole('button', { name: 'Add node' }).click();
  const wrongAe = page.getByRole('listitem', { name: 'Wrong AE' });
  await expect(wrongAe).toContainText(`NOTORTHANC@127.0.0.1:${orthanc.dicomPort}, as BOARDPREP, C-GET`);
  await wrongAe.getByRole('button', { name: 'Test' }).click();
  await expect(wrongAe.getByRole('status', { name: 'Test of Wrong AE' })).toHaveText(/DIMSE: failed: .*AE title/, {
    timeout: 20_000,
  });

  // A node at a port where nothing listens.
  const closed = await freePort();
  await form.getByLabel('Name').fill('Stopped');
  await form.getByLabel('DICOMweb URL').fill(`http://127.0.0.1:${closed}/dicom-web`);
  await form.getByRole('button', { name: 'Add node' }).click();
  const stopped = page.getByRole('listitem', { name: 'Stopped' });
  await stopped.getByRole('button', { name: 'Test' }).click();
  await expect(stopped.getByRole('status', { name: 'Test of Stopped' })).toHaveText(/DICOMweb: failed: .*refused/i, {
    timeout: 20_000,
  });

  // Basic sign-in: the password is write-only, the list says it is saved.
  await radiology.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit Radiology PACS' });
  await edit.getByLabel('Sign-in').selectOption('basic');
  await edit.getByLabel('User name').fill('radiology');
  await edit.getByLabel('Password').fill('s3cret');
  await edit.getByRole('button', { name: 'Save node' }).click();
  await expect(radiology).toContainText('Basic (user radiology), password saved');

  const found = await seriousViolations(page);
  expect(found, found.join('\n')).toEqual([]);

  // Removing asks first.
  await stopped.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('Stopped removed.')).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Stopped' })).toHaveCount(0);
});

test('a presenter is told of the patient study on the PACS, retrieves it (a cancel keeps nothing) and views it', async ({
  app,
  context,
  page,
}) => {
  test.setTimeout(120_000);
  const gate = await gatedProxy(orthanc.dicomweb);
  try {
    await addUser(app.dataDir, ADMIN);
    const admin = await signInOverHttp(app, ADMIN.username, ADMIN.password);
    await api(app, admin, 'pacs:saveNode', {
      id: null,
      version: 0,
      node: { name: 'Radiology PACS', dicomweb: { url: gate.url } },
    });
    const presenter = await signIn(app, context, PRESENTER);
    const created = await api<{ id: number }>(app, presenter, 'cases:create', {
      patient: {
        familyName: CT_PATIENT.familyName,
        givenNames: 'Test',
        mrn: CT_PATIENT.mrn,
        dateOfBirth: '1960-03-02',
        sex: 'male',
      },
      consultantName: 'Dr Bone',
      consultantContact: 'ext 4242',
      tumourSite: 'Chest wall',
      siteChapter: 'trunk-extremity',
      workingDiagnosis: 'Chest wall mass',
      boardQuestion: 'Resectable?',
    });

    await page.goto(`${app.openUrl}#/cases/${created.id}`);
    const notice = page.getByText('1 earlier study of this patient on Radiology PACS is not imported');
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Show it' }).click();

    const panel = page.getByRole('region', { name: 'PACS' });
    const study = panel.getByRole('row', { name: '26 Oct 2015 CT CHEST W CONTRAST', exact: true });
    await expect(study).toContainText('1 series');
    await expect(study).toContainText('37 images');
    await expect(study).not.toContainText('Imported');
    await expect(page.getByText('No imaging attached to this case yet')).toBeVisible();
    const found = await seriousViolations(page);
    expect(found, found.join('\n')).toEqual([]);

    // Its series, listed with a box each.
    await study.getByRole('button', { name: /Series of/ }).click();
    await expect(panel.getByRole('checkbox', { name: /Series .* · CT · .*37 images/ })).toBeVisible();

    // Caught in the middle and cancelled: nothing is added to the case.
    gate.shut();
    await study.getByRole('button', { name: /^Retrieve/ }).click();
    await expect(panel.getByRole('progressbar', { name: 'Retrieval progress' })).toBeVisible();
    await expect(panel.getByText(/Receiving 26 Oct 2015 CT CHEST W CONTRAST from Radiology PACS/)).toBeVisible({
      timeout: 20_000,
    });
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel.getByText(/cancelled: nothing was added to the case/)).toBeVisible({ timeout: 20_000 });
    gate.open();
    expect(await api<unknown[]>(app, presenter, 'imaging:studies', { caseId: created.id })).toEqual([]);
    await expect(page.getByText('No imaging attached to this case yet')).toBeVisible();

    // Again: it completes, through the same import as files.
    await study.getByRole('button', { name: /^Retrieve/ }).click();
    await expect(panel.getByText(/Retrieved 26 Oct 2015 CT CHEST W CONTRAST from Radiology PACS/)).toBeVisible({
      timeout: 60_000,
    });
    await expect(panel.getByText(/Imported \d+ images?; \d+ already stored; 0 rejected/)).toBeVisible();
    await expect(page.getByRole('button', { name: /Series .*37 images/ })).toBeVisible();
    await expect(page.getByTestId('viewer-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });

    await expect(study.getByText('Imported', { exact: true })).toBeVisible();
    await expect(notice).toBeHidden();
  } finally {
    gate.close();
  }
});
