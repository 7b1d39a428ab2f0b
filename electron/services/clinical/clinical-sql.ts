import type { Db } from '../../db/open';

/**
 * All SQL for the clinical record (migration 0004). Parameters are always bound; lists of case ids travel as one
 * JSON array parameter (`json_each(?)`), so a query for 100 cases is still one statement and nothing is spliced.
 */

const ids = (caseIds: readonly number[]) => JSON.stringify(caseIds);

// ---------------------------------------------------------------------------------------------- cases

export interface CaseClinicalRow {
  id: number;
  site_chapter: string;
  status: string;
}

/** What the work-up checklist reads from the case itself: its question (which items) and its ECOG. */
export interface CaseChecklistRow extends CaseClinicalRow {
  question_kind: string;
  ecog: number | null;
}

export function caseRows(db: Db, caseIds: readonly number[]): CaseChecklistRow[] {
  return db
    .prepare(
      'SELECT id, site_chapter, status, question_kind, ecog FROM cases WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
    )
    .all(ids(caseIds)) as CaseChecklistRow[];
}

export function caseRow(db: Db, caseId: number): CaseClinicalRow | undefined {
  return db.prepare('SELECT id, site_chapter, status FROM cases WHERE id = ?').get(caseId) as
    CaseClinicalRow | undefined;
}

export function setCaseReady(db: Db, caseId: number, now: string): void {
  db.prepare("UPDATE cases SET status = 'ready', version = version + 1, updated_at = ? WHERE id = ?").run(now, caseId);
}

// ---------------------------------------------------------------------------------------------- pathology

export interface ReportRow {
  id: number;
  case_id: number;
  procedure: string;
  specimen_id: string;
  specimen_date: string;
  report_date: string | null;
  laboratory: string;
  histotype_id: string | null;
  histotype_text: string;
  icd_o3: string | null;
  differentiation: number | null;
  mitoses_per_10hpf: number | null;
  necrosis_percent: number | null;
  neoadjuvant_therapy: number;
  round_cell_percent: number | null;
  reported_grade: string | null;
  margin_status: string | null;
  closest_margin_mm: number | null;
  closest_margin_less_than: number;
  treatment_effect: string;
  review_by: string | null;
  review_date: string | null;
  review_agreement: string | null;
  report_text: string;
  tumour_dim1_cm: number | null;
  tumour_dim2_cm: number | null;
  tumour_dim3_cm: number | null;
  depth: string | null;
  margins_json: string;
  created_at: string;
  updated_at: string;
}
export type ReportColumns = Omit<ReportRow, 'id' | 'case_id' | 'created_at' | 'updated_at'>;

export interface IhcRow {
  report_id: number;
  marker: string;
  result: string;
  note: string;
}
export interface MolecularRow {
  report_id: number;
  test: string;
  result: string;
}

/** Oldest specimen first; the same day in entry order. */
export function reportsOfCases(db: Db, caseIds: readonly number[]): ReportRow[] {
  return db
    .prepare(
      'SELECT * FROM pathology_reports WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, specimen_date, id',
    )
    .all(ids(caseIds)) as ReportRow[];
}

export function getReport(db: Db, id: number): ReportRow | undefined {
  return db.prepare('SELECT * FROM pathology_reports WHERE id = ?').get(id) as ReportRow | undefined;
}

export function ihcOfReports(db: Db, reportIds: readonly number[]): IhcRow[] {
  return db
    .prepare(
      'SELECT report_id, marker, result, note FROM pathology_ihc WHERE report_id IN (SELECT value FROM json_each(?)) ORDER BY report_id, position',
    )
    .all(ids(reportIds)) as IhcRow[];
}

export function molecularOfReports(db: Db, reportIds: readonly number[]): MolecularRow[] {
  return db
    .prepare(
      'SELECT report_id, test, result FROM pathology_molecular WHERE report_id IN (SELECT value FROM json_each(?)) ORDER BY report_id, position',
    )
    .all(ids(reportIds)) as MolecularRow[];
}

