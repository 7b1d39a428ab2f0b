import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, pageApi, test } from './fixtures';
import { pdfPages, pdfPageSize, pdfText } from '../unit/export/office-files';

/**
 * Issue 14 item 7: the circulation documents of the demo's next meeting, exported as A4 PDFs through the API as the
 * meeting page's buttons do. The agenda names every case with its time (identified) and no patient (de-identified);
 * the pack adds a page per case; no PDF's metadata title carries an ISO date.
 */

interface Item {
  number: number;
  plannedStart: string;
  presenter: string;
  case: { patientName: string; mrn: string };
}
interface Result {
  name: string;
  pages: number | null;
}

async function exportAndWait(page: Page, request: Record<string, unknown>): Promise<Result> {
  const { jobId } = await pageApi<{ jobId: string }>(page, 'exports:start', request);
  let status: { state: string; error: string | null; result: Result | null } | undefined;
  await expect
    .poll(
      async () => {
        status = await pageApi(page, 'exports:status', { jobId });
        return status!.state === 'queued' || status!.state === 'running';
      },
      { timeout: 90_000, intervals: [250] },
    )
    .toBe(false);
  expect(status!.error, JSON.stringify(request)).toBeNull();
  return status!.result!;
}

const pdfTitle = (file: string) => /^Title:\s*(.*)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1];
const familyName = (patientName: string) => patientName.split(',')[0];

test('the A4 agenda and the pre-meeting pack list every case with its time; de-identified they name no patient', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const next = await pageApi<{ id: number }>(page, 'meetings:next', {});
  const meeting = await pageApi<{ id: number; items: Item[] }>(page, 'meetings:get', { id: next.id });
  expect(meeting.items.length).toBeGreaterThan(3);
  const file = (r: Result) => path.join(app.dataDir, 'exports', r.name);

  const agenda = await exportAndWait(page, { kind: 'agenda-pdf', meetingId: meeting.id, deidentified: false });
  expect(agenda.name).toMatch(/-agenda\.pdf$/);
  const size = pdfPageSize(file(agenda));
  expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);
  const text = pdfText(file(agenda)).replace(/\s+/g, ' ');
  for (const item of meeting.items) {
    expect(text).toContain(familyName(item.case.patientName));
    expect(text).toContain(item.plannedStart.slice(11, 16));
  }
  expect(pdfTitle(file(agenda))).toMatch(/^Agenda: /);
  expect(pdfTitle(file(agenda))).not.toMatch(/\d{4}-\d{2}-\d{2}/);

  const deid = await exportAndWait(page, { kind: 'agenda-pdf', meetingId: meeting.id, deidentified: true });
  expect(deid.name).toMatch(/-agenda-deidentified\.pdf$/);
  const deidText = pdfText(file(deid));
  for (const item of meeting.items) {
    expect(deidText).not.toContain(familyName(item.case.patientName));
    expect(deidText).not.toContain(item.case.mrn);
    expect(deidText.replace(/\s+/g, ' ')).toContain(`Case ${item.number}`);
  }
  expect(deidText).toMatch(/De-identified/i);

  // The pack: the agenda, then a page per case.
  const pack = await exportAndWait(page, { kind: 'pack-pdf', meetingId: meeting.id, deidentified: true });
  expect(pdfPages(file(pack))).toBeGreaterThanOrEqual(meeting.items.length + 1);
  expect(pdfTitle(file(pack))).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  const packText = pdfText(file(pack));
  for (const item of meeting.items) expect(packText).not.toContain(familyName(item.case.patientName));
  expect(packText).toMatch(/Pathology/i);

  // The print view itself passes the accessibility check, and the meeting page offers both exports.
  await page.goto(`${app.openUrl}#/print/pack/${meeting.id}`);
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true');
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.goto(`${app.openUrl}#/meetings/${meeting.id}`);
  const exports = page.getByRole('region', { name: 'Export', exact: true });
  await expect(exports.getByRole('button', { name: 'Agenda (A4 PDF)' })).toBeVisible();
  await expect(exports.getByRole('button', { name: 'Pre-meeting pack (PDF)' })).toBeVisible();
});
