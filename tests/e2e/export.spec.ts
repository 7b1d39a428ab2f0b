import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, pageAnswer, pageApi, test } from './fixtures';
import { pdfPages, pdfPageSize, pdfText, slideParts, unzipPptx, xmlText } from '../unit/export/office-files';

/**
 * Issue 5, Export, end to end against the web host: the demo meeting's deck exported as PDF (the print view printed
 * by headless Chromium) and as PPTX, plain and de-identified, through the API from the page (exports:start, then
 * exports:status until done, then the file from /media/exports/<name>), as the export buttons will. The PDF has one
 * page per slide of the deck and its text (pdftotext, pdfinfo: poppler-utils); the PPTX holds the slides and the
 * key image (unzip); the de-identified files hold none of the demo patients' names or MRNs.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
interface DemoPatient {
  familyName: string;
  givenNames: string;
  mrn: string;
  dateOfBirth: string;
  referringHospital: string | null;
}
const DEMO_PATIENTS: DemoPatient[] = (
  JSON.parse(readFileSync(path.join(root, 'resources', 'demo', 'board.json'), 'utf8')) as {
    cases: { case: { patient: DemoPatient; referringHospital: string | null } }[];
  }
).cases.map((c) => ({ ...c.case.patient, referringHospital: c.case.referringHospital }));

async function apiError(page: Page, channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const answer = await pageAnswer(page, channel, input);
  if (answer.ok) throw new Error(`${channel}: answered, where a refusal was expected`);
  return answer.error;
}

interface ExportStatus {
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { phase: string };
  error: string | null;
  result: {
    name: string;
    file: string;
    pages: number | null;
    slides: number | null;
    downloadUrl: string | null;
    deidentified: boolean;
  } | null;
}

async function exportAndWait(
  page: Page,
  request: Record<string, unknown>,
  { progress = false } = {},
): Promise<NonNullable<ExportStatus['result']>> {
  const { jobId } = await pageApi<{ jobId: string }>(page, 'exports:start', request);
  let status: ExportStatus | undefined;
  const phases = new Set<string>();
  // Polled often enough to see a PDF's phases go by; ends as soon as the job does.
  await expect
    .poll(
      async () => {
        status = await pageApi<ExportStatus>(page, 'exports:status', { jobId });
        phases.add(status.progress.phase);
        return status.state === 'queued' || status.state === 'running';
      },
      { timeout: 120_000, intervals: [150] },
    )
    .toBe(false);
  const last = status!;
  expect(last.error, `${JSON.stringify(request)} failed`).toBeNull();
  expect(last.state).toBe('done');
  // A PDF takes long enough to be seen under way (a PPTX of the demo meeting is often done before the first poll).
  if (progress)
    expect(
      [...phases].some((p) => /Rendering the print view|Printing the PDF|Starting the PDF printer/.test(p)),
      `progress: ${[...phases].join(', ')}`,
    ).toBe(true);
  return last.result!;
}

/** A key image on the first demo case with CT: a PNG drawn in the page (no names in it), uploaded as the viewer does. */
async function addKeyImage(page: Page, caseId: number): Promise<void> {
  const studies = await pageApi<{ series: { seriesInstanceUid: string }[] }[]>(page, 'imaging:studies', { caseId });
  const stack = await pageApi<{ images: { sopInstanceUid: string }[] }>(page, 'imaging:stack', {
    seriesInstanceUid: studies[0].series[0].seriesInstanceUid,
  });
  const sop = stack.images[Math.floor(stack.images.length / 2)].sopInstanceUid;
  const token = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(640, 480);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#111';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#777';
    g.beginPath();
    g.ellipse(320, 240, 200, 140, 0, 0, Math.PI * 2);
    g.fill();
    g.strokeStyle = '#ffdd00';
    g.lineWidth = 3;
    g.beginPath();
    g.moveTo(180, 240);
    g.lineTo(460, 240);
    g.stroke();
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const t = `e2ekeyimage${Date.now()}`;
    const r = await fetch(`/media/renders/${t}.png`, {
      method: 'PUT',
      headers: {
        'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
        'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
      },
      body: blob,
    });
    if (!r.ok) throw new Error(await r.text());
    return t;
  });
  await pageApi(page, 'keyImages:create', {
    caseId,
    sopInstanceUid: sop,
    frame: 0,
    caption: 'Axial CT: measured mass',
    view: { windowCenter: 40, windowWidth: 400, invert: false, scale: 1, translation: { x: 0, y: 0 } },
    annotations: [],
    renderToken: token,
  });
}

