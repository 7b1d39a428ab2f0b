import { localIsoDate } from '../../../shared/dates';
import { displayName } from '../../../shared/domain/case';
import {
  daysOverdue,
  type ActionFollowUp,
  type ActionsFilter,
  type ActionsList,
  type ActionStatus,
} from '../../../shared/domain/follow-up';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { DomainError } from '../errors';
import * as sql from './follow-up-sql';

/** Who closes an action: the signed-in user (name shown, user id). */
export interface Closer {
  userId: number | null;
  name: string;
}

function toView(r: sql.FollowUpViewRow, today: string): ActionFollowUp {
  const status = r.status as ActionStatus;
  return {
    id: r.id,
    decisionId: r.decision_id,
    itemId: r.item_id,
    meetingId: r.meeting_id,
    meetingTitle: r.meeting_title,
    meetingStartsAt: r.starts_at,
    boardType: r.board_type,
    caseId: r.case_id,
    patientName: displayName({ familyName: r.family_name, givenNames: r.given_names }),
    mrn: r.mrn,
    what: r.what,
    owner: r.owner,
    ownerUserId: r.owner_user_id,
    dueDate: r.due_date,
    status,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
    note: r.note,
    version: r.version,
    daysOverdue: daysOverdue({ status, dueDate: r.due_date }, today),
  };
}

/**
 * The actions of signed-off decisions across meetings (issue 14 item 9): the decision stays locked, its actions'
 * status does not. The rows are made at sign-off (sync.ts); here they are listed and closed, cancelled or reopened.
 */
export class ActionsService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** The local day overdue is judged on. */
  today(): string {
    return localIsoDate(new Date(this.now()));
  }

  list(filter: ActionsFilter): ActionsList {
    const today = this.today();
    const owner = filter.owner?.toLowerCase() || null;
    const actions = sql
      .listFollowUps(this.db, filter.status, filter.board || null)
      .map((r) => toView(r, today))
      .filter((a) => !owner || a.owner.toLowerCase() === owner)
      .filter((a) => !filter.overdue || a.daysOverdue > 0);
    return { today, actions, ...sql.followUpOwnersAndBoards(this.db) };
  }

  get(id: number): ActionFollowUp {
    const row = sql.followUpView(this.db, id);
    if (!row) throw new DomainError('not-found', `No action ${id}: it may have been removed by an amendment.`);
    return toView(row, this.today());
  }

  /**
   * Done or cancelled (who and when recorded, with an optional note), or open again (who closed it is cleared; the
   * audit trail keeps it). `version` is the one the screen showed: a change made meanwhile is refused.
   */
  setStatus(id: number, version: number, status: ActionStatus, by: Closer, note = ''): ActionFollowUp {
    writeTransaction(this.db, () => {
      const row = sql.followUpView(this.db, id);
      if (!row) throw new DomainError('not-found', `No action ${id}: it may have been removed by an amendment.`);
      if (row.version !== version)
        throw new DomainError(
          'conflict',
          `The action "${row.what}" was changed since you opened it (now ${row.status}). Reload to see it.`,
        );
      if (row.status === status)
        throw new DomainError('refused', `The action "${row.what}" is already ${status}.`, 'status');
      const closing = status !== 'open';
      const now = this.now();
      const ok = sql.setFollowUpStatus(
        this.db,
        id,
        version,
        {
          status,
          closed_by: closing ? by.name : '',
          closed_by_user_id: closing ? by.userId : null,
          closed_at: closing ? now : null,
          note: note.trim(),
        },
        now,
      );
      if (!ok) throw new DomainError('conflict', 'The action was changed in another window. Reload to see it.');
    });
    return this.get(id);
  }
}
