/**
 * The fictional cases of the list benchmarks (bench-list.ts, bench-list-screen.ts): N patients and cases by direct
 * inserts, 70% with a pathology report (histotype, FNCLCC components) and a typed size, so they grade and stage.
 */
import type { Db } from '../electron/db/open';
import { writeTransaction } from '../electron/db/transaction';
import { insertCase, insertPatient } from '../electron/services/cases/cases-sql';
import type { CaseFields } from '../shared/domain/case';

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

export function generate(db: Db, n: number): void {
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
