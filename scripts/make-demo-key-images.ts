/**
 * Remakes the demo board's key images (`npx tsx scripts/make-demo-key-images.ts`, after `npm run build`): the
 * measured views of the synthetic CT that the demo cases' imaging slides show, written to
 * resources/demo/key-images/ (one PNG each, and key-images.json with what the loader needs).
 *
 * The measurements are placed from the phantom's geometry, not by hand: each caliper runs between the mass edges
 * the phantom draws (centre ± half the documented size, on the slice through the mass centre), so its value is the
 * documented size. The PNGs come from the app itself: the web host with the demo loaded, the real viewer opened on
 * that slice with those measurements, and "Save as key image", exactly as a presenter makes one. Run it again
 * when the phantom, the viewer's drawing or the captions change; the loader checks that every SOP Instance UID
 * it names is one the generator writes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { chromium, type Page } from 'playwright-core';
import type { Annotation, ViewState } from '../shared/domain/imaging';
import { readDemoBoard } from '../electron/services/demo/demo-board';
import {
  DEMO_KEY_IMAGES_DIR,
  DEMO_KEY_IMAGES_FILE,
  type DemoKeyImage,
} from '../electron/services/demo/demo-key-images';
import { PHANTOM_CASES } from '../electron/services/demo/synthetic/phantom';
import { generateDemoImages } from '../electron/services/demo/synthetic/generate';
import { findChromium } from '../electron/services/export/pdf';
import { ellipseValues, type PixelSource } from '../renderer/viewer/measure-compute';
import { HEADLESS_LAUNCH_OPTIONS } from '../electron/services/export/find-chromium.mjs';
import { signIn } from './sign-in.mjs';

const root = path.resolve(import.meta.dirname, '..');
const resourcesDir = path.join(root, 'resources');

type Vec3 = readonly [number, number, number];

interface Caliper {
  tool: 'length' | 'bidirectional' | 'ellipse';
  /**
   * Patient-space (LPS, mm) end points: the long axis, and for a bidirectional the perpendicular short axis; for an
   * ellipse the corners of its bounding box (its mean density is computed from the slice's stored pixels by the
   * viewer's own ellipseValues, as the viewer does when it is drawn).
   */
  long: [Vec3, Vec3];
  short?: [Vec3, Vec3];
}

interface Spec {
  caseKey: string;
  /** Which of the case's synthetic studies (default the baseline; 'follow-up' for response to treatment). */
  study?: 'baseline' | 'follow-up';
  orientation: 'axial' | 'coronal';
  caption: string;
  calipers: (mass: { center: Vec3; half: Vec3 }) => Caliper[];
}

const along = (c: Vec3, axis: 0 | 1 | 2, d: number): Vec3 =>
  c.map((v, i) => (i === axis ? v + d : v)) as unknown as Vec3;
const axisLine = (c: Vec3, half: Vec3, axis: 0 | 1 | 2): [Vec3, Vec3] => [
  along(c, axis, -half[axis]),
  along(c, axis, half[axis]),
];

/**
 * The ellipse for the mean density (Choi): centred on the mass, 70% of its axial diameters, so it holds tumour only
 * (clear of the partial-volume edge).
 */
const densityEllipse = ({ center, half }: { center: Vec3; half: Vec3 }): Caliper => ({
  tool: 'ellipse',
  long: [
    [center[0] - 0.7 * half[0], center[1] - 0.7 * half[1], center[2]],
    [center[0] + 0.7 * half[0], center[1] + 0.7 * half[1], center[2]],
  ],
});

