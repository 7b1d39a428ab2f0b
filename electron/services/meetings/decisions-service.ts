import {
  CORE_SPECIALTY_LABEL,
  DECISION_FIELDS,
  DecisionFields,
  quorumOf,
  signOffProblems,
  type Amendment,
  type DecisionChanges,
  type DecisionHistory,
  type DecisionPatch,
  type DecisionValue,
  type DecisionView,
} from '../../../shared/domain/meeting';
import { DomainError } from '../errors';
import { applyAmendments, attendanceSummary, signOffRecordOf, toAmendment, valueOf } from './decision-values';
import type { FreezeService } from './freeze-service';
import * as sql from './meetings-sql';
import { assertItem, type MeetingsContext } from './views';
import { writeTransaction } from '../../db/transaction';
import { dateTime } from '../../../shared/dates';
import type { CaseRecordFacts } from '../../../shared/domain/record-facts';
import { recordFacts } from './record-facts';
import { quorumSpecialtiesOf, registerAttendanceFor } from '../boards/meeting-board';
import type { Attendance, CoreSpecialty } from '../../../shared/domain/meeting';
import { syncFollowUps } from '../follow-up/sync';

const EMPTY: DecisionValue = DecisionFields.parse({});

/** Who signs off or amends: the signed-in user (name shown on the record, and the user's id), never a typed name. */
export interface Signer {
  userId: number | null;
  name: string;
}

function columns(v: DecisionValue): sql.DecisionColumns {
  return {
    attendance_json: JSON.stringify(v.attendance),
    recommendation_json: JSON.stringify([...new Set(v.recommendation.options)]),
    recommendation_text: v.recommendation.text,
    intent: v.intent,
    actions_json: JSON.stringify(v.actions),
    notes: v.notes,
    outcome: v.outcome,
    outcome_reason: v.outcomeReason,
  };
}

export { applyAmendments };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `board`: the meeting's quorum rule, and (for a case with nothing recorded yet) the attendance the register has
 * present when the case comes up, which the decision starts from (issue 14 item 8); `register` is that attendance
 * for any decision not signed off, so the form can say when the register changed after the draft was started.
 */
function view(
  item: sql.ItemRow,
  row: sql.DecisionRow | undefined,
  amendments: Amendment[],
  board: { quorum: readonly CoreSpecialty[]; start?: Attendance | null; register?: Attendance | null },
): DecisionView {
  const original = row ? valueOf(row) : null;
  const current = original
    ? applyAmendments(original, amendments)
    : board.start
      ? { ...EMPTY, attendance: board.start }
      : EMPTY;
  const signed = !!row?.signed_off_at;
  return {
    itemId: item.id,
    meetingId: item.meeting_id,
    caseId: item.case_id,
    status: !row ? 'none' : signed ? 'signed' : 'draft',
    version: row ? row.version + amendments.length : 0,
    current,
    original: signed ? original : null,
    signedOffAt: row?.signed_off_at ?? null,
    signedOffBy: row?.signed_off_by ?? null,
    signOff: row ? signOffRecordOf(row) : null,
    amendments,
    quorum: quorumOf(current.attendance, board.quorum),
    signOffProblems: signed ? [] : signOffProblems(current),
    updatedAt: amendments.length ? amendments[amendments.length - 1].at : (row?.updated_at ?? null),
    registerAttendance: signed ? null : (board.register ?? null),
  };
}

/**
 * The board's decision on each case, captured live: saved as a draft as often as needed, then signed off, which
 * locks it (the database refuses any change to a signed row). A later change is an amendment: who, why, when and
 * the changed fields before and after; the original stays readable and the current value is the original with
 * the amendments applied in order.
 *
 * The agenda item follows the decision's outcome (discussed / deferred with the reason); signing off a discussion
 * moves a draft or ready case to 'discussed'.
 */
