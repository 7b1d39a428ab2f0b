import {
  Attendance,
  DecisionPatch,
  quorumOf,
  SignOffRecord,
  type Amendment,
  type DecisionValue,
  type HistoryDecision,
} from '../../../shared/domain/meeting';
import type { PlanOption } from '../../../shared/domain/clinical';
import type { Db } from '../../db/open';
import * as sql from './meetings-sql';

/** A stored decision row as a value (the signed-off original, or the draft). */
export function valueOf(row: sql.DecisionRow): DecisionValue {
  return {
    attendance: Attendance.parse(JSON.parse(row.attendance_json)),
    recommendation: { options: JSON.parse(row.recommendation_json) as PlanOption[], text: row.recommendation_text },
    intent: row.intent as DecisionValue['intent'],
    actions: JSON.parse(row.actions_json) as DecisionValue['actions'],
    notes: row.notes,
    outcome: row.outcome as DecisionValue['outcome'],
    outcomeReason: row.outcome_reason,
  };
}

/** An amendment row; its before/after parsed like a stored decision (older rows name attendees as bare strings). */
export function toAmendment(row: sql.AmendmentRow): Amendment {
  return {
    id: row.id,
    by: row.by_whom,
    userId: row.by_user_id ?? null,
    why: row.why,
    at: row.created_at,
    before: DecisionPatch.parse(JSON.parse(row.before_json)),
    after: DecisionPatch.parse(JSON.parse(row.after_json)),
  };
}

/** Names per present specialty: what the sign-off record keeps of the attendance. */
export function attendanceSummary(a: Attendance): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(a)
      .filter(([, v]) => v.present)
      .map(([s, v]) => [s, v.people.map((p) => ('guest' in p ? `${p.name} (guest)` : p.name))]),
  );
}

/**
 * The sign-off record of a signed row: from sign_off_json, or, for rows signed off before it existed, the quorum
 * recomputed from the original attendance with no reason.
 */
export function signOffRecordOf(row: sql.DecisionRow): SignOffRecord | null {
  if (!row.signed_off_at || !row.signed_off_by) return null;
  const base = { by: row.signed_off_by, userId: row.signed_off_user_id ?? null, at: row.signed_off_at };
  if (row.sign_off_json) {
    const stored = JSON.parse(row.sign_off_json) as Omit<SignOffRecord, 'by' | 'userId' | 'at'>;
    return SignOffRecord.parse({ ...stored, ...base });
  }
  const attendance = Attendance.parse(JSON.parse(row.attendance_json));
  const q = quorumOf(attendance);
  return { ...base, quorumMet: q.met, missing: q.missing, reason: '', attendance: attendanceSummary(attendance) };
}

/** The current value: the original with each amendment's changed fields applied in order. */
export function applyAmendments(original: DecisionValue, amendments: readonly Amendment[]): DecisionValue {
  return amendments.reduce<DecisionValue>((v, a) => ({ ...v, ...a.after }), original);
}

/** The decisions of some agenda items as they stand now (amendments applied), keyed by item id: two queries. */
export function historyDecisionsOf(db: Db, itemIds: readonly number[]): Map<number, HistoryDecision> {
  const out = new Map<number, HistoryDecision>();
  if (itemIds.length === 0) return out;
  const rows = sql.decisionsOfItems(db, itemIds);
  const amendments = new Map<number, Amendment[]>();
  for (const a of sql.amendmentsOfDecisions(
    db,
    rows.map((r) => r.id),
  )) {
    const list = amendments.get(a.decision_id) ?? [];
    list.push(toAmendment(a));
    amendments.set(a.decision_id, list);
  }
  for (const r of rows) {
    const v = applyAmendments(valueOf(r), amendments.get(r.id) ?? []);
    out.set(r.item_id, {
      status: r.signed_off_at ? 'signed' : 'draft',
      outcome: v.outcome,
      outcomeReason: v.outcomeReason,
      recommendation: v.recommendation,
      intent: v.intent,
      actions: v.actions,
      signedOffAt: r.signed_off_at,
      signedOffBy: r.signed_off_by,
    });
  }
  return out;
}
