import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { startOrthanc, type Orthanc } from '../orthanc/orthanc';
import { addUser, expect, signInOverHttp, test, type RunningApp } from './fixtures';
import { ADMIN, PRESENTER } from './pacs-users';
import { drag } from './viewer-steps';

/**
 * Issue 15, done when: a presenter's key images appear as a new series in the PACS (a real Orthanc), sent with the
 * Key images panel's "Send to PACS"; a second send changes nothing there.
 */

/** The demo's thigh case (resources/demo/README.md): two studies, one key image on each. */
const THIGH = { key: 'thigh-ilms', mrn: 'BP-100263' };
const SC = '1.2.840.10008.5.1.4.1.1.7';
const KOS = '1.2.840.10008.5.1.4.1.1.88.59';

test.use({ signedIn: false });

let orthanc: Orthanc;
test.beforeAll(async () => {
  orthanc = await startOrthanc();
});
test.afterAll(async () => {
  await orthanc?.stop();
});

/** A contract call as `session`'s user, over the web host's API. */
async function api<T>(app: RunningApp, session: string, channel: string, input: unknown): Promise<T> {
  const r = await fetch(`${app.baseUrl}api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-BoardPrep-Token': app.token, 'X-BoardPrep-Session': session },
    body: JSON.stringify(input),
  });
  const answer = (await r.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .include(include)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`));
}

/**
 * The demo with its images (as an administrator), a DICOMweb node at the Orthanc, and the presenter's tab signed
 * in on the thigh case's Imaging tab. Answers the presenter's session and the case id.
 */
