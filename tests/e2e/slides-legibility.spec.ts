import type { Page } from '@playwright/test';
import { expect, loadDemoBoard, pageApi, test } from './fixtures';

/**
 * Slides readable from the back of the room: the demo meeting's whole deck in the print view (1600 x 900 per
 * slide, as the PDF export prints it) has no text under 18px, nothing cut off, no ISO date and no field name.
 */

interface SlideAudit {
  number: number;
  title: string;
  small: string[];
  clipped: string[];
  texts: string[];
}

/** Every slide of the print view: text under 18px, boxes whose content does not fit, and the text shown. */
function audit(page: Page): Promise<SlideAudit[]> {
  return page.getByTestId('print-slide').evaluateAll((slides) =>
    slides.map((slide, i) => {
      const small: string[] = [];
      const texts: string[] = [];
      const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const el = node.parentElement;
        if (!text || !el || el.getClientRects().length === 0) continue;
        texts.push(text);
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 18) small.push(`${size.toFixed(1)}px ${el.className || el.tagName}: "${text.slice(0, 60)}"`);
      }
      const clipped: string[] = [];
      for (const box of slide.querySelectorAll<HTMLElement>('.fit, .s-agenda__dx')) {
        if (
          box.classList.contains('fit--clipped') ||
          box.scrollHeight > box.clientHeight + 1 ||
          box.scrollWidth > box.clientWidth + 1
        ) {
          clipped.push(
            `${box.className}: ${box.scrollWidth}x${box.scrollHeight} in ${box.clientWidth}x${box.clientHeight}`,
          );
        }
      }
      return {
        number: i + 1,
        title: slide.querySelector('[data-testid="slide-title"]')?.textContent ?? '',
        small,
        clipped,
        texts,
      };
    }),
  );
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
/** A field name as code writes it (mitosesPer10Hpf, necrosisPercent), not a TNM code (cTX, ypT2) or a marker (MDM2). */
const FIELD_NAME = /\b[a-z]{2,}(?:[A-Z][a-z0-9]+)+\b/;

test('every slide of the demo meeting is legible: 18px or more, nothing clipped, dates and words for people', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(app.openUrl);
  await loadDemoBoard(page, { images: true });
  const meeting = await pageApi<{ id: number }>(page, 'meetings:next', {});

  await page.goto(`${app.baseUrl}#/print/meeting/${meeting.id}`);
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
  const slides = await audit(page);
  expect(slides.length).toBeGreaterThanOrEqual(39);
  // Name the slide a clipped box is on, so a failure says where to look.
  const clippedOn = await page
    .locator('.fit--clipped')
    .evaluateAll((els) =>
      els.map(
        (e) => `${e.closest('[data-slide-kind]')?.getAttribute('data-slide-kind')}: ${e.textContent?.slice(0, 80)}`,
      ),
    );
  expect(clippedOn).toEqual([]);
  for (const s of slides) {
    const where = `slide ${s.number} (${s.title})`;
    expect(s.small, `${where}: text under 18px`).toEqual([]);
    expect(s.clipped, `${where}: clipped`).toEqual([]);
    expect(
      s.texts.filter((t) => ISO_DATE.test(t)),
      `${where}: ISO dates`,
    ).toEqual([]);
    expect(
      s.texts.filter((t) => FIELD_NAME.test(t)),
      `${where}: field names`,
    ).toEqual([]);
  }
  const all = slides.flatMap((s) => s.texts).join('\n');
  // The audit's examples, as they read now.
  expect(all).toContain('Sarcoma MDT, 12 Nov 2026: deferred');
  expect(all).toContain('CT abdomen pelvis (synthetic demo)');
  expect(all).not.toContain('CT: CT');
  expect(all).not.toMatch(/…/);
  // A long history continues on its own slide rather than shrinking.
  expect(slides.filter((s) => s.title === 'History (continued)').length).toBeGreaterThan(0);
});

test('one question per case: the plan slide asks the question edited on the title slide', async ({ page, app }) => {
  await page.goto(app.openUrl);
  await loadDemoBoard(page);
  const meeting = await pageApi<{ id: number }>(page, 'meetings:next', {});
  const deck = await pageApi<{ sections: { itemId: number; caseId: number; number: number }[] }>(page, 'deck:get', {
    meetingId: meeting.id,
  });
  const third = deck.sections.find((s) => s.number === 3)!;
  const question = 'Adjuvant radiotherapy for the close IVC margin: yes or no?';
  await pageApi(page, 'deck:editSlide', {
    itemId: third.itemId,
    slideKey: `case-${third.caseId}/title`,
    text: { question },
  });

  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(`${app.baseUrl}#/print/meeting/${meeting.id}`);
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 30_000 });
  const asking = page.getByTestId('print-slide').filter({ hasText: question });
  await expect(asking).toHaveCount(2);
  await expect(asking.nth(0).locator('[data-slide-kind]')).toHaveAttribute('data-slide-kind', 'title');
  await expect(asking.nth(1).locator('[data-slide-kind]')).toHaveAttribute('data-slide-kind', 'plan');
  await expect(
    page.getByTestId('print-slide').filter({ hasText: 'For an FNCLCC grade 2 IVC leiomyosarcoma' }),
  ).toHaveCount(0);
});
