import type { ReactNode } from 'react';
import type { DecisionAction } from '../../../shared/domain/meeting';
import { dayMonthYear } from '../../../shared/dates';

/**
 * A decision's actions as a table (what, who, by when): the signed-off record, an amendment's changes (rows marked
 * added or removed) and the printed outcome summary all show them this way. The print view passes its own classes,
 * its de-identifying `what`, and a dash for a missing date.
 */
export function ActionsTable({
  actions,
  mark,
  className = 'drecord__actions',
  dateClassName = 'nowrap',
  what = (text) => text,
  noDate = <span className="muted">No date</span>,
}: {
  actions: readonly DecisionAction[];
  /** An amendment's rows: removed ('del') or added ('ins'), said to screen readers too. */
  mark?: (a: DecisionAction) => 'del' | 'ins' | null;
  className?: string;
  dateClassName?: string;
  what?: (text: string) => string;
  noDate?: ReactNode;
}) {
  return (
    <table className={className}>
      <thead>
        <tr>
          <th>What</th>
          <th>Who</th>
          <th>By when</th>
        </tr>
      </thead>
      <tbody>
        {actions.map((a, i) => {
          const m = mark?.(a) ?? null;
          return (
            <tr key={i} className={m ? `is-${m}` : undefined}>
              <td>
                {m && <span className="visually-hidden">{m === 'del' ? 'Removed: ' : 'Added: '}</span>}
                {what(a.what)}
              </td>
              <td>{a.who}</td>
              <td className={dateClassName}>{a.byWhen ? dayMonthYear(a.byWhen) : noDate}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
