/**
 * DICOM import benchmark: `npx tsx scripts/bench-import.ts [--studies 11] [--series 5] [--rounds 3] [--keep]`
 *
 * Builds (in a temp folder) studies x series x 37 CT files from the 37-slice chest CT test series, each a copy
 * with fresh Study, Series and SOP Instance UIDs written in place (same length, so every offset stays valid).
 * Then, in one run, over the same files:
 *   (a) a plain copy (fs.copyFile, file by file, like `cp`) into a fresh folder; for reference also `cp -r` and a
 *       copy through user space (fs.readFile then fs.writeFile, the I/O pattern the import itself has);
 *   (b) the import through the `boardprep import` command code (importCommand.run) into a fresh data folder,
 *       in a child process, sampling its peak RSS when 1/4, 1/2 and all of the files have been scanned;
 *   (c) `dcmdump -q +P 0008,0018` over the files in batches, where DCMTK is installed;
 *   (d) a pydicom `dcmread(f, stop_before_pixels=True)` loop under /usr/bin/python3, where pydicom is installed.
 * The methods are interleaved over --rounds rounds, each started after `sync`; the table shows the median round.
 * Prints a table (files, MB, seconds, files/s, MB/s, ratio to the copy) and the import's memory.
 * Targets: import >= 50% of the copy's throughput, and faster than the pydicom header loop.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CT_SERIES } from '../tests/fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(here, '..');

// ------------------------------------------------------------------------------------------ child: the import

async function child(dataDir: string, source: string, total: number): Promise<void> {
  const { importCommand } = await import('../electron/cli/import-command');
  const { openLog } = await import('../electron/host/log');
  const marks = [Math.ceil(total / 4), Math.ceil(total / 2), total];
  const rss: (number | null)[] = [null, null, null];
  const peakMb = () => process.resourceUsage().maxRSS / 1024;
  const out: string[] = [];
  const started = performance.now();
  const code = await importCommand.run(
    [source, '--json'],
    { dataDir, resourcesDir: '', rendererDir: '', version: 'bench', log: openLog(dataDir, 'cli') },
    {
      out: (l) => out.push(l),
      err: (l) => process.stderr.write(`${l}\n`),
      progress: (line) => {
        const scanned = Number(/^scanned (\d+)/.exec(line)?.[1] ?? NaN);
        marks.forEach((m, i) => {
          if (rss[i] === null && scanned >= m) rss[i] = peakMb();
        });
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(out.join('\n'));
  process.stdout.write(
    JSON.stringify({
      code,
      seconds,
      imported: result.imported,
      duplicates: result.duplicates,
      rejected: result.rejected.length,
      rss,
      marks,
    }),
  );
}

// ------------------------------------------------------------------------------------------ the files

type Dicom = typeof import('dicom-parser');

async function loadDicomParser(): Promise<Dicom> {
  const ns = (await import('dicom-parser')) as unknown as Dicom & { default?: Dicom };
  return ns.default ?? ns;
}

/** A UID of exactly `length` characters (UI values here have even length, so no padding is needed). */
function uidOfLength(length: number, key: string): string {
  const digits =
    BigInt(`0x${createHash('sha256').update(key).digest('hex')}`).toString() +
    BigInt(`0x${createHash('sha256').update(`${key}!`).digest('hex')}`).toString();
  const body = digits.slice(0, length - 5).replace(/^0/, '1');
  return `2.25.${body}`;
}

interface Template {
  bytes: Buffer;
  /** [offset, length] of each UID value to rewrite. */
  study: [number, number];
  series: [number, number];
  sop: [number, number][];
}

function templates(dicomParser: Dicom): Template[] {
  return readdirSync(CT_SERIES)
    .sort((a, b) => parseInt(a) - parseInt(b))
    .map((name) => {
      const bytes = readFileSync(path.join(CT_SERIES, name));
      const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
      const at = (tag: string): [number, number] => {
        const el = ds.elements[tag];
        if (!el) throw new Error(`${name}: no ${tag}`);
        return [el.dataOffset, el.length];
      };
      return { bytes, study: at('x0020000d'), series: at('x0020000e'), sop: [at('x00080018'), at('x00020003')] };
    });
}

function writeUid(buf: Buffer, [offset, length]: [number, number], uid: string): void {
  buf.fill(0, offset, offset + length);
  buf.write(uid, offset, 'latin1');
}