const SPECS: Spec[] = [
  {
    caseKey: 'rp-ddlps',
    orientation: 'axial',
    caption: 'Axial CT: left retroperitoneal mass, AP × transverse (synthetic demo image)',
    calipers: ({ center, half }) => [
      { tool: 'bidirectional', long: axisLine(center, half, 1), short: axisLine(center, half, 0) },
    ],
  },
  {
    caseKey: 'rp-ddlps',
    orientation: 'coronal',
    caption: 'Coronal CT: craniocaudal extent, the greatest dimension (synthetic demo image)',
    calipers: ({ center, half }) => [{ tool: 'length', long: axisLine(center, half, 2) }],
  },
  {
    caseKey: 'thigh-ilms',
    orientation: 'axial',
    caption: 'Right thigh: deep mass (synthetic CT standing in for the MRI of 24 Sep 2026)',
    calipers: (mass) => [
      { tool: 'bidirectional', long: axisLine(mass.center, mass.half, 1), short: axisLine(mass.center, mass.half, 0) },
      densityEllipse(mass),
    ],
  },
  {
    caseKey: 'thigh-ilms',
    study: 'follow-up',
    orientation: 'axial',
    caption: 'Right thigh: deep mass after preoperative radiotherapy (synthetic restaging CT)',
    calipers: (mass) => [
      { tool: 'bidirectional', long: axisLine(mass.center, mass.half, 1), short: axisLine(mass.center, mass.half, 0) },
      densityEllipse(mass),
    ],
  },
];

interface Slice {
  file: string;
  sop: string;
  series: string;
  ipp: Vec3;
  row: Vec3;
  col: Vec3;
  spacing: [number, number];
}

function readSlice(file: string): Slice {
  const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(file)), { untilTag: 'x7fe00010' });
  const nums = (tag: string) => (ds.string(tag) ?? '').split('\\').map(Number);
  const iop = nums('x00200037');
  const ps = nums('x00280030');
  return {
    file,
    sop: ds.string('x00080018')!,
    series: ds.string('x0020000e')!,
    ipp: nums('x00200032') as unknown as Vec3,
    row: iop.slice(0, 3) as unknown as Vec3,
    col: iop.slice(3, 6) as unknown as Vec3,
    spacing: [ps[0], ps[1]],
  };
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/** Cornerstone image coordinates of a patient point on the slice: pixel centres are at i + 0.5. */
function toImage(s: Slice, p: Vec3): { x: number; y: number } {
  const d = sub(p, s.ipp);
  // Pixel Spacing is row spacing (between rows, i.e. along a column), then column spacing (along a row).
  return { x: dot(d, s.row) / s.spacing[1] + 0.5, y: dot(d, s.col) / s.spacing[0] + 0.5 };
}

const mm = (s: Slice, a: Vec3, b: Vec3) => {
  const pa = toImage(s, a);
  const pb = toImage(s, b);
  return Math.hypot((pb.x - pa.x) * s.spacing[1], (pb.y - pa.y) * s.spacing[0]);
};

/** The slice's stored pixels with its modality LUT (the synthetic files are uncompressed 16-bit monochrome). */
function pixelsOf(s: Slice): PixelSource {
  const bytes = new Uint8Array(readFileSync(s.file));
  const ds = dicomParser.parseDicom(bytes);
  const el = ds.elements.x7fe00010;
  const count = el.length / 2;
  const signed = ds.uint16('x00280103') === 1;
  const data = signed
    ? new Int16Array(bytes.buffer.slice(bytes.byteOffset + el.dataOffset, bytes.byteOffset + el.dataOffset + el.length))
    : new Uint16Array(
        bytes.buffer.slice(bytes.byteOffset + el.dataOffset, bytes.byteOffset + el.dataOffset + el.length),
      );
  if (data.length !== count) throw new Error(`${s.file}: unexpected pixel data length`);
  return {
    width: ds.uint16('x00280011')!,
    height: ds.uint16('x00280010')!,
    data,
    slope: Number(ds.string('x00281053') ?? 1),
    intercept: Number(ds.string('x00281052') ?? 0),
    color: false,
  };
}

