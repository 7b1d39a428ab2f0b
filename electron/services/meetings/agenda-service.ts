import { displayName } from '../../../shared/domain/case';
import type {
  AgendaItemState,
  CarryOverResult,
  CaseMeetingEntry,
  MeetingDetail,
  MeetingStatus,
} from '../../../shared/domain/meeting';
import { wallDateTime } from '../../../shared/dates';
import { DomainError } from '../errors';
import { carryOver } from './meetings-service';
import * as sql from './meetings-sql';
import { assertAgendaOpen, assertItem, assertMeeting, meetingDetail, type MeetingsContext } from './views';
import { writeTransaction } from '../../db/transaction';

export const DEFAULT_MINUTES = 5;

/** The agenda of a meeting: which cases, in what order, who presents them and for how long. */
export class AgendaService {
  constructor(private readonly ctx: MeetingsContext) {}

  private get db() {
    return this.ctx.db;
  }

  /** Adds cases at the end of the agenda, in the order given. */
  add(
    meetingId: number,
    caseIds: readonly number[],
    options: { presenter?: string; minutes?: number } = {},
  ): MeetingDetail {
    writeTransaction(this.db, () => {
      const meeting = assertMeeting(this.db, meetingId);
      assertAgendaOpen(meeting);
      const seen = new Set<number>();
      caseIds.forEach((id, i) => {
        if (seen.has(id)) throw new DomainError('invalid-input', `Case ${id} is listed twice`, `caseIds.${i}`);
        seen.add(id);
      });
      const existing = sql.existingCaseIds(this.db, caseIds);
      const missing = caseIds.findIndex((id) => !existing.has(id));
      if (missing >= 0)
        throw new DomainError('not-found', `Case ${caseIds[missing]} does not exist`, `caseIds.${missing}`);
      const agenda = sql.itemViewsOfMeeting(this.db, meetingId);
      caseIds.forEach((id, i) => {
        const at = agenda.findIndex((a) => a.case_id === id);
        if (at >= 0) {
          const who = displayName({ familyName: agenda[at].family_name, givenNames: agenda[at].given_names });
          throw new DomainError(
            'conflict',
            `${who} (case ${id}) is already on this agenda, as case ${at + 1}`,
            `caseIds.${i}`,
          );
        }
      });
      const now = this.ctx.now();
      let position = sql.nextPosition(this.db, meetingId);
      for (const caseId of caseIds) {
        sql.insertItem(
          this.db,
          {
            meeting_id: meetingId,
            case_id: caseId,
            position: position++,
            presenter: options.presenter ?? '',
            minutes: options.minutes ?? DEFAULT_MINUTES,
            carried_from_item_id: null,
          },
          now,
        );
      }
    });
    return meetingDetail(this.ctx, meetingId);
  }

  /**
   * Takes a case off the agenda (its slide edits and a draft decision go with it). Refused once the decision is
   * signed off, and for an item carried over to a later meeting (it is part of the case's history).
   */
  remove(itemId: number): MeetingDetail {
    const meetingId = writeTransaction(this.db, () => {
      const item = assertItem(this.db, itemId);
      assertAgendaOpen(assertMeeting(this.db, item.meeting_id));
      const decision = sql.decisionOfItem(this.db, itemId);
      if (decision?.signed_off_at) {
        throw new DomainError(
          'refused',
          `The decision on this case was signed off by ${decision.signed_off_by}: it stays on the agenda as part of the record.`,
        );
      }
      const successor = sql.successorOf(this.db, itemId);
      if (successor) {
        throw new DomainError(
          'refused',
          `This case was carried over to ${successor.title} (${wallDateTime(successor.starts_at)}): it stays here as part of its history.`,
        );
      }
      sql.deleteDraftDecision(this.db, itemId);
      sql.deleteItem(this.db, itemId);
      sql.setPositions(
        this.db,
        item.meeting_id,
        sql.itemsOfMeeting(this.db, item.meeting_id).map((i) => i.id),
        this.ctx.now(),
      );
      return item.meeting_id;
    });
    return meetingDetail(this.ctx, meetingId);
  }