function buildFiles(dicomParser: Dicom, dir: string, studies: number, seriesPerStudy: number, run: string): string[] {
  const slices = templates(dicomParser);
  const files: string[] = [];
  for (let s = 0; s < studies; s++) {
    for (let k = 0; k < seriesPerStudy; k++) {
      const folder = path.join(dir, `study${String(s + 1).padStart(2, '0')}`, `series${k + 1}`);
      mkdirSync(folder, { recursive: true });
      slices.forEach((t, i) => {
        const buf = Buffer.from(t.bytes);
        writeUid(buf, t.study, uidOfLength(t.study[1], `${run}/study/${s}`));
        writeUid(buf, t.series, uidOfLength(t.series[1], `${run}/series/${s}/${k}`));
        const sop = uidOfLength(t.sop[0][1], `${run}/sop/${s}/${k}/${i}`);
        for (const at of t.sop) writeUid(buf, at, sop);
        const file = path.join(folder, `${i + 1}.dcm`);
        writeFileSync(file, buf);
        files.push(file);
      });
    }
  }
  return files;
}

// ------------------------------------------------------------------------------------------ measurements

interface Row {
  what: string;
  seconds: number | null;
  note?: string;
}

async function timeIt(fn: () => Promise<void> | void): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

function has(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], argv[2], Number(argv[3]));
  const opt = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const studies = opt('studies', 11);
  const seriesPerStudy = opt('series', 5);
  const keep = argv.includes('--keep');

  const dicomParser = await loadDicomParser();
  const root = mkdtempSync(path.join(os.tmpdir(), 'boardprep-bench-'));
  const src = path.join(root, 'source');
  try {
    process.stderr.write(`building ${studies * seriesPerStudy * 37} CT files in ${src} ...\n`);
    const files = buildFiles(dicomParser, src, studies, seriesPerStudy, path.basename(root));
    const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
    const listFile = path.join(root, 'files.txt');
    writeFileSync(listFile, files.join('\n'));
    const rounds = opt('rounds', 3);
    const loadBefore = os.loadavg()[0];
    const times = new Map<string, number[]>();
    const record = (what: string, seconds: number) => times.set(what, [...(times.get(what) ?? []), seconds]);
    const notes = new Map<string, string>();
    const COPY = 'plain copy (fs.copyFile, file by file)';
    const CP = 'cp -r (reference)';
    const READ_WRITE = 'read + write copy (fs.readFile, fs.writeFile)';
    const IMPORT = 'boardprep import (read, hash, parse, store, index)';
    const DCMDUMP = 'dcmdump -q +P 0008,0018 (batches of 200)';
    const python = '/usr/bin/python3';
    const hasDcmdump = has('dcmdump', ['--version']);
    const hasPydicom = existsSync(python) && has(python, ['-c', 'import pydicom']);
    const PYDICOM = hasPydicom
      ? `pydicom ${execFileSync(python, ['-c', 'import pydicom; print(pydicom.__version__)'], { encoding: 'utf8' }).trim()} dcmread(stop_before_pixels=True)`
      : 'pydicom';
    if (!hasDcmdump) notes.set(DCMDUMP, 'not installed (apt-get install dcmtk)');
    if (!hasPydicom) notes.set(PYDICOM, 'not installed for /usr/bin/python3');
    // Each measurement starts with no dirty pages pending from the one before (`sync`), and the methods are
    // interleaved over several rounds; the table shows the median round.
    const settle = () => spawnSync('sync');
    let imp: { seconds: number; imported: number; rejected: number; rss: number[]; marks: number[] } | undefined;
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`round ${round} of ${rounds} ...\n`);
      const copyDir = path.join(root, 'copy');
      mkdirSync(copyDir);
      settle();
      record(
        COPY,
        await timeIt(async () => {
          for (let i = 0; i < files.length; i++) await copyFile(files[i], path.join(copyDir, `${i}.dcm`));
        }),
      );
      rmSync(copyDir, { recursive: true, force: true });

      // The same copy through user space, as the import does it: read the whole file, write it out.
      const rwDir = path.join(root, 'rw');
      mkdirSync(rwDir);
      settle();
      record(
        READ_WRITE,
        await timeIt(async () => {
          for (let i = 0; i < files.length; i++)
            await writeFile(path.join(rwDir, `${i}.dcm`), await readFile(files[i]));
        }),
      );
      rmSync(rwDir, { recursive: true, force: true });

      const cpDir = path.join(root, 'cp');
      settle();
      record(CP, await timeIt(() => void execFileSync('cp', ['-r', src, cpDir])));
      rmSync(cpDir, { recursive: true, force: true });

      // The import, through the CLI command, in a fresh process and data folder.
      const dataDir = path.join(root, 'data');
      settle();
      imp = await new Promise((resolve, reject) => {
        const p = spawn(
          process.execPath,
          ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', dataDir, src, String(files.length)],
          {
            cwd: appRoot,
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        p.stdout.on('data', (d) => (out += String(d)));
        p.on('error', reject);
        p.on('close', (code) =>
          code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`import child exited ${code}`)),
        );
      });
      if (imp!.imported !== files.length || imp!.rejected !== 0)
        throw new Error(`import did not import everything: ${JSON.stringify(imp)}`);
      record(IMPORT, imp!.seconds);
      rmSync(dataDir, { recursive: true, force: true });

      if (hasDcmdump) {
        settle();
        record(
          DCMDUMP,
          await timeIt(() => {
            for (let i = 0; i < files.length; i += 200)
              execFileSync('dcmdump', ['-q', '+P', '0008,0018', ...files.slice(i, i + 200)], { maxBuffer: 1 << 26 });
          }),
        );
      }
      if (hasPydicom) {
        // Timed inside Python: interpreter start-up is not counted.
        const script = [
          'import sys, time, pydicom',
          'files = open(sys.argv[1]).read().split("\\n")',
          't = time.perf_counter()',
          'for f in files: pydicom.dcmread(f, stop_before_pixels=True).SOPInstanceUID',
          'print(time.perf_counter() - t)',
        ].join('\n');
        settle();
        record(PYDICOM, Number(execFileSync(python, ['-c', script, listFile], { encoding: 'utf8' }).trim()));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rows: Row[] = [COPY, CP, READ_WRITE, IMPORT, DCMDUMP, PYDICOM].map((what) => {
      const xs = times.get(what);
      return xs
        ? { what, seconds: median(xs), note: xs.map((x) => x.toFixed(2)).join(' / ') }
        : { what, seconds: null, note: notes.get(what) };
    });
    const copySeconds = median(times.get(COPY)!);

    // ---- report
    const mb = bytes / 1024 ** 2;
    const copyRate = files.length / copySeconds;
    const head = ['method', 'files', 'MB', 'seconds', 'files/s', 'MB/s', 'vs copy', 'rounds (s)'];
    const table = rows.map((r) =>
      r.seconds === null
        ? [r.what, '-', '-', '-', '-', '-', '-', r.note ?? '']
        : [
            r.what,
            String(files.length),
            mb.toFixed(0),
            r.seconds.toFixed(2),
            (files.length / r.seconds).toFixed(0),
            (mb / r.seconds).toFixed(0),
            `${((files.length / r.seconds / copyRate) * 100).toFixed(0)}%`,
            r.note ?? '',
          ],
    );
    const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(
      `\nDICOM import benchmark: ${files.length} CT files (${studies} studies x ${seriesPerStudy} series x 37 slices), ${mb.toFixed(0)} MB, ` +
        `${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before / ${os.loadavg()[0].toFixed(1)} after, Node ${process.versions.node}; ` +
        `seconds = median of ${rounds} rounds`,
    );
    console.log(line(head));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of table) console.log(line(r));
    console.log(
      `\nimport peak RSS (last round): ${imp!.marks.map((m, i) => `${m} files ${imp!.rss[i]?.toFixed(0) ?? '?'} MB`).join(', ')}`,
    );
    // Targets, on the median round and on the best round of each method (the least disturbed by other processes).
    const best = (xs: number[]) => Math.min(...xs);
    let ok = true;
    for (const [label, pick] of [
      ['median', median],
      ['best', best],
    ] as const) {
      const imp = pick(times.get(IMPORT)!);
      const copy = pick(times.get(COPY)!);
      const ratio = copy / imp;
      const py = times.get(PYDICOM) ? pick(times.get(PYDICOM)!) : undefined;
      const rw = times.get(READ_WRITE) ? pick(times.get(READ_WRITE)!) : undefined;
      const ok1 = ratio >= 0.5;
      const ok2 = py === undefined || imp < py;
      if (label === 'median') ok = ok1 && ok2;
      console.log(
        `target (${label} round): import >= 50% of copy throughput: ${ok1 ? 'met' : 'NOT met'} (${(ratio * 100).toFixed(0)}%, ${imp.toFixed(2)} s vs ${copy.toFixed(2)} s)` +
          (py === undefined
            ? ''
            : `; faster than the pydicom header loop: ${ok2 ? 'met' : 'NOT met'} (${imp.toFixed(2)} s vs ${py.toFixed(2)} s)`) +
          (rw === undefined ? '' : `; vs the read + write copy: ${((rw / imp) * 100).toFixed(0)}%`),
      );
    }
    if (keep) console.log(`files kept in ${root}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

await main();
