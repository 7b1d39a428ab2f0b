// Makes docs/screenshot.png (a demo case), docs/meeting.png (the demo meeting's agenda) and docs/presenter.png
// (presenter mode), in headless Chromium (find-chromium.mjs) through the web host (npm run screenshot).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { HEADLESS_LAUNCH_OPTIONS, locateChromium } from '../electron/services/export/find-chromium.mjs';
import { signIn } from './sign-in.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-shot-'));
const host = spawn(process.execPath, ['bin/boardprep.mjs', 'serve', '--demo', '--data', dataDir], { cwd: root });
const url = await new Promise((resolve, reject) => {
  let out = '';
  host.stdout.on('data', (c) => {
    out += c;
    const m = /Open (\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  host.once('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
});
const found = locateChromium();
if (found.path === null) throw new Error(found.problem);
const browser = await chromium.launch({
  executablePath: found.path,
  ...HEADLESS_LAUNCH_OPTIONS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await signIn(page, 'chair');
  await page
    .getByRole('link')
    .filter({ hasText: process.argv[2] ?? 'Dedifferentiated' })
    .first()
    .click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const shot = async (name) => {
    const out = path.join(root, 'docs', name);
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  };
  await shot('screenshot.png');

  const base = url.split('#')[0];
  // The web host takes its token in a header only (kept by the page in sessionStorage), and JSON only.
  const token = new URL(url).searchParams.get('token');
  const meeting = await page.evaluate(
    async (t) =>
      (
        await (
          await fetch('/api/meetings:next', {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'X-BoardPrep-Token': t,
              'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
            },
            body: '{}',
          })
        ).json()
      ).value,
    token,
  );
  await page.goto(`${base}#/meetings/${meeting.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await shot('meeting.png');

  await page.goto(`${base}#/meetings/${meeting.id}/present`);
  await page.waitForLoadState('networkidle');
  // The imaging slide of the first case that has one (the demo's synthetic CT has no key image; its lesion sizes show).
  await page.waitForTimeout(500);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(500);
  await shot('presenter.png');
} finally {
  await browser.close();
  host.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