export class DecisionsService {
  constructor(
    private readonly ctx: MeetingsContext,
    private readonly freeze: FreezeService,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  get(itemId: number): DecisionView {
    const item = assertItem(this.db, itemId);
    const row = sql.decisionOfItem(this.db, itemId);
    const register = row?.signed_off_at ? null : registerAttendanceFor(this.db, item);
    return view(item, row, row ? sql.amendmentsOfDecisions(this.db, [row.id]).map(toAmendment) : [], {
      quorum: quorumSpecialtiesOf(this.db, item.meeting_id),
      start: row ? null : register,
      register,
    });
  }

  /** Every decision recorded for the meeting's agenda (for the minutes), in agenda order. */
  forMeeting(meetingId: number): DecisionView[] {
    const items = sql.itemsOfMeeting(this.db, meetingId);
    const rows = new Map(
      sql
        .decisionsOfItems(
          this.db,
          items.map((i) => i.id),
        )
        .map((d) => [d.item_id, d]),
    );
    const amendments = new Map<number, Amendment[]>();
    for (const a of sql.amendmentsOfDecisions(
      this.db,
      [...rows.values()].map((d) => d.id),
    )) {
      const list = amendments.get(a.decision_id) ?? [];
      list.push(toAmendment(a));
      amendments.set(a.decision_id, list);
    }
    const quorum = quorumSpecialtiesOf(this.db, meetingId);
    return items
      .filter((i) => rows.has(i.id))
      .map((i) => view(i, rows.get(i.id), amendments.get(rows.get(i.id)!.id) ?? [], { quorum }));
  }

  /** Saves the draft. `version` is the one the editor started from (0 when nothing was saved yet). */
  save(itemId: number, version: number, value: DecisionValue): DecisionView {
    writeTransaction(this.db, () => {
      const item = assertItem(this.db, itemId);
      const row = sql.decisionOfItem(this.db, itemId);
      if (row?.signed_off_at) {
        throw new DomainError(
          'refused',
          `This decision was signed off by ${row.signed_off_by} on ${dateTime(row.signed_off_at)} and is locked. Record the change as an amendment, saying who and why.`,
        );
      }
      const now = this.ctx.now();
      if (!row) {
        if (version !== 0)
          throw new DomainError('conflict', 'This decision was removed since you opened it. Reload it.');
        sql.insertDecision(this.db, itemId, columns(value), now);
      } else if (row.version !== version || !sql.updateDraftDecision(this.db, itemId, version, columns(value), now)) {
        throw new DomainError(
          'conflict',
          'This decision was changed in another window since you opened it. Reload it to see the changes.',
        );
      }
      this.followOutcome(item, value, now);
    });
    return this.get(itemId);
  }

  /**
   * Signs off the draft as `signer` (the signed-in chair): refused (naming the field) while it lacks what a decision
   * needs, or when the stored attendance has no quorum and no reason is given. Locks it, with the sign-off record
   * (quorum as computed here, never as the page says, the reason, who was present) in sign_off_json.
   */
  signOff(itemId: number, version: number, signer: Signer, noQuorumReason?: string): DecisionView {
    writeTransaction(this.db, () => {
      const item = assertItem(this.db, itemId);
      const row = sql.decisionOfItem(this.db, itemId);
      if (!row)
        throw new DomainError('refused', 'Nothing to sign off: no decision has been recorded for this case yet.');
      if (row.signed_off_at)
        throw new DomainError(
          'refused',
          `This decision was already signed off by ${row.signed_off_by} on ${dateTime(row.signed_off_at)}.`,
        );
      if (row.version !== version)
        throw new DomainError(
          'conflict',
          'This decision was changed in another window since you opened it. Reload it before signing off.',
        );
      const value = valueOf(row);
      const problems = signOffProblems(value);
      if (problems.length) {
        throw new DomainError(
          'invalid-input',
          `Cannot sign off yet: ${problems.map((p) => p.message).join('; ')}.`,
          `decision.${problems[0].field}`,
        );
      }
      const quorum = quorumOf(value.attendance, quorumSpecialtiesOf(this.db, item.meeting_id));
      const reason = quorum.met ? '' : (noQuorumReason ?? '').trim();
      if (!quorum.met && !reason) {
        throw new DomainError(
          'invalid-input',
          `No quorum (${quorum.missing.map((s) => CORE_SPECIALTY_LABEL[s].toLowerCase()).join(', ')} absent): say why the decision is signed off without quorum.`,
          'noQuorumReason',
        );
      }
      const record = {
        quorumMet: quorum.met,
        missing: quorum.missing,
        reason,
        attendance: attendanceSummary(value.attendance),
      };
      const now = this.ctx.now();
      const columns = { by: signer.name, user_id: signer.userId, sign_off_json: JSON.stringify(record) };
      if (!sql.signOffDecision(this.db, itemId, version, columns, now)) {
        throw new DomainError(
          'conflict',
          'This decision was changed in another window since you opened it. Reload it before signing off.',
        );
      }
      this.followOutcome(item, value, now);
      if (value.outcome === 'discussed') sql.markCaseDiscussed(this.db, item.case_id, now);
      // Each action is followed up from now on (the Actions screen): one open row per action.
      syncFollowUps(this.db, row.id, value.actions, now);
      this.freeze.freezeAtSignOff(itemId, row.id, now);
    });
    return this.get(itemId);
  }

  /**
   * Amends a signed-off decision: only the fields that really change are recorded (before and after), and the
   * result must still be a complete decision. `version` is the one the editor started from.
   */
  amend(
    itemId: number,
    version: number,
    amendment: { by: Signer; why: string; changes: DecisionChanges },
  ): DecisionView {
    writeTransaction(this.db, () => {
      const item = assertItem(this.db, itemId);
      const row = sql.decisionOfItem(this.db, itemId);
      if (!row?.signed_off_at) {
        throw new DomainError(
          'refused',
          'This decision is not signed off yet: change the draft instead of amending it.',
        );
      }
      const amendments = sql.amendmentsOfDecisions(this.db, [row.id]).map(toAmendment);
      if (row.version + amendments.length !== version) {
        throw new DomainError(
          'conflict',
          'This decision was amended in another window since you opened it. Reload it to see the amendment.',
        );
      }
      const current = applyAmendments(valueOf(row), amendments);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const field of DECISION_FIELDS) {
        const next = amendment.changes[field];
        if (next === undefined || same(next, current[field])) continue;
        before[field] = current[field];
        after[field] = next;
      }
      if (Object.keys(after).length === 0)
        throw new DomainError('invalid-input', 'The amendment changes nothing', 'changes');
      const result: DecisionValue = { ...current, ...(after as DecisionPatch) };
      const problems = signOffProblems(result);
      if (problems.length) {
        throw new DomainError(
          'invalid-input',
          `The amended decision would be incomplete: ${problems.map((p) => p.message).join('; ')}.`,
          `changes.${problems[0].field}`,
        );
      }
      const now = this.ctx.now();
      sql.insertAmendment(this.db, {
        decision_id: row.id,
        by_whom: amendment.by.name,
        by_user_id: amendment.by.userId,
        why: amendment.why.trim(),
        before_json: JSON.stringify(before),
        after_json: JSON.stringify(after),
        created_at: now,
      });
      this.followOutcome(item, result, now);
      if (result.outcome === 'discussed') sql.markCaseDiscussed(this.db, item.case_id, now);
      if (after.actions) syncFollowUps(this.db, row.id, result.actions, now);
    });
    return this.get(itemId);
  }