const REPORT_SET = `procedure = @procedure, specimen_id = @specimen_id, specimen_date = @specimen_date, report_date = @report_date,
  laboratory = @laboratory, histotype_id = @histotype_id, histotype_text = @histotype_text, icd_o3 = @icd_o3,
  differentiation = @differentiation, mitoses_per_10hpf = @mitoses_per_10hpf, necrosis_percent = @necrosis_percent,
  neoadjuvant_therapy = @neoadjuvant_therapy, round_cell_percent = @round_cell_percent, reported_grade = @reported_grade,
  margin_status = @margin_status, closest_margin_mm = @closest_margin_mm, closest_margin_less_than = @closest_margin_less_than,
  treatment_effect = @treatment_effect, review_by = @review_by, review_date = @review_date, review_agreement = @review_agreement,
  report_text = @report_text, tumour_dim1_cm = @tumour_dim1_cm, tumour_dim2_cm = @tumour_dim2_cm,
  tumour_dim3_cm = @tumour_dim3_cm, depth = @depth, margins_json = @margins_json`;

export function insertReport(db: Db, caseId: number, c: ReportColumns, now: string): number {
  const info = db
    .prepare(
      `INSERT INTO pathology_reports (case_id, procedure, specimen_id, specimen_date, report_date, laboratory, histotype_id,
         histotype_text, icd_o3, differentiation, mitoses_per_10hpf, necrosis_percent, neoadjuvant_therapy, round_cell_percent,
         reported_grade, margin_status, closest_margin_mm, closest_margin_less_than, treatment_effect, review_by, review_date,
         review_agreement, report_text, tumour_dim1_cm, tumour_dim2_cm, tumour_dim3_cm, depth, margins_json,
         created_at, updated_at)
       VALUES (@case_id, @procedure, @specimen_id, @specimen_date, @report_date, @laboratory, @histotype_id,
         @histotype_text, @icd_o3, @differentiation, @mitoses_per_10hpf, @necrosis_percent, @neoadjuvant_therapy, @round_cell_percent,
         @reported_grade, @margin_status, @closest_margin_mm, @closest_margin_less_than, @treatment_effect, @review_by, @review_date,
         @review_agreement, @report_text, @tumour_dim1_cm, @tumour_dim2_cm, @tumour_dim3_cm, @depth, @margins_json,
         @now, @now)`,
    )
    .run({ ...c, case_id: caseId, now });
  return Number(info.lastInsertRowid);
}

export function updateReport(db: Db, id: number, c: ReportColumns, now: string): boolean {
  return (
    db.prepare(`UPDATE pathology_reports SET ${REPORT_SET}, updated_at = @now WHERE id = @id`).run({ ...c, id, now })
      .changes === 1
  );
}

export function deleteReport(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM pathology_reports WHERE id = ?').run(id).changes === 1;
}

/** Replaces a report's IHC and molecular rows (call inside the report's transaction). */
export function replaceReportChildren(
  db: Db,
  reportId: number,
  ihc: readonly { marker: string; result: string; note: string }[],
  molecular: readonly { test: string; result: string }[],
): void {
  db.prepare('DELETE FROM pathology_ihc WHERE report_id = ?').run(reportId);
  db.prepare('DELETE FROM pathology_molecular WHERE report_id = ?').run(reportId);
  const addIhc = db.prepare(
    'INSERT INTO pathology_ihc (report_id, position, marker, result, note) VALUES (?, ?, ?, ?, ?)',
  );
  ihc.forEach((r, i) => addIhc.run(reportId, i, r.marker, r.result, r.note));
  const addMol = db.prepare('INSERT INTO pathology_molecular (report_id, position, test, result) VALUES (?, ?, ?, ?)');
  molecular.forEach((r, i) => addMol.run(reportId, i, r.test, r.result));
}

// ---------------------------------------------------------------------------------------------- staging inputs

export interface StagingRow {
  case_id: number;
  size_override_cm: number | null;
  size_override_reason: string;
  n_status: string;
  m_status: string;
  prefix: string;
  t_override: string | null;
  note: string;
  updated_at: string;
}

export function getStagingInputs(db: Db, caseId: number): StagingRow | undefined {
  return db.prepare('SELECT * FROM staging_inputs WHERE case_id = ?').get(caseId) as StagingRow | undefined;
}

