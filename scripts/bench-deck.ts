/**
 * Meeting deck benchmark (issue 5, Speed): `npx tsx scripts/bench-deck.ts [--cases 40] [--images 2] [--rounds 3] [--keep]`
 * (`npm run bench:deck`). Needs the built app (npm run build) and Chromium (/usr/bin/chromium or BOARDPREP_CHROMIUM).
 *
 * In a temporary data folder it builds a board meeting of 40 demo-like cases, a full-size board (issue 14: the agenda
 * on six slides), of the 7 demo cases and copies of them under other fictional names (with their pathology, lesions,
 * plans and timelines), with 2 key images each: real PNGs of about 300 KB, rendered once from the demo's synthetic CT (soft-tissue window, a measurement line burned
 * in, CT-like noise, each file different), each with the JPEG for print the viewer uploads beside it (encoded by
 * Chromium's canvas, as the viewer does). Then, in one run, it measures:
 *   1. building the deck model (load the 40 records from SQLite + build the slides), cold and warm;
 *   2. rendering all slides in Chromium: the deck's print view (#/print/meeting/<id>) on a private web host, from
 *      navigation until the view sets printReady (every slide drawn, every image loaded), cold and warm browser;
 *   3. the PDF export end to end (print view, printToPDF, atomic write), warm browser;
 *   4. the PPTX export end to end (deck model, pptxgenjs, key-image PNGs, atomic write);
 * sampling every 100 ms the resident memory of this process and the memory of Chromium (browser and all its
 * children, proportional set size), and
 * prints a table beside the targets: deck rendered < 1 s, PDF < 10 s, PPTX < 5 s.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliActor } from '../electron/db/actor';
import { openDatabase, type Db } from '../electron/db/open';
import { handlersFor } from '../electron/host/handlers';
import { answerMedia } from '../electron/host/media';
import { createServices } from '../electron/host/services';
import { startWebHost } from '../electron/host/web';
import { loadDemoImages } from '../electron/services/demo/demo-images';
import { loadDemoBoard } from '../electron/services/demo/demo-service';
import { addDemoUsers } from '../electron/services/demo/demo-users';
import { AuthService } from '../electron/services/auth/auth-service';
import { readDemoBoard, type DemoBoard } from '../electron/services/demo/demo-board';
import {
  ChromiumPdfPrinter,
  ExportsService,
  findChromium,
  printRoute,
  webHostPdfSource,
  webHostPrintUrl,
} from '../electron/services/export';
import { PRINT_JPEG_QUALITY } from '../shared/imaging/key-image-jpeg';
import { storeJpeg } from '../electron/services/imaging/jpeg-cache';
import { HEADLESS_LAUNCH_OPTIONS } from '../electron/services/export/find-chromium.mjs';
import { chromium, type Page } from 'playwright-core';
import { createMeetingsServices } from '../electron/services/meetings';
import { encodePng } from '../tests/unit/export/png-fixture';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(root, 'out', 'renderer');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const CASES = option('cases', 40);
const IMAGES = option('images', 2);
const ROUNDS = Math.max(1, option('rounds', 3));
const KEEP = process.argv.includes('--keep');
const MEETING_START = '2027-01-14T13:00';

// --------------------------------------------------------------------------------------------- memory sampling

/**
 * Memory (bytes) of a process and all its descendants (Linux /proc; 0 elsewhere): the sum of their proportional set
 * sizes (PSS: shared pages divided among the processes sharing them, so Chromium's many processes are not
 * counted several times over), or of their RSS where smaps_rollup cannot be read.
 */
function treeMemory(pid: number | null): number {
  if (!pid || process.platform !== 'linux') return 0;
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += processMemory(p);
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

function processMemory(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Fall back to RSS.
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[21]) * 4096;
  } catch {
    return 0;
  }
}

