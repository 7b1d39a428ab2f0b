/**
 * The case list's first screen in Chromium (issue 14 item 12: "the first screen of a 10,000-case list should show
 * within 200 ms, with readiness computed for the rows shown"): `npx tsx scripts/bench-list-screen.ts [--cases 10000]
 * [--rounds 5]` (`npm run bench:list-screen`, after `npm run build`). Needs Chromium (/usr/bin/chromium or
 * BOARDPREP_CHROMIUM).
 *
 * Two temporary data folders, each served by a private web host: one with N fictional cases (bench-list-data.ts, as
 * bench:list writes them) and, as the reference measured in the same run, one with the demo board. In a headless
 * Chromium, signed in once through the sign-in screen as the demo chair, each round loads the home screen (the case
 * list beside "Choose a case") afresh and measures, in the page, from navigation until the first case card shows its
 * readiness chip (and the readiness answer has arrived), with the DOM node count then and the longest main-thread
 * task (PerformanceObserver 'longtask', tasks over 50 ms) until then. Prints the median of the rounds for both.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { openDatabase, type Db } from '../electron/db/open';
import { handlersFor } from '../electron/host/handlers';
import { answerMedia } from '../electron/host/media';
import { createServices } from '../electron/host/services';
import { startWebHost } from '../electron/host/web';
import { AuthService } from '../electron/services/auth/auth-service';
import { loadDemoBoard } from '../electron/services/demo/demo-service';
import { addDemoUsers } from '../electron/services/demo/demo-users';
import { findChromium } from '../electron/services/export';
import { HEADLESS_LAUNCH_OPTIONS } from '../electron/services/export/find-chromium.mjs';
import { refreshStale } from '../electron/services/search/facets';
import { generate } from './bench-list-data';
import { signIn } from './sign-in.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(root, 'out', 'renderer');
const resourcesDir = path.join(root, 'resources');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const N = option('cases', 10_000);
const ROUNDS = Math.max(1, option('rounds', 5));
const TARGET_MS = 200;

/**
 * Injected before the app's scripts: records the longest task and, on every frame, whether the first case card
 * shows its readiness chip and the readiness answer has arrived; then when (ms from navigation) and the DOM size.
 */