/** Every way a demo patient is named or numbered, as words (given names as names are written). */
function identifiers(p: DemoPatient): RegExp[] {
  const [y, m, d] = p.dateOfBirth.split('-');
  // The referring hospital by its name and by its place ("a biopsy taken at Ashcombe").
  const hospital = (p.referringHospital ?? '')
    .split(/\s+/)
    .filter(
      (w) =>
        w.length >= 3 &&
        !/^(General|Hospital|Community|University|Royal|District|Infirmary|Memorial|Medical|Centre|Clinic|Trust|NHS|Foundation)$/i.test(
          w,
        ),
    );
  const words = [
    p.familyName,
    p.familyName.toUpperCase(),
    ...p.givenNames.split(/\s+/),
    p.mrn,
    p.mrn.replace(/[^A-Za-z0-9]/g, ''),
    ...hospital,
  ];
  return [
    ...words.map(
      (w) => new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u'),
    ),
    new RegExp(`${p.dateOfBirth}|${d}/${m}/${y}|${d}\\.${m}\\.${y}`),
  ];
}

function expectNoDemoIdentifiers(what: string, text: string): void {
  for (const p of DEMO_PATIENTS)
    for (const re of identifiers(p)) expect(re.test(text), `${what} holds ${re.source}`).toBe(false);
}