class Peaks {
  node = 0;
  chromium = 0;
  private timer: NodeJS.Timeout | null = null;
  start(chromiumPid: () => number | null): void {
    this.node = process.memoryUsage().rss;
    this.chromium = treeMemory(chromiumPid());
    this.timer = setInterval(() => {
      this.node = Math.max(this.node, process.memoryUsage().rss);
      this.chromium = Math.max(this.chromium, treeMemory(chromiumPid()));
    }, 100);
  }
  stop(chromiumPid: () => number | null): { node: number; chromium: number } {
    if (this.timer) clearInterval(this.timer);
    this.node = Math.max(this.node, process.memoryUsage().rss);
    this.chromium = Math.max(this.chromium, treeMemory(chromiumPid()));
    return { node: this.node, chromium: this.chromium };
  }
}

// --------------------------------------------------------------------------------------------- the meeting

const FAMILY = [
  'Abernethy',
  'Bramwell',
  'Cardew',
  'Dunmore',
  'Elsworth',
  'Farrant',
  'Gilchrist',
  'Hollister',
  'Ingleby',
  'Jessop',
  'Kimber',
  'Lindqvist',
  'Marchbank',
  'Nettleton',
  'Ormerod',
  'Pemberton',
  'Quarrie',
  'Rushworth',
  'Stainton',
  'Thackeray',
  'Underwood',
  'Verity',
  'Wetherall',
  'Yarrow',
  'Zetland',
];
const GIVEN = [
  'Alice Mary',
  'Bernard John',
  'Clara Jane',
  'Desmond Paul',
  'Edith Rose',
  'Felix Adam',
  'Grace Ellen',
  'Harold James',
  'Iris Kate',
  'Jonah Luke',
];

/** The demo board with copies of its cases (other fictional patients) and one upcoming meeting of them all. */
function benchBoard(demo: DemoBoard, cases: number): DemoBoard {
  const copies = demo.cases.slice();
  for (let i = demo.cases.length; i < cases; i++) {
    const from = demo.cases[i % demo.cases.length];
    const family = FAMILY[(i - demo.cases.length) % FAMILY.length];
    const copy = structuredClone(from);
    copy.key = `bench-${String(i + 1).padStart(2, '0')}`;
    copy.case.patient = {
      ...copy.case.patient,
      familyName: family,
      givenNames: GIVEN[i % GIVEN.length],
      mrn: `BENCH-${String(200000 + i)}`,
    };
    copy.case.clinicalHistory = copy.case.clinicalHistory.split(from.case.patient.familyName).join(family);
    copies.push(copy);
  }
  const chosen = copies.slice(0, cases);
  return {
    title: `${demo.title} (benchmark copy)`,
    cases: chosen,
    meetings: [
      {
        key: 'bench-meeting',
        source: 'Benchmark meeting',
        meeting: {
          boardType: 'sarcoma',
          title: 'Sarcoma MDT',
          startsAt: MEETING_START,
          durationMinutes: 720,
          place: 'Seminar room 3',
          videoLink: '',
          chair: 'Dr Helena Marsh',
          coordinator: 'Joanne Pike',
          submissionCutoff: null,
        },
        status: 'scheduled',
        agenda: chosen.map((c, i) => ({
          case: c.key,
          presenter: ['Dr Amara Okafor', 'Mr Kwame Mensah', 'Dr Farah Qureshi'][i % 3],
          minutes: 6,
        })),
      },
    ],
  };
}

type DicomParser = typeof import('dicom-parser');

/** A stored CT slice, windowed for soft tissue, scaled to `size`, with a burned-in measurement line. */
async function renderSlice(file: string, size: number): Promise<Uint8Array> {
  const ns = (await import('dicom-parser')) as unknown as DicomParser & { default?: DicomParser };
  const parser = ns.default ?? ns;
  const bytes = readFileSync(file);
  const ds = parser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  const rows = ds.uint16('x00280010')!;
  const cols = ds.uint16('x00280011')!;
  const signed = ds.uint16('x00280103') === 1;
  const slope = Number(ds.string('x00281053') ?? 1) || 1;
  const intercept = Number(ds.string('x00281052') ?? 0) || 0;
  const el = ds.elements.x7fe00010;
  const view = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, el.length);
  const gray = new Uint8Array(size * size);
  const [center, width] = [40, 400];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sx = Math.min(cols - 1, Math.floor((x * cols) / size));
      const sy = Math.min(rows - 1, Math.floor((y * rows) / size));
      const at = (sy * cols + sx) * 2;
      const raw = signed ? view.getInt16(at, true) : view.getUint16(at, true);
      const hu = raw * slope + intercept;
      gray[y * size + x] = Math.max(0, Math.min(255, Math.round(((hu - (center - width / 2)) / width) * 255)));
    }
  }
  return gray;
}

