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
import { openDatabase, type Db } from '../electron/db/open';
import { writeTransaction } from '../electron/db/transaction';
import { CasesService } from '../electron/services/cases/cases-service';
import { allCaseRows, insertCase, insertPatient } from '../electron/services/cases/cases-sql';
import { createClinicalServices } from '../electron/services/clinical';
import { refreshStale } from '../electron/services/search/facets';
import type { CaseFilters } from '../shared/domain/case-search';
import type { CaseFields } from '../shared/domain/case';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N = option('cases', 10_000);
const ROUNDS = option('rounds', 40);

const CONSULTANTS = [
  'Mr Rajesh Patel, sarcoma surgeon',
  'Dr Amara Okafor, sarcoma surgeon',
  'Ms Priya Raghunathan, plastic surgeon',
  'Mr Henrik Dahl, retroperitoneal surgeon',
  'Mr Kwame Mensah, orthopaedic oncology surgeon',
  'Dr Sofia Marchetti, clinical oncologist',
  'Dr Naomi Feld, medical oncologist',
  'Dr Lars Eriksen, clinical oncologist',
];
const FAMILY = ['ASHWORTH', 'BRENNAN', 'CALLOWAY', 'DRUMMOND', 'ELLISON', 'FAIRBANK', 'GARSIDE', 'HOLLOWAY'];
const GIVEN = ['Alice', 'Bernard', 'Clara', 'Dmitri', 'Esme', 'Felix', 'Greta', 'Hugo'];
const SITES = ['trunk-extremity', 'retroperitoneum', 'head-and-neck', 'visceral', 'other'] as const;
const HISTOTYPES = [
  'undifferentiated-pleomorphic-sarcoma',
  'dedifferentiated-liposarcoma',
  'myxoid-liposarcoma',
  'leiomyosarcoma',
  'synovial-sarcoma',
  'myxofibrosarcoma',
];

/** Deterministic pseudo-random numbers, so two runs build the same data. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function generate(db: Db, n: number): void {
  const r = rng(14);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const report = db.prepare(
    `INSERT INTO pathology_reports (case_id, procedure, specimen_date, histotype_id, differentiation,
       mitoses_per_10hpf, necrosis_percent, created_at, updated_at)
     VALUES (?, 'core-needle-biopsy', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const staging = db.prepare(
    `INSERT INTO staging_inputs (case_id, size_override_cm, size_override_reason, updated_at) VALUES (?, ?, 'bench', ?)`,
  );
  writeTransaction(db, () => {
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
      const site = pick(SITES);
      const fields: CaseFields = {
        patient: {
          familyName: `${pick(FAMILY)}${i}`,
          givenNames: pick(GIVEN),
          mrn: `BENCH-${String(i).padStart(6, '0')}`,
          dateOfBirth: `19${40 + Math.floor(r() * 60)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
          sex: r() < 0.5 ? 'female' : 'male',
        },
        consultantName: pick(CONSULTANTS),
        consultantContact: 'Bleep 4000',
        referringHospital: 'Northgate General',
        tumourSite: site === 'retroperitoneum' ? 'Left retroperitoneum' : 'Right thigh, deep',
        siteChapter: site,
        workingDiagnosis: `Soft tissue mass ${i % 97}`,
        clinicalHistory: 'Enlarging mass over some months.',
        boardQuestion: 'Neoadjuvant radiotherapy?',
        episodeKind: 'new-diagnosis',
        questionKind: 'diagnosis',
        ecog: 1,
        comorbidities: '',
        patientKnowledge: '',
        status: pick(['draft', 'draft', 'ready', 'discussed', 'closed'] as const),
      };
      const caseId = insertCase(db, insertPatient(db, fields.patient), fields, at);
      if (r() < 0.7) {
        report.run(
          caseId,
          at.slice(0, 10),
          pick(HISTOTYPES),
          1 + Math.floor(r() * 3),
          Math.floor(r() * 30),
          Math.floor(r() * 60),
          at,
          at,
        );
        staging.run(caseId, Math.round(r() * 200) / 10 + 1, at);
      }
    }
  });
}

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
