import type { DecisionAction } from '../../../shared/domain/meeting';
import type { Db } from '../../db/open';
import * as sql from './follow-up-sql';

/**
 * Keeps a signed-off decision's follow-up rows matched to its actions (called inside sign-off's and each
 * amendment's transaction). A row follows its action by text first (an amendment that reorders the list keeps each
 * action's status), then by place (an amendment that rewords an action keeps its status); a new action gets an
 * open row, and a row whose action the amendment removed goes (the audit trail keeps what it was).
 */
export function syncFollowUps(db: Db, decisionId: number, actions: readonly DecisionAction[], now: string): void {
  const rows = sql.followUpsOfDecision(db, decisionId);
  const used = new Set<number>();
  const matched: (sql.FollowUpRow | undefined)[] = actions.map((a) => {
    const row = rows.find((r) => !used.has(r.id) && r.what === a.what);
    if (row) used.add(row.id);
    return row;
  });
  actions.forEach((_, i) => {
    if (matched[i]) return;
    const row = rows.find((r) => !used.has(r.id) && r.action_index === i);
    if (row) {
      used.add(row.id);
      matched[i] = row;
    }
  });
  const gone = rows.filter((r) => !used.has(r.id)).map((r) => r.id);
  if (gone.length) sql.deleteFollowUps(db, gone);
  const columns = (a: DecisionAction, i: number): sql.FollowUpColumns => ({
    action_index: i,
    what: a.what,
    owner: a.who,
    owner_user_id: a.ownerUserId ?? null,
    due_date: a.byWhen,
  });
  const changed = (row: sql.FollowUpRow, c: sql.FollowUpColumns) =>
    row.action_index !== c.action_index ||
    row.what !== c.what ||
    row.owner !== c.owner ||
    row.owner_user_id !== c.owner_user_id ||
    row.due_date !== c.due_date;
  const moving = matched.flatMap((row, i) => (row && row.action_index !== i ? [row.id] : []));
  if (moving.length) sql.parkFollowUps(db, moving);
  actions.forEach((a, i) => {
    const row = matched[i];
    const c = columns(a, i);
    if (!row) sql.insertFollowUp(db, decisionId, c, now);
    else if (changed(row, c)) sql.updateFollowUpAction(db, row.id, c, now);
  });
}
