import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, pageApi, test } from './fixtures';
import { pdfText, pdfTitle, slideParts, unzipPptx, xmlText } from '../unit/export/office-files';

/**
 * Issue 14, item 4: no date a person reads is written 2026-12-08. Every screen of the demo (and the print views the
 * PDFs are made from) is visited and its visible text (document.body.innerText: not input values, which are
 * typed in that form) scanned for \d{4}-\d{2}-\d{2}; then the exports: the outcome summary, the minutes and the
 * deck as PDF (pdftotext, and the PDF's Title from pdfinfo) and the deck as PPTX (its slides, notes and
 * properties). A hit names the screen or file and the text around it. To cover a new screen, add it to SCREENS.
 */

const ISO = /\d{4}-\d{2}-\d{2}/g;

/** The ids a screen's address needs, read from the demo once it is loaded. */
interface DemoIds {
  /** Every demo case (their tabs are scanned each). */
  caseIds: number[];
  /** The next meeting (the demo's December board) and its first agenda item. */
  meetingId: number;
  itemId: number;
  /** The finished November meeting and its deferred item (an outcome to print). */
  pastMeetingId: number;
  pastItemId: number;
}

interface Screen {
  name: string;
  /** The address, or one per case for a case's screens. */
  hash: (ids: DemoIds) => string | string[];
}

/** Every screen to scan, by its address. Add new screens here. */
const SCREENS: Screen[] = [
  { name: 'case list', hash: () => '#/' },
  { name: 'case record', hash: (i) => i.caseIds.map((id) => `#/cases/${id}`) },
  { name: 'case clinical', hash: (i) => i.caseIds.map((id) => `#/cases/${id}/clinical`) },
  { name: 'case imaging', hash: (i) => i.caseIds.map((id) => `#/cases/${id}/imaging`) },
  { name: 'new case', hash: () => '#/cases/new' },
  { name: 'meetings list', hash: () => '#/meetings' },
  { name: 'new meeting', hash: () => '#/meetings/new' },
  { name: 'meeting agenda', hash: (i) => `#/meetings/${i.meetingId}` },
  { name: 'meeting details', hash: (i) => `#/meetings/${i.meetingId}/edit` },
  { name: 'meeting slides', hash: (i) => `#/meetings/${i.meetingId}/slides` },
  { name: 'past meeting agenda', hash: (i) => `#/meetings/${i.pastMeetingId}` },
  { name: 'decision page', hash: (i) => `#/meetings/${i.meetingId}/decisions/${i.itemId}` },
  { name: 'past decision page', hash: (i) => `#/meetings/${i.pastMeetingId}/decisions/${i.pastItemId}` },
  { name: 'presenter', hash: (i) => `#/meetings/${i.meetingId}/present` },
  { name: 'audience', hash: (i) => `#/meetings/${i.meetingId}/audience` },
  { name: 'admin users', hash: () => '#/admin/users' },
  { name: 'admin security', hash: () => '#/admin/security' },
  { name: 'admin audit', hash: () => '#/admin/audit' },
  { name: 'admin image store', hash: () => '#/admin/store' },
  { name: 'admin backup', hash: () => '#/admin/backup' },
  { name: 'admin PACS', hash: () => '#/admin/pacs' },
  { name: 'service boards', hash: () => '#/service/boards' },
  { name: 'service referrals', hash: () => '#/service/referrals' },
  { name: 'new referral', hash: () => '#/referrals/new' },
  { name: 'service actions', hash: () => '#/service/actions' },
  { name: 'service letters', hash: () => '#/service/letters' },
  { name: 'service figures', hash: () => '#/service/figures' },
  { name: 'print: deck', hash: (i) => `#/print/meeting/${i.meetingId}` },
  { name: 'print: outcome', hash: (i) => `#/print/outcome/${i.pastItemId}` },
  { name: 'print: minutes', hash: (i) => `#/print/minutes/${i.pastMeetingId}` },
  { name: 'print: circulation agenda', hash: (i) => `#/print/agenda/${i.meetingId}` },
  { name: 'print: pre-meeting pack', hash: (i) => `#/print/pack/${i.meetingId}` },
];

/** Each ISO date in a text with the words around it, for the failure message. */
function hits(text: string): string[] {
  return [...text.matchAll(ISO)].map((m) =>
    text
      .slice(Math.max(0, m.index - 60), m.index + m[0].length + 60)
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** The screen's text once it has settled: loaded (nothing says "Loading") and the same on two reads in a row. */
async function settledText(page: Page): Promise<string> {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await page.evaluate(() => document.body.innerText);
        const settled = now === last && now.trim() !== '' && !/Loading|Reading|Preparing/.test(now);
        last = now;
        return settled;
      },
      { timeout: 30_000, intervals: [250, 250, 500] },
    )
    .toBe(true);
  return last;
}

