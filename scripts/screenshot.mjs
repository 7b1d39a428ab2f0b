// Makes docs/screenshot.png: the demo board in Debian's Chromium through the web host (npm run screenshot).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

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
const browser = await chromium.launch({
  executablePath: process.env.BOARDPREP_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.getByRole('link').filter({ hasText: process.argv[2] ?? 'Dedifferentiated' }).first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const out = path.join(root, 'docs', process.argv[3] ?? 'screenshot.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  host.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
