/**
 * PACS retrieval benchmark (issue 15 item 8): `npx tsx scripts/bench-pacs.ts [--rounds 3] [--slices 500]`
 *
 * Starts a real Orthanc (tests/orthanc/orthanc.ts) and stores in it the 37-slice chest CT test series and a
 * `--slices`-slice series made from it (the 37 slices cycled, each copy with fresh Study, Series and SOP Instance
 * UIDs and its Instance Number written in place, same lengths so every offset stays valid). Then, in each round and
 * for each study, into a fresh data folder each time:
 *   (a) `curl` downloading the study from Orthanc: its ZIP archive (GET /studies/{id}/archive) and the WADO-RS
 *       multipart (GET /dicom-web/studies/{uid}), the reference of what the server can send;
 *   (b) retrieveIntoCase by WADO-RS (DICOMweb client), received into the staging folder and imported;
 *   (c) retrieveIntoCase by C-GET (DIMSE client), likewise.
 * The methods are interleaved; the table shows the median round: files/s and the ratio to curl's WADO-RS download
 * (the same bytes over the same protocol; the ZIP archive is shown too, slower because Orthanc compresses it).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/db/open';
import { clientFor } from '../electron/services/pacs/client-for';
import { PacsNodesService } from '../electron/services/pacs/nodes-service';
import { retrieveIntoCase } from '../electron/services/pacs/retrieve-service';
import { PacsNodeInput, type PacsTransport } from '../shared/domain/pacs';
import { CT_SERIES } from '../tests/fixtures';
import { startOrthanc, type Orthanc } from '../tests/orthanc/orthanc';

type Dicom = typeof import('dicom-parser');

async function loadDicomParser(): Promise<Dicom> {
  const ns = (await import('dicom-parser')) as unknown as Dicom & { default?: Dicom };
  return ns.default ?? ns;
}

/** A UID of exactly `length` characters. */
function uidOfLength(length: number, key: string): string {
  const digits =
    BigInt(`0x${createHash('sha256').update(key).digest('hex')}`).toString() +
    BigInt(`0x${createHash('sha256').update(`${key}!`).digest('hex')}`).toString();
  return `2.25.${digits.slice(0, length - 5).replace(/^0/, '1')}`;
}

type Span = [number, number];
interface Template {
  bytes: Buffer;
  study: Span;
  series: Span;
  sop: Span[];
  instanceNumber: Span | null;
}

function templates(dicomParser: Dicom): Template[] {
  return readdirSync(CT_SERIES)
    .sort((a, b) => parseInt(a) - parseInt(b))
    .map((name) => {
      const bytes = readFileSync(path.join(CT_SERIES, name));
      const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
      const at = (tag: string): Span => {
        const el = ds.elements[tag];
        if (!el) throw new Error(`${name}: no ${tag}`);
        return [el.dataOffset, el.length];
      };
      const n = ds.elements.x00200013;
      return {
        bytes,
        study: at('x0020000d'),
        series: at('x0020000e'),
        sop: [at('x00080018'), at('x00020003')],
        instanceNumber: n ? [n.dataOffset, n.length] : null,
      };
    });
}

function write(buf: Buffer, [offset, length]: Span, text: string, pad = '\0'): void {
  buf.fill(pad, offset, offset + length);
  buf.write(text, offset, 'latin1');
}

/** `slices` files of one new study and series, cycling the 37 CT slices. */
function buildSeries(dicomParser: Dicom, dir: string, slices: number, key: string): string[] {
  const t = templates(dicomParser);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < slices; i++) {
    const tpl = t[i % t.length];
    const buf = Buffer.from(tpl.bytes);
    write(buf, tpl.study, uidOfLength(tpl.study[1], `${key}/study`));
    write(buf, tpl.series, uidOfLength(tpl.series[1], `${key}/series`));
    const sop = uidOfLength(tpl.sop[0][1], `${key}/sop/${i}`);
    for (const at of tpl.sop) write(buf, at, sop);
    // IS is space padded; a number that does not fit the field keeps the original.
    if (tpl.instanceNumber && String(i + 1).length <= tpl.instanceNumber[1])
      write(buf, tpl.instanceNumber, String(i + 1), ' ');
    const file = path.join(dir, `${i + 1}.dcm`);
    writeFileSync(file, buf);
    files.push(file);
  }
  return files;
}

interface Study {
  label: string;
  uid: string;
  orthancId: string;
  files: number;
}

function curl(args: string[]): void {
  const r = spawnSync('curl', ['-sf', ...args], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`curl ${args.join(' ')} failed (${r.status})`);
}

