import { csvRecord } from '../csv';
import type { Figures, MeetingFigures } from './figures';

/**
 * The figures as CSV, one row per meeting: the one definition of its columns, used by the Figures screen's
 * download. Dates are ISO here: a CSV is data for a spreadsheet, not text for a person.
 */
export const FIGURES_CSV_COLUMNS: readonly { header: string; value: (m: MeetingFigures) => string | number | null }[] =
  [
    { header: 'meeting_date', value: (m) => m.date },
    { header: 'board', value: (m) => m.boardSlug },
    { header: 'meeting', value: (m) => m.title },
    { header: 'status', value: (m) => m.status },
    { header: 'cases', value: (m) => m.cases },
    { header: 'discussed', value: (m) => m.discussed },
    { header: 'deferred', value: (m) => m.deferred },
    { header: 'not_reached', value: (m) => m.notReached },
    { header: 'pending', value: (m) => m.pending },
    { header: 'ready_at_cutoff', value: (m) => m.readyAtCutoff },
    { header: 'first_board_cases', value: (m) => m.referralToBoard.count },
    { header: 'referral_to_board_median_days', value: (m) => m.referralToBoard.median },
    { header: 'referral_to_board_min_days', value: (m) => m.referralToBoard.min },
    { header: 'referral_to_board_max_days', value: (m) => m.referralToBoard.max },
    { header: 'decided', value: (m) => m.decided },
    { header: 'decided_without_letter', value: (m) => m.withoutLetter },
    { header: 'decision_to_letter_median_days', value: (m) => m.decisionToLetter.median },
    { header: 'decision_to_letter_min_days', value: (m) => m.decisionToLetter.min },
    { header: 'decision_to_letter_max_days', value: (m) => m.decisionToLetter.max },
    { header: 'open_actions', value: (m) => m.openActions },
    { header: 'overdue_actions', value: (m) => m.overdueActions },
  ];

export function figuresCsv(figures: Figures): string {
  const rows = [
    FIGURES_CSV_COLUMNS.map((c) => c.header),
    ...figures.meetings.map((m) => FIGURES_CSV_COLUMNS.map((c) => c.value(m))),
  ];
  return rows.map(csvRecord).join('');
}

/** "figures-sarcoma-2026-11-01-to-2026-12-31.csv": what was asked for, in the file's name. */
export function figuresCsvName(query: { boardSlug?: string; from?: string; to?: string }): string {
  const parts = ['figures', query.boardSlug ?? 'all-boards'];
  if (query.from) parts.push(`from-${query.from}`);
  if (query.to) parts.push(`to-${query.to}`);
  return `${parts.join('-')}.csv`;
}
