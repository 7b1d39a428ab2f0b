import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, loadDemoByCli, pageApi, test } from './fixtures';
import { pdfPages, pdfText } from '../unit/export/office-files';

/**
 * Issue 14, full-size meetings: the demo board with 33 generated cases (`boardprep demo --cases 33`, 40 on its next
 * meeting). The agenda runs over six slides ("Agenda 1/6"...), each case on one of them, legible (18 px or more,
 * nothing cut off) in the print view; the presenter steps through the six; the PDF export holds every patient's name.
 */

interface AgendaItem {
  number: number;
  case: { patientName: string };
}
interface Meeting {
  id: number;
  items: AgendaItem[];
}

const currentSlide = (page: Page) => page.getByRole('region', { name: 'Current slide' });

async function fortyCaseMeeting(page: Page, app: { openUrl: string; dataDir: string }): Promise<Meeting> {
  await page.goto(app.openUrl);
  await loadDemoByCli(app.dataDir, { cases: 33 });
  await page.reload();
  const next = await pageApi<{ id: number }>(page, 'meetings:next', {});
  const meeting = await pageApi<Meeting>(page, 'meetings:get', { id: next.id });
  expect(meeting.items).toHaveLength(40);
  return meeting;
}

test('a 40-case meeting: the agenda on six legible slides in the print view, the presenter and the PDF', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  const meeting = await fortyCaseMeeting(page, app);
  const names = meeting.items.map((i) => i.case.patientName);
  expect(new Set(names).size).toBe(40);
  const titles = [1, 2, 3, 4, 5, 6].map((p) => `Agenda ${p}/6`);

  // The print view (what the PDF prints): six agenda slides first, every case on exactly one, nothing cut off.
  await page.goto(`${app.openUrl.split('?')[0]}#/print/meeting/${meeting.id}`);
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 60_000 });
  const agenda = page.getByTestId('print-slide').filter({ has: page.locator('[data-slide-kind="agenda"]') });
  await expect(agenda).toHaveCount(6);
  await expect(agenda.getByTestId('slide-title')).toHaveText(titles);
  const pages = await agenda.evaluateAll((slides) =>
    slides.map((slide) => {
      const small = [...slide.querySelectorAll<HTMLElement>('td, th, strong, .s-agenda__dx')]
        .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 18)
        .map((el) => el.textContent);
      const clipped = [...slide.querySelectorAll<HTMLElement>('.fit, .s-agenda__dx')].filter(
        (box) =>
          box.classList.contains('fit--clipped') ||
          box.scrollHeight > box.clientHeight + 1 ||
          box.scrollWidth > box.clientWidth + 1,
      ).length;
      const rows = [...slide.querySelectorAll('tbody tr strong')].map((s) => s.textContent ?? '');
      return { small, clipped, rows, text: slide.textContent ?? '' };
    }),
  );
  for (const [i, p] of pages.entries()) {
    expect(p.small, `agenda slide ${i + 1}: text under 18px`).toEqual([]);
    expect(p.clipped, `agenda slide ${i + 1}: boxes cut off`).toBe(0);
    expect(p.text).toContain('40 cases');
  }
  expect(pages.flatMap((p) => p.rows)).toEqual(names);

  // The presenter: Home is "Agenda 1/6"; the arrow keys go through the six agenda slides, then the first case.
  await page.goto(`${app.openUrl.split('?')[0]}#/meetings/${meeting.id}/present`);
  const title = currentSlide(page).getByTestId('slide-title');
  await expect(title).toHaveText('Agenda 1/6');
  const seen: string[] = [];
  for (const t of titles) {
    await expect(title).toHaveText(t);
    seen.push(await currentSlide(page).innerText());
    await page.keyboard.press('ArrowRight');
  }
  await expect(title).toHaveText(names[0]);
  for (const name of names)
    expect(
      seen.filter((text) => text.includes(name)),
      name,
    ).toHaveLength(1);

  // The PDF export: one page per slide, and every patient's name in its text.
  const deck = await pageApi<{ slides: { kind: string }[] }>(page, 'deck:get', { meetingId: meeting.id });
  expect(deck.slides.filter((s) => s.kind === 'agenda')).toHaveLength(6);
  const { jobId } = await pageApi<{ jobId: string }>(page, 'exports:start', {
    kind: 'deck-pdf',
    meetingId: meeting.id,
    deidentified: false,
  });
  let result: { name: string } | null = null;
  await expect
    .poll(
      async () => {
        const status = await pageApi<{ state: string; error: string | null; result: { name: string } | null }>(
          page,
          'exports:status',
          { jobId },
        );
        expect(status.error).toBeNull();
        result = status.result;
        return status.state;
      },
      { timeout: 180_000, intervals: [500] },
    )
    .toBe('done');
  const file = path.join(app.dataDir, 'exports', result!.name);
  expect(pdfPages(file)).toBe(deck.slides.length);
  const text = pdfText(file);
  for (const name of names) expect(text, name).toContain(name);
  for (const t of titles) expect(text).toContain(t);
  expect(readFileSync(file).subarray(0, 4).toString()).toBe('%PDF');
});