  /** Puts the agenda in the given order: every item of the meeting, each once. */
  reorder(meetingId: number, itemIds: readonly number[]): MeetingDetail {
    writeTransaction(this.db, () => {
      const meeting = assertMeeting(this.db, meetingId);
      assertAgendaOpen(meeting);
      const current = sql.itemsOfMeeting(this.db, meetingId).map((i) => i.id);
      const known = new Set(current);
      const seen = new Set<number>();
      itemIds.forEach((id, i) => {
        if (!known.has(id))
          throw new DomainError('invalid-input', `Item ${id} is not on this meeting's agenda`, `itemIds.${i}`);
        if (seen.has(id)) throw new DomainError('invalid-input', `Item ${id} is listed twice`, `itemIds.${i}`);
        seen.add(id);
      });
      const left = current.filter((id) => !seen.has(id));
      if (left.length) {
        throw new DomainError(
          'invalid-input',
          `The new order leaves out ${left.length === 1 ? `item ${left[0]}` : `items ${left.join(', ')}`}: give every item of the agenda`,
          'itemIds',
        );
      }
      sql.setPositions(this.db, meetingId, itemIds, this.ctx.now());
    });
    return meetingDetail(this.ctx, meetingId);
  }

  /**
   * Presenter, minutes, and the state 'pending' / 'not-discussed' (e.g. to carry a case over before the meeting
   * ends). Discussed and deferred come from the decision, never from here.
   */
  setItem(
    itemId: number,
    changes: { presenter?: string; minutes?: number; state?: Extract<AgendaItemState, 'pending' | 'not-discussed'> },
  ): MeetingDetail {
    const meetingId = writeTransaction(this.db, () => {
      const item = assertItem(this.db, itemId);
      assertAgendaOpen(assertMeeting(this.db, item.meeting_id));
      let state = item.state;
      if (changes.state !== undefined && changes.state !== item.state) {
        const decision = sql.decisionOfItem(this.db, itemId);
        if (decision?.outcome) {
          throw new DomainError(
            'refused',
            `The decision records this case as ${decision.outcome}: change the decision instead.`,
            'state',
          );
        }
        if (sql.successorOf(this.db, itemId))
          throw new DomainError('refused', 'This case has already been carried over to a later meeting.', 'state');
        state = changes.state;
      }
      sql.updateItem(
        this.db,
        itemId,
        {
          presenter: changes.presenter ?? item.presenter,
          minutes: changes.minutes ?? item.minutes,
          state,
          deferred_reason: state === 'deferred' ? item.deferred_reason : '',
        },
        this.ctx.now(),
      );
      return item.meeting_id;
    });
    return meetingDetail(this.ctx, meetingId);
  }

  /**
   * On demand: moves the cases not discussed or deferred to the next meeting of the board now. Refused with the
   * reason when no later meeting of the board is scheduled (they stay queued). Cases still pending are left: mark
   * them not discussed first, or finish the meeting.
   */
  carryOver(meetingId: number): CarryOverResult {
    return writeTransaction(this.db, () =>
      carryOver(this.ctx, assertMeeting(this.db, meetingId), { refuseWithoutTarget: true }),
    );
  }

  /** Every meeting the case has been on, oldest first. */
  caseHistory(caseId: number): CaseMeetingEntry[] {
    if (sql.existingCaseIds(this.db, [caseId]).size === 0)
      throw new DomainError('not-found', `Case ${caseId} does not exist`);
    return sql.itemsOfCase(this.db, caseId).map((r) => ({
      itemId: r.id,
      meetingId: r.meeting_id,
      meetingTitle: r.title,
      startsAt: r.starts_at,
      meetingStatus: r.meeting_status as MeetingStatus,
      state: r.state as AgendaItemState,
      deferredReason: r.deferred_reason,
      carriedFromItemId: r.carried_from_item_id,
      decision: r.decision_id === null ? 'none' : r.signed_off_at ? 'signed' : 'draft',
    }));
  }
}
