import type { Db } from '../../db/open';

/**
 * SQL of the user's choice of the report that drives grade and staging (driving_report_choices, migration 0009).
 * One row per case; deleting the report or the case deletes the choice (ON DELETE CASCADE).
 */

export interface ChoiceRow {
  case_id: number;
  report_id: number;
  reason: string;
  by_user_id: number | null;
  /** The chooser's display name; null when the user is not on record. */
  by_name: string | null;
  created_at: string;
}

export function choicesOfCases(db: Db, caseIds: readonly number[]): ChoiceRow[] {
  return db
    .prepare(
      `SELECT c.case_id, c.report_id, c.reason, c.by_user_id, u.display_name AS by_name, c.created_at
         FROM driving_report_choices c LEFT JOIN users u ON u.id = c.by_user_id
        WHERE c.case_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(caseIds)) as ChoiceRow[];
}

export function setChoice(
  db: Db,
  c: { caseId: number; reportId: number; reason: string; byUserId: number | null; now: string },
): void {
  db.prepare(
    `INSERT INTO driving_report_choices (case_id, report_id, reason, by_user_id, created_at)
     VALUES (@caseId, @reportId, @reason, @byUserId, @now)
     ON CONFLICT (case_id) DO UPDATE SET report_id = excluded.report_id, reason = excluded.reason,
       by_user_id = excluded.by_user_id, created_at = excluded.created_at`,
  ).run(c);
}

export function clearChoice(db: Db, caseId: number): void {
  db.prepare('DELETE FROM driving_report_choices WHERE case_id = ?').run(caseId);
}
