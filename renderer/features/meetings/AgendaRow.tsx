import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useRef, useState, type KeyboardEvent, type MutableRefObject } from 'react';
import { ageSexShort } from '../../../shared/deck/format';
import type { AgendaItemView } from '../../../shared/domain/meeting';
import { useWrite } from '../../data/hooks';
import { hrefFor } from '../../router';
import { clock, shortDate } from '../../slides/frame';
import { ReadinessChip } from '../clinical/ReadinessChip';
import { EarlierAtBoard } from './EarlierAtBoard';
import { DECISION_LINK_LABEL, reason, stateLabel } from './meeting-format';
import { InPlaceField } from './InPlaceField';
import { MoveButtons } from './MoveButtons';
import { RemoveFromAgenda } from './RemoveFromAgenda';

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
  onError: (text: string) => void;
}

/** One case of the agenda: its presenter and minutes edited in place, its state, its decision link and moves. */
export function AgendaRow({
  item,
  index,
  count,
  editable,
  meetingId,
  meetingDate,
  endsAt,
  onMove,
  refocus,
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
  const [showHistory, setShowHistory] = useState(false);
  useEffect(() => setPresenter(item.presenter), [item.presenter]);
  useEffect(() => setMinutes(String(item.minutes)), [item.minutes]);
  const name = item.case.patientName;
  const saveItem = useWrite('agenda:setItem', { serial: `agenda-item-${item.id}` });

  async function setItem(changes: { presenter?: string; minutes?: number; state?: 'pending' | 'not-discussed' }) {
    const result = await saveItem.mutateAsync({ itemId: item.id, ...changes });
    if (!result.ok) {
      onError(`${name}: ${reason(result.error)}`);
      setPresenter(item.presenter);
      setMinutes(String(item.minutes));
    }
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

  function onKeyDown(e: KeyboardEvent) {
    if (!editable || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    onMove(e.key === 'ArrowUp' ? -1 : 1);
  }

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
          <ReadinessChip
            missing={item.readiness.missing}
            pending={item.readiness.pending}
            stale={item.readiness.stale}
            meetingDate={meetingDate}
          />
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
      <InPlaceField
        label="Presenter"
        name={`Presenter for ${name}`}
        value={presenter}
        disabled={!editable}
        onChange={setPresenter}
        onCommit={commitPresenter}
        placeholder="Who presents"
      />
      <InPlaceField
        label="Minutes"
        name={`Minutes for ${name}`}
        className="arow__field--minutes"
        value={minutes}
        disabled={!editable}
        onChange={setMinutes}
        onCommit={commitMinutes}
        type="number"
        min={1}
        max={240}
      />
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
            <MoveButtons
              name={name}
              onUp={index > 0 ? () => onMove(-1) : undefined}
              onDown={index < count - 1 ? () => onMove(1) : undefined}
              titles={{ up: 'Move up (Alt+Up)', down: 'Move down (Alt+Down)' }}
            />
            <RemoveFromAgenda itemId={item.id} name={name} onError={onError} />
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
