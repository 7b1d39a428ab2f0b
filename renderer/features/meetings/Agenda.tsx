import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useRef, useState, type KeyboardEvent, type MutableRefObject } from 'react';
import { ageSexShort } from '../../../shared/deck/format';
import type { AgendaItemView, MeetingDetail } from '../../../shared/domain/meeting';
import { invoke } from '../../api';
import { hrefFor } from '../../router';
import { clock, shortDate } from '../../slides/frame';
import { ReadinessChip } from '../clinical/ReadinessChip';
import { AddCases } from './AddCases';
import { EarlierAtBoard } from './EarlierAtBoard';
import { DECISION_LINK_LABEL, minutesText, reason, stateLabel } from './meeting-format';
import { Banner } from '../../components/Banner';

interface AgendaProps {
  meeting: MeetingDetail;
  onChange: (m: MeetingDetail) => void;
}

/**
 * The agenda: cases in the order the room takes them. Reorder by dragging the handle, with the dnd-kit keyboard
 * (Space on the handle, arrows, Space), with Alt+Up / Alt+Down anywhere in a row, or with the move buttons.
 * Presenter and minutes are edited in place; readiness is for the meeting's date.
 */
export function Agenda({ meeting, onChange }: AgendaProps) {
  const [order, setOrder] = useState(() => meeting.items.map((i) => i.id));
  const [message, setMessage] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [announce, setAnnounce] = useState('');
  const [adding, setAdding] = useState(false);
  /** The case whose handle gets the focus back after a keyboard move (its row may be moved in the page). */
  const refocus = useRef<number | null>(null);
  const itemsKey = meeting.items.map((i) => i.id).join(',');
  useEffect(() => setOrder(meeting.items.map((i) => i.id)), [itemsKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const byId = new Map(meeting.items.map((i) => [i.id, i]));
  const items = order.map((id) => byId.get(id)).filter((i): i is AgendaItemView => Boolean(i));
  const editable = meeting.status !== 'finished';
  const meetingDate = meeting.startsAt.slice(0, 10);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  async function reorder(next: number[], movedId: number) {
    const previous = order;
    setOrder(next);
    const moved = byId.get(movedId);
    if (moved)
      setAnnounce(`${moved.case.patientName} moved to position ${next.indexOf(movedId) + 1} of ${next.length}.`);
    const result = await invoke('agenda:reorder', { meetingId: meeting.id, itemIds: next });
    if (!result.ok) {
      setOrder(previous);
      setMessage({ kind: 'error', text: `Order not saved: ${reason(result.error)}` });
      return;
    }
    setMessage(null);
    onChange(result.value);
  }

  function move(id: number, by: number) {
    const from = order.indexOf(id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= order.length) return;
    refocus.current = id;
    void reorder(arrayMove(order, from, to), id);
  }

  function onDragEnd(e: DragEndEvent) {
    if (!e.over || e.active.id === e.over.id) return;
    const from = order.indexOf(Number(e.active.id));
    const to = order.indexOf(Number(e.over.id));
    void reorder(arrayMove(order, from, to), Number(e.active.id));
  }

  const over = meeting.minutesLeft < 0;
  const share = meeting.durationMinutes ? Math.min(100, (meeting.totalMinutes / meeting.durationMinutes) * 100) : 0;
  return (
    <section className="agenda" aria-labelledby="agenda-heading">
      <div className="agenda__head">
        <div>
          <h2 id="agenda-heading">Agenda</h2>
          <p className="clin-section__sub">
            {editable
              ? 'Drag a case by its handle, or press Alt+Up / Alt+Down in its row. Readiness is for the meeting date.'
              : 'The meeting is finished: its agenda is part of the record.'}
          </p>
        </div>
        <div className={`timebar${over ? ' timebar--over' : ''}`} data-testid="agenda-time">
          <div className="timebar__text">
            <strong>{minutesText(meeting)}</strong>
            <span className="muted">
              {' '}
              · {meeting.caseCount} case{meeting.caseCount === 1 ? '' : 's'}
            </span>
          </div>
          <div
            className="timebar__track"
            role="meter"
            aria-label="Minutes allotted against the meeting length"
            aria-valuemin={0}
            aria-valuemax={meeting.durationMinutes}
            aria-valuenow={meeting.totalMinutes}
          >
            <div className="timebar__fill" style={{ width: `${share}%` }} />
          </div>
        </div>
      </div>
      <Banner message={message} />
      <div className="visually-hidden" aria-live="polite">
        {announce}
      </div>
      {items.length === 0 ? (
        <p className="clin-empty">No cases on the agenda yet. Add cases from the case list.</p>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={order} strategy={verticalListSortingStrategy}>
            <ol className="agenda__list" aria-label="Agenda">
              {items.map((item, i) => (
                <AgendaRow
                  key={item.id}
                  item={item}
                  index={i}
                  count={items.length}
                  editable={editable}
                  meetingId={meeting.id}
                  meetingDate={meetingDate}
                  endsAt={meeting.endsAt}
                  onMove={(by) => move(item.id, by)}
                  refocus={refocus}
                  onChange={onChange}
                  onError={(text) => setMessage({ kind: 'error', text })}
                />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      {editable && (
        <div className="agenda__add">
          {adding ? (
            <AddCases meeting={meeting} onAdded={(m) => onChange(m)} onClose={() => setAdding(false)} />
          ) : (
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Add cases
            </button>
          )}
        </div>
      )}
    </section>
  );
}

interface RowProps {
  item: AgendaItemView;
  index: number;
  count: number;
  editable: boolean;
  meetingId: number;
  meetingDate: string;
  /** The meeting's end: a case planned to start at or after it is flagged. */
  endsAt: string;
  onMove: (by: number) => void;
  refocus: MutableRefObject<number | null>;
  onChange: (m: MeetingDetail) => void;
  onError: (text: string) => void;
}

function AgendaRow({
  item,
  index,
  count,
  editable,
  meetingId,
  meetingDate,
  endsAt,
  onMove,
  refocus,
  onChange,
  onError,
}: RowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    disabled: !editable,
  });
  const handle = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (refocus.current !== item.id) return;
    refocus.current = null;
    // The row's node may have been moved in the page, which drops the focus: give it back to the handle.
    if (!document.activeElement || document.activeElement === document.body) handle.current?.focus();
  }, [index, item.id, refocus]);
  const [presenter, setPresenter] = useState(item.presenter);
  const [minutes, setMinutes] = useState(String(item.minutes));
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  useEffect(() => setPresenter(item.presenter), [item.presenter]);
  useEffect(() => setMinutes(String(item.minutes)), [item.minutes]);
  const name = item.case.patientName;

  async function setItem(changes: { presenter?: string; minutes?: number; state?: 'pending' | 'not-discussed' }) {
    const result = await invoke('agenda:setItem', { itemId: item.id, ...changes });
    if (!result.ok) {
      onError(`${name}: ${reason(result.error)}`);
      setPresenter(item.presenter);
      setMinutes(String(item.minutes));
      return;
    }
    onChange(result.value);
  }

  function commitPresenter() {
    if (presenter.trim() !== item.presenter) void setItem({ presenter: presenter.trim() });
  }
  function commitMinutes() {
    const n = Number(minutes);
    if (minutes.trim() === '' || !Number.isInteger(n)) {
      setMinutes(String(item.minutes));
      onError(`${name}: minutes are a whole number`);
      return;
    }
    if (n !== item.minutes) void setItem({ minutes: n });
  }

  async function remove() {
    const result = await invoke('agenda:remove', { itemId: item.id });
    if (!result.ok) {
      setConfirmRemove(false);
      return onError(`${name}: ${reason(result.error)}`);
    }
    onChange(result.value);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (!editable || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    onMove(e.key === 'ArrowUp' ? -1 : 1);
  }

  const onEnter = (commit: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    }
  };

  const decided = item.state === 'discussed' || item.state === 'deferred';
  const carried = item.history.length > 0;
  return (
    // The row takes no focus itself: its onKeyDown is the Alt+Up/Down shortcut of the buttons and fields inside it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`arow${isDragging ? ' arow--dragging' : ''} arow--${item.state}`}
      onKeyDown={onKeyDown}
      data-testid="agenda-row"
      aria-label={`Case ${index + 1}: ${name}`}
    >
      {editable ? (
        <button
          type="button"
          ref={(el) => {
            setActivatorNodeRef(el);
            handle.current = el;
          }}
          className="arow__handle"
          aria-label={`Drag to reorder ${name}`}
          title="Drag, or press Space then the arrow keys"
          {...attributes}
          {...listeners}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      ) : (
        <span className="arow__handle arow__handle--off" aria-hidden="true" />
      )}
      <div className="arow__num" aria-hidden="true">
        {index + 1}
      </div>
      <div className="arow__case">
        <div className="arow__name">
          <a href={hrefFor({ name: 'case', id: item.caseId, tab: 'clinical' })} data-testid="agenda-patient">
            {name}
          </a>
          <span className="muted">
            {' '}
            · {ageSexShort(item.case.ageAtMeeting, item.case.sex)} · MRN {item.case.mrn}
          </span>
        </div>
        <div className="arow__dx">{item.case.workingDiagnosis}</div>
        <div className="arow__chips">
          <ReadinessChip missing={item.readiness.missing} stale={item.readiness.stale} meetingDate={meetingDate} />
          {carried && (
            <button
              type="button"
              className="mchip mchip--carried mchip--button"
              aria-expanded={showHistory}
              aria-controls={`history-${item.id}`}
              onClick={() => setShowHistory((o) => !o)}
            >
              ↻ Carried over from {shortDate(item.history[item.history.length - 1].startsAt)}
              <span className="mchip__more">{showHistory ? 'Hide history ▴' : 'History ▾'}</span>
            </button>
          )}
          {item.carriedToItemId !== null && <span className="mchip">Carried to a later meeting</span>}
        </div>
      </div>
      <label className="arow__field">
        <span>Presenter</span>
        <input
          value={presenter}
          disabled={!editable}
          onChange={(e) => setPresenter(e.target.value)}
          onBlur={commitPresenter}
          onKeyDown={onEnter(commitPresenter)}
          aria-label={`Presenter for ${name}`}
          placeholder="Who presents"
        />
      </label>
      <label className="arow__field arow__field--minutes">
        <span>Minutes</span>
        <input
          type="number"
          min={1}
          max={240}
          value={minutes}
          disabled={!editable}
          onChange={(e) => setMinutes(e.target.value)}
          onBlur={commitMinutes}
          onKeyDown={onEnter(commitMinutes)}
          aria-label={`Minutes for ${name}`}
        />
      </label>
      {item.plannedStart >= endsAt ? (
        <div
          className="arow__time arow__time--over"
          title={`Planned start, after the meeting ends at ${clock(endsAt)}`}
          data-testid="planned-start"
        >
          {clock(item.plannedStart)}
          <span className="arow__over">after end</span>
        </div>
      ) : (
        <div className="arow__time" title="Planned start" data-testid="planned-start">
          {clock(item.plannedStart)}
        </div>
      )}
      <div className="arow__state">
        {decided || !editable ? (
          <span className={`mchip mchip--${item.state}`}>{stateLabel(item.state)}</span>
        ) : (
          <select
            value={item.state}
            aria-label={`State of ${name}`}
            onChange={(e) => void setItem({ state: e.target.value as 'pending' | 'not-discussed' })}
          >
            <option value="pending">{stateLabel('pending')}</option>
            <option value="not-discussed">{stateLabel('not-discussed')}</option>
          </select>
        )}
        <a
          className={`decision-link decision-link--${item.decision.status}`}
          href={hrefFor({ name: 'decision', meetingId, itemId: item.id })}
        >
          {DECISION_LINK_LABEL[item.decision.status]}
          {item.decision.amendments > 0 &&
            ` · ${item.decision.amendments} amendment${item.decision.amendments === 1 ? '' : 's'}`}
          <span className="visually-hidden"> for {name}</span>
        </a>
      </div>
      <div className="arow__actions">
        {editable && (
          <>
            <button
              type="button"
              className="icon-button"
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={`Move ${name} up`}
              title="Move up (Alt+Up)"
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              aria-label={`Move ${name} down`}
              title="Move down (Alt+Down)"
            >
              ↓
            </button>
            {confirmRemove ? (
              <span className="confirm">
                <button type="button" className="button button--small button--danger" onClick={() => void remove()}>
                  Remove
                </button>
                <button type="button" className="button button--small" onClick={() => setConfirmRemove(false)}>
                  Keep
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="icon-button"
                onClick={() => setConfirmRemove(true)}
                aria-label={`Remove ${name} from the agenda`}
                title="Remove from the agenda"
              >
                ×
              </button>
            )}
          </>
        )}
      </div>
      {carried && showHistory && (
        <div className="arow__history">
          <EarlierAtBoard history={item.history} headingLevel={3} id={`history-${item.id}`} />
        </div>
      )}
    </li>
  );
}
