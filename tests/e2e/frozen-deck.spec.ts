import { CORE_SPECIALTIES } from '../../shared/domain/meeting';
import { expect, loadDemoBoard, pageApi, test } from './fixtures';

/**
 * Issue 12, item 7: a decision signed off freezes the slides the board saw. After the meeting is finished and the
 * key image is removed from the record, the meeting's slides still show it (from the frozen copy), say that the
 * record has changed, and the live slides are one click away.
 *
 * Setup goes through the contract (pageApi) where the UI is slow. decisions:signOff is called with the input as
 * it is on main when this was written: { itemId, version, by }.
 */

interface Deck {
  slides: {
    key: string;
    kind: string;
    title: string;
    itemId: number | null;
    content: { images?: { keyImageId: number; caption: string; src: string }[] };
  }[];
  sections: { itemId: number; label: string; firstSlide: number; slideCount: number }[];
}

test('a finished meeting shows the slides frozen at sign-off after the key image is removed; live slides one click away', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await page.goto(app.openUrl);
  await loadDemoBoard(page, { images: true });
  const meeting = await pageApi<{ id: number }>(page, 'meetings:next', {});
  const deck = await pageApi<Deck>(page, 'deck:get', { meetingId: meeting.id });

  // A case of the meeting with a key image on its slides.
  const imaging = deck.slides.find((s) => s.kind === 'imaging' && (s.content.images?.length ?? 0) > 0)!;
  expect(imaging).toBeTruthy();
  const itemId = imaging.itemId!;
  const image = imaging.content.images![0];
  const section = deck.sections.find((s) => s.itemId === itemId)!;

  const draft = await pageApi<{ version: number }>(page, 'decisions:get', { itemId });
  const saved = await pageApi<{ version: number }>(page, 'decisions:save', {
    itemId,
    version: draft.version,
    decision: {
      attendance: Object.fromEntries(CORE_SPECIALTIES.map((s) => [s, { present: true, names: [`Dr ${s}`] }])),
      recommendation: { options: ['surgery'], text: 'Wide excision' },
      intent: 'curative',
      actions: [],
      notes: '',
      outcome: 'discussed',
      outcomeReason: '',
    },
  });
  await pageApi(page, 'decisions:signOff', {
    itemId,
    version: saved.version,
    noQuorumReason: 'Quorum is not what this test is about',
  });
  await pageApi(page, 'meetings:setStatus', { id: meeting.id, status: 'finished' });
  await pageApi(page, 'keyImages:remove', { id: image.keyImageId });

  await page.goto(`${app.baseUrl}#/meetings/${meeting.id}/slides`);
  const slidesNav = page.getByRole('navigation', { name: 'Slides' });
  const caseBlock = slidesNav.locator('.deck-editor__section').filter({ hasText: section.label.split(',')[0] });
  const note = caseBlock.getByRole('note');
  await expect(note).toContainText('Frozen at sign-off on');
  await expect(note).toContainText('The record has changed since');
  await expect(note).not.toContainText(/\d{4}-\d{2}-\d{2}/);

  // The frozen imaging slide still shows the removed key image, loaded from the frozen copy.
  await caseBlock.getByRole('button', { name: imaging.title }).first().click();
  const preview = page.getByRole('region', { name: 'Slide preview' });
  const frozenImg = preview.getByRole('img', { name: image.caption });
  await expect(frozenImg).toHaveAttribute('src', /\/media\/frozen\/\d+\/\d+\.png/);
  await expect
    .poll(() => frozenImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  await expect(page.getByText('Frozen at sign-off: the slide as the board saw it.')).toBeVisible();

  // The live record: the key image is gone from the slides.
  await note.getByRole('button', { name: 'show the live slides' }).click();
  await expect(caseBlock.getByRole('note')).toContainText('Live slides: the record as it is now');
  await expect(page.locator(`img[src*="/media/frozen/"]`)).toHaveCount(0);
  await expect(preview.getByRole('img', { name: image.caption })).toHaveCount(0);

  // And back to what the board saw.
  await caseBlock.getByRole('button', { name: 'Show the slides frozen at sign-off' }).click();
  await expect(caseBlock.getByRole('note')).toContainText('The record has changed since');

  // The print view the PDF export prints shows the frozen image too.
  await page.goto(`${app.baseUrl}#/print/meeting/${meeting.id}`);
  const printed = page.getByTestId('print-slide').getByRole('img', { name: image.caption }).first();
  await expect(printed).toHaveAttribute('src', /\/media\/frozen\/\d+\/\d+\.png/);
  await expect.poll(() => printed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
});
