import {
  boardTypeLabel,
  type CarryOverResult,
  type MeetingDetail,
  type MeetingFieldsValue,
  type MeetingList,
  type MeetingStatus,
  type MeetingSummary,
} from '../../../shared/domain/meeting';
import { wallDateTime } from '../../../shared/dates';
import { DomainError } from '../errors';
import * as sql from './meetings-sql';
import { assertMeeting, meetingDetail, toRef, toSummary, type MeetingsContext } from './views';
import { writeTransaction } from '../../db/transaction';

const when = (m: sql.MeetingRow) => `${m.title} (${wallDateTime(m.starts_at)})`;
const cases = (n: number) => `${n} case${n === 1 ? '' : 's'}`;

/**
 * Moves the cases of `source` that were not discussed or were deferred to `target`, at the end of its agenda, with
 * their presenter, minutes and slide edits, each new item naming the one it came from (the case's history).
 * A case already on the target's agenda is linked rather than added twice.
 */
export function carryOverInto(
  ctx: MeetingsContext,
  source: sql.MeetingRow,
  target: sql.MeetingRow,
): CarryOverResult['moved'] {
  const now = ctx.now();
  const moved: CarryOverResult['moved'] = [];
  for (const item of sql.awaitingItems(ctx.db, source.id)) {
    const existing = sql.itemOfCase(ctx.db, target.id, item.case_id);
    if (existing) {
      if (existing.carried_from_item_id !== null) continue;
      sql.setCarriedFrom(ctx.db, existing.id, item.id, now);
      moved.push({ caseId: item.case_id, fromItemId: item.id, toItemId: existing.id });
      continue;
    }
    const toItemId = sql.insertItem(
      ctx.db,
      {
        meeting_id: target.id,
        case_id: item.case_id,
        position: sql.nextPosition(ctx.db, target.id),
        presenter: item.presenter,
        minutes: item.minutes,
        carried_from_item_id: item.id,
      },
      now,
    );
    sql.copyEdits(ctx.db, item.id, toItemId, now);
    moved.push({ caseId: item.case_id, fromItemId: item.id, toItemId });
  }
  return moved;
}

/**
 * Carry-over of a meeting's cases not discussed or deferred. The target is the next meeting of the same board
 * after it (by start time) that is not finished. With no such meeting the cases stay queued on this meeting
 * (`awaitingCarryOver`): when it is finished they move as soon as the next meeting of the board is created.
 */
export function carryOver(
  ctx: MeetingsContext,
  source: sql.MeetingRow,
  options: { refuseWithoutTarget: boolean },
): CarryOverResult {
  const awaiting = sql.awaitingItems(ctx.db, source.id).length;
  const target = sql.nextMeetingAfter(ctx.db, source) ?? null;
  if (awaiting === 0) {
    return {
      fromMeetingId: source.id,
      toMeeting: target ? toRef(target) : null,
      moved: [],
      queued: 0,
      message: 'No case is waiting to be carried over.',
    };
  }
  if (!target) {
    const message =
      `No later ${boardTypeLabel(source.board_type).toLowerCase()} meeting is scheduled after ${when(source)}: ` +
      `${cases(awaiting)} not discussed or deferred ${awaiting === 1 ? 'stays' : 'stay'} queued here` +
      (source.status === 'finished'
        ? ` and ${awaiting === 1 ? 'moves' : 'move'} to the next meeting of this board as soon as it is created.`
        : '. Create the next meeting, then carry over.');
    if (options.refuseWithoutTarget) throw new DomainError('refused', message);
    return { fromMeetingId: source.id, toMeeting: null, moved: [], queued: awaiting, message };
  }
  const moved = carryOverInto(ctx, source, target);
  const queued = sql.awaitingItems(ctx.db, source.id).length;
  return {
    fromMeetingId: source.id,
    toMeeting: toRef(target),
    moved,
    queued,
    message: `${cases(moved.length)} moved to ${when(target)}.${queued ? ` ${cases(queued)} could not be moved (already carried there from another meeting).` : ''}`,
  };
}

/** Meetings: create, change, start and finish, list (upcoming and past) and the next one. */
export class MeetingsService {
  constructor(private readonly ctx: MeetingsContext) {}

  private get db() {
    return this.ctx.db;
  }

