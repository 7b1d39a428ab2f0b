import type { Db } from '../../db/open';
import { OPEN_STATES } from '../../../shared/clinical/readiness';
import type { MarkReadyResult, ReadyOverride } from '../../../shared/domain/clinical';
import { CasesService } from '../cases/cases-service';
import { DomainError } from '../errors';
import { assessCase, loadCaseData } from './case-data';
import * as sql from './clinical-sql';
import { assertCase } from './pathology-service';
import { writeTransaction } from '../../db/transaction';
import type { Attribution } from '../attribution';

/** A "ready despite missing items" override: why (the user's words) and by whom (the signed-in user). */
export interface OverrideFields {
  why: string;
  by: Attribution;
}

export function toOverride(row: sql.OverrideRow): ReadyOverride {
  return {
    id: row.id,
    caseId: row.case_id,
    by: row.by_whom,
    why: row.why,
    meetingDate: row.meeting_date,
    missing: JSON.parse(row.missing_json) as ReadyOverride['missing'],
    createdAt: row.created_at,
  };
}

export function lastOverride(db: Db, caseId: number): ReadyOverride | null {
  const rows = sql.overridesOfCase(db, caseId);
  return rows.length ? toOverride(rows[rows.length - 1]) : null;
}

/**
 * Issue 4: "a case with a missing item cannot be marked ready without an explicit override that records who and
 * why" (who: the signed-in user, issue 12). A pending item (not yet decidable, e.g. the liposarcoma subtype is not
 * known) blocks like a missing one and is listed with them in the override; stale items warn but do not block
 * (readiness.ts: ready = nothing missing or pending). Returns the recorded override, or null when nothing was open
 * (so nothing was overridden).
 */
export function assertCanMarkReady(
  db: Db,
  caseId: number,
  meetingDate: string,
  override?: OverrideFields,
  now: () => string = () => new Date().toISOString(),
): ReadyOverride | null {
  assertCase(db, caseId);
  const data = loadCaseData(db, [caseId]).get(caseId)!;
  const { summary } = assessCase(data, meetingDate, sql.staleWeeks(db));
  const missing = summary.items.filter((i) => OPEN_STATES.has(i.state));
  if (missing.length === 0) return null;
  if (!override) {
    const n = missing.length;
    const what = summary.pending
      ? summary.missing
        ? 'missing or pending work-up item'
        : 'pending work-up item'
      : 'missing work-up item';
    throw new DomainError(
      'refused',
      `Case has ${n} ${what}${n === 1 ? '' : 's'}: ${missing.map((i) => (i.state === 'pending' ? `${i.label} (pending)` : i.label)).join('; ')}. ` +
        'Complete them, or mark the case ready with an override that says why (it is recorded under your name).',
      'status',
    );
  }
  const why = override.why.trim();
  if (!why)
    throw new DomainError(
      'invalid-input',
      'Say why the case should go to the board with items missing',
      'override.why',
    );
  const id = sql.insertOverride(db, {
    case_id: caseId,
    by_whom: override.by.name,
    by_user_id: override.by.userId,
    why,
    meeting_date: meetingDate,
    missing_json: JSON.stringify(missing.map((i) => ({ id: i.id, label: i.label, reason: i.reason }))),
    created_at: now(),
  });
  return toOverride(sql.overridesOfCase(db, caseId).find((r) => r.id === id)!);
}

/** Marks a case ready for a meeting: the gate and the status change in one transaction. */
export function markReady(
  db: Db,
  caseId: number,
  meetingDate: string,
  override?: OverrideFields,
  now: () => string = () => new Date().toISOString(),
): MarkReadyResult {
  const recorded = writeTransaction(db, () => {
    const row = assertCase(db, caseId);
    if (row.status === 'closed')
      throw new DomainError('refused', 'This case is closed: reopen it before marking it ready.', 'status');
    if (row.status === 'ready') return null;
    const o = assertCanMarkReady(db, caseId, meetingDate, override, now);
    sql.setCaseReady(db, caseId, now());
    return o;
  });
  return { case: new CasesService(db).get(caseId), override: recorded };
}
