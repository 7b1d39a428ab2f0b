/**
 * Viewer benchmark: `npm run build && npm run bench:viewer [-- --rounds 3 --slices 500 --wheel-ms 10 --keep]`
 *
 * Needs a built app (`npm run build`): it runs the real web host (bin/boardprep.mjs serve) and the built renderer.
 * On a fresh temporary data folder it loads the demo board (no images), writes a synthetic axial CT of --slices
 * slices of 512 x 512 (electron/services/demo/synthetic; the files are kept in the temp folder between runs) and
 * imports it into case 1 through the `boardprep import` command. Then, --rounds times, each in a fresh headless
 * Chromium (find-chromium.mjs, HEADLESS_LAUNCH_OPTIONS):
 *   - opens the case's Imaging tab (the first series opens by itself): "first image" is the time from the route
 *     change to the first image the viewer draws;
 *   - first pass: one wheel notch (deltaY 100 = one slice) every --wheel-ms through every slice, top to bottom,
 *     on a series never loaded before, until the last slice is drawn;
 *   - cached pass: the same back up, in the same page (the reference for what the viewer can draw);
 *   - memory after the passes, then after leaving the series (the case record tab), each after a forced GC.
 * "Drawn" counts cornerstone's CORNERSTONEIMAGERENDERED events on the viewer's element that show a different image
 * than the previous one (re-renders of the same image are not counted). images/s = images drawn between the first
 * wheel event and the drawing of the pass's last slice, divided by that time; the longest freeze is the longest
 * time in that interval without a new image. Prints the median of the rounds. BENCH_PROFILE=first (or =cached)
 * also prints where the page's main thread spent that pass.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { HEADLESS_LAUNCH_OPTIONS, locateChromium } from '../electron/services/export/find-chromium.mjs';
import { signIn } from './sign-in.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'boardprep.mjs');

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    slices: { type: 'string', default: '500' },
    'wheel-ms': { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(opts.rounds);
const SLICES = Number(opts.slices);
const WHEEL_MS = Number(opts['wheel-ms']);

// ------------------------------------------------------------------------------------------ the series

/** Writes (once; kept between runs) `slices` axial 512 x 512 CT slices of the demo's retroperitoneal phantom. */
async function syntheticSeries(slices: number): Promise<string> {
  const dir = path.join(os.tmpdir(), `boardprep-bench-viewer-ct-${slices}`);
  if (existsSync(dir) && readdirSync(dir).filter((f) => f.endsWith('.dcm')).length === slices) return dir;
  rmSync(dir, { recursive: true, force: true });
  const { PHANTOM_CASES } = await import('../electron/services/demo/synthetic/phantom');
  const { axialGeometry, uidFromName, writeSeries } = await import('../electron/services/demo/synthetic/write-series');
  const spec = PHANTOM_CASES['rp-ddlps'];
  const sliceMm = 0.625;
  const cz = spec.mass.center[2];
  const zPositions = Array.from({ length: slices }, (_, i) => cz + (i - (slices - 1) / 2) * sliceMm);
  const key = `bench-viewer-${slices}`;
  process.stderr.write(`writing ${slices} synthetic CT slices to ${dir} (once)...\n`);
  await writeSeries({
    phantom: spec.build(),
    geometry: axialGeometry({
      rows: 512,
      columns: 512,
      spacing: spec.grid.spacing,
      sliceThickness: sliceMm,
      center: spec.grid.center,
      zPositions,
    }),
    dir,
    sopInstanceUid: (i) => uidFromName(`${key}/${i + 1}`),
    dataset: {
      PatientName: 'BENCH^VIEWER',
      PatientID: 'BENCH-VIEWER',
      PatientBirthDate: '19700101',
      PatientSex: 'O',
      StudyDate: '20260101',
      StudyTime: '120000',
      Modality: 'CT',
      StudyDescription: 'Viewer benchmark (SYNTHETIC)',
      SeriesDescription: `Axial ${slices} x 512 (SYNTHETIC)`,
      StudyInstanceUID: uidFromName(`${key}/study`),
      SeriesInstanceUID: uidFromName(`${key}/series`),
      FrameOfReferenceUID: uidFromName(`${key}/frame`),
      SeriesNumber: 2,
      StudyID: '1',
      AccessionNumber: '',
      ReferringPhysicianName: '',
      WindowCenter: [40],
      WindowWidth: [400],
    },
  });
  return dir;
}

// ------------------------------------------------------------------------------------------ the host

async function startHost(dataDir: string): Promise<{ child: ChildProcess; openUrl: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, BOARDPREP_DATA: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  return { child, openUrl };
}

// ------------------------------------------------------------------------------------------ in the page

interface Draw {
  t: number;
  id: string;
}
interface BenchState {
  draws: Draw[];
  wheels: number[];
  last?: string;
}

