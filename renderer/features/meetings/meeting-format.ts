import type { AppError } from '../../../shared/contract/result';
import {
  AGENDA_STATE_LABEL,
  type AgendaItemState,
  type DecisionStatus,
  type MeetingSummary,
} from '../../../shared/domain/meeting';
import { clock, shortDate } from '../../slides/frame';

/** "Thu 10 Dec 2026, 13:00–14:30" */
export function meetingWhen(m: Pick<MeetingSummary, 'startsAt' | 'endsAt'>): string {
  return `${shortDate(m.startsAt)}, ${clock(m.startsAt)}–${clock(m.endsAt)}`;
}

/** "90 of 90 min" and whether the agenda runs over. */
export function minutesText(m: Pick<MeetingSummary, 'totalMinutes' | 'durationMinutes' | 'minutesLeft'>): string {
  const base = `${m.totalMinutes} of ${m.durationMinutes} min`;
  return m.minutesLeft < 0
    ? `${base} · ${-m.minutesLeft} over`
    : m.minutesLeft > 0
      ? `${base} · ${m.minutesLeft} free`
      : base;
}

export const DECISION_STATUS_LABEL: Record<DecisionStatus, string> = {
  none: 'No decision',
  draft: 'Draft decision',
  signed: 'Signed off',
};
/** What the agenda's decision link says. */
export const DECISION_LINK_LABEL: Record<DecisionStatus, string> = {
  none: 'Record decision',
  draft: 'Decision: draft',
  signed: 'Decision: signed off',
};

export function stateLabel(state: AgendaItemState): string {
  return AGENDA_STATE_LABEL[state];
}

/** The plain reason of a refused call, without the "channel: field:" prefix the boundary adds. */
export function reason(error: AppError): string {
  return error.message.replace(/^[\w:]+: [\w.]+: /, '');
}

/** "2026-12-10T13:00" -> "10 Dec 2026, 13:00" (shared/dates.ts). */
export { wallDateTime as wallTime } from '../../../shared/dates';

/** An instant as the app writes dates, with the local 24-hour time: "12 Nov 2026, 14:00" (shared/dates.ts). */
export { dateTime as stamp } from '../../../shared/dates';
