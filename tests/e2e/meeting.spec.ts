import type { Locator, Page } from '@playwright/test';
import { expect, loadDemoBoard, test } from './fixtures';

/**
 * Issue 5 end to end: a meeting built from the demo board and ordered by drag and drop and by keyboard; presenter
 * mode stepped through with the keyboard; a decision recorded, signed off and amended; the print views the PDF
 * export loads (one 16:9 page per slide, printReady, de-identified).
 */

const agendaNames = (page: Page) => page.getByRole('list', { name: 'Agenda' }).getByTestId('agenda-patient');
const currentTitle = (page: Page) => page.getByRole('region', { name: 'Current slide' }).getByTestId('slide-title');
const position = (page: Page) => page.getByTestId('presenter-position');
const agendaRow = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Agenda' }).getByRole('listitem').filter({ hasText: name });

async function openMeetings(page: Page, openUrl: string, images = false) {
  await page.goto(openUrl);
  await loadDemoBoard(page, { images });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Meetings' }).click();
  await expect(page.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible();
}

async function openDemoMeeting(page: Page) {
  const upcoming = page.getByRole('list', { name: 'Upcoming meetings' }).getByRole('link');
  await expect(upcoming).toHaveCount(1);
  await expect(upcoming).toContainText('Thu 10 Dec 2026, 13:00–14:30');
  await expect(upcoming).toContainText('7 cases');
  await upcoming.click();
  await expect(agendaNames(page)).toHaveCount(7);
}

/** Drags with the mouse in small steps, as a hand would (dnd-kit starts a drag after a few pixels). */
async function drag(page: Page, handle: Locator, target: Locator, where: 'above' | 'below') {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  const y = where === 'above' ? to.y + to.height * 0.25 : to.y + to.height * 0.75;
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(
      from.x + from.width / 2,
      from.y + from.height / 2 + ((y - from.y - from.height / 2) * i) / 12,
    );
  await page.mouse.up();
}

async function waitForPrintReady(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-print-ready', 'true', { timeout: 20_000 });
}

test('a coordinator builds a meeting from the demo board and orders its agenda by drag and drop and by keyboard', async ({
  page,
  app,
}) => {
  await openMeetings(page, app.openUrl);
  await expect(page.getByRole('list', { name: 'Upcoming meetings' })).toContainText('Sarcoma MDT');
  await expect(page.getByRole('list', { name: 'Past meetings' })).toContainText('Thu 12 Nov 2026');

  // A new meeting: the form checks what it can before saving.
  await page.getByRole('link', { name: 'New meeting' }).click();
  const form = page.getByRole('form', { name: 'New meeting' });
  await form.getByLabel('Title').fill('Sarcoma MDT, extra session');
  await form.getByLabel('Length (minutes)').fill('30');
  await form.getByRole('button', { name: 'Create meeting' }).click();
  await expect(form.getByText('Give the date and time', { exact: true })).toBeVisible();
  await form.getByLabel('Date and time').fill('2026-12-17T13:00');
  await form.getByLabel('Place').fill('Seminar room 3');
  await form.getByLabel('Chair').fill('Dr Helena Marsh');
  await form.getByRole('button', { name: 'Create meeting' }).click();
  await expect(page.getByRole('heading', { name: /Sarcoma MDT, extra session/ })).toBeVisible();
  await expect(page.getByText('Thu 17 Dec 2026, 13:00–13:30')).toBeVisible();
  await expect(page.getByText('No cases on the agenda yet.')).toBeVisible();

  // Cases from the case list, found by search.
  await page.getByRole('button', { name: 'Add cases' }).click();
  const picker = page.getByRole('region', { name: 'Add cases to the agenda' });
  await picker.getByLabel('Search cases to add').fill('leiomyo');
  await expect(picker.getByRole('checkbox')).toHaveCount(2);
  await picker.getByRole('checkbox', { name: 'Add CASTELLANO, Mateo Luis' }).check();
  await picker.getByRole('checkbox', { name: 'Add FAIRCLOUGH, Margaret Ann' }).check();
  await picker.getByRole('button', { name: 'Add 2 cases' }).click();
  await expect(agendaNames(page)).toHaveText(['CASTELLANO, Mateo Luis', 'FAIRCLOUGH, Margaret Ann']);
  await picker.getByLabel('Search cases to add').fill('OYELARAN');
  await picker.getByRole('checkbox', { name: 'Add OYELARAN, Tunde Michael' }).check();
  await picker.getByRole('button', { name: 'Add 1 case' }).click();
  await picker.getByRole('button', { name: 'Done' }).click();
  await expect(agendaNames(page)).toHaveText([
    'CASTELLANO, Mateo Luis',
    'FAIRCLOUGH, Margaret Ann',
    'OYELARAN, Tunde Michael',
  ]);
  await expect(page.getByTestId('agenda-time')).toContainText('30 of 30 min');
  // Each case's readiness for the meeting date.
  await expect(agendaRow(page, 'OYELARAN').getByTestId('readiness-chip')).toContainText('missing');

  // Presenter and minutes per case; the total runs over the meeting's length.
  await page.getByLabel('Minutes for OYELARAN, Tunde Michael').fill('15');
  await page.getByLabel('Presenter for OYELARAN, Tunde Michael').click();
  await expect(page.getByTestId('agenda-time')).toContainText('35 of 30 min · 5 over');
  await page.getByLabel('Presenter for OYELARAN, Tunde Michael').fill('Ms Priya Raghunathan');
  await page.getByLabel('Presenter for OYELARAN, Tunde Michael').press('Enter');
  await expect(agendaRow(page, 'OYELARAN').locator('.arow__time')).toHaveText('13:20');

  // Keyboard: Alt+Up twice brings OYELARAN to the top.
  await page.getByRole('button', { name: 'Drag to reorder OYELARAN, Tunde Michael' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(agendaNames(page)).toHaveText([
    'CASTELLANO, Mateo Luis',
    'OYELARAN, Tunde Michael',
    'FAIRCLOUGH, Margaret Ann',
  ]);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(agendaNames(page)).toHaveText([
    'OYELARAN, Tunde Michael',
    'CASTELLANO, Mateo Luis',
    'FAIRCLOUGH, Margaret Ann',
  ]);
  await expect(agendaRow(page, 'OYELARAN').locator('.arow__time')).toHaveText('13:00');

  // Drag and drop: FAIRCLOUGH onto the top of the list.
  await drag(
    page,
    page.getByRole('button', { name: 'Drag to reorder FAIRCLOUGH, Margaret Ann' }),
    agendaRow(page, 'OYELARAN'),
    'above',
  );
  await expect(agendaNames(page)).toHaveText([
    'FAIRCLOUGH, Margaret Ann',
    'OYELARAN, Tunde Michael',
    'CASTELLANO, Mateo Luis',
  ]);

  // The move buttons do the same.
  await page.getByRole('button', { name: 'Move CASTELLANO, Mateo Luis up' }).click();
  await expect(agendaNames(page)).toHaveText([
    'FAIRCLOUGH, Margaret Ann',
    'CASTELLANO, Mateo Luis',
    'OYELARAN, Tunde Michael',
  ]);

  // The order, minutes and presenters are stored: a reload shows them, with the planned start of each case.
  await page.reload();
  await expect(agendaNames(page)).toHaveText([
    'FAIRCLOUGH, Margaret Ann',
    'CASTELLANO, Mateo Luis',
    'OYELARAN, Tunde Michael',
  ]);
  await expect(agendaRow(page, 'OYELARAN').locator('.arow__time')).toHaveText('13:20');
  await expect(page.getByLabel('Presenter for OYELARAN, Tunde Michael')).toHaveValue('Ms Priya Raghunathan');

  // A case not reached is marked so; the meeting list shows the new meeting with its minutes.
  await page.getByLabel('State of CASTELLANO, Mateo Luis').selectOption('not-discussed');
  await expect(agendaRow(page, 'CASTELLANO')).toHaveClass(/arow--not-discussed/);
  await page.getByRole('link', { name: '← Meetings' }).click();
  await expect(page.getByRole('list', { name: 'Upcoming meetings' }).getByRole('link')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Upcoming meetings' }).getByRole('link').nth(1)).toContainText(
    '35 of 30 min · 5 over',
  );
});

test('presenter mode steps through the demo meeting by keyboard, and a decision is recorded, signed off and amended', async ({
  page,
  app,
}) => {
  await openMeetings(page, app.openUrl);
  await openDemoMeeting(page);
  await page.getByRole('link', { name: 'Present', exact: true }).click();

  // The audience window (a second browser window here) shows the same slide and follows every move.
  await expect(currentTitle(page)).toHaveText('Agenda');
  const [audience] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('button', { name: 'Open audience window' }).click(),
  ]);
  await expect(audience).toHaveURL(/#\/meetings\/\d+\/audience$/);
  await expect(currentTitle(audience)).toHaveText('Agenda');
  await expect(page.getByRole('button', { name: 'Audience window ✓' })).toBeVisible();

  // Arrows, Space, Page Up/Down, Home and End.
  const total = Number((await position(page).innerText()).split('/')[1]);
  expect(total).toBeGreaterThan(30);
  await page.keyboard.press('ArrowRight');
  await expect(currentTitle(page)).toHaveText('HALVERSON, Graham Peter');
  await expect(page.getByText('Case 1 of 7: HALVERSON, Graham Peter')).toBeVisible();
  await expect(currentTitle(audience)).toHaveText('HALVERSON, Graham Peter');
  await page.keyboard.press('Space');
  await expect(currentTitle(page)).toHaveText('Clinical history');
  await page.keyboard.press('PageDown');
  await expect(currentTitle(page)).toHaveText('Imaging');
  await page.keyboard.press('ArrowRight');
  await expect(currentTitle(page)).toHaveText('Pathology');
  await page.keyboard.press('ArrowLeft');
  await expect(currentTitle(page)).toHaveText('Imaging');
  await page.keyboard.press('PageUp');
  await expect(currentTitle(page)).toHaveText('Clinical history');
  await expect(page.getByTestId('speaker-notes')).toContainText('Performance status');
  await page.keyboard.press('End');
  await expect(currentTitle(page)).toHaveText('Proposed plan');
  await expect(position(page)).toHaveText(`${total} / ${total}`);
  await expect(page.getByText('End of the deck')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(currentTitle(page)).toHaveText('Agenda');

  // F: the slides alone, full screen; the keys still work; Esc comes back to the presenter view.
  await page.keyboard.press('f');
  await expect(page.getByTestId('slides-only')).toBeVisible();
  await expect(page.getByTestId('speaker-notes')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(currentTitle(page)).toHaveText('HALVERSON, Graham Peter');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('slides-only')).toHaveCount(0);
  await expect(page.getByTestId('speaker-notes')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(currentTitle(page)).toHaveText('Agenda');

  // A case number, then Enter: straight to that case.
  await page.keyboard.type('3');
  await expect(page.getByText('Case 3… press Enter')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(currentTitle(page)).toHaveText('FAIRCLOUGH, Margaret Ann');
  await expect(page.getByText('Case 3 of 7: FAIRCLOUGH, Margaret Ann')).toBeVisible();
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect(page.getByText('There is no case 9 on this agenda (1–7)')).toBeVisible();
  await expect(currentTitle(page)).toHaveText('FAIRCLOUGH, Margaret Ann');
  await expect(currentTitle(audience)).toHaveText('FAIRCLOUGH, Margaret Ann');
  // A clicker sends its keys to the audience window when that has the focus: the presenter view follows.
  await audience.keyboard.press('ArrowRight');
  await expect(currentTitle(audience)).toHaveText('Clinical history');
  await expect(currentTitle(page)).toHaveText('Clinical history');
  await audience.close();
  await expect(page.getByRole('region', { name: 'Current slide' }).getByText('FAIRCLOUGH, M. A.')).toBeVisible();

  // The decision for the case on screen, captured live beside the slides (D opens it).
  await page.keyboard.press('d');
  const decision = page.getByRole('form', { name: 'Decision' });
  await expect(decision.getByTestId('quorum')).toHaveText('No quorum: 6 core specialties absent');
  for (const s of [
    'Surgeon',
    'Radiologist',
    'Pathologist',
    'Medical oncologist',
    'Radiation oncologist',
    'Specialist nurse',
  ]) {
    await decision.getByRole('checkbox', { name: s, exact: true }).check();
  }
  await expect(decision.getByTestId('quorum')).toHaveText('✓ Quorum');
  // Attendance names users of BoardPrep (the directory; the specialty's own users come first) or guests.
  const surgeons = decision.getByTestId('attendee-surgeon');
  await surgeons.getByLabel('Surgeon: add a user').selectOption({ label: 'Dr Helena Marsh' });
  await surgeons.getByRole('button', { name: 'Add', exact: true }).click();
  await surgeons.getByLabel('Surgeon: guest name').fill('Mr Henrik Dahl');
  await surgeons.getByRole('button', { name: 'Add guest' }).click();
  await expect(surgeons.getByRole('list', { name: 'Surgeon: people present' })).toHaveText(
    /Dr Helena Marsh.*Mr Henrik Dahl \(guest\)/,
  );
  await decision.getByRole('button', { name: 'Start from the proposed plan' }).click();
  await expect(decision.getByRole('checkbox', { name: 'Postoperative radiotherapy' })).toBeChecked();
  await expect(decision.getByRole('checkbox', { name: 'Surveillance' })).toBeChecked();
  await decision.getByRole('radio', { name: 'Curative' }).check();
  await decision.getByRole('button', { name: 'Add action' }).click();
  await decision.getByLabel('Action 1', { exact: true }).fill('Refer for adjuvant radiotherapy planning');
  await decision.getByLabel('Who 1', { exact: true }).fill('Dr Lucia Ferrand');
  await decision.getByLabel('By when 1', { exact: true }).fill('2026-12-23');
  await decision
    .getByLabel('Discussion notes')
    .fill('Close margin at the IVC; radiotherapy to the surgical bed agreed.');

  // Sign-off says what is still missing, then asks for confirmation, then locks the record as the signed-in chair.
  await decision.getByRole('button', { name: 'Sign off' }).click();
  await expect(decision.getByText('Say whether the case was discussed or deferred')).toBeVisible();
  await decision.getByRole('radio', { name: 'Discussed' }).check();
  await decision.getByRole('button', { name: 'Sign off' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign off this decision?' });
  await expect(confirm).toContainText('Postoperative radiotherapy + Surveillance');
  await expect(confirm).toContainText('Intent: Curative');
  await expect(confirm.getByTestId('signoff-quorum')).toHaveText('✓ Quorum: every core specialty is present.');
  await confirm.getByRole('button', { name: 'Sign off' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(decision.getByTestId('decision-status')).toContainText('Signed off by Erin Test');
  // Locked: a record to read, not greyed-out inputs (full names, dates as the app writes them).
  const record = decision.getByTestId('decision-record');
  await expect(record).toContainText('Treatment intent: Curative');
  await expect(record).toContainText('Dr Helena Marsh, Mr Henrik Dahl (guest)');
  await expect(record.getByTestId('sign-off-line')).toHaveText(
    /^Signed off by Erin Test on .+ at \d{2}:\d{2}, with quorum$/,
  );
  await expect(record.getByRole('row', { name: /Refer for adjuvant radiotherapy planning/ })).toContainText(
    '23 Dec 2026',
  );
  await expect(decision.getByLabel('Discussion notes')).toHaveCount(0);
  await expect(decision.getByRole('radio')).toHaveCount(0);
  await expect(decision.getByRole('button', { name: 'Sign off' })).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Cases' }).getByRole('button', { name: /FAIRCLOUGH/ }),
  ).toContainText('Signed off');

  // A later change is an amendment with who and why; the original stays readable.
  await decision.getByRole('button', { name: 'Amend' }).click();
  await decision.getByRole('radio', { name: 'Uncertain' }).check();
  await decision.getByRole('button', { name: 'Save amendment' }).click();
  await expect(decision.getByText('Say why the decision is amended')).toBeVisible();
  await decision.getByLabel('Reason for the amendment').fill('Central pathology review still to confirm the margin');
  await decision.getByRole('button', { name: 'Save amendment' }).click();
  await expect(decision.getByTestId('decision-status')).toContainText('1 amendment');
  await expect(decision.getByTestId('decision-record')).toContainText('Treatment intent: Uncertain');
  const history = decision.getByRole('region', { name: 'Decision history' });
  await expect(history).toContainText('Signed off by Erin Test');
  await expect(history).toContainText('Why: Central pathology review still to confirm the margin');
  await expect(history.getByRole('deletion')).toHaveText('Curative');
  await expect(history.getByRole('insertion')).toHaveText('Uncertain');
  await history.getByRole('button', { name: 'Show the original as signed off' }).click();
  await expect(history.getByRole('group', { name: 'The original decision' })).toContainText(
    'Treatment intent: Curative',
  );

  // Esc leaves presenter mode for the agenda, where the case shows as discussed with its signed-off decision.
  await page.getByRole('region', { name: 'Current slide' }).click();
  await page.keyboard.press('Escape');
  await expect(agendaNames(page)).toHaveCount(7);
  const row = agendaRow(page, 'FAIRCLOUGH');
  await expect(row).toContainText('Discussed');
  await expect(row.getByRole('link', { name: /decision.* for FAIRCLOUGH/i })).toHaveText(
    'Decision: signed off · 1 amendment for FAIRCLOUGH, Margaret Ann',
  );

  // The outcome summary for the referrer and GP, and its de-identified variant.
  const href = (await row.getByRole('link', { name: /decision.* for FAIRCLOUGH/i }).getAttribute('href'))!;
  const itemId = Number(/decisions\/(\d+)$/.exec(href)![1]);
  await page.goto(`${app.baseUrl}#/print/outcome/${itemId}`);
  await waitForPrintReady(page);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('FAIRCLOUGH, Margaret Ann');
  await expect(page.getByText('Postoperative radiotherapy + Surveillance')).toBeVisible();
  await expect(page.getByText('Refer for adjuvant radiotherapy planning')).toBeVisible();
  await expect(page.locator('.doc-quorum')).toHaveText('Quorum');
  await expect(page.getByTestId('sign-off-line')).toContainText('Signed off by Erin Test on ');
  await expect(page.getByText('Uncertain', { exact: true })).toBeVisible();
  await page.goto(`${app.baseUrl}#/print/outcome/${itemId}?deidentified=1`);
  await waitForPrintReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Case 3, 68-year-old woman');
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('FAIRCLOUGH');
  expect(text).not.toContain('BP-100256');
  await expect(page.getByText('De-identified', { exact: true })).toBeVisible();
});

test('sign-off confirmation without quorum: the missing specialties, a reason before the button works, and the record keeps it', async ({
  page,
  app,
}) => {
  await openMeetings(page, app.openUrl);
  await openDemoMeeting(page);
  await agendaRow(page, 'HALVERSON')
    .getByRole('link', { name: /Record decision for HALVERSON/ })
    .click();
  const decision = page.getByRole('form', { name: 'Decision' });
  for (const s of ['Surgeon', 'Radiologist', 'Pathologist', 'Medical oncologist', 'Specialist nurse']) {
    await decision.getByRole('checkbox', { name: s, exact: true }).check();
  }
  await expect(decision.getByTestId('quorum')).toHaveText('No quorum: 1 core specialty absent');
  await decision.getByRole('checkbox', { name: 'Surgery', exact: true }).check();
  await decision.getByRole('radio', { name: 'Curative' }).check();
  await decision.getByRole('radio', { name: 'Discussed' }).check();

  await decision.getByRole('button', { name: 'Sign off' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign off this decision?' });
  await expect(confirm).toContainText('Signed off by you, Erin Test.');
  await expect(confirm.getByTestId('signoff-quorum')).toContainText('No quorum: radiation oncologist absent.');
  const signOff = confirm.getByRole('button', { name: 'Sign off' });
  await expect(signOff).toBeDisabled();
  const reason = 'Radiation oncology input not needed for a surgical decision';
  await confirm.getByLabel('Why is this decision signed off without quorum? (part of the record)').fill(reason);
  await expect(signOff).toBeEnabled();
  await signOff.click();
  await expect(confirm).toHaveCount(0);

  await expect(decision.getByTestId('decision-status')).toContainText('Signed off by Erin Test');
  await expect(decision.getByTestId('sign-off-line')).toHaveText(
    new RegExp(
      `^Signed off by Erin Test on \\d{1,2} [A-Z][a-z]+ \\d{4} at \\d{2}:\\d{2} — without quorum \\(radiation oncologist absent\\): ${reason}$`,
    ),
  );
});

test('the deck editor hides and rewords slides, and the print view gives one 16:9 page per slide with every image loaded', async ({
  page,
  app,
}) => {
  await openMeetings(page, app.openUrl, true);
  await openDemoMeeting(page);
  const meetingId = Number(/#\/meetings\/(\d+)/.exec(page.url())![1]);

  // A key image on the first case, as the imaging room saves it: a rendered PNG with the measurement burned in.
  const created = await page.evaluate(async () => {
    const api = async (channel: string, body: unknown) =>
      (
        await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
            'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
          },
          body: JSON.stringify(body),
        })
      ).json();
    const series = (await api('imaging:studies', { caseId: 1 })).value[0].series[0];
    const image = (await api('imaging:stack', { seriesInstanceUid: series.seriesInstanceUid })).value.images[10];
    const canvas = document.createElement('canvas');
    canvas.width = 256;
    canvas.height = 256;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#333';
    g.fillRect(0, 0, 256, 256);
    g.strokeStyle = '#ffd500';
    g.beginPath();
    g.moveTo(60, 128);
    g.lineTo(200, 128);
    g.stroke();
    const png = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
    await fetch('/media/renders/e2ekeyimage01.png', {
      method: 'PUT',
      headers: {
        'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
        'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
      },
      body: png,
    });
    const view = { windowCenter: 40, windowWidth: 400, invert: false, scale: 1, translation: { x: 0, y: 0 } };
    const r = await api('keyImages:create', {
      caseId: 1,
      sopInstanceUid: image.sopInstanceUid,
      frame: 0,
      caption: 'Axial CT: the mass',
      view,
      annotations: [],
      renderToken: 'e2ekeyimage01',
    });
    return r.ok as boolean;
  });
  expect(created).toBe(true);

  // The deck editor: hide the first case's history slide, and reword the third case's question.
  await page.getByRole('navigation', { name: 'Meeting sections' }).getByRole('link', { name: 'Slides' }).click();
  const slides = page.getByRole('navigation', { name: 'Slides' });
  await expect(slides.getByRole('button', { name: 'Axial CT' })).toHaveCount(0);
  await slides.getByRole('button', { name: 'Hide Clinical history' }).first().click();
  await expect(slides.getByRole('button', { name: /^Clinical history\s*Hidden/ })).toHaveCount(1);
  await slides.getByRole('button', { name: /^FAIRCLOUGH, Margaret Ann\s*\d/ }).click();
  const text = page.getByRole('form', { name: 'Slide text' });
  await text.getByLabel('Question for the board').fill('Adjuvant radiotherapy for the close IVC margin: yes or no?');
  await text.getByRole('button', { name: 'Save slide text' }).click();
  await expect(page.getByRole('region', { name: 'Slide preview' })).toContainText(
    'Adjuvant radiotherapy for the close IVC margin: yes or no?',
  );
  await expect(text.getByText(/The record says: For an FNCLCC grade 2 IVC leiomyosarcoma/)).toBeVisible();

  // The deck as the PDF export loads it: no app chrome, one 1600 x 900 page per visible slide, images loaded.
  const deck = await page.evaluate(
    async (id) =>
      (
        await (
          await fetch('/api/deck:get', {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
              'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
            },
            body: JSON.stringify({ meetingId: id }),
          })
        ).json()
      ).value,
    meetingId,
  );
  await page.goto(`${app.baseUrl}#/print/meeting/${meetingId}`);
  await waitForPrintReady(page);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Cases' })).toHaveCount(0);
  const pages = page.getByTestId('print-slide');
  await expect(pages).toHaveCount(deck.slides.length);
  await expect(pages.first().getByTestId('slide-title')).toHaveText('Agenda');
  await expect(pages.last().getByTestId('slide-number')).toHaveText(`${deck.slides.length} / ${deck.slides.length}`);
  await expect(pages.filter({ hasText: 'Clinical history' })).toHaveCount(6);
  // One question per case: the edited question on its title slide and its plan slide.
  await expect(pages.filter({ hasText: 'Adjuvant radiotherapy for the close IVC margin: yes or no?' })).toHaveCount(2);
  const image = page.getByRole('img', { name: 'Axial CT: the mass' });
  await expect(image).toHaveJSProperty('complete', true);
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
  const box = (await pages.first().boundingBox())!;
  expect([box.width, box.height]).toEqual([1600, 900]);

  // Printed as the exporter prints it: the page count is the slide count, each page 16:9.
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)?.length).toBe(deck.slides.length);
  const [, w, h] = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf)!;
  expect(Number(w) / Number(h)).toBeCloseTo(16 / 9, 2);

  // De-identified: the same pages without a name or MRN.
  await page.goto(`${app.baseUrl}#/print/meeting/${meetingId}?deidentified=1`);
  await waitForPrintReady(page);
  await expect(pages).toHaveCount(deck.slides.length);
  await expect(pages.nth(1).getByTestId('slide-title')).toHaveText('Case 1');
  const body = await page.locator('body').innerText();
  for (const name of [
    'HALVERSON',
    'CASTELLANO',
    'FAIRCLOUGH',
    'OYELARAN',
    'PRENTICE',
    'WHITAKER',
    'BRENNAN',
    'BP-100231',
    'BP-100256',
  ])
    expect(body).not.toContain(name);

  // The minutes: every case of the meeting, on A4.
  await page.goto(`${app.baseUrl}#/print/minutes/${meetingId}`);
  await waitForPrintReady(page);
  await expect(page.getByRole('heading', { name: 'Minutes: Sarcoma MDT' })).toBeVisible();
  await expect(page.locator('.doc-section--case')).toHaveCount(7);
  await expect(page.locator('.doc-table--summary tbody tr')).toHaveCount(7);
});