/** Installed before the app loads: records every new image the viewer draws and every wheel event. */
function recorder(): void {
  const b: BenchState = { draws: [], wheels: [] };
  (window as unknown as { __bench: BenchState }).__bench = b;
  window.addEventListener(
    'cornerstoneimagerendered',
    (e) => {
      const el = e.target as HTMLElement | null;
      if (el?.dataset?.testid !== 'viewer-canvas') return;
      const id = (e as CustomEvent<{ image: { imageId: string } }>).detail.image.imageId;
      if (b.last === id) return;
      b.last = id;
      b.draws.push({ t: performance.now(), id });
    },
    true, // capture: cornerstone's events do not bubble
  );
  window.addEventListener('wheel', () => b.wheels.push(performance.now()), { capture: true, passive: true });
}

const benchState = (page: Page) =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: BenchState }).__bench;
    return { draws: b.draws, wheels: b.wheels };
  });

interface Pass {
  drawn: number;
  perSecond: number;
  freezeMs: number;
  seconds: number;
  /** Requests the page completed during the pass (image files, mostly). */
  fetched?: number;
}

async function wheelPass(page: Page, direction: 1 | -1, count: number): Promise<Pass> {
  const viewer = page.getByTestId('viewer-canvas');
  const before = await benchState(page);
  const skipDraws = before.draws.length;
  const skipWheels = before.wheels.length;
  // Dispatched in the page: one notch per WHEEL_MS whatever the latency of the automation protocol (through it, each
  // wheel event took ~40 ms on a loaded machine, slower than a real flick of the wheel). Like Chromium's own wheel
  // input, the events are delivered once per animation frame (the notches due by then, one event each), so they
  // wait for the page's main thread when it is busy.
  // (A string: tsx would wrap named inner functions in a helper the page does not have.)
  await page.evaluate(`new Promise((resolve) => {
    const n = ${count - 1}, dy = ${100 * direction}, ms = ${WHEEL_MS};
    const target = document.querySelector('[data-testid="viewer-canvas"]');
    const t0 = performance.now();
    let sent = 0;
    const tick = () => {
      const due = Math.min(n, Math.floor((performance.now() - t0) / ms) + 1);
      while (sent < due) {
        sent++;
        target.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, deltaMode: 0, bubbles: true, cancelable: true }));
      }
      if (sent < n) requestAnimationFrame(tick);
      else resolve();
    };
    tick();
  })`);
  const lastIndex = direction === 1 ? count - 1 : 0;
  await viewer.and(page.locator(`[data-slice-index="${lastIndex}"][data-ready="true"]`)).waitFor({ timeout: 120_000 });
  const after = await benchState(page);
  const start = after.wheels[skipWheels];
  const draws = after.draws.slice(skipDraws).filter((d) => d.t >= start);
  // The pass ends when its last slice is drawn: the newest image drawn once that slice is ready.
  const end = draws.at(-1)?.t ?? start;
  let freeze = 0;
  let prev = start;
  for (const d of draws) {
    freeze = Math.max(freeze, d.t - prev);
    prev = d.t;
  }
  const seconds = (end - start) / 1000;
  return { drawn: draws.length, perSecond: draws.length / seconds, freezeMs: freeze, seconds };
}

interface Memory {
  heapMb: number;
  rssMb: number | null;
}

async function memory(browser: Browser, page: Page): Promise<Memory> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  await session.detach();
  // Renderer processes' resident memory (pixel arrays live outside the JS heap). Linux only: /proc.
  let rssMb: number | null = null;
  try {
    const bs = await browser.newBrowserCDPSession();
    const { processInfo } = (await bs.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    await bs.detach();
    rssMb = 0;
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
      rssMb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    }
  } catch {
    rssMb = null;
  }
  return { heapMb: heap / 2 ** 20, rssMb };
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** With BENCH_PROFILE=first or =cached, prints where the page's main thread spent that pass (top self times). */
async function profiled<T>(page: Page, pass: 'first' | 'cached', run: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_PROFILE !== pass) return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const result = await run();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[] } };
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  console.log(`${pass} pass, samples by function:`, [...self].sort((x, y) => y[1] - x[1]).slice(0, 20));
  return result;
}

interface Round {
  firstImageMs: number;
  first: Pass;
  cached: Pass;
  afterPass: Memory;
  afterLeave: Memory;
}

