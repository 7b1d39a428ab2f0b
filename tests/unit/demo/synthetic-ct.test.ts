import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as dicomParserNamespace from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoBoard } from '../../../electron/services/demo/demo-board';
import {
  type GeneratedCaseImages,
  generateDemoImages,
  SYNTHETIC_CASE_KEYS,
} from '../../../electron/services/demo/synthetic/generate';
import { PHANTOM_CASES } from '../../../electron/services/demo/synthetic/phantom';
import { toPart10, toPart10WithPixels } from '../../../electron/services/demo/synthetic/write-series';
import { parseInstance } from '../../../electron/services/dicom/parse';
import { describeMismatch } from '../../../electron/services/dicom/patient-match';
import { RESOURCES_DIR } from '../helpers/temp';

type DicomParser = typeof dicomParserNamespace;
const dicomParser: DicomParser =
  (dicomParserNamespace as unknown as { default?: DicomParser }).default ?? dicomParserNamespace;

const board = readDemoBoard(RESOURCES_DIR);
let outDir = '';
let results: GeneratedCaseImages[] = [];
let elapsedMs = 0;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-synthetic-ct-'));
  const t0 = performance.now();
  results = await generateDemoImages(board, outDir);
  elapsedMs = performance.now() - t0;
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const byKey = (key: string, study: GeneratedCaseImages['study'] = 'baseline') => {
  const r = results.find((x) => x.key === key && x.study === study);
  if (!r) throw new Error(`no images generated for ${key}`);
  return r;
};

// ------------------------------------------------------------------------------------------------ reading back

interface Slice {
  file: string;
  rows: number;
  columns: number;
  spacing: [number, number];
  ipp: number[];
  iop: number[];
  hu: Float32Array;
  string(tag: string): string | undefined;
}

function readSlice(file: string): Slice {
  const bytes = new Uint8Array(readFileSync(file));
  const ds = dicomParser.parseDicom(bytes);
  const rows = ds.uint16('x00280010')!;
  const columns = ds.uint16('x00280011')!;
  const el = ds.elements.x7fe00010;
  expect(el.length).toBe(rows * columns * 2);
  const stored = new Uint16Array(bytes.slice(el.dataOffset, el.dataOffset + el.length).buffer);
  const slope = ds.floatString('x00281053') ?? 1;
  const intercept = ds.floatString('x00281052') ?? 0;
  const hu = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) hu[i] = stored[i] * slope + intercept;
  const list = (tag: string) => (ds.string(tag) ?? '').split('\\').map(Number);
  const spacing = list('x00280030');
  return {
    file,
    rows,
    columns,
    spacing: [spacing[0], spacing[1]],
    ipp: list('x00200032'),
    iop: list('x00200037'),
    hu,
    string: (tag) => ds.string(tag),
  };
}