  /** The case facts for outcome letters and minutes, from the record (never the slides): see record-facts.ts. */
  recordFacts(meetingId: number, options: { itemId?: number; deidentified?: boolean }): CaseRecordFacts[] {
    if (options.itemId !== undefined && assertItem(this.db, options.itemId).meeting_id !== meetingId)
      throw new DomainError('not-found', "That case is not on this meeting's agenda.");
    return recordFacts(this.db, meetingId, options);
  }

  /** The signed-off original and each amendment, with the whole decision as it stood after each step. */
  history(itemId: number): DecisionHistory {
    const d = this.get(itemId);
    if (d.status !== 'signed' || !d.original) return { itemId, entries: [] };
    const entries: DecisionHistory['entries'] = [
      {
        kind: 'signed-off',
        at: d.signedOffAt!,
        by: d.signedOffBy!,
        why: null,
        before: null,
        after: null,
        value: d.original,
      },
    ];
    let value = d.original;
    for (const a of d.amendments) {
      value = applyAmendments(value, [a]);
      entries.push({ kind: 'amendment', at: a.at, by: a.by, why: a.why, before: a.before, after: a.after, value });
    }
    return { itemId, entries };
  }

  /** The agenda item shows the decision's outcome: discussed, or deferred with the reason. */
  private followOutcome(item: sql.ItemRow, value: DecisionValue, now: string): void {
    const state = value.outcome ?? (item.state === 'not-discussed' ? 'not-discussed' : 'pending');
    sql.updateItem(
      this.db,
      item.id,
      {
        presenter: item.presenter,
        minutes: item.minutes,
        state,
        deferred_reason: state === 'deferred' ? value.outcomeReason : '',
      },
      now,
    );
  }
}
