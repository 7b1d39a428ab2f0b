import type { Db } from '../../db/open';
import { localIsoDate } from '../../../shared/dates';
import { spreadOf, type Figures, type FiguresQuery, type MeetingFigures } from '../../../shared/figures/figures';
import { listBoards } from '../boards/boards-sql';
import {
  actionCounts,
  chosenItems,
  chosenMeetings,
  firstBoards,
  meetingBoards,
  statusHistory,
  type ItemRow,
  type MeetingFilter,
  type StatusChangeRow,
} from './figures-sql';

/**
 * The local calendar day of a stored time: an instant ('...Z' or with an offset) in the local time zone, a local
 * wall-clock time or a plain date as written.
 */
export function localDayOf(at: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.test(at) ? localIsoDate(new Date(at)) : at.slice(0, 10);
}

/** Whole calendar days from one 'YYYY-MM-DD' to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant of a local wall-clock time 'YYYY-MM-DDTHH:MM' where BoardPrep runs (where the board meets). */
const instantOfWallTime = (at: string): number => new Date(`${at}:00`).getTime();

/**
 * Whether a case's status was 'ready' at an instant: the last recorded value of cases.status at or before it in
 * the audit log. A case with no entry by then did not exist yet, so it was not ready.
 */
function readyAt(history: readonly StatusChangeRow[], instant: number): boolean {
  let status: string | null = null;
  for (const row of history) {
    if (Date.parse(row.at) > instant) break;
    status = row.status;
  }
  return status === 'ready';
}

const sum = (rows: readonly MeetingFigures[], pick: (m: MeetingFigures) => number | null) =>
  rows.reduce((n, m) => n + (pick(m) ?? 0), 0);

/**
 * Service figures per board and date range (issue 14 item 11), counted from the meetings, their agendas and
 * decisions, the letter register, action follow-up and the audit log. Read only.
 *
 * The rules: "not reached" is an item recorded as not discussed, or still pending once its meeting finished.
 * "Ready at cut-off" is the case's status per the audit log at the meeting's submission cut-off (its start when
 * it has none); unknown (null) while that is still ahead. "Referral to first board" runs from the earliest referral
 * naming the case (else the case's creation) to the day of the first meeting it was on, counted at that meeting;
 * cases recorded after that meeting (loaded or typed in afterwards) are left out and counted apart. "Decision to
 * letter" runs from a signed-off decision with outcome discussed to the first letter produced for its item.
 */
export class FiguresService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(query: FiguresQuery): Figures {
    const filter: MeetingFilter = { board: query.boardSlug ?? null, from: query.from ?? null, to: query.to ?? null };
    const now = this.now();
    const today = localIsoDate(now);
    const meetings = chosenMeetings(this.db, filter);
    const itemsOf = new Map<number, ItemRow[]>();
    for (const item of chosenItems(this.db, filter))
      itemsOf.set(item.meeting_id, [...(itemsOf.get(item.meeting_id) ?? []), item]);
    const history = new Map<number, StatusChangeRow[]>();
    for (const row of statusHistory(this.db, filter)) {
      const rows = history.get(row.case_id) ?? [];
      rows.push(row);
      history.set(row.case_id, rows);
    }
    const referralDays = new Map<number, number[]>();
    let recordedLater = 0;
    for (const first of firstBoards(this.db, filter)) {
      const days = daysBetween(localDayOf(first.referred_at ?? first.created_at), first.starts_at.slice(0, 10));
      if (days < 0) {
        recordedLater += 1;
        continue;
      }
      referralDays.set(first.meeting_id, [...(referralDays.get(first.meeting_id) ?? []), days]);
    }
    const actions = new Map(actionCounts(this.db, filter, today).map((a) => [a.meeting_id, a]));
    const allLetterDays: number[] = [];

    const rows = meetings.map((m): MeetingFigures => {
      const own = itemsOf.get(m.id) ?? [];
      const finished = m.status === 'finished';
      const cutoff = instantOfWallTime(m.submission_cutoff ?? m.starts_at);
      const decided = own.filter((i) => i.signed_off_at !== null && i.outcome === 'discussed');
      const letterDays = decided
        .filter((i) => i.first_letter_at !== null)
        .map((i) => daysBetween(localDayOf(i.signed_off_at!), localDayOf(i.first_letter_at!)));
      allLetterDays.push(...letterDays);
      return {
        meetingId: m.id,
        boardSlug: m.board_type,
        title: m.title,
        date: m.starts_at.slice(0, 10),
        status: m.status,
        cases: own.length,
        discussed: own.filter((i) => i.state === 'discussed').length,
        deferred: own.filter((i) => i.state === 'deferred').length,
        notReached: own.filter((i) => i.state === 'not-discussed' || (finished && i.state === 'pending')).length,
        pending: finished ? 0 : own.filter((i) => i.state === 'pending').length,
        readyAtCutoff:
          cutoff > now.getTime() ? null : own.filter((i) => readyAt(history.get(i.case_id) ?? [], cutoff)).length,
        referralToBoard: spreadOf(referralDays.get(m.id) ?? []),
        decided: decided.length,
        withoutLetter: decided.filter((i) => i.first_letter_at === null).length,
        decisionToLetter: spreadOf(letterDays),
        openActions: actions.get(m.id)?.open ?? 0,
        overdueActions: actions.get(m.id)?.overdue ?? 0,
      };
    });

    return {
      boards: this.boards(),
      today,
      meetings: rows,
      totals: {
        cases: sum(rows, (m) => m.cases),
        discussed: sum(rows, (m) => m.discussed),
        deferred: sum(rows, (m) => m.deferred),
        notReached: sum(rows, (m) => m.notReached),
        readyAtCutoff: sum(rows, (m) => m.readyAtCutoff),
        casesPastCutoff: sum(rows, (m) => (m.readyAtCutoff === null ? 0 : m.cases)),
        referralToBoard: spreadOf([...referralDays.values()].flat()),
        referralRecordedLater: recordedLater,
        decided: sum(rows, (m) => m.decided),
        withoutLetter: sum(rows, (m) => m.withoutLetter),
        decisionToLetter: spreadOf(allLetterDays),
        openActions: sum(rows, (m) => m.openActions),
        overdueActions: sum(rows, (m) => m.overdueActions),
      },
    };
  }

  /** The boards set up (their names) and any other board slug that has meetings (named by its latest title). */
  private boards(): Figures['boards'] {
    const named = new Map(listBoards(this.db).map((b) => [b.slug, b.name]));
    for (const b of meetingBoards(this.db)) if (!named.has(b.slug)) named.set(b.slug, b.title);
    return [...named].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name));
  }
}
