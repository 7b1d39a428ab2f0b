import type { Db } from '../../db/open';
import type { CaseFields, PatientInput } from '../../../shared/domain/case';
import type { CaseFilters } from '../../../shared/domain/case-search';

/** All SQL for patients and cases. Parameters are always bound; no string is ever spliced into a query. */

export interface CaseRow {
  id: number;
  patient_id: number;
  family_name: string;
  given_names: string;
  mrn: string;
  date_of_birth: string;
  sex: string;
  consultant_name: string;
  consultant_contact: string;
  referring_hospital: string;
  tumour_site: string;
  site_chapter: string;
  working_diagnosis: string;
  clinical_history: string;
  board_question: string;
  episode_kind: string;
  question_kind: string;
  ecog: number | null;
  comorbidities: string;
  patient_knowledge: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** Which of the patient's cases this is (1-based, by id: creation order), and how many the patient has. */
  episode_number: number;
  episode_count: number;
}

const SELECT_CASE = `
  SELECT c.*, p.family_name, p.given_names, p.mrn, p.date_of_birth, p.sex,
    (SELECT count(*) FROM cases e WHERE e.patient_id = c.patient_id AND e.id <= c.id) AS episode_number,
    (SELECT count(*) FROM cases e WHERE e.patient_id = c.patient_id) AS episode_count
  FROM cases c JOIN patients p ON p.id = c.patient_id`;

export function getCaseRow(db: Db, id: number): CaseRow | undefined {
  return db.prepare(`${SELECT_CASE} WHERE c.id = ?`).get(id) as CaseRow | undefined;
}

/** `%` and `_` typed by the user are matched literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Every word must match somewhere in the case's search text (case_facets, migration 0011: name, MRN, working
 * diagnosis, tumour site, consultant, histotype, grade, stage group), lower-cased on both sides so that names
 * beyond ASCII match whatever their case.
 */
const WORD_CLAUSE = `f.search_text LIKE @w ESCAPE '\\'`;

/** The WHERE of a search: one bound parameter per value, each clause a fixed text. */
function whereOf(query: string, f: CaseFilters): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  query
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .forEach((word, i) => {
      clauses.push(WORD_CLAUSE.replaceAll('@w', `@w${i}`));
      params[`w${i}`] = likePattern(word.toLowerCase());
    });
  const add = (clause: string, name: string, value: unknown) => {
    if (value === undefined || value === '') return;
    clauses.push(clause);
    params[name] = value;
  };
  add('c.status = @status', 'status', f.status);
  add(`c.consultant_name LIKE @consultant ESCAPE '\\'`, 'consultant', f.consultant && likePattern(f.consultant));
  add('c.site_chapter = @siteChapter', 'siteChapter', f.siteChapter);
  add('f.histotype_id = @histotypeId', 'histotypeId', f.histotypeId);
  add('f.grade = @grade', 'grade', f.grade);
  add('f.stage_group = @stageGroup', 'stageGroup', f.stageGroup);
  add(`instr(f.open_items, ' ' || @awaiting || ' ') > 0`, 'awaiting', f.awaiting);
  add('f.ready = @ready', 'ready', f.ready === undefined ? undefined : f.ready ? 1 : 0);
  add('f.next_meeting_id = @meetingId', 'meetingId', f.meetingId);
  if (f.noMeeting) clauses.push('f.next_meeting_id IS NULL');
  const column = {
    created: 'substr(c.created_at, 1, 10)',
    updated: 'substr(c.updated_at, 1, 10)',
    meeting: 'f.next_meeting_date',
  }[f.dateField ?? 'updated'];
  add(`${column} >= @from`, 'from', f.from);
  add(`${column} <= @to`, 'to', f.to);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const FROM_SEARCH = `FROM cases c JOIN case_facets f ON f.case_id = c.id`;

/**
 * One page of the matching cases, newest change first, and the number matching in all. The page's ids are found
 * first and only those rows are read in full (the episode counts are per row).
 */
export function searchCaseRows(
  db: Db,
  search: { query: string; filters: CaseFilters; offset: number; limit: number },
): { rows: CaseRow[]; total: number } {
  const { where, params } = whereOf(search.query, search.filters);
  // Counting needs the cases table only when a clause reads it.
  const countFrom = where.includes('c.') ? FROM_SEARCH : 'FROM case_facets f';
  const total = db.prepare(`SELECT count(*) ${countFrom} ${where}`).pluck().get(params) as number;
  const ids = db
    .prepare(`SELECT c.id ${FROM_SEARCH} ${where} ORDER BY c.updated_at DESC, c.id DESC LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: search.limit, offset: search.offset }) as number[];
  if (!ids.length) return { rows: [], total };
  const rows = db
    .prepare(`${SELECT_CASE} WHERE c.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as CaseRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.map((id) => byId.get(id)!).filter(Boolean), total };
}