async function retrieve(orthanc: Orthanc, transport: PacsTransport, study: Study, root: string): Promise<number> {
  const dataDir = mkdtempSync(path.join(root, 'data-'));
  const db = openDatabase(dataDir);
  try {
    const nodes = new PacsNodesService(db);
    const saved = nodes.save(
      null,
      0,
      PacsNodeInput.parse({
        name: 'Orthanc',
        dicomweb: { url: orthanc.dicomweb },
        dimse: { calledAet: orthanc.aet, host: '127.0.0.1', port: orthanc.dicomPort },
      }),
    );
    const node = nodes.get(saved.id);
    const client = clientFor(node, transport);
    const started = performance.now();
    try {
      const result = await retrieveIntoCase(
        { db, dataDir, node, client },
        { studyUid: study.uid, seriesUids: [], confirmMismatch: false },
        { signal: new AbortController().signal, report: () => {} },
      );
      if (result.import.counts.imported !== study.files)
        throw new Error(`${transport}: imported ${result.import.counts.imported} of ${study.files}`);
    } finally {
      await client.close();
    }
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const rounds = opt('rounds', 3);
  const slices = opt('slices', 500);
  const root = mkdtempSync(path.join(os.tmpdir(), 'boardprep-bench-pacs-'));
  const orthanc = await startOrthanc();
  try {
    const dicomParser = await loadDicomParser();
    const big = buildSeries(dicomParser, path.join(root, 'big'), slices, path.basename(root));
    const ct = readdirSync(CT_SERIES).map((f) => path.join(CT_SERIES, f));
    process.stderr.write(`storing ${ct.length} + ${big.length} instances in Orthanc ...\n`);
    await orthanc.upload(ct);
    await orthanc.upload(big);
    const ids = await orthanc.rest<string[]>('/studies');
    const studies: Study[] = [];
    for (const id of ids) {
      const s = await orthanc.rest<{ MainDicomTags: { StudyInstanceUID: string }; Series: string[] }>(`/studies/${id}`);
      const stats = await orthanc.rest<{ CountInstances: number }>(`/studies/${id}/statistics`);
      studies.push({
        label: stats.CountInstances === ct.length ? `CT ${ct.length} slices` : `CT ${stats.CountInstances} slices`,
        uid: s.MainDicomTags.StudyInstanceUID,
        orthancId: id,
        files: stats.CountInstances,
      });
    }
    studies.sort((a, b) => a.files - b.files);

    const CURL_ZIP = 'curl: Orthanc ZIP archive';
    const CURL_WADO = 'curl: WADO-RS multipart';
    const WADO = 'BoardPrep WADO-RS retrieve + import';
    const CGET = 'BoardPrep C-GET retrieve + import';
    const times = new Map<string, number[]>();
    const record = (key: string, s: number) => times.set(key, [...(times.get(key) ?? []), s]);
    const time = async (fn: () => Promise<unknown> | unknown) => {
      const t = performance.now();
      await fn();
      return (performance.now() - t) / 1000;
    };
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`round ${round} of ${rounds} ...\n`);
      for (const study of studies) {
        const out = path.join(root, 'download');
        record(
          `${study.label}|${CURL_ZIP}`,
          await time(() => curl(['-o', out, `${orthanc.url}/studies/${study.orthancId}/archive`])),
        );
        record(
          `${study.label}|${CURL_WADO}`,
          await time(() =>
            curl([
              '-H',
              'Accept: multipart/related; type="application/dicom"',
              '-o',
              out,
              `${orthanc.dicomweb}/studies/${study.uid}`,
            ]),
          ),
        );
        rmSync(out, { force: true });
        record(`${study.label}|${WADO}`, await retrieve(orthanc, 'dicomweb', study, root));
        record(`${study.label}|${CGET}`, await retrieve(orthanc, 'dimse', study, root));
      }
    }

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const lines = [
      `PACS retrieval, median of ${rounds} round(s), Orthanc on loopback, ${os.cpus().length} CPU(s), load ${os.loadavg()[0].toFixed(2)}`,
      '',
      `${'Study'.padEnd(16)} ${'Method'.padEnd(38)} ${'Files'.padStart(5)} ${'Seconds'.padStart(8)} ${'Files/s'.padStart(8)} ${'vs curl'.padStart(8)}`,
    ];
    for (const study of studies) {
      const curlSeconds = median(times.get(`${study.label}|${CURL_WADO}`)!);
      for (const method of [CURL_ZIP, CURL_WADO, WADO, CGET]) {
        const s = median(times.get(`${study.label}|${method}`)!);
        lines.push(
          `${study.label.padEnd(16)} ${method.padEnd(38)} ${String(study.files).padStart(5)} ${s.toFixed(2).padStart(8)} ` +
            `${(study.files / s).toFixed(0).padStart(8)} ${`${(curlSeconds / s).toFixed(2)}x`.padStart(8)}`,
        );
      }
    }
    lines.push(
      '',
      '"vs curl": the speed as a fraction of curl downloading the same study by WADO-RS (1.00x = as fast; the ZIP ' +
        'archive is slower: Orthanc compresses it).',
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await orthanc.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