const RECORDER = `(() => {
  const state = { longest: 0, tasks: 0, ready: null, cardAt: null, listAt: null, nodes: 0, cards: 0, chips: 0 };
  window.__listBench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        state.tasks++;
        if (state.ready === null) state.longest = Math.max(state.longest, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const answered = () =>
    performance.getEntriesByType('resource').some((e) => e.name.includes('readinessCounts') && e.responseEnd > 0);
  const tick = () => {
    const card = document.querySelector('.case-card');
    if (card && state.cardAt === null) state.cardAt = performance.now();
    if (card && card.querySelector('[data-testid="readiness-chip"]') && answered()) {
      state.ready = performance.now();
      const list = performance.getEntriesByType('resource').find((e) => /cases(%3A|:)list/.test(e.name));
      state.listAt = list ? list.startTime : null;
      state.nodes = document.getElementsByTagName('*').length;
      state.cards = document.querySelectorAll('.case-card').length;
      state.chips = document.querySelectorAll('.case-card [data-testid="readiness-chip"]').length;
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

interface Sample {
  ready: number;
  cardAt: number;
  /** When the app asked for the list's first page (ms from navigation): what came before is the app starting. */
  listAt: number | null;
  longest: number;
  nodes: number;
  cards: number;
  chips: number;
}

interface Site {
  label: string;
  url: string;
  cases: number;
  close(): Promise<void>;
}

async function site(label: string, fill: (db: Db) => void): Promise<Site> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-bench-list-screen-'));
  const db = openDatabase(dataDir);
  await addDemoUsers(new AuthService(db));
  fill(db);
  const t = Date.now();
  refreshStale(db, new Date().toISOString());
  process.stderr.write(`  ${label}: facets built in ${Date.now() - t} ms\n`);
  const cases = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  const services = createServices({ db, dataDir, resourcesDir, version: 'bench' });
  const host = await startWebHost({
    handlers: handlersFor(services),
    gate: services.auth,
    media: (method, url, body) => answerMedia(services, method, url, body),
    rendererDir,
    port: 0,
    log: (m, e) => process.stderr.write(`web host: ${m}: ${e instanceof Error ? e.message : String(e)}\n`),
  });
  return {
    label,
    cases,
    url: `${host.url}?token=${encodeURIComponent(host.token)}`,
    close: async () => {
      await host.close();
      services.jobs.cancelAll();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function measure(page: Page, s: Site): Promise<Sample> {
  await page.goto('about:blank');
  await page.goto(`${s.url}#/`, { waitUntil: 'commit' });
  await page.waitForFunction('window.__listBench && window.__listBench.ready !== null', undefined, {
    polling: 20,
    timeout: 60_000,
  });
  return (await page.evaluate('window.__listBench')) as Sample;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('Build the app first: npm run build');
  process.stderr.write(`Writing ${N} cases and the demo board into two data folders ...\n`);
  const big = await site(`${N} cases`, (db) => generate(db, N));
  const demo = await site('demo board', (db) => {
    loadDemoBoard(db, resourcesDir);
  });
  const browser = await chromium.launch({ executablePath: findChromium(), ...HEADLESS_LAUNCH_OPTIONS });
  try {
    const results = [demo, big].map((s) => ({ s, samples: [] as Sample[] }));
    // A tab per data folder, signed in once (the session stays in the tab's sessionStorage). Rounds alternate the
    // two folders, so both see the same load on the machine.
    const pages = new Map<Site, Page>();
    for (const { s } of results) {
      const page = await browser.newPage({
        viewport: { width: 1440, height: 900 },
        deviceScaleFactor: 1,
        bypassCSP: true,
      });
      await page.goto(s.url);
      await signIn(page, 'chair');
      await page.waitForLoadState('networkidle');
      await page.addInitScript(RECORDER);
      // One unmeasured load warms the browser's cache of the app's scripts, as for a user opening the app again.
      await measure(page, s);
      pages.set(s, page);
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const entry of results) entry.samples.push(await measure(pages.get(entry.s)!, entry.s));
    }
    console.log(
      `\nLoad average when it finished: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (the machine's other work slows every figure).`,
    );
    console.log(`Case list, first screen in headless Chromium (1440 x 900), median of ${ROUNDS} rounds:\n`);
    const head = [
      'data folder',
      'cases',
      'list asked',
      'first card',
      'card + readiness',
      'after asking',
      'target',
      'longest task',
      'DOM nodes',
    ];
    const body = results.map(({ s, samples }) => {
      const ready = median(samples.map((x) => x.ready));
      // The list's own cost: from asking for the first page to the first card with its readiness. Before it, the app
      // starts and signs in, the same for 9 cases as for 10,000 (the reference row shows it).
      const afterAsking = median(samples.map((x) => x.ready - (x.listAt ?? NaN)));
      const last = samples[samples.length - 1];
      return [
        s === demo ? `${s.label} (reference)` : s.label,
        String(s.cases),
        `${median(samples.map((x) => x.listAt ?? NaN)).toFixed(0)} ms`,
        `${median(samples.map((x) => x.cardAt)).toFixed(0)} ms`,
        `${ready.toFixed(0)} ms`,
        `${afterAsking.toFixed(0)} ms`,
        s === demo ? '' : `< ${TARGET_MS} ms after asking: ${afterAsking < TARGET_MS ? 'yes' : 'NO'}`,
        `${median(samples.map((x) => x.longest)).toFixed(0)} ms`,
        `${median(samples.map((x) => x.nodes))} (${last.cards} cards, ${last.chips} chips)`,
      ];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log(line(head));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const b of body) console.log(line(b));
    console.log(
      "\n'list asked': when the app, started and signed in, asked for cases:list's first page; 'first card' and\n" +
        "'card + readiness': when the first case card, then the first with its readiness chip (the rows' readiness\n" +
        'answered), was drawn; all in ms from navigation (median). The longest task and the DOM are counted until then.\n' +
        "'after asking': from asking for the list to the first card with its readiness, the list's own cost.",
    );
    for (const { s, samples } of results)
      console.log(`${s.label}: runs ${samples.map((x) => `${x.ready.toFixed(0)} ms`).join(', ')}`);
  } finally {
    await browser.close();
    await big.close();
    await demo.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