/** The old full-list query (every case, no paging): kept only as the benchmark's reference. */
export function allCaseRows(db: Db): CaseRow[] {
  return db.prepare(`${SELECT_CASE} ORDER BY c.updated_at DESC, c.id DESC`).all() as CaseRow[];
}

export interface PatientRow {
  id: number;
  family_name: string;
  given_names: string;
  mrn: string;
  date_of_birth: string;
  sex: string;
}

export function findPatientByMrn(db: Db, mrn: string): PatientRow | undefined {
  return db
    .prepare('SELECT id, family_name, given_names, mrn, date_of_birth, sex FROM patients WHERE mrn = ? COLLATE NOCASE')
    .get(mrn) as PatientRow | undefined;
}

export function getPatient(db: Db, id: number): PatientRow | undefined {
  return db
    .prepare('SELECT id, family_name, given_names, mrn, date_of_birth, sex FROM patients WHERE id = ?')
    .get(id) as PatientRow | undefined;
}

export interface EpisodeRow {
  id: number;
  patient_id: number;
  episode_kind: string;
  created_at: string;
  working_diagnosis: string;
  status: string;
}

/** A patient's cases (episodes), in creation order. */
export function casesOfPatient(db: Db, patientId: number): EpisodeRow[] {
  return db
    .prepare(
      `SELECT id, patient_id, episode_kind, created_at, working_diagnosis, status FROM cases
       WHERE patient_id = ? ORDER BY id`,
    )
    .all(patientId) as EpisodeRow[];
}

/** The ids of every case of the case's patient, the case itself included (empty for an unknown case). */
export function caseIdsOfSamePatient(db: Db, caseId: number): number[] {
  return db
    .prepare(`SELECT e.id FROM cases c JOIN cases e ON e.patient_id = c.patient_id WHERE c.id = ? ORDER BY e.id`)
    .pluck()
    .all(caseId) as number[];
}

export function firstCaseOfPatient(db: Db, patientId: number): number | undefined {
  const row = db.prepare('SELECT id FROM cases WHERE patient_id = ? ORDER BY id LIMIT 1').get(patientId) as
    { id: number } | undefined;
  return row?.id;
}

export function insertPatient(db: Db, p: PatientInput): number {
  const info = db
    .prepare(
      `INSERT INTO patients (family_name, given_names, mrn, date_of_birth, sex)
       VALUES (@familyName, @givenNames, @mrn, @dateOfBirth, @sex)`,
    )
    .run(p);
  return Number(info.lastInsertRowid);
}

export function updatePatient(db: Db, id: number, p: PatientInput): void {
  db.prepare(
    `UPDATE patients SET family_name = @familyName, given_names = @givenNames, mrn = @mrn,
       date_of_birth = @dateOfBirth, sex = @sex WHERE id = @id`,
  ).run({ ...p, id });
}

type CaseColumns = Omit<CaseFields, 'patient'>;

function caseParams(fields: CaseFields) {
  const { patient: _patient, ...rest } = fields;
  return rest satisfies CaseColumns;
}

export function insertCase(db: Db, patientId: number, fields: CaseFields, now: string): number {
  const info = db
    .prepare(
      `INSERT INTO cases (patient_id, consultant_name, consultant_contact, referring_hospital, tumour_site, site_chapter,
         working_diagnosis, clinical_history, board_question, episode_kind, question_kind, ecog, comorbidities,
         patient_knowledge, status, version, created_at, updated_at)
       VALUES (@patientId, @consultantName, @consultantContact, @referringHospital, @tumourSite, @siteChapter,
         @workingDiagnosis, @clinicalHistory, @boardQuestion, @episodeKind, @questionKind, @ecog, @comorbidities,
         @patientKnowledge, @status, 1, @now, @now)`,
    )
    .run({ ...caseParams(fields), patientId, now });
  return Number(info.lastInsertRowid);
}

/** Returns false when the stored version is not `version` (someone else saved first). */
export function updateCase(db: Db, id: number, version: number, fields: CaseFields, now: string): boolean {
  const info = db
    .prepare(
      `UPDATE cases SET consultant_name = @consultantName, consultant_contact = @consultantContact,
         referring_hospital = @referringHospital, tumour_site = @tumourSite, site_chapter = @siteChapter,
         working_diagnosis = @workingDiagnosis, clinical_history = @clinicalHistory, board_question = @boardQuestion,
         episode_kind = @episodeKind, question_kind = @questionKind, ecog = @ecog, comorbidities = @comorbidities, patient_knowledge = @patientKnowledge, status = @status,
         version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ ...caseParams(fields), id, version, now });
  return info.changes === 1;
}

export function countCases(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
}