  list(filter: { boardType?: string } = {}): MeetingList {
    const localNow = this.ctx.localNow();
    const all = sql.listMeetingRows(this.db, filter.boardType ?? null).map((r) => toSummary(r, localNow));
    return {
      upcoming: all.filter((m) => m.when === 'upcoming'),
      past: all.filter((m) => m.when === 'past').reverse(),
    };
  }

  get(id: number): MeetingDetail {
    return meetingDetail(this.ctx, id);
  }

  /** The meeting of the board starting at that time, if there is one. */
  findAt(boardType: string, startsAt: string): MeetingSummary | null {
    const row = sql.meetingAt(this.db, boardType, startsAt);
    return row ? toSummary(sql.getMeetingTotals(this.db, row.id)!, this.ctx.localNow()) : null;
  }

  /** The next upcoming meeting (the one in progress counts), optionally of one board; null when none. */
  next(filter: { boardType?: string } = {}): MeetingSummary | null {
    return this.list(filter).upcoming[0] ?? null;
  }

  /**
   * Creates a meeting. Cases queued on finished meetings of the same board (not discussed or deferred, with no
   * later meeting to go to) move onto it when it is the first meeting of the board after theirs.
   */
  create(fields: MeetingFieldsValue): MeetingDetail {
    const id = writeTransaction(this.db, () => {
      const newId = sql.insertMeeting(this.db, fields, this.ctx.now());
      const created = sql.getMeeting(this.db, newId)!;
      for (const source of sql.meetingsWithQueuedItems(this.db, fields.boardType, fields.startsAt)) {
        // Only into the first meeting of the board after theirs (of any status): a case the coordinator took off
        // that meeting's agenda does not come back on a later one.
        if (!sql.meetingBetween(this.db, source, created)) carryOverInto(this.ctx, source, created);
      }
      return newId;
    });
    return this.get(id);
  }

  update(id: number, version: number, fields: MeetingFieldsValue): MeetingDetail {
    writeTransaction(this.db, () => {
      const row = assertMeeting(this.db, id);
      if (row.status === 'finished') {
        throw new DomainError(
          'refused',
          `${when(row)} is finished: its details are part of the record and cannot be changed.`,
        );
      }
      if (row.version !== version || !sql.updateMeeting(this.db, id, version, fields, this.ctx.now())) {
        throw new DomainError(
          'conflict',
          'This meeting was changed elsewhere since you opened it. Reload it to see the changes; your edits are still in the form.',
        );
      }
    });
    return this.get(id);
  }

  /**
   * scheduled <-> in progress, and either -> finished. Finishing marks the cases not reached as not discussed and
   * carries them, with the deferred ones, over to the next meeting of the board (or queues them: see carryOver).
   * A finished meeting stays finished.
   */
  setStatus(id: number, status: MeetingStatus): { meeting: MeetingDetail; carryOver: CarryOverResult | null } {
    const result = writeTransaction(this.db, () => {
      const row = assertMeeting(this.db, id);
      if (row.status === status) return null;
      if (row.status === 'finished')
        throw new DomainError('refused', `${when(row)} is finished and cannot be reopened.`, 'status');
      const now = this.ctx.now();
      if (status !== 'finished') {
        sql.setMeetingStatus(this.db, id, status, now);
        return null;
      }
      sql.markPendingNotDiscussed(this.db, id, now);
      sql.setMeetingStatus(this.db, id, 'finished', now);
      return carryOver(this.ctx, sql.getMeeting(this.db, id)!, { refuseWithoutTarget: false });
    });
    return { meeting: this.get(id), carryOver: result };
  }

  /** Only a meeting with no decision recorded and nothing carried over from it can be removed. */
  remove(id: number): void {
    writeTransaction(this.db, () => {
      const row = assertMeeting(this.db, id);
      if (row.status === 'finished')
        throw new DomainError('refused', `${when(row)} is finished: it is part of the record and cannot be removed.`);
      if (sql.meetingHasDecisions(this.db, id)) {
        throw new DomainError('refused', `${when(row)} has decisions recorded: it cannot be removed.`);
      }
      if (sql.meetingHasCarriedItems(this.db, id)) {
        throw new DomainError(
          'refused',
          `Cases were carried over from ${when(row)} to a later meeting: it is part of their history and cannot be removed.`,
        );
      }
      sql.deleteMeeting(this.db, id);
    });
  }
}