async function demoIds(page: Page): Promise<DemoIds> {
  const cases = (await pageApi<{ rows: { id: number }[] }>(page, 'cases:list', { limit: 200 })).rows;
  const list = await pageApi<{ upcoming: { id: number }[]; past: { id: number; startsAt: string }[] }>(
    page,
    'meetings:list',
    {},
  );
  const next = await pageApi<{ id: number }>(page, 'meetings:next', { boardType: 'sarcoma' });
  const detail = await pageApi<{ items: { id: number; state: string }[] }>(page, 'meetings:get', { id: next.id });
  const past = list.past.find((m) => m.startsAt.startsWith('2026-11-12'))!;
  const pastDetail = await pageApi<{ items: { id: number; state: string }[] }>(page, 'meetings:get', {
    id: past.id,
  });
  return {
    caseIds: cases.map((c) => c.id),
    meetingId: next.id,
    itemId: detail.items[0].id,
    pastMeetingId: past.id,
    pastItemId: pastDetail.items.find((i) => i.state === 'deferred')!.id,
  };
}

interface ExportStatus {
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  error: string | null;
  result: { name: string } | null;
}

async function exportFile(page: Page, dataDir: string, request: Record<string, unknown>): Promise<string> {
  const { jobId } = await pageApi<{ jobId: string }>(page, 'exports:start', request);
  let status: ExportStatus | undefined;
  await expect
    .poll(
      async () => {
        status = await pageApi<ExportStatus>(page, 'exports:status', { jobId });
        return status.state === 'queued' || status.state === 'running';
      },
      { timeout: 120_000, intervals: [250] },
    )
    .toBe(false);
  expect(status!.error, `${JSON.stringify(request)} failed`).toBeNull();
  return path.join(dataDir, 'exports', status!.result!.name);
}

test('no screen of the demo shows a date as 2026-12-08', async ({ page, app }) => {
  test.setTimeout(400_000);
  await page.goto(app.openUrl);
  // With the synthetic CT: the imaging tabs list studies and key images with their dates.
  await loadDemoBoard(page, { images: true });
  const ids = await demoIds(page);
  const found: string[] = [];
  for (const screen of SCREENS) {
    for (const hash of [screen.hash(ids)].flat()) {
      await page.goto(`${app.openUrl}${hash}`);
      const text = await settledText(page);
      for (const h of hits(text)) found.push(`${screen.name} (${hash}): …${h}…`);
    }
  }
  expect(found, found.join('\n')).toEqual([]);
});

test('no export of the demo (outcome, minutes, deck PDF and PPTX, PDF titles) writes a date as 2026-12-08', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const ids = await demoIds(page);
  const found: string[] = [];
  const scan = (where: string, text: string) => hits(text).forEach((h) => found.push(`${where}: …${h}…`));

  const pdfs: [string, Record<string, unknown>][] = [
    ['outcome summary PDF', { kind: 'outcome-pdf', agendaItemId: ids.pastItemId, deidentified: false }],
    ['minutes PDF', { kind: 'minutes-pdf', meetingId: ids.pastMeetingId, deidentified: false }],
    ['deck PDF', { kind: 'deck-pdf', meetingId: ids.meetingId, deidentified: false }],
  ];
  for (const [what, request] of pdfs) {
    const file = await exportFile(page, app.dataDir, request);
    const text = pdfText(file);
    expect(text.length, `${what} has text`).toBeGreaterThan(100);
    scan(what, text);
    const title = pdfTitle(file);
    expect(title, `${what} has a title`).not.toBe('');
    scan(`${what} title "${title}"`, title);
  }

  const pptx = unzipPptx(
    await exportFile(page, app.dataDir, { kind: 'deck-pptx', meetingId: ids.meetingId, deidentified: false }),
  );
  const slides = slideParts(pptx);
  expect(slides.length).toBeGreaterThan(10);
  slides.forEach((s) => scan(`PPTX ${s}`, xmlText(pptx.text(s))));
  pptx.names
    .filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))
    .forEach((n) => scan(`PPTX ${n}`, xmlText(pptx.text(n))));
  for (const layout of pptx.names.filter((n) => /^ppt\/slide(Layout|Master)s\/[^/]+\.xml$/.test(n)))
    scan(`PPTX ${layout}`, xmlText(pptx.text(layout)));
  // Title and subject (dates there are people's reading; the created and modified stamps are machine data).
  const core = pptx.text('docProps/core.xml');
  scan('PPTX properties', xmlText(core.replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '')));

  expect(found, found.join('\n')).toEqual([]);
});
