import { useState } from 'react';
import { dayMonthYear } from '../../../shared/dates';
import { ACTION_STATUS_LABEL, overdueText, type ActionFollowUp } from '../../../shared/domain/follow-up';
import { boardTypeLabel } from '../../../shared/domain/meeting';
import { Banner } from '../../components/Banner';
import { useCan } from '../../auth/useCan';
import { useRead, useWrite } from '../../data/hooks';
import { hrefFor } from '../../router';
import '../../styles/follow-up.css';

type StatusFilter = 'open' | 'done' | 'cancelled' | 'all';

/**
 * The actions of signed-off decisions across meetings (issue 14 item 9): open ones soonest due first, the overdue
 * highlighted with how many days; filter by owner, board and status; mark one done or cancelled (who and when are
 * recorded), or open a closed one again.
 */
export function ActionsScreen() {
  const [owner, setOwner] = useState('');
  const [board, setBoard] = useState('');
  const [status, setStatus] = useState<StatusFilter>('open');
  const [overdue, setOverdue] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const list = useRead('actions:list', {
    ...(owner ? { owner } : {}),
    ...(board ? { board } : {}),
    status,
    overdue,
  });
  const data = list.data;
  return (
    <section className="service-screen follow-up" aria-labelledby="actions-title">
      <h1 id="actions-title">Actions</h1>
      <p className="muted">
        What the board asked for at signed-off decisions, across meetings
        {data ? `; overdue as of ${dayMonthYear(data.today)}` : ''}.
      </p>
      <div className="follow-up__filters" role="group" aria-label="Filter the actions">
        <label>
          Owner
          <select value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">Everyone</option>
            {data?.owners.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          Board
          <select value={board} onChange={(e) => setBoard(e.target.value)}>
            <option value="">Every board</option>
            {data?.boards.map((b) => (
              <option key={b} value={b}>
                {boardTypeLabel(b)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="open">Open</option>
            <option value="done">Done</option>
            <option value="cancelled">Cancelled</option>
            <option value="all">All</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> Only overdue
        </label>
      </div>
      {message && <Banner message={message} />}
      {list.error && <Banner message={{ kind: 'error', text: list.error.message }} />}
      {!data && !list.error && <div className="loading">Loading the actions...</div>}
      {data && data.actions.length === 0 && <p className="muted">No actions match.</p>}
      {data && data.actions.length > 0 && (
        <table className="follow-up__table" aria-label="Actions">
          <thead>
            <tr>
              <th>Action</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Case</th>
              <th>Meeting</th>
              <th>Status</th>
              <th>
                <span className="visually-hidden">Change the status</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.actions.map((a) => (
              <ActionRow key={a.id} action={a} onOutcome={setMessage} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ActionRow({
  action: a,
  onOutcome,
}: {
  action: ActionFollowUp;
  onOutcome: (m: { kind: 'error' | 'saved'; text: string }) => void;
}) {
  const setStatus = useWrite('actions:setStatus');
  // Only the screen's courtesy: actions:setStatus refuses anyway without actions.follow.
  const canFollow = useCan('actions.follow');
  // Cancelling asks why first: a cancelled action is part of the patient's record, and "cancelled" alone says nothing.
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  async function change(status: ActionFollowUp['status'], note = '') {
    const result = await setStatus.mutateAsync({ id: a.id, version: a.version, status, note });
    if (!result.ok) return onOutcome({ kind: 'error', text: result.error.message });
    const done = { done: 'marked done', cancelled: 'cancelled', open: 'open again' }[status];
    setCancelling(false);
    onOutcome({ kind: 'saved', text: `“${a.what}” is ${done}` });
  }
  return (
    <tr className={a.daysOverdue > 0 ? 'is-overdue' : undefined} data-testid="action-row">
      <td>{a.what}</td>
      <td>{a.owner}</td>
      <td>
        {a.dueDate ? dayMonthYear(a.dueDate) : <span className="muted">No date</span>}
        {a.daysOverdue > 0 && (
          <>
            <br />
            <span className="follow-up__overdue">{overdueText(a.daysOverdue)}</span>
          </>
        )}
      </td>
      <td>
        <a href={hrefFor({ name: 'decision', meetingId: a.meetingId, itemId: a.itemId })}>{a.patientName}</a>
        <div className="muted small">MRN {a.mrn}</div>
      </td>
      <td>
        {a.meetingTitle}
        <div className="muted small">{dayMonthYear(a.meetingStartsAt)}</div>
      </td>
      <td>
        {ACTION_STATUS_LABEL[a.status]}
        {a.status !== 'open' && a.closedAt && (
          <div className="muted small">
            by {a.closedBy}, {dayMonthYear(a.closedAt)}
          </div>
        )}
        {a.status !== 'open' && a.note && <div className="small follow-up__note">{a.note}</div>}
      </td>
      <td>
        <div className="follow-up__buttons">
          {!canFollow ? null : a.status === 'open' ? (
            <>
              <button
                type="button"
                className="button button--small"
                disabled={setStatus.isPending}
                onClick={() => void change('done')}
                aria-label={`Mark done: ${a.what}`}
              >
                Done
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={setStatus.isPending}
                aria-expanded={cancelling}
                onClick={() => setCancelling(!cancelling)}
                aria-label={`Cancel: ${a.what}`}
              >
                Cancel
              </button>
              {cancelling && (
                <form
                  className="follow-up__cancel"
                  aria-label={`Cancel the action: ${a.what}`}
                  onSubmit={(e) => {
                    e.preventDefault();
                    void change('cancelled', reason);
                  }}
                >
                  <label>
                    Why is it cancelled?
                    <input
                      type="text"
                      value={reason}
                      maxLength={2000}
                      required
                      // eslint-disable-next-line jsx-a11y/no-autofocus -- opened by the user's own click, to type at once
                      autoFocus
                      onChange={(e) => setReason(e.target.value)}
                    />
                  </label>
                  <button
                    type="submit"
                    className="button button--small"
                    disabled={setStatus.isPending || reason.trim() === ''}
                  >
                    Cancel the action
                  </button>
                </form>
              )}
            </>
          ) : (
            <button
              type="button"
              className="button button--small"
              disabled={setStatus.isPending}
              onClick={() => void change('open')}
              aria-label={`Reopen: ${a.what}`}
            >
              Reopen
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