/** HU at a patient-space point on the slice plane, bilinear between pixel centres (as a viewer shows it). */
function huAt(s: Slice, p: [number, number, number]): number {
  const d = [p[0] - s.ipp[0], p[1] - s.ipp[1], p[2] - s.ipp[2]];
  const col = (d[0] * s.iop[0] + d[1] * s.iop[1] + d[2] * s.iop[2]) / s.spacing[1];
  const row = (d[0] * s.iop[3] + d[1] * s.iop[4] + d[2] * s.iop[5]) / s.spacing[0];
  const c0 = Math.floor(col);
  const r0 = Math.floor(row);
  const fc = col - c0;
  const fr = row - r0;
  const px = (r: number, c: number) =>
    s.hu[Math.min(s.rows - 1, Math.max(0, r)) * s.columns + Math.min(s.columns - 1, Math.max(0, c))];
  return (
    px(r0, c0) * (1 - fr) * (1 - fc) +
    px(r0, c0 + 1) * (1 - fr) * fc +
    px(r0 + 1, c0) * fr * (1 - fc) +
    px(r0 + 1, c0 + 1) * fr * fc
  );
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/**
 * Where the mass edge lies along `dir` from the mass centre, measured the way a radiologist places a caliper:
 * from inside the mass (3-6 mm inside its documented outline, so inside whatever texture the core has) walk
 * outwards to where the HU crosses the midpoint between the mass and what surrounds it. Checks that both levels
 * are what they should be, so a measurement can only succeed against a real, visible edge.
 */
function edgeDistance(
  s: Slice,
  center: readonly number[],
  dir: [number, number, number],
  halfMm: number,
  rimHu: number,
  surroundHu: number,
): number {
  const at = (t: number) => huAt(s, [center[0] + dir[0] * t, center[1] + dir[1] * t, center[2] + dir[2] * t]);
  const step = 0.1;
  const inside: number[] = [];
  for (let t = halfMm - 6; t <= halfMm - 3; t += step) inside.push(at(t));
  const insideHu = median(inside);
  expect(Math.abs(insideHu - rimHu), `HU just inside the outline along ${dir}: ${insideHu.toFixed(0)}`).toBeLessThan(
    30,
  );
  const threshold = (insideHu + surroundHu) / 2;
  const above = insideHu > threshold;
  // A 3-sample running mean keeps pixel noise from making an early crossing.
  const smooth = (t: number) => (at(t - step) + at(t) + at(t + step)) / 3;
  let prev = smooth(halfMm - 3);
  for (let t = halfMm - 3 + step; t <= halfMm + 12; t += step) {
    const v = smooth(t);
    if (above ? v <= threshold : v >= threshold) {
      const edge = t - step + (step * (prev - threshold)) / (prev - v);
      const outside: number[] = [];
      for (let u = edge + 1; u <= edge + 3; u += step) outside.push(at(u));
      const outsideHu = median(outside);
      expect(
        Math.abs(outsideHu - surroundHu),
        `HU just outside the outline along ${dir}: ${outsideHu.toFixed(0)}`,
      ).toBeLessThan(35);
      return edge;
    }
    prev = v;
  }
  throw new Error(`no edge found along ${dir.join(',')} within ${halfMm + 12} mm`);
}

type Study = GeneratedCaseImages['study'];

function seriesFiles(key: string, orientation: 'axial' | 'coronal', study: Study = 'baseline'): string[] {
  const dir = path.join(outDir, key, ...(study === 'follow-up' ? ['follow-up'] : []), orientation);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.dcm'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The slice of a series whose plane passes through `point` (to 0.01 mm). */
function sliceThrough(
  key: string,
  orientation: 'axial' | 'coronal',
  point: readonly number[],
  study: Study = 'baseline',
): Slice {
  for (const file of seriesFiles(key, orientation, study)) {
    const s = readSlice(file);
    const normal = [
      s.iop[1] * s.iop[5] - s.iop[2] * s.iop[4],
      s.iop[2] * s.iop[3] - s.iop[0] * s.iop[5],
      s.iop[0] * s.iop[4] - s.iop[1] * s.iop[3],
    ];
    const offset =
      (point[0] - s.ipp[0]) * normal[0] + (point[1] - s.ipp[1]) * normal[1] + (point[2] - s.ipp[2]) * normal[2];
    if (Math.abs(offset) < 0.01) return s;
  }
  throw new Error(`no ${orientation} slice of ${key} through ${point.join(', ')}`);
}

/** Edge-to-edge length of the mass through its centre along one axis. */
function measure(
  key: string,
  orientation: 'axial' | 'coronal',
  axis: 0 | 1 | 2,
  sizeMm: number,
  study: Study = 'baseline',
): number {
  const mass = study === 'baseline' ? PHANTOM_CASES[key].mass : PHANTOM_CASES[key].followUp!.mass;
  const slice = sliceThrough(key, orientation, mass.center, study);
  const plus: [number, number, number] = [0, 0, 0];
  const minus: [number, number, number] = [0, 0, 0];
  plus[axis] = 1;
  minus[axis] = -1;
  return (
    edgeDistance(slice, mass.center, plus, sizeMm / 2, mass.rimHu, mass.surroundHu) +
    edgeDistance(slice, mass.center, minus, sizeMm / 2, mass.rimHu, mass.surroundHu)
  );
}

// ------------------------------------------------------------------------------------------------ tests

describe('synthetic demo CT', () => {
  it('generates an axial and a coronal series for each case with a documented size, and nothing for the others', () => {
    expect(results.map((r) => `${r.key} ${r.study}`).sort()).toEqual([
      'back-lps baseline',
      'rp-ddlps baseline',
      'thigh-ilms baseline',
      'thigh-ilms follow-up',
    ]);
    expect([...SYNTHETIC_CASE_KEYS].sort()).toEqual(['back-lps', 'rp-ddlps', 'thigh-ilms']);
    for (const r of results) {
      expect(r.series.map((s) => s.orientation)).toEqual(['axial', 'coronal']);
      expect(r.files.length).toBe(r.series[0].count + r.series[1].count);
      for (const s of r.series) expect(s.count).toBeGreaterThan(20);
    }
    for (const key of ['ivc-lms', 'mps-1', 'mps-2', 'mps-3']) expect(existsSync(path.join(outDir, key))).toBe(false);
    expect(byKey('rp-ddlps').mass).toEqual({ longMm: 90, shortMm: 80, ccMm: 163 });
    expect(byKey('back-lps').mass).toEqual({ longMm: 80, shortMm: 70, ccMm: 70 });
    expect(byKey('thigh-ilms').mass).toEqual({ longMm: 60, shortMm: 60, ccMm: 60 });
    expect(byKey('back-lps').series.every((s) => /ASSUMED/.test(s.description))).toBe(true);
    // Reported for the record (the demo must stay quick to generate).
    console.log(
      `synthetic CT: ${results.reduce((n, r) => n + r.files.length, 0)} files in ${(elapsedMs / 1000).toFixed(2)} s`,
    );
  });

  it('writes files that dicom-parser and the app import read, marked synthetic, with the case patient', () => {
    for (const r of results) {
      const patient = board.cases.find((c) => c.key === r.key)!.case.patient;
      for (const file of r.files) {
        const bytes = new Uint8Array(readFileSync(file));
        const ds = dicomParser.parseDicom(bytes);
        expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
        expect(ds.string('x00080016')).toBe('1.2.840.10008.5.1.4.1.1.2');
        expect(ds.string('x00080060')).toBe('CT');
        expect(ds.string('x00100020')).toBe(patient.mrn);
        expect(ds.string('x00100010')).toMatch(
          new RegExp(`^${patient.familyName.toUpperCase()}\\^${patient.givenNames.split(' ')[0]}`),
        );
        expect(ds.string('x00100030')).toBe(patient.dateOfBirth.replace(/-/g, ''));
        expect(ds.string('x00100040')).toBe(patient.sex === 'male' ? 'M' : 'F');
        expect(ds.string('x00080080')).toBe('BoardPrep demo (synthetic)');
        expect(ds.string('x00204000')).toMatch(/^Synthetic demo image, not patient data\./);
        expect(ds.string('x00280301')).toBe('NO');
        expect(ds.uint16('x00280100')).toBe(16);
        expect(ds.uint16('x00280103')).toBe(0);
        expect(ds.string('x00281052')).toBe('-1024');
      }
      // The app's own import parser accepts the files, and its patient check finds no mismatch with the case.
      const parsed = parseInstance(new Uint8Array(readFileSync(r.files[0])));
      if (parsed.kind !== 'instance') throw new Error(`the import rejects ${r.files[0]}: ${JSON.stringify(parsed)}`);
      const h = parsed.header;
      const caseRow = {
        case_id: 1,
        mrn: patient.mrn,
        family_name: patient.familyName,
        given_names: patient.givenNames,
        date_of_birth: patient.dateOfBirth,
      };
      const study = {
        studyInstanceUid: h.studyInstanceUid,
        patientIdDicom: h.patientId,
        patientNameDicom: h.patientName,
        patientBirthDate: h.patientBirthDate,
      };
      expect(describeMismatch(caseRow, study)).toEqual([]);
    }
  });

  it('passes dcmdump (dcmtk) without errors or warnings', () => {
    const probe = spawnSync('dcmdump', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      throw new Error(
        'dcmdump was not found: install dcmtk (e.g. `apt-get install dcmtk`) so the synthetic DICOM files can be checked ' +
          `with an independent reader (${probe.error.message})`,
      );
    }
    const files = results.flatMap((r) => r.files);
    for (let i = 0; i < files.length; i += 100) {
      const run = spawnSync('dcmdump', ['-q', ...files.slice(i, i + 100)], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
  });

  it('draws the rp-ddlps mass at 8 x 9 cm on the axial slice and 16.3 cm craniocaudal on the coronal (± 3 mm)', () => {
    const lr = measure('rp-ddlps', 'axial', 0, 80);
    const ap = measure('rp-ddlps', 'axial', 1, 90);
    const cc = measure('rp-ddlps', 'coronal', 2, 163);
    console.log(`rp-ddlps measured: LR ${lr.toFixed(1)} mm, AP ${ap.toFixed(1)} mm, CC ${cc.toFixed(1)} mm`);
    expect(Math.abs(lr - 80)).toBeLessThanOrEqual(3);
    expect(Math.abs(ap - 90)).toBeLessThanOrEqual(3);
    expect(Math.abs(cc - 163)).toBeLessThanOrEqual(3);
  });

  it('draws the back-lps mass at 8 x 7 cm axially and the assumed 7 cm craniocaudal (± 3 mm)', () => {
    const lr = measure('back-lps', 'axial', 0, 80);
    const ap = measure('back-lps', 'axial', 1, 70);
    const cc = measure('back-lps', 'coronal', 2, 70);
    console.log(`back-lps measured: LR ${lr.toFixed(1)} mm, AP ${ap.toFixed(1)} mm, CC ${cc.toFixed(1)} mm`);
    expect(Math.abs(lr - 80)).toBeLessThanOrEqual(3);
    expect(Math.abs(ap - 70)).toBeLessThanOrEqual(3);
    expect(Math.abs(cc - 70)).toBeLessThanOrEqual(3);
  });

  it('draws the thigh-ilms mass at 6 cm in all three axes (± 3 mm)', () => {
    const lr = measure('thigh-ilms', 'axial', 0, 60);
    const ap = measure('thigh-ilms', 'axial', 1, 60);
    const cc = measure('thigh-ilms', 'coronal', 2, 60);
    console.log(`thigh-ilms measured: LR ${lr.toFixed(1)} mm, AP ${ap.toFixed(1)} mm, CC ${cc.toFixed(1)} mm`);
    for (const v of [lr, ap, cc]) expect(Math.abs(v - 60)).toBeLessThanOrEqual(3);
  });

  it('draws the thigh-ilms follow-up (restaging after radiotherapy) 12% smaller and 20% less dense, as the history says', () => {
    const follow = byKey('thigh-ilms', 'follow-up');
    expect(follow).toMatchObject({ studyDate: '2026-12-01', mass: { longMm: 52.8, shortMm: 52.8, ccMm: 52.8 } });
    expect(follow.studyInstanceUid).not.toBe(byKey('thigh-ilms').studyInstanceUid);
    expect(follow.series.map((x) => x.description)).toEqual([
      'CT R THIGH AXIAL 5 mm RESTAGING (SYNTHETIC)',
      'CORONAL MPR 5 mm RESTAGING (SYNTHETIC)',
    ]);
    const lr = measure('thigh-ilms', 'axial', 0, 52.8, 'follow-up');
    const ap = measure('thigh-ilms', 'axial', 1, 52.8, 'follow-up');
    const cc = measure('thigh-ilms', 'coronal', 2, 52.8, 'follow-up');
    console.log(
      `thigh-ilms follow-up measured: LR ${lr.toFixed(1)} mm, AP ${ap.toFixed(1)} mm, CC ${cc.toFixed(1)} mm`,
    );
    for (const v of [lr, ap, cc]) expect(Math.abs(v - 52.8)).toBeLessThanOrEqual(3);
    // Mean density over a 20 mm disc at the centre of each mass: 40 then 32 HU (within 1.5 HU of noise and texture).
    const meanHu = (study: Study) => {
      const { center } =
        study === 'baseline' ? PHANTOM_CASES['thigh-ilms'].mass : PHANTOM_CASES['thigh-ilms'].followUp!.mass;
      const slice = sliceThrough('thigh-ilms', 'axial', center, study);
      let sum = 0;
      let n = 0;
      for (let dx = -20; dx <= 20; dx += 1)
        for (let dy = -20; dy <= 20; dy += 1)
          if (dx * dx + dy * dy <= 400) {
            sum += huAt(slice, [center[0] + dx, center[1] + dy, center[2]]);
            n++;
          }
      return sum / n;
    };
    const before = meanHu('baseline');
    const after = meanHu('follow-up');
    console.log(`thigh-ilms mean density: ${before.toFixed(1)} -> ${after.toFixed(1)} HU`);
    expect(Math.abs(before - 40)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(after - 32)).toBeLessThanOrEqual(1.5);
    expect(((before - after) / before) * 100).toBeGreaterThanOrEqual(15); // Choi: density down at least 15%
  });

  it('refuses to draw a follow-up the history does not state (size and density change)', async () => {
    const edited = structuredClone(board);
    const thigh = edited.cases.find((c) => c.key === 'thigh-ilms')!;
    thigh.case.clinicalHistory = thigh.case.clinicalHistory!.replace('40 to 32 HU', '40 to 30 HU');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-synthetic-ct-'));
    try {
      await expect(generateDemoImages(edited, dir, { onlyKeys: ['thigh-ilms'] })).rejects.toThrow(
        /does not state what the follow-up CT draws \(40 to 32 HU\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives both series of a study one Frame of Reference, and every instance its own UID', () => {
    const sops = new Set<string>();
    for (const r of results) {
      const frames = new Set<string>();
      const studies = new Set<string>();
      const series = new Set<string>();
      for (const file of r.files) {
        const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(file)), { untilTag: 'x7fe00010' });
        frames.add(ds.string('x00200052')!);
        studies.add(ds.string('x0020000d')!);
        series.add(ds.string('x0020000e')!);
        const sop = ds.string('x00080018')!;
        expect(sop).toMatch(/^2\.25\.\d+$/);
        expect(sop.length).toBeLessThanOrEqual(64);
        expect(ds.string('x00020003')).toBe(sop);
        expect(sops.has(sop)).toBe(false);
        sops.add(sop);
      }
      expect([...frames]).toEqual([r.frameOfReferenceUid]);
      expect([...studies]).toEqual([r.studyInstanceUid]);
      expect([...series].sort()).toEqual(r.series.map((s) => s.seriesInstanceUid).sort());
    }
  });

  it('is deterministic: generating again gives the same UIDs and identical files', async () => {
    const again = mkdtempSync(path.join(os.tmpdir(), 'boardprep-synthetic-ct-'));
    try {
      const [second] = await generateDemoImages(board, again, { onlyKeys: ['thigh-ilms'] });
      const first = byKey('thigh-ilms');
      expect(second.studyInstanceUid).toBe(first.studyInstanceUid);
      expect(second.series).toEqual(first.series);
      const digest = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
      expect(second.files.map((f) => path.relative(again, f))).toEqual(
        first.files.map((f) => path.relative(outDir, f)),
      );
      expect(second.files.map(digest)).toEqual(first.files.map(digest));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 60_000);

  it('rejects an unknown case key, and generates nothing for a case without a documented size', async () => {
    await expect(generateDemoImages(board, outDir, { onlyKeys: ['no-such-case'] })).rejects.toThrow(/no-such-case/);
    expect(await generateDemoImages(board, outDir, { onlyKeys: ['ivc-lms'] })).toEqual([]);
  });

  it('appends Pixel Data exactly as dcmjs would write it', () => {
    const pixels = new Uint16Array(6 * 4).map((_, i) => i * 37);
    const dataset = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      SOPInstanceUID: '2.25.1',
      Rows: 4,
      Columns: 6,
      BitsAllocated: 16,
    };
    const fast = toPart10WithPixels(dataset, pixels);
    const full = new Uint8Array(toPart10({ ...dataset, PixelData: [pixels.buffer], _vrMap: { PixelData: 'OW' } }));
    expect(Buffer.from(fast).equals(Buffer.from(full))).toBe(true);
  });

  it('samples rows with the fast path exactly as the pure HU function', () => {
    for (const key of SYNTHETIC_CASE_KEYS) {
      const pc = PHANTOM_CASES[key];
      const phantom = pc.build();
      const out = new Float32Array(256);
      const [cx, cy, cz] = pc.mass.center;
      let worst = 0;
      for (let k = 0; k < 40; k++) {
        const y = cy - 100 + k * 5.3;
        const z = cz - 50 + k * 2.7;
        const x0 = cx - 150;
        phantom.sampleLine([x0, y, z], [1.17, 0, 0], out.length, out);
        for (let i = 0; i < out.length; i++)
          worst = Math.max(worst, Math.abs(out[i] - phantom.hu(x0 + 1.17 * i, y, z)));
      }
      expect(worst, key).toBeLessThan(0.01);
    }
  });
});
