import type { Db } from '../../db/open';
import type { FacetValues } from './facets';

/** SQL of the case facets (migration 0011), the filter options and saved filters. Parameters always bound. */

/** Facet rows due for a recompute: marked stale, or judged for a meeting before `today`. */
export function dueFacetIds(db: Db, today: string, limit: number): number[] {
  // Two indexed reads (partial indexes of migration 0011) rather than one OR, which would scan every row.
  const stale = db.prepare('SELECT case_id FROM case_facets WHERE stale = 1 LIMIT ?').pluck().all(limit) as number[];
  if (stale.length >= limit) return stale;
  const passed = db
    .prepare('SELECT case_id FROM case_facets WHERE judged_for IS NOT NULL AND judged_for < ? AND stale = 0 LIMIT ?')
    .pluck()
    .all(today, limit - stale.length) as number[];
  return [...stale, ...passed];
}

export interface CaseTextRow {
  id: number;
  family_name: string;
  given_names: string;
  mrn: string;
  working_diagnosis: string;
  tumour_site: string;
  consultant_name: string;
}

/** The words of each case that free text searches, besides its facets. */
export function caseTexts(db: Db, caseIds: readonly number[]): Map<number, CaseTextRow> {
  const rows = db
    .prepare(
      `SELECT c.id, p.family_name, p.given_names, p.mrn, c.working_diagnosis, c.tumour_site, c.consultant_name
       FROM cases c JOIN patients p ON p.id = c.patient_id WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(caseIds)) as CaseTextRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function writeFacets(db: Db, rows: readonly FacetValues[]): void {
  const stmt = db.prepare(
    `INSERT INTO case_facets (case_id, stale, histotype_id, histotype_label, grade, stage_group, open_items, ready,
       next_meeting_id, next_meeting_date, judged_for, search_text, computed_at)
     VALUES (@case_id, 0, @histotype_id, @histotype_label, @grade, @stage_group, @open_items, @ready,
       @next_meeting_id, @next_meeting_date, @judged_for, @search_text, @computed_at)
     ON CONFLICT (case_id) DO UPDATE SET stale = 0, histotype_id = excluded.histotype_id,
       histotype_label = excluded.histotype_label, grade = excluded.grade, stage_group = excluded.stage_group,
       open_items = excluded.open_items, ready = excluded.ready, next_meeting_id = excluded.next_meeting_id,
       next_meeting_date = excluded.next_meeting_date, judged_for = excluded.judged_for,
       search_text = excluded.search_text, computed_at = excluded.computed_at`,
  );
  for (const r of rows) stmt.run(r);
}

export function consultants(db: Db): string[] {
  return db
    .prepare(
      `SELECT consultant_name FROM cases WHERE consultant_name <> ''
       GROUP BY consultant_name COLLATE NOCASE ORDER BY consultant_name COLLATE NOCASE`,
    )
    .pluck()
    .all() as string[];
}

export function histotypesInUse(db: Db): { id: string; label: string }[] {
  return db
    .prepare(
      `SELECT histotype_id AS id, min(histotype_label) AS label FROM case_facets WHERE histotype_id IS NOT NULL
       GROUP BY histotype_id ORDER BY label`,
    )
    .all() as { id: string; label: string }[];
}

export function comingMeetings(db: Db, today: string): { id: number; title: string; startsAt: string }[] {
  return db
    .prepare(
      `SELECT id, title, starts_at AS startsAt FROM meetings
       WHERE status <> 'finished' AND substr(starts_at, 1, 10) >= ? ORDER BY starts_at, id LIMIT 50`,
    )
    .all(today) as { id: number; title: string; startsAt: string }[];
}

export interface SavedFilterRow {
  id: number;
  user_id: number;
  name: string;
  filter_json: string;
  created_at: string;
}

export function savedFiltersOf(db: Db, userId: number): SavedFilterRow[] {
  return db
    .prepare('SELECT * FROM saved_filters WHERE user_id = ? ORDER BY name COLLATE NOCASE, id')
    .all(userId) as SavedFilterRow[];
}

export function savedFilter(db: Db, id: number): SavedFilterRow | undefined {
  return db.prepare('SELECT * FROM saved_filters WHERE id = ?').get(id) as SavedFilterRow | undefined;
}

/** Saves under the user's `name`, replacing a filter of that name; returns its id. */
export function upsertSavedFilter(db: Db, userId: number, name: string, json: string, now: string): number {
  return (
    db
      .prepare(
        `INSERT INTO saved_filters (user_id, name, filter_json, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, name) DO UPDATE SET filter_json = excluded.filter_json
         RETURNING id`,
      )
      .get(userId, name, json, now) as { id: number }
  ).id;
}

export function deleteSavedFilter(db: Db, id: number, userId: number): boolean {
  return db.prepare('DELETE FROM saved_filters WHERE id = ? AND user_id = ?').run(id, userId).changes === 1;
}