/** An RGB key image from a gray slice: CT-like noise (seeded: every file differs) and a yellow measurement. */
function keyImagePng(gray: Uint8Array, size: number, seed: number): Buffer {
  let s = seed * 2654435761;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const rgb = new Uint8Array(size * size * 3);
  for (let i = 0; i < size * size; i++) {
    const v =
      gray[i] === 0 ? 0 : Math.max(0, Math.min(255, gray[i] + Math.round((rand() + rand() + rand() - 1.5) * 9)));
    rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = v;
  }
  const y0 = Math.round(size * (0.45 + (seed % 7) / 100));
  for (let x = Math.round(size * 0.3); x < Math.round(size * 0.7); x++) {
    for (let t = -1; t <= 1; t++) {
      const i = ((y0 + t) * size + x) * 3;
      rgb[i] = 255;
      rgb[i + 1] = 221;
      rgb[i + 2] = 0;
    }
  }
  return encodePng(size, size, rgb, {}, 6);
}

interface Built {
  db: Db;
  dataDir: string;
  meetingId: number;
  pngBytes: number[];
}

async function buildMeeting(work: string): Promise<Built> {
  const resourcesDir = path.join(work, 'resources');
  mkdirSync(path.join(resourcesDir, 'demo'), { recursive: true });
  const board = benchBoard(readDemoBoard(path.join(root, 'resources')), CASES);
  writeFileSync(path.join(resourcesDir, 'demo', 'board.json'), JSON.stringify(board));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  const db = openDatabase(dataDir);
  // Users as the demo has them: without any the app (and so the print view) opens on its first-start screen.
  await addDemoUsers(new AuthService(db));
  loadDemoBoard(db, resourcesDir);
  await loadDemoImages(db, dataDir, resourcesDir);
  const meetingId = createMeetingsServices(db).meetings.next()!.id;

  // Two slices of the synthetic CT (one per series), rendered once; each key image is a noisy copy of one.
  const series = db
    .prepare(
      `SELECT se.id, i.sop_instance_uid, i.stored_path FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id
       ORDER BY se.id, i.instance_number`,
    )
    .all() as { id: number; sop_instance_uid: string; stored_path: string }[];
  const bySeries = [...new Set(series.map((r) => r.id))].map((id) => series.filter((r) => r.id === id));
  const picks = bySeries.slice(0, 2).map((list) => list[Math.floor(list.length / 2)]);
  const SIZE = 768;
  const slices = await Promise.all(picks.map((p) => renderSlice(path.join(dataDir, p.stored_path), SIZE)));
  mkdirSync(path.join(dataDir, 'renders'), { recursive: true });
  const items = db
    .prepare('SELECT case_id FROM agenda_items WHERE meeting_id = ? ORDER BY position')
    .all(meetingId) as { case_id: number }[];
  const insert = db.prepare(
    `INSERT INTO key_images (case_id, sop_instance_uid, frame, caption, view_json, annotations_json, render_path, position, created_at)
     VALUES (?, ?, 0, ?, '{}', ?, ?, ?, '2026-11-20T10:00:00Z')`,
  );
  const pngBytes: number[] = [];
  let n = 0;
  for (const { case_id } of items) {
    for (let k = 0; k < IMAGES; k++) {
      const which = k % picks.length;
      const png = keyImagePng(slices[which], SIZE, ++n);
      const relative = path.join('renders', `bench-${n}.png`);
      writeFileSync(path.join(dataDir, relative), png);
      pngBytes.push(png.length);
      const annotations = [
        {
          id: `m${n}`,
          tool: 'bidirectional',
          sopInstanceUid: picks[which].sop_instance_uid,
          frame: 0,
          handles: {},
          values: { unit: 'mm', spacingSource: 'PixelSpacing', long: 92.4 + k, short: 61.2 },
        },
      ];
      insert.run(
        case_id,
        picks[which].sop_instance_uid,
        `${which === 0 ? 'Axial' : 'Coronal'} CT: measured mass`,
        JSON.stringify(annotations),
        relative,
        k + 1,
      );
    }
  }
  return { db, dataDir, meetingId, pngBytes };
}

