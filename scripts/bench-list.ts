/**
 * Case list and search benchmark (issue 14 item 12): `npx tsx scripts/bench-list.ts [--cases 10000] [--rounds 40]`
 * (`npm run bench:list`).
 *
 * In a temporary data folder it writes N fictional cases by direct inserts (patients, cases, and for most of them
 * a pathology report with a histotype and FNCLCC components, and a typed size so they stage), then measures in one
 * run, each `rounds` times, p50 and p95:
 *   - references: a bare `SELECT count(*) FROM cases`, and the old full-list query (every case, no paging);
 *   - cases:list's first page (50 rows) and several searches and filters (target < 50 ms each), through the service
 *     the handler calls, so the stale-facet check is included;
 *   - readiness of the rows of a first page (clinical:readinessCounts for 50 ids), which the list asks next;
 * and once: building every case's facets from cold (the first list after an import or the upgrade).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/db/open';
import { CasesService } from '../electron/services/cases/cases-service';
import { allCaseRows } from '../electron/services/cases/cases-sql';
import { createClinicalServices } from '../electron/services/clinical';
import { refreshStale } from '../electron/services/search/facets';
import type { CaseFilters } from '../shared/domain/case-search';
import { generate } from './bench-list-data';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N = option('cases', 10_000);
const ROUNDS = option('rounds', 40);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function time(rounds: number, fn: () => unknown): { p50: number; p95: number } {
  fn(); // warm the statement cache
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

// --dir <folder>: keep the generated data there and reuse it on the next run (for repeated measurements).
const dirArg = process.argv.indexOf('--dir');
const keep = dirArg >= 0;
const dataDir = keep
  ? path.resolve(process.argv[dirArg + 1])
  : mkdtempSync(path.join(os.tmpdir(), 'boardprep-bench-list-'));
try {
  const db = openDatabase(dataDir);
  let t = Date.now();
  if ((db.prepare('SELECT count(*) FROM cases').pluck().get() as number) === 0) {
    generate(db, N);
    console.log(`${N} cases written in ${Date.now() - t} ms (${dataDir})`);
  }

  t = Date.now();
  const built = refreshStale(db, new Date().toISOString());
  console.log(`Facets built from cold for ${built} cases in ${Date.now() - t} ms (once, after an import or upgrade)`);

  const cases = new CasesService(db);
  const clinical = createClinicalServices(db);
  const list =
    (query: string, filters: CaseFilters = {}) =>
    () =>
      cases.list({ query, filters, limit: 50 });
  const firstPage = cases.list({ query: '', limit: 50 });
  const rows: [string, () => unknown, string][] = [
    ['reference: SELECT count(*) FROM cases', () => db.prepare('SELECT count(*) FROM cases').pluck().get(), ''],
    ['reference: old full list (every case)', () => allCaseRows(db), ''],
    ['cases:list first page (50)', list(''), `${firstPage.total}`],
    ['search "Patel"', list('Patel'), ''],
    ['search "G3"', list('G3'), ''],
    ['search "stage IIIA"', list('stage IIIA'), ''],
    ['search "liposarcoma"', list('liposarcoma'), ''],
    ['search "BENCH-004242" (MRN)', list('BENCH-004242'), ''],
    ['search "zzzz" (no match)', list('zzzz'), ''],
    ['filter grade G3', list('', { grade: 'G3' }), ''],
    ['filter stage IIIB, retroperitoneum', list('', { stageGroup: 'IIIB', siteChapter: 'retroperitoneum' }), ''],
    ['filter awaiting MDM2', list('', { awaiting: 'mdm2' }), ''],
    ['filter consultant Patel + draft', list('', { consultant: 'Patel', status: 'draft' }), ''],
    ['filter created in 2025-03', list('', { dateField: 'created', from: '2025-03-01', to: '2025-03-31' }), ''],
    [
      'search "Patel" + grade G3 + page 20',
      () => cases.list({ query: 'Patel', filters: { grade: 'G3' }, offset: 1000 }),
      '',
    ],
    ['readiness of a first page (50 ids)', () => clinical.readinessCounts(firstPage.rows.map((r) => r.id)), ''],
  ];
  console.log(`\n${'what'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'matches'.padStart(8)}`);
  for (const [label, fn] of rows) {
    const { p50, p95 } = time(ROUNDS, fn);
    const result = fn() as { total?: number } | undefined;
    const matches = result && typeof result === 'object' && 'total' in result ? String(result.total) : '';
    console.log(
      `${label.padEnd(44)} ${p50.toFixed(2).padStart(8)} ${p95.toFixed(2).padStart(8)} ${matches.padStart(8)}`,
    );
  }
  const oldBytes = JSON.stringify(allCaseRows(db)).length;
  const pageBytes = JSON.stringify(firstPage).length;
  console.log(
    `\nAnswer size: old full list ${(oldBytes / 1e6).toFixed(2)} MB, first page ${(pageBytes / 1e3).toFixed(1)} kB`,
  );
  console.log('Target: each search or filter < 50 ms p50 (issue 14 item 12).');
  db.close();
} finally {
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
}