async function presenterOnThighImaging(app: RunningApp, context: BrowserContext, page: Page) {
  await addUser(app.dataDir, ADMIN);
  const admin = await signInOverHttp(app, ADMIN.username, ADMIN.password);
  const demo = await api<{ images: { key: string; caseId: number }[] | null }>(app, admin, 'demo:load', {
    images: true,
  });
  const caseId = demo.images!.find((i) => i.key === THIGH.key)!.caseId;
  await api(app, admin, 'pacs:saveNode', {
    id: null,
    version: 0,
    node: { name: 'Radiology PACS', dicomweb: { url: orthanc.dicomweb } },
  });
  await addUser(app.dataDir, PRESENTER);
  const presenter = await signInOverHttp(app, PRESENTER.username, PRESENTER.password);
  await context.addInitScript((token) => sessionStorage.setItem('boardprep.session', token), presenter);
  await page.goto(`${app.openUrl}#/cases/${caseId}`);
  await page.getByRole('link', { name: 'Imaging' }).click();
  await expect(page.getByTestId('viewer-canvas')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  return { presenter, caseId };
}

interface Sent {
  sopClass: string;
  sopInstanceUid: string;
  seriesDescription: string;
  studyUid: string;
  patientId: string;
  conceptName: string | null;
}

/** Every instance of the patient on the Orthanc, read back through its REST (simplified tags). */
async function patientInOrthanc(mrn: string): Promise<Sent[]> {
  const found = await orthanc.rest<(string | { ID: string })[]>('/tools/find', {
    method: 'POST',
    body: JSON.stringify({ Level: 'Instance', Query: { PatientID: mrn } }),
  });
  const ids = found.map((f) => (typeof f === 'string' ? f : f.ID));
  const tags = await Promise.all(
    ids.map((id) => orthanc.rest<Record<string, unknown>>(`/instances/${id}/simplified-tags`)),
  );
  return tags
    .map((t) => {
      const concept = t.ConceptNameCodeSequence as { CodeMeaning?: string }[] | undefined;
      return {
        sopClass: String(t.SOPClassUID),
        sopInstanceUid: String(t.SOPInstanceUID),
        seriesDescription: String(t.SeriesDescription ?? ''),
        studyUid: String(t.StudyInstanceUID),
        patientId: String(t.PatientID),
        conceptName: concept?.[0]?.CodeMeaning ?? null,
      };
    })
    .sort((a, b) => a.sopInstanceUid.localeCompare(b.sopInstanceUid));
}

const countInstances = async () => (await orthanc.rest<{ CountInstances: number }>('/statistics')).CountInstances;

/** Clicks Send and waits for the sentence that says what was sent. */
async function send(page: Page, keyImages: number, keyObjects: number) {
  const panel = page.getByRole('region', { name: 'Key images' });
  const button = panel.getByRole('button', { name: 'Send to PACS (Radiology PACS)' });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(
    panel.getByText(
      `${keyImages} key images and ${keyObjects} key objects sent to Radiology PACS as the series 'BoardPrep key images'.`,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await expect(button).toBeEnabled();
}

/** The checks on what the PACS holds: N Secondary Captures in the key-image series, one For Conference KOS a study. */
async function expectSent(keyImages: number): Promise<Sent[]> {
  const held = await patientInOrthanc(THIGH.mrn);
  const scs = held.filter((s) => s.sopClass === SC);
  const kos = held.filter((s) => s.sopClass === KOS);
  expect(held).toHaveLength(scs.length + kos.length);
  expect(scs).toHaveLength(keyImages);
  for (const s of scs) expect(s.seriesDescription).toBe('BoardPrep key images');
  const studies = [...new Set(scs.map((s) => s.studyUid))].sort();
  expect(studies).toHaveLength(2); // the demo's baseline and restaging studies
  expect(kos.map((k) => k.studyUid).sort()).toEqual(studies);
  for (const k of kos) expect(k.conceptName).toBe('For Conference');
  for (const s of held) expect(s.patientId).toBe(THIGH.mrn);
  return held;
}

test("a presenter sends the demo case's key images to the PACS: a new series there, and a second send adds nothing", async ({
  app,
  context,
  page,
}) => {
  test.setTimeout(150_000);
  const { presenter, caseId } = await presenterOnThighImaging(app, context, page);
  const keyImages = (await api<unknown[]>(app, presenter, 'keyImages:list', { caseId })).length;
  expect(keyImages).toBe(2);
  const panel = page.getByRole('region', { name: 'Key images' });
  await expect(panel.getByRole('listitem')).toHaveCount(keyImages);
  await expect(panel.getByRole('button', { name: 'Send to PACS (Radiology PACS)' })).toBeVisible();
  const found = await seriousViolations(page, 'section[aria-label="Key images"]');
  expect(found, found.join('\n')).toEqual([]);

  expect(await countInstances()).toBe(0);
  await send(page, keyImages, 2);
  const first = await expectSent(keyImages);
  const count = await countInstances();
  expect(count).toBe(keyImages + 2);

  await page.reload();
  await expect(panel.getByRole('listitem')).toHaveCount(keyImages);
  await send(page, keyImages, 2);
  expect(await countInstances()).toBe(count);
  expect(await expectSent(keyImages)).toEqual(first);
});

test('a key image kept in the viewer just before is sent with the others', async ({ app, context, page }) => {
  test.setTimeout(150_000);
  // The first test's objects stay on this Orthanc: start from an empty one.
  for (const p of await orthanc.rest<string[]>('/patients')) await orthanc.rest(`/patients/${p}`, { method: 'DELETE' });
  const { presenter, caseId } = await presenterOnThighImaging(app, context, page);
  const panel = page.getByRole('region', { name: 'Key images' });
  await expect(panel.getByRole('listitem')).toHaveCount(2);

  await page.getByTestId('viewer-canvas').scrollIntoViewIfNeeded();
  const saved = page.getByRole('status').filter({ hasText: /measurements? saved/ });
  await expect(saved).toBeVisible();
  const before = Number(/(\d+) measurements? saved/.exec(await saved.innerText())![1]);
  await page.getByRole('button', { name: 'Length', exact: true }).click();
  await drag(page, [0.35, 0.4], [0.65, 0.55]);
  await expect(saved).toHaveText(`${before + 1} measurement${before + 1 === 1 ? '' : 's'} saved`);
  await page.getByLabel('Key image caption').fill('Thigh mass, e2e length');
  await page.getByRole('button', { name: 'Save as key image' }).click();
  await expect(page.getByText('Key image saved.')).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(3);
  expect(await api<unknown[]>(app, presenter, 'keyImages:list', { caseId })).toHaveLength(3);

  await send(page, 3, 2);
  await expectSent(3);
  expect(await countInstances()).toBe(5);
});
