import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { dicomParser } from '../../../electron/services/dicom/dicom-parser';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { prng } from '../../../electron/services/demo/synthetic/phantom';
import { tempDataDir } from '../helpers/temp';
import { CT_SERIES, SINGLE } from './fixtures';
import { ctSlice, deflated, dicomdir, emptyItems, nestedSequences, sequence, withBeforePixels } from './hostile';

/**
 * A small DICOM fuzzer: a few hundred hostile files and DICOMDIRs made from real ones with a seeded PRNG (so a
 * failure can be replayed), imported in one go next to good files. Whatever the files hold, the import finishes
 * in bounded time and memory, rejects each bad file with a reason and imports the good ones.
 */

const SEED = 20261203;

describe('fuzz: hostile DICOM files and DICOMDIRs imported beside good ones', () => {
  it('finishes in bounded time and memory, rejects each bad file with a reason, imports every good file', async () => {
    const random = prng(SEED);
    const int = (n: number) => Math.floor(random() * n);
    const root = path.join(tempDataDir(), 'medium');
    const outside = path.join(tempDataDir(), 'outside');
    mkdirSync(root, { recursive: true });
    mkdirSync(outside, { recursive: true });
    copyFileSync(path.join(CT_SERIES, '30.dcm'), path.join(outside, 'secret.dcm'));

    const sources = [
      path.join(CT_SERIES, '1.dcm'),
      path.join(SINGLE, 'CT_small.dcm'),
      path.join(SINGLE, 'MR_small.dcm'),
      path.join(SINGLE, 'MR_small_implicit.dcm'),
    ].map((f) => readFileSync(f));
    const slice = ctSlice(2);
    const studyUidAt = dicomParser.parseDicom(sources[0], { untilTag: 'x7fe00010' }).elements.x0020000d.dataOffset;
    const mutations: [string, () => Buffer][] = [
      [
        'truncated',
        () => {
          const s = sources[int(sources.length)];
          return s.subarray(0, 1 + int(s.length - 1));
        },
      ],
      [
        'huge-length',
        () => {
          const s = Buffer.from(sources[int(sources.length)]);
          const p = 132 + int(Math.min(600, s.length - 140));
          s.writeUInt32LE(0xfffffff0 - int(1000), p);
          return s;
        },
      ],
      [
        'bad-vr',
        () => {
          const s = Buffer.from(sources[int(sources.length)]);
          for (let i = 0; i < 8; i++) {
            const p = 132 + int(Math.min(800, s.length - 140));
            s[p] = 0x41 + int(26);
          }
          return s;
        },
      ],
      [
        'random-bytes',
        () => {
          const s = Buffer.from(sources[int(sources.length)]);
          for (let i = 0; i < 50; i++) s[132 + int(s.length - 132)] = int(256);
          return s;
        },
      ],
      ['many-items', () => withBeforePixels(slice, sequence(0x0040, 0x0275, emptyItems(60_000 + int(20_000))))],
      ['deep', () => withBeforePixels(slice, nestedSequences(40 + int(5000)))],
      ['bomb', () => deflated(slice, 80 + int(40))],
      [
        'hash-uids',
        () => {
          const s = Buffer.from(sources[0]);
          s.write('deadbeefcafe', studyUidAt, 'latin1');
          return s;
        },
      ],
    ];

    const bad: string[] = [];
    const count = 240;
    for (let i = 0; i < count; i++) {
      const [name, make] = mutations[i % mutations.length];
      const file = path.join(root, `bad-${String(i).padStart(3, '0')}-${name}.dcm`);
      writeFileSync(file, make());
      bad.push(file);
    }
    // DICOMDIRs: records nested deep, entries that are FIFOs or lead out of the medium, one that is a link to /dev/zero.
    for (let i = 0; i < 6; i++) {
      const dir = path.join(root, `cd${i}`);
      mkdirSync(dir);
      execFileSync('mkfifo', [path.join(dir, 'PIPE')]);
      symlinkSync(outside, path.join(dir, 'OUT'));
      writeFileSync(
        path.join(dir, 'DICOMDIR'),
        dicomdir(['PIPE', 'OUT\\secret.dcm', 'MISSING'], nestedSequences(1000 + int(100_000))),
      );
    }
    symlinkSync('/dev/zero', path.join(root, 'zero.dcm'));
    symlinkSync(outside, path.join(root, 'link-out'));
    // The good files alongside.
    const good = [3, 4, 5, 6, 7];
    for (const n of good) copyFileSync(path.join(CT_SERIES, `${n}.dcm`), path.join(root, `good-${n}.dcm`));

    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const heapBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await importDicom(db, dataDir, [
      root,
      ...[0, 1, 2].map((i) => path.join(root, `cd${i}`, 'DICOMDIR')),
    ]);
    const seconds = (performance.now() - started) / 1000;
    db.close();

    expect(result.status).toBe('done');
    expect(seconds).toBeLessThan(60);
    // The parsing happens in the parser thread; what the test's own process holds stays small.
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(400 * 1024 ** 2);
    // Every good file imported; the hostile ones never (only truncations that happen to keep a whole image could be).
    const rejected = new Map(result.rejected.map((r) => [r.path, r.reason]));
    for (const n of good) expect(rejected.has(path.join(root, `good-${n}.dcm`))).toBe(false);
    expect(result.imported).toBeGreaterThanOrEqual(good.length);
    for (const r of result.rejected) expect(r.reason, r.path).toMatch(/\w{4,}/);
    for (const file of bad.filter((f) => /-(many-items|deep|bomb|hash-uids)\.dcm$/.test(f))) {
      expect(String(rejected.get(file)), file).toMatch(/^(refused|invalid UID)/);
    }
    expect(rejected.get(path.join(root, 'zero.dcm'))).toMatch(/outside the chosen folder/);
    expect(rejected.get(path.join(root, 'link-out'))).toMatch(/outside the chosen folder/);
    expect(rejected.get(path.join(root, 'cd0', 'PIPE'))).toMatch(/not a regular file \(a named pipe/);
    expect(result.studies.some((s) => s.patientIdDicom === null)).toBe(false);
  }, 120_000);
});