test('the demo meeting exports as PDF and PPTX, one page per slide, and de-identified exports name no demo patient', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page, { images: true });
  const meeting = await pageApi<{ id: number; title: string }>(page, 'meetings:next', {});
  expect(meeting.title).toBe('Sarcoma MDT');
  const detail = await pageApi<{ items: { caseId: number; patientName?: string }[] }>(page, 'meetings:get', {
    id: meeting.id,
  });
  const { rows: halverson } = await pageApi<{ rows: { id: number }[] }>(page, 'cases:list', {
    query: 'HALVERSON',
  });
  expect(detail.items.some((i) => i.caseId === halverson[0].id)).toBe(true);
  await addKeyImage(page, halverson[0].id);

  const work = mkdtempSync(path.join(os.tmpdir(), 'boardprep-e2e-export-'));
  try {
    for (const deidentified of [false, true]) {
      const deck = await pageApi<{ slides: { kind: string; title: string }[] }>(page, 'deck:get', {
        meetingId: meeting.id,
        deidentified,
      });
      expect(deck.slides[0].kind).toBe('agenda');
      expect(deck.slides.filter((s) => s.kind === 'imaging').length).toBeGreaterThan(0);
      const suffix = deidentified ? '-deidentified' : '';

      // PDF: the print view, one 16:9 page per slide.
      const pdf = await exportAndWait(
        page,
        { kind: 'deck-pdf', meetingId: meeting.id, deidentified },
        { progress: true },
      );
      expect(pdf.name).toBe(`sarcoma-mdt-2026-12-10-deck${suffix}.pdf`);
      expect(pdf.downloadUrl).toBe(`/media/exports/${pdf.name}`);
      const pdfResponse = await page.request.get(new URL(pdf.downloadUrl!, app.baseUrl).href, {
        headers: { 'X-BoardPrep-Token': app.token },
      });
      expect(pdfResponse.status()).toBe(200);
      expect(pdfResponse.headers()['content-type']).toBe('application/pdf');
      const pdfFile = path.join(work, pdf.name);
      writeFileSync(pdfFile, await pdfResponse.body());
      expect(readFileSync(pdfFile).equals(readFileSync(path.join(app.dataDir, 'exports', pdf.name)))).toBe(true);
      expect(pdfPages(pdfFile)).toBe(deck.slides.length);
      expect(pdf).toMatchObject({ pages: deck.slides.length, slides: deck.slides.length });
      const size = pdfPageSize(pdfFile);
      expect(size.width / size.height).toBeCloseTo(16 / 9, 2);
      const text = pdfText(pdfFile);
      expect(text).toContain('Sarcoma MDT');
      expect(text).toMatch(/dedifferentiated liposarcoma/i);
      expect(text).toContain('Axial CT: measured mass');
      if (deidentified) {
        expect(text).toContain('Case 1');
        expectNoDemoIdentifiers('the de-identified PDF', text);
      } else {
        expect(text).toContain('HALVERSON');
        expect(text).toContain('BP-100231');
      }

      // PPTX: the same slides as text boxes and tables, with the key image.
      const pptx = await exportAndWait(page, { kind: 'deck-pptx', meetingId: meeting.id, deidentified });
      expect(pptx.name).toBe(`sarcoma-mdt-2026-12-10-deck${suffix}.pptx`);
      const pptxResponse = await page.request.get(new URL(pptx.downloadUrl!, app.baseUrl).href, {
        headers: { 'X-BoardPrep-Token': app.token },
      });
      expect(pptxResponse.status()).toBe(200);
      const pptxFile = path.join(work, pptx.name);
      writeFileSync(pptxFile, await pptxResponse.body());
      const z = unzipPptx(pptxFile);
      const slides = slideParts(z);
      expect(slides).toHaveLength(deck.slides.length);
      deck.slides.forEach((s, i) => {
        if (s.kind !== 'agenda') expect(xmlText(z.text(slides[i])), `slide ${i + 1}`).toContain(s.title);
      });
      // The demo's four measured key images and the one added here, and the Response slide's baseline and follow-up.
      expect(z.names.filter((n) => /^ppt\/media\/.+\.png$/.test(n))).toHaveLength(7);
      const pptxText = xmlText(z.allXml());
      expect(pptxText).toContain('Axial CT: measured mass');
      if (deidentified) {
        expectNoDemoIdentifiers('the de-identified PPTX', z.allXml());
        expect(pptxText).toContain('Case 1');
      } else {
        expect(pptxText).toContain('HALVERSON, Graham Peter');
      }
    }
    // The first PDF kept each key image's JPEG: the print view now shows them all from it, none from its PNG, and
    // asks for each once (the deck's images are asked for as it arrives, and the slides' <img> take those loads).
    const asked: string[] = [];
    const record = (r: { url(): string }) => {
      if (r.url().includes('/media/key-images/')) asked.push(new URL(r.url()).pathname);
    };
    // Opened as a page of its own, as the exporter opens it (not a change of address within the app).
    await page.goto('about:blank');
    page.on('request', record);
    await page.goto(`${app.baseUrl}#/print/meeting/${meeting.id}`);
    await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
    page.off('request', record);
    const shown = await page
      .locator('.print-slide img')
      .evaluateAll((imgs) =>
        (imgs as HTMLImageElement[]).map((img) => `${new URL(img.currentSrc).pathname} ${img.naturalWidth > 0}`),
      );
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.filter((s) => !/^\/media\/key-images\/\d+\.jpg true$/.test(s))).toEqual([]);
    expect(asked.sort()).toEqual([...new Set(shown.map((s) => s.split(' ')[0]))].sort());
    const listed = await pageApi<{ name: string }[]>(page, 'exports:list', {});
    expect(listed.map((f) => f.name).sort()).toEqual([
      'sarcoma-mdt-2026-12-10-deck-deidentified.pdf',
      'sarcoma-mdt-2026-12-10-deck-deidentified.pptx',
      'sarcoma-mdt-2026-12-10-deck.pdf',
      'sarcoma-mdt-2026-12-10-deck.pptx',
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('the meeting page exports the deck with progress and Cancel: a cancelled export leaves no file, a finished one downloads', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const meeting = await pageApi<{ id: number }>(page, 'meetings:next', {});
  await page.goto(`${app.openUrl}#/meetings/${meeting.id}`);
  const exports = page.getByRole('region', { name: 'Export', exact: true });

  // Cancel while the print view renders: the bar says what it is doing, and afterwards nothing is on disk.
  await exports.getByRole('button', { name: 'Deck as PDF' }).click();
  await expect(exports.getByRole('status')).toHaveText(
    /Meeting deck \(PDF\): (Starting the PDF printer|Rendering the print view)/,
  );
  await expect(exports.getByRole('button', { name: 'Deck as PowerPoint' })).toBeDisabled();
  await exports.getByRole('button', { name: 'Cancel' }).click();
  await expect(exports.getByRole('status')).toHaveText('Export cancelled: no file was written.', { timeout: 30_000 });
  const exportsDir = path.join(app.dataDir, 'exports');
  const left = (() => {
    try {
      return readdirSync(exportsDir);
    } catch {
      return [];
    }
  })();
  expect(left).toEqual([]);
  expect(await pageApi(page, 'exports:list', {})).toEqual([]);

  // De-identified PowerPoint from the same buttons: the link downloads the file the data folder holds.
  await exports.getByLabel('De-identified').check();
  await exports.getByRole('button', { name: 'Deck as PowerPoint' }).click();
  const link = exports.getByRole('link', { name: /^Download / });
  await expect(link).toHaveText('Download sarcoma-mdt-2026-12-10-deck-deidentified.pptx', { timeout: 60_000 });
  await expect(exports.getByRole('status')).toContainText(
    /Meeting deck \(PowerPoint\) \(de-identified\) ready: \d+ slides/,
  );
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = await download.path();
  expect(
    readFileSync(saved).equals(readFileSync(path.join(exportsDir, 'sarcoma-mdt-2026-12-10-deck-deidentified.pptx'))),
  ).toBe(true);
  expectNoDemoIdentifiers('the de-identified PPTX', unzipPptx(saved).allXml());

  expect(await apiError(page, 'exports:start', { kind: 'deck-pptx', meetingId: 999 })).toMatchObject({
    code: 'not-found',
    message: 'Meeting 999 does not exist',
  });
  expect(await apiError(page, 'exports:start', { kind: 'outcome-pdf', meetingId: meeting.id })).toMatchObject({
    code: 'invalid-input',
  });
});

test('a case’s outcome summary and the minutes of the finished demo meeting export as A4 PDFs, de-identified naming no patient', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const list = await pageApi<{ past: { id: number; title: string; startsAt: string }[] }>(page, 'meetings:list', {});
  const november = list.past.find((m) => m.startsAt.startsWith('2026-11-12'))!;
  const detail = await pageApi<{ items: { id: number; state: string }[] }>(page, 'meetings:get', { id: november.id });
  const deferred = detail.items.find((i) => i.state === 'deferred')!;

  for (const deidentified of [false, true]) {
    const suffix = deidentified ? '-deidentified' : '';
    const outcome = await exportAndWait(page, { kind: 'outcome-pdf', agendaItemId: deferred.id, deidentified });
    expect(outcome.name).toBe(`sarcoma-mdt-2026-11-12-case-1-outcome${suffix}.pdf`);
    const minutes = await exportAndWait(page, { kind: 'minutes-pdf', meetingId: november.id, deidentified });
    expect(minutes.name).toBe(`sarcoma-mdt-2026-11-12-minutes${suffix}.pdf`);
    for (const o of [outcome, minutes]) {
      const file = path.join(app.dataDir, 'exports', o.name);
      expect(pdfPages(file)).toBeGreaterThan(0);
      const size = pdfPageSize(file);
      expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);
      const text = pdfText(file);
      expect(text).toMatch(/Deferred/);
      // The deferral's first action (table cells wrap, so look at the words with the layout's spacing collapsed).
      expect(text.replace(/\s+/g, ' ')).toMatch(/Obtain the outside CT/);
      if (deidentified) expectNoDemoIdentifiers(`the de-identified ${o.name}`, text);
      else expect(text).toContain('HALVERSON');
    }
  }

  // From the decision page's button, as the coordinator does: a second export never replaces the first.
  await page.goto(`${app.openUrl}#/meetings/${november.id}/decisions/${deferred.id}`);
  const outcomeExport = page.getByRole('region', { name: 'Export outcome' });
  await outcomeExport.getByRole('button', { name: 'Outcome summary as PDF' }).click();
  await expect(outcomeExport.getByRole('status')).toContainText(/Outcome summary \(PDF\) ready: \d+ pages?/, {
    timeout: 60_000,
  });
  await expect(
    outcomeExport.getByRole('link', { name: 'Download sarcoma-mdt-2026-11-12-case-1-outcome-2.pdf' }),
  ).toBeVisible();
});