function annotationsFor(s: Slice, calipers: Caliper[], n: number): Annotation[] {
  return calipers.map((c, i): Annotation => {
    const values = { unit: 'mm' as const, spacingSource: 'PixelSpacing' as const };
    const id = `demo-${n}-${i}`;
    if (c.tool === 'ellipse') {
      const box = { start: toImage(s, c.long[0]), end: toImage(s, c.long[1]) };
      // Its label below the mass, clear of the long/short axis label drawn above it.
      const handles = { ...box, textBox: { x: box.start.x, y: Math.max(box.start.y, box.end.y) + 45 } };
      const spacing = { row: s.spacing[0], col: s.spacing[1], source: 'PixelSpacing' as const };
      return {
        id,
        tool: 'ellipse',
        sopInstanceUid: s.sop,
        frame: 0,
        handles,
        values: ellipseValues(box, spacing, pixelsOf(s), 'HU'),
      };
    }
    if (c.tool === 'length') {
      return {
        id,
        tool: 'length',
        sopInstanceUid: s.sop,
        frame: 0,
        handles: { start: toImage(s, c.long[0]), end: toImage(s, c.long[1]) },
        values: { ...values, length: mm(s, ...c.long) },
      };
    }
    const short = c.short!;
    return {
      id,
      tool: 'bidirectional',
      sopInstanceUid: s.sop,
      frame: 0,
      handles: {
        start: toImage(s, c.long[0]),
        end: toImage(s, c.long[1]),
        perpendicularStart: toImage(s, short[0]),
        perpendicularEnd: toImage(s, short[1]),
      },
      values: { ...values, long: mm(s, ...c.long), short: mm(s, ...short) },
    };
  });
}