export function upsertStagingInputs(db: Db, row: StagingRow): void {
  db.prepare(
    `INSERT INTO staging_inputs (case_id, size_override_cm, size_override_reason, n_status, m_status, prefix, t_override, note, updated_at)
     VALUES (@case_id, @size_override_cm, @size_override_reason, @n_status, @m_status, @prefix, @t_override, @note, @updated_at)
     ON CONFLICT (case_id) DO UPDATE SET size_override_cm = excluded.size_override_cm,
       size_override_reason = excluded.size_override_reason, n_status = excluded.n_status, m_status = excluded.m_status,
       prefix = excluded.prefix, t_override = excluded.t_override, note = excluded.note, updated_at = excluded.updated_at`,
  ).run(row);
}

// ---------------------------------------------------------------------------------------------- studies

/**
 * One row per series of every study of each case's patient (a study without series gives one row with NULL series).
 * Episodes share the imaging (issue 13): a study attached to another case of the same patient counts for this case
 * too, so `case_id` is the case asked about and `attached_case_id` the case the study is attached to.
 */
export interface StudySeriesRow {
  case_id: number;
  /** Always set by studySeriesOfCases; optional so rows written by hand (tests) need not name it. */
  attached_case_id?: number;
  study_instance_uid: string;
  study_date: string | null;
  study_description: string | null;
  study_body_part: string | null;
  modalities_in_study: string | null;
  series_instance_uid: string | null;
  modality: string | null;
  series_description: string | null;
  body_part_examined: string | null;
  series_date: string | null;
}

export function studySeriesOfCases(db: Db, caseIds: readonly number[]): StudySeriesRow[] {
  return db
    .prepare(
      `SELECT asked.id AS case_id, st.case_id AS attached_case_id, st.study_instance_uid, st.study_date,
              st.study_description, st.body_part AS study_body_part, st.modalities_in_study, se.series_instance_uid,
              se.modality, se.series_description, se.body_part_examined, se.series_date
       FROM cases asked
       JOIN cases episode ON episode.patient_id = asked.patient_id
       JOIN dicom_studies st ON st.case_id = episode.id
       LEFT JOIN dicom_series se ON se.study_id = st.id
       WHERE asked.id IN (SELECT value FROM json_each(?))
       ORDER BY asked.id, st.study_date, st.id, se.series_number, se.id`,
    )
    .all(ids(caseIds)) as StudySeriesRow[];
}

// ---------------------------------------------------------------------------------------------- readiness

export interface TickRow {
  id: number;
  case_id: number;
  item: string;
  date: string;
  ticked_by: string;
  ticked_by_user_id: number | null;
  note: string;
  created_at: string;
}

export function ticksOfCases(db: Db, caseIds: readonly number[]): TickRow[] {
  return db
    .prepare('SELECT * FROM readiness_ticks WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, item')
    .all(ids(caseIds)) as TickRow[];
}

/** One tick per item: ticking again replaces the date, who and note. */
export function upsertTick(db: Db, t: Omit<TickRow, 'id'>): number {
  db.prepare(
    `INSERT INTO readiness_ticks (case_id, item, date, ticked_by, ticked_by_user_id, note, created_at)
     VALUES (@case_id, @item, @date, @ticked_by, @ticked_by_user_id, @note, @created_at)
     ON CONFLICT (case_id, item) DO UPDATE SET date = excluded.date, ticked_by = excluded.ticked_by,
       ticked_by_user_id = excluded.ticked_by_user_id, note = excluded.note, created_at = excluded.created_at`,
  ).run(t);
  return (
    db.prepare('SELECT id FROM readiness_ticks WHERE case_id = ? AND item = ?').get(t.case_id, t.item) as { id: number }
  ).id;
}

export function getTick(db: Db, id: number): TickRow | undefined {
  return db.prepare('SELECT * FROM readiness_ticks WHERE id = ?').get(id) as TickRow | undefined;
}

export function deleteTick(db: Db, caseId: number, item: string): boolean {
  return db.prepare('DELETE FROM readiness_ticks WHERE case_id = ? AND item = ?').run(caseId, item).changes === 1;
}

export function staleWeeks(db: Db): number {
  const row = db.prepare('SELECT stale_weeks FROM readiness_settings WHERE id = 1').get() as
    { stale_weeks: number } | undefined;
  return row?.stale_weeks ?? 8;
}

export function setStaleWeeks(db: Db, weeks: number): void {
  db.prepare(
    'INSERT INTO readiness_settings (id, stale_weeks) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET stale_weeks = excluded.stale_weeks',
  ).run(weeks);
}