/**
 * Each key image's JPEG for print, as the viewer makes it when it saves a key image (renderer/viewer/capture.ts:
 * the same drawing encoded by Chromium's canvas at PRINT_JPEG_QUALITY) and keyImages:create keeps it.
 */
async function keepJpegsAsTheViewerDoes(db: Db, dataDir: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: findChromium(), ...HEADLESS_LAUNCH_OPTIONS });
  try {
    const page = await browser.newPage();
    const files = (db.prepare('SELECT render_path FROM key_images').all() as { render_path: string }[]).map((r) =>
      path.join(dataDir, r.render_path),
    );
    for (const file of files) {
      const jpeg = await page.evaluate(
        async ({ png, q }) => {
          const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))]));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
          const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: q });
          const bytes = new Uint8Array(await blob.arrayBuffer());
          let text = '';
          for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return btoa(text);
        },
        { png: readFileSync(file).toString('base64'), q: PRINT_JPEG_QUALITY },
      );
      if (!storeJpeg(dataDir, file, PRINT_JPEG_QUALITY, Buffer.from(jpeg, 'base64')))
        throw new Error(`No JPEG kept for ${file}`);
    }
  } finally {
    await browser.close();
  }
}

// --------------------------------------------------------------------------------------------- rendering

interface Viewer {
  page: Page;
  pid: number;
  startMs: number;
  close(): Promise<void>;
}

/** A headless Chromium with one tab, driven by playwright-core (as the PDF printer is). */
async function launchChromium(): Promise<Viewer> {
  const t = performance.now();
  const browser = await chromium.launch({ executablePath: findChromium(), ...HEADLESS_LAUNCH_OPTIONS });
  // The probes below are strings evaluated in the page, which the app's Content-Security-Policy (no eval) refuses.
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, bypassCSP: true });
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  return {
    page,
    pid: processInfo.find((p) => p.type === 'browser')!.id,
    startMs: performance.now() - t,
    close: () => browser.close(),
  };
}

interface RenderTiming {
  /** Navigation to printReady, and when (from navigation) the deck answer and the last image arrived. */
  ready: number;
  deckAnswered: number;
  imagesLoaded: number;
  slides: number;
}