async function api<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const answer = await page.evaluate(
    // As the app does: the web host's token and the signed-in session the page keeps in sessionStorage, in headers.
    async ([c, i]) =>
      (
        await fetch(`/api/${c}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
            'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
          },
          body: JSON.stringify(i),
        })
      ).json(),
    [channel, input] as const,
  );
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.value as T;
}

async function main(): Promise<void> {
  const board = readDemoBoard(resourcesDir);
  const work = mkdtempSync(path.join(os.tmpdir(), 'boardprep-demo-key-images-'));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  const generated = await generateDemoImages(board, path.join(work, 'dicom'), {
    onlyKeys: [...new Set(SPECS.map((s) => s.caseKey))],
  });

  // The web host loads the demo, and with it any key images already in resources: start from none.
  const outDir = path.join(resourcesDir, DEMO_KEY_IMAGES_DIR);
  rmSync(outDir, { recursive: true, force: true });
  rmSync(path.join(resourcesDir, DEMO_KEY_IMAGES_FILE), { force: true });
  mkdirSync(outDir, { recursive: true });
  const host = spawn(process.execPath, ['bin/boardprep.mjs', 'serve', '--demo', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    host.stdout!.on('data', (c) => {
      out += c;
      const m = /Open (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    host.once('exit', (code) => reject(new Error(`the web host exited (${code}): ${out}`)));
  });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    ...HEADLESS_LAUNCH_OPTIONS,
  });
  const entries: DemoKeyImage[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(url);
    // The demo's users share the demo password; the chair may edit measurements and save key images.
    await signIn(page, 'chair');
    const base = url.split('#')[0];
    for (const [n, spec] of SPECS.entries()) {
      const which = spec.study ?? 'baseline';
      const images = generated.find((g) => g.key === spec.caseKey && g.study === which)!;
      const series = images.series.find((s) => s.orientation === spec.orientation)!;
      const slices = images.files.map(readSlice).filter((s) => s.series === series.seriesInstanceUid);
      const mass = which === 'baseline' ? PHANTOM_CASES[spec.caseKey].mass : PHANTOM_CASES[spec.caseKey].followUp!.mass;
      const center = mass.center as unknown as Vec3;
      const normal = cross(slices[0].row, slices[0].col);
      // The slice through the mass centre (the phantom's grids are aligned on it).
      const slice = slices.reduce((best, s) =>
        Math.abs(dot(sub(s.ipp, center), normal)) < Math.abs(dot(sub(best.ipp, center), normal)) ? s : best,
      );
      const annotations = annotationsFor(
        slice,
        spec.calipers({ center, half: [mass.lrMm / 2, mass.apMm / 2, mass.ccMm / 2] }),
        n,
      );

      const mrn = board.cases.find((c) => c.key === spec.caseKey)!.case.patient.mrn;
      const {
        rows: [found],
      } = await api<{ rows: { id: number }[] }>(page, 'cases:list', { query: mrn });
      const existing = await api<Annotation[]>(page, 'annotations:list', {
        caseId: found.id,
        seriesInstanceUid: series.seriesInstanceUid,
      });
      await api(page, 'annotations:replace', {
        caseId: found.id,
        seriesInstanceUid: series.seriesInstanceUid,
        annotations: [...existing, ...annotations],
      });
      const stack = await api<{ images: { sopInstanceUid: string }[] }>(page, 'imaging:stack', {
        seriesInstanceUid: series.seriesInstanceUid,
      });
      const index = stack.images.findIndex((i) => i.sopInstanceUid === slice.sop);

      await page.goto(`${base}#/cases/${found.id}/imaging`);
      await page
        .getByRole('button', {
          name: new RegExp(`Series \\d*: .*${series.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
        })
        .click();
      const viewport = page.getByTestId('viewer-canvas');
      await viewport.waitFor();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="viewer-canvas"]')?.getAttribute('data-ready') === 'true',
      );
      await viewport.focus();
      await page.keyboard.press('Home');
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await page.waitForFunction((want) => {
        const v = document.querySelector('[data-testid="viewer-canvas"]');
        return v?.getAttribute('data-slice-index') === String(want) && v.getAttribute('data-ready') === 'true';
      }, index);
      await page.getByLabel('Key image caption').fill(spec.caption);
      await page.getByRole('button', { name: 'Save as key image' }).click();
      await page.getByText('Key image saved.').waitFor();

      const saved = (
        await api<
          {
            caption: string;
            sopInstanceUid: string;
            frame: number;
            view: ViewState;
            annotations: Annotation[];
            renderUrl: string;
          }[]
        >(page, 'keyImages:list', { caseId: found.id })
      ).find((k) => k.caption === spec.caption)!;
      // Fetched from the page, with the web host's token and the session, as the app fetches media.
      const png = Buffer.from(
        await page.evaluate(async (src) => {
          const r = await fetch(src, {
            headers: {
              'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
              'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
            },
          });
          if (!r.ok) throw new Error(`${src}: ${r.status} ${await r.text()}`);
          const bytes = new Uint8Array(await r.arrayBuffer());
          let text = '';
          for (const b of bytes) text += String.fromCharCode(b);
          return btoa(text);
        }, saved.renderUrl),
        'base64',
      );
      if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error(`${saved.renderUrl} is not a PNG`);
      const file = `${spec.caseKey}-${which === 'baseline' ? '' : `${which}-`}${spec.orientation}.png`;
      writeFileSync(path.join(outDir, file), png);
      entries.push({
        caseKey: spec.caseKey,
        file,
        sopInstanceUid: saved.sopInstanceUid,
        frame: saved.frame,
        caption: saved.caption,
        view: saved.view,
        annotations: saved.annotations,
      });
      const said = (a: Annotation) =>
        a.tool === 'length'
          ? `${a.values.length!.toFixed(1)} mm`
          : a.tool === 'ellipse'
            ? `ellipse mean ${a.values.mean!.toFixed(2)} HU (sd ${a.values.sd!.toFixed(1)})`
            : `${a.values.long!.toFixed(1)} x ${a.values.short!.toFixed(1)} mm`;
      console.log(`${file}: ${annotations.map(said).join(', ')} (${Math.round(png.length / 1024)} KB)`);
    }
    writeFileSync(
      path.join(resourcesDir, DEMO_KEY_IMAGES_FILE),
      `${JSON.stringify({ generatedBy: 'scripts/make-demo-key-images.ts', keyImages: entries }, null, 2)}\n`,
    );
    console.log(
      `wrote ${entries.length} key images to ${path.relative(root, outDir)} (${readdirSync(outDir).length} files)`,
    );
  } finally {
    await browser.close();
    host.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