// ---------------------------------------------------------------------------------------------- plan

export interface PlanRow {
  case_id: number;
  options_json: string;
  text: string;
  updated_at: string;
}

export function getPlan(db: Db, caseId: number): PlanRow | undefined {
  return db.prepare('SELECT * FROM case_plans WHERE case_id = ?').get(caseId) as PlanRow | undefined;
}

export function upsertPlan(db: Db, row: PlanRow): void {
  db.prepare(
    `INSERT INTO case_plans (case_id, options_json, text, updated_at) VALUES (@case_id, @options_json, @text, @updated_at)
     ON CONFLICT (case_id) DO UPDATE SET options_json = excluded.options_json, text = excluded.text, updated_at = excluded.updated_at`,
  ).run(row);
}

// ---------------------------------------------------------------------------------------------- events

export interface EventRow {
  id: number;
  case_id: number;
  kind: string;
  date: string;
  text: string;
  created_at: string;
}

export function eventsOfCase(db: Db, caseId: number): EventRow[] {
  return db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY date, id').all(caseId) as EventRow[];
}

/** The treatments on the timelines of a set of cases (the checklist's treatment history), one statement. */
export function treatmentEventsOfCases(db: Db, caseIds: readonly number[]): EventRow[] {
  return db
    .prepare(
      `SELECT * FROM case_events WHERE case_id IN (SELECT value FROM json_each(?))
         AND kind IN ('surgery', 'radiotherapy', 'systemic-therapy') ORDER BY case_id, date, id`,
    )
    .all(ids(caseIds)) as EventRow[];
}

export function getEvent(db: Db, id: number): EventRow | undefined {
  return db.prepare('SELECT * FROM case_events WHERE id = ?').get(id) as EventRow | undefined;
}

export function presentationOf(db: Db, caseId: number): EventRow | undefined {
  return db.prepare("SELECT * FROM case_events WHERE case_id = ? AND kind = 'presentation'").get(caseId) as
    EventRow | undefined;
}

export function insertEvent(db: Db, e: Omit<EventRow, 'id'>): number {
  return Number(
    db
      .prepare(
        'INSERT INTO case_events (case_id, kind, date, text, created_at) VALUES (@case_id, @kind, @date, @text, @created_at)',
      )
      .run(e).lastInsertRowid,
  );
}

export function deleteEvent(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM case_events WHERE id = ?').run(id).changes === 1;
}

// ---------------------------------------------------------------------------------------------- ready overrides

export interface OverrideRow {
  id: number;
  case_id: number;
  by_whom: string;
  by_user_id: number | null;
  why: string;
  meeting_date: string;
  missing_json: string;
  created_at: string;
}

export function insertOverride(db: Db, o: Omit<OverrideRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO ready_overrides (case_id, by_whom, by_user_id, why, meeting_date, missing_json, created_at)
         VALUES (@case_id, @by_whom, @by_user_id, @why, @meeting_date, @missing_json, @created_at)`,
      )
      .run(o).lastInsertRowid,
  );
}

export function overridesOfCase(db: Db, caseId: number): OverrideRow[] {
  return db.prepare('SELECT * FROM ready_overrides WHERE case_id = ? ORDER BY id').all(caseId) as OverrideRow[];
}

export interface NextMeetingRow {
  case_id: number;
  id: number;
  title: string;
  starts_at: string;
}

/**
 * For each case, the first meeting from `today` on (not finished) that has it on its agenda: the meeting its
 * readiness is judged for by default.
 */
export function nextMeetingsOf(db: Db, caseIds: readonly number[], today: string): Map<number, NextMeetingRow> {
  const rows = db
    .prepare(
      `SELECT a.case_id, m.id, m.title, m.starts_at
       FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
       WHERE a.case_id IN (SELECT value FROM json_each(?)) AND m.status <> 'finished' AND substr(m.starts_at, 1, 10) >= ?
       ORDER BY m.starts_at DESC, m.id DESC`,
    )
    .all(JSON.stringify(caseIds), today) as NextMeetingRow[];
  // Latest first, so the earliest meeting of each case is the one left in the map.
  return new Map(rows.map((r) => [r.case_id, r]));
}