async function round(executablePath: string, openUrl: string, count: number): Promise<Round> {
  const browser = await chromium.launch({ ...HEADLESS_LAUNCH_OPTIONS, executablePath });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await page.addInitScript(recorder);
    await page.goto(openUrl);
    await signIn(page, 'presenter');
    await page.waitForLoadState('networkidle');
    const t0 = await page.evaluate(() => {
      location.hash = '#/cases/1/imaging';
      return performance.now();
    });
    const viewer = page.getByTestId('viewer-canvas');
    await page.waitForFunction(() => (window as unknown as { __bench: BenchState }).__bench.draws.length > 0, null, {
      timeout: 60_000,
    });
    const firstImageMs = (await benchState(page)).draws[0].t - t0;
    await viewer.focus();
    await page.keyboard.press('Home');
    await viewer.and(page.locator('[data-slice-index="0"][data-ready="true"]')).waitFor();
    const box = (await viewer.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

    let fetched = 0;
    let lastFetch = performance.now();
    page.on('requestfinished', () => {
      fetched++;
      lastFetch = performance.now();
    });
    const f0 = fetched;
    const first = await profiled(page, 'first', () => wheelPass(page, 1, count));
    first.fetched = fetched - f0;
    // The cached pass starts once the page has fetched nothing for 2 s (the viewer may go on loading the series).
    while (performance.now() - lastFetch < 2000) await new Promise((r) => setTimeout(r, 100));
    const f1 = fetched;
    const cached = await profiled(page, 'cached', () => wheelPass(page, -1, count));
    cached.fetched = fetched - f1;
    const afterPass = await memory(browser, page);

    await page.evaluate(() => {
      location.hash = '#/cases/1';
    });
    await viewer.waitFor({ state: 'detached' });
    const afterLeave = await memory(browser, page);
    return { firstImageMs, first, cached, afterPass, afterLeave };
  } finally {
    await browser.close();
  }
}

// ------------------------------------------------------------------------------------------ main

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'out', 'main', 'cli.js')) || !existsSync(path.join(root, 'out', 'renderer'))) {
    throw new Error('bench:viewer runs the built app: run `npm run build` first');
  }
  const found = locateChromium();
  if (found.path === null) throw new Error(found.problem);
  const source = await syntheticSeries(SLICES);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-bench-viewer-'));
  mkdirSync(dataDir, { recursive: true });
  let host: ChildProcess | undefined;
  try {
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [cli, ...args, '--data', dataDir], {
        cwd: root,
        env: { ...process.env, BOARDPREP_DATA: '' },
        stdio: ['ignore', 'pipe', 'pipe'], // a failure throws with its output
      });
    run('demo', '--no-images', '--json');
    run('import', source, '--case', '1', '--confirm-mismatch', '--json');
    const started = await startHost(dataDir);
    host = started.child;
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const one = await round(found.path, started.openUrl, SLICES);
      rounds.push(one);
      process.stderr.write(
        `round ${r + 1}: first image ${one.firstImageMs.toFixed(0)} ms; first pass ${one.first.drawn} drawn, ` +
          `${one.first.perSecond.toFixed(1)}/s, freeze ${one.first.freezeMs.toFixed(0)} ms; cached pass ` +
          `${one.cached.drawn} drawn, ${one.cached.perSecond.toFixed(1)}/s, freeze ${one.cached.freezeMs.toFixed(0)} ms\n`,
      );
    }
    const m = (f: (r: Round) => number | null) => {
      const xs = rounds.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
      return xs.length ? median(xs) : NaN;
    };
    const n = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
    const row = (label: string, a: string, b: string) => `${label.padEnd(34)}${a.padStart(13)}${b.padStart(14)}`;
    const both = (label: string, f: (r: Round) => [number | null, number | null], digits = 0) =>
      console.log(
        row(
          label,
          n(
            m((r) => f(r)[0]),
            digits,
          ),
          n(
            m((r) => f(r)[1]),
            digits,
          ),
        ),
      );
    console.log(
      `\nViewer, ${SLICES}-slice 512x512 CT, one wheel notch per ${WHEEL_MS} ms, median of ${ROUNDS} rounds\n`,
    );
    console.log(row('', 'first pass', 'cached pass'));
    console.log(row('first image (ms)', n(m((r) => r.firstImageMs)), ''));
    both('images drawn', (r) => [r.first.drawn, r.cached.drawn]);
    both('images/s drawn', (r) => [r.first.perSecond, r.cached.perSecond], 1);
    both('longest freeze (ms)', (r) => [r.first.freezeMs, r.cached.freezeMs]);
    both('pass duration (s)', (r) => [r.first.seconds, r.cached.seconds], 1);
    both('files fetched during the pass', (r) => [r.first.fetched ?? null, r.cached.fetched ?? null]);
    console.log('');
    console.log(row('', 'after passes', 'after leaving'));
    both('renderer JS heap (MB)', (r) => [r.afterPass.heapMb, r.afterLeave.heapMb]);
    both('renderer processes RSS (MB)', (r) => [r.afterPass.rssMb, r.afterLeave.rssMb]);
    console.log('\nTargets: first pass >= 25 images/s, longest freeze <= 200 ms, memory released after leaving.');
  } finally {
    host?.kill('SIGTERM');
    if (opts.keep) console.log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