async function renderOnce(v: Viewer, url: string): Promise<RenderTiming> {
  const evaluate = (expression: string) => v.page.evaluate(expression);
  await v.page.goto('about:blank');
  const t = performance.now();
  await v.page.goto(url, { waitUntil: 'commit' });
  await v.page.waitForFunction("document.body?.dataset.printReady === 'true'", undefined, {
    polling: 10,
    timeout: 120_000,
  });
  const ready = performance.now() - t;
  // Resource times are relative to this document's start.
  const info = (await evaluate(`(() => {
    const res = performance.getEntriesByType('resource');
    const end = (f) => Math.max(0, ...res.filter(f).map((e) => e.responseEnd));
    return { deck: end((e) => e.name.includes('/api/deck')), images: end((e) => e.name.includes('/media/key-images/')),
      slides: document.querySelectorAll('[data-testid="print-slide"]').length, docStart: performance.timeOrigin };
  })()`)) as { deck: number; images: number; slides: number };
  const offset = ready - ((await evaluate('performance.now()')) as number);
  return { ready, deckAnswered: info.deck + offset, imagesLoaded: info.images + offset, slides: info.slides };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** BENCH_PROFILE=render: one more warm render under the CPU profiler; prints the top self times of the page's thread. */
async function profileRender(v: Viewer, url: string): Promise<void> {
  const cdp = await v.page.context().newCDPSession(v.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const t = await renderOnce(v, url);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  console.log(`Profiled render: ${ms(t.ready)}; self time by function (ms):`);
  for (const [k, v2] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${v2.toFixed(0).padStart(6)}  ${k}`);
  await cdp.detach();
}

// --------------------------------------------------------------------------------------------- the run

const step = (what: string) => process.stderr.write(`  ${new Date().toISOString().slice(11, 19)} ${what} ...\n`);
const ms = (t: number) => `${(t / 1000).toFixed(2)} s`;
const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('Build the app first: npm run build');
  const work = mkdtempSync(path.join(os.tmpdir(), 'boardprep-bench-deck-'));
  const printer = new ChromiumPdfPrinter({ dataDir: work, idleMs: 0 });
  let chromiumPid: number | null = null;
  const pidNow = () => chromiumPid;
  try {
    process.stderr.write(`Building a meeting of ${CASES} cases with ${IMAGES} key images each in ${work} ...\n`);
    const setupStart = performance.now();
    const { db, dataDir, meetingId, pngBytes } = await buildMeeting(work);
    await keepJpegsAsTheViewerDoes(db, dataDir);
    const avgPng = pngBytes.reduce((a, b) => a + b, 0) / pngBytes.length;
    process.stderr.write(
      `  done in ${ms(performance.now() - setupStart)}: ${pngBytes.length} key-image PNGs, ${(avgPng / 1024).toFixed(0)} KB each on average\n`,
    );

    const ctx = { db, dataDir, resourcesDir: path.join(root, 'resources'), version: 'bench' };
    const services = createServices(ctx);
    const meetings = createMeetingsServices(db);
    const host = await startWebHost({
      handlers: handlersFor(services),
      gate: services.auth,
      media: (method, url, body) => answerMedia(services, method, url, body),
      rendererDir,
      port: 0,
      log: (m, e) => process.stderr.write(`web host: ${m}: ${e instanceof Error ? e.message : String(e)}\n`),
    });
    const printSession = () => services.auth.printSession(cliActor());
    const source = webHostPdfSource(host, printer, printSession);
    const exportsService = new ExportsService({ db, dataDir, meetings, pdf: source });
    const rows: {
      step: string;
      seconds: number;
      target: number | null;
      note: string;
      mem: { node: number; chromium: number };
    }[] = [];
    const peaks = () => new Peaks();

    step('deck model');
    // 1. The deck model.
    let p = peaks();
    p.start(pidNow);
    const modelTimes: number[] = [];
    let slides = 0;
    for (let r = 0; r < ROUNDS + 1; r++) {
      const t = performance.now();
      const deck = meetings.deck.meetingDeck(meetingId);
      modelTimes.push(performance.now() - t);
      slides = deck.slides.length;
    }
    const t0 = performance.now();
    meetings.deck.meetingDeck(meetingId, { deidentified: true });
    const deidTime = performance.now() - t0;
    let mem = p.stop(pidNow);
    rows.push({
      step: `Deck model, cold (load ${CASES} records + build)`,
      seconds: modelTimes[0] / 1000,
      target: null,
      note: `${slides} slides`,
      mem,
    });
    rows.push({
      step: 'Deck model, warm (median)',
      seconds: median(modelTimes.slice(1)) / 1000,
      target: null,
      note: `de-identified: ${ms(deidTime)}`,
      mem,
    });

    step('rendering the print view');
    // 2. Rendering every slide in Chromium: the deck's print view, from navigation until printReady, in a browser of
    // its own (cold: first load; warm: loaded again in the same tab, as a presenter reopening the deck, so its text
    // boxes start at the sizes the tab remembers, renderer/slides/fit-memo.ts; each export prints from a new tab).
    const viewer = await launchChromium();
    chromiumPid = viewer.pid;
    p = peaks();
    p.start(pidNow);
    const url = webHostPrintUrl(host, printRoute.deck(meetingId, false), printSession());
    const cold = await renderOnce(viewer, url);
    const warm: RenderTiming[] = [];
    for (let r = 0; r < ROUNDS; r++) warm.push(await renderOnce(viewer, url));
    if (process.env.BENCH_PROFILE === 'render') await profileRender(viewer, url);
    mem = p.stop(pidNow);
    await viewer.close();
    const w = warm.slice().sort((a, b) => a.ready - b.ready)[Math.floor(warm.length / 2)];
    const breakdown = (t: RenderTiming) =>
      `deck:get answered ${ms(t.deckAnswered)}, images loaded ${ms(t.imagesLoaded)}, ${t.slides} slides`;
    rows.push({
      step: 'Chromium start',
      seconds: viewer.startMs / 1000,
      target: null,
      note: 'headless, playwright-core',
      mem,
    });
    rows.push({
      step: 'Render all slides, cold (print view to printReady)',
      seconds: cold.ready / 1000,
      target: null,
      note: breakdown(cold),
      mem,
    });
    rows.push({
      step: 'Render all slides, warm (median)',
      seconds: w.ready / 1000,
      target: 1,
      note: `${breakdown(w)}; runs ${warm.map((t) => ms(t.ready)).join(', ')}`,
      mem,
    });

    step('printing as an export does');
    // 2b. The same as an export prints it: a new tab, images made JPEG, then printToPDF. The first print is of key
    // images without their JPEG (made before the viewer kept them): it encodes every one and keeps the JPEGs
    // (jpeg-cache.ts, as an export does); the next ones load them.
    rmSync(path.join(dataDir, 'renders', 'jpeg'), { recursive: true, force: true });
    const keyImageFile = (mediaPath: string) => {
      const m = /^\/media\/key-images\/(\d+)\.png$/.exec(mediaPath);
      const row = m
        ? (db.prepare('SELECT render_path FROM key_images WHERE id = ?').get(Number(m[1])) as
            { render_path: string } | undefined)
        : undefined;
      return row ? path.join(dataDir, row.render_path) : null;
    };
    let jpegsKept = 0;
    p = peaks();
    p.start(pidNow);
    const phases: { loading: number; printing: number; end: number }[] = [];
    for (let r = 0; r < ROUNDS + 1; r++) {
      const marks: Record<string, number> = {};
      await printer.print(url, {
        landscape16x9: true,
        jpegQuality: PRINT_JPEG_QUALITY,
        onJpeg: (mediaPath, jpeg) => {
          const file = keyImageFile(mediaPath);
          if (file && storeJpeg(dataDir, file, PRINT_JPEG_QUALITY, jpeg)) jpegsKept++;
        },
        onPhase: (phase) => {
          marks[phase] = performance.now();
          if (phase === 'loading') void printer.pid().then((pid) => (chromiumPid = pid));
        },
      });
      phases.push({ loading: marks.loading, printing: marks.printing, end: performance.now() });
    }
    mem = p.stop(pidNow);
    const warmPrints = phases.slice(1);
    rows.push({
      step: 'Export: view ready + JPEG images, first print',
      seconds: (phases[0].printing - phases[0].loading) / 1000,
      target: null,
      note: `no JPEG kept yet: ${jpegsKept} key images encoded and kept`,
      mem,
    });
    rows.push({
      step: 'Export: view ready + JPEG images (median)',
      seconds: median(warmPrints.map((x) => x.printing - x.loading)) / 1000,
      target: null,
      note: 'a new tab per export, browser running, JPEGs kept',
      mem,
    });
    rows.push({
      step: 'Export: printToPDF (median)',
      seconds: median(warmPrints.map((x) => x.end - x.printing)) / 1000,
      target: null,
      note: '',
      mem,
    });

    step('PDF exports');
    // 3. The PDF export end to end (the browser is running, as in the web host after its first export).
    const out = path.join(work, 'out');
    mkdirSync(out);
    p = peaks();
    p.start(pidNow);
    const pdfTimes: number[] = [];
    let pdfOutcome = null as Awaited<ReturnType<ExportsService['run']>> | null;
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      pdfOutcome = await exportsService.run({
        kind: 'deck-pdf',
        meetingId,
        deidentified: r % 2 === 1,
        path: path.join(out, `deck-${r}.pdf`),
        overwrite: true,
      });
      pdfTimes.push(performance.now() - t);
    }
    mem = p.stop(pidNow);
    rows.push({
      step: 'PDF export (median, warm browser)',
      seconds: median(pdfTimes) / 1000,
      target: 10,
      note: `${pdfOutcome!.pages} pages, ${mb(pdfOutcome!.bytes)}; runs ${pdfTimes.map(ms).join(', ')}`,
      mem,
    });
    // Cold: a fresh printer, as the CLI does.
    const coldPrinter = new ChromiumPdfPrinter({ dataDir: work, idleMs: 0 });
    const coldService = new ExportsService({
      db,
      dataDir,
      meetings,
      pdf: webHostPdfSource(host, coldPrinter, printSession),
    });
    p = peaks();
    p.start(() => chromiumPid);
    const tc = performance.now();
    const coldPoll = setInterval(() => void coldPrinter.pid().then((pid) => pid && (chromiumPid = pid)), 50);
    await coldService.run({
      kind: 'deck-pdf',
      meetingId,
      deidentified: false,
      path: path.join(out, 'deck-cold.pdf'),
      overwrite: true,
    });
    clearInterval(coldPoll);
    const coldPdf = performance.now() - tc;
    mem = p.stop(() => chromiumPid);
    await coldPrinter.close();
    chromiumPid = await printer.pid();
    rows.push({
      step: 'PDF export, cold (Chromium started for it)',
      seconds: coldPdf / 1000,
      target: 10,
      note: 'as `boardprep export --pdf`, without the CLI start-up',
      mem,
    });

    step('PPTX exports');
    // 4. The PPTX export end to end.
    await printer.close();
    chromiumPid = null;
    global.gc?.();
    p = peaks();
    p.start(pidNow);
    const pptxTimes: number[] = [];
    let pptxOutcome = null as Awaited<ReturnType<ExportsService['run']>> | null;
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      pptxOutcome = await exportsService.run({
        kind: 'deck-pptx',
        meetingId,
        deidentified: r % 2 === 1,
        path: path.join(out, `deck-${r}.pptx`),
        overwrite: true,
      });
      pptxTimes.push(performance.now() - t);
    }
    mem = p.stop(pidNow);
    rows.push({
      step: 'PPTX export (median)',
      seconds: median(pptxTimes) / 1000,
      target: 5,
      note: `${pptxOutcome!.slides} slides, ${mb(pptxOutcome!.bytes)}; runs ${pptxTimes.map(ms).join(', ')}`,
      mem,
    });
    await host.close();

    // The table.
    const cpu = os.cpus();
    const head = [
      'step',
      'time',
      'target',
      'ok',
      'peak RSS (this process)',
      'peak PSS (Chromium, all processes)',
      'notes',
    ];
    const body = rows.map((r) => [
      r.step,
      `${r.seconds.toFixed(2)} s`,
      r.target === null ? '' : `< ${r.target} s`,
      r.target === null ? '' : r.seconds < r.target ? 'yes' : 'NO',
      mb(r.mem.node),
      r.mem.chromium ? mb(r.mem.chromium) : '-',
      r.note,
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    let chromiumVersion = '';
    try {
      chromiumVersion = execFileSync(findChromium(), ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      // Not needed for the table.
    }
    console.log(
      `\nLoad average when it finished: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (the machine's other work slows every figure).`,
    );
    console.log(
      `Deck benchmark: ${CASES} cases x ${IMAGES} key images (${pngBytes.length} PNGs, ${(avgPng / 1024).toFixed(0)} KB average), ${slides} slides; ` +
        `${cpu.length} x ${cpu[0]?.model ?? 'CPU'}, Node ${process.version}${chromiumVersion ? `, ${chromiumVersion}` : ''}\n`,
    );
    console.log(line(head));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const b of body) console.log(line(b));
    const outputs = readdirSync(out).map((f) => `${f} ${mb(statSync(path.join(out, f)).size)}`);
    console.log(`\nFiles written: ${outputs.join(', ')}`);
    services.jobs.cancelAll();
    db.close();
  } finally {
    await printer.close();
    if (KEEP) process.stderr.write(`Kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
