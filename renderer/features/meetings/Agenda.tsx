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
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { useEffect, useRef, useState } from 'react';
import type { AgendaItemView, MeetingDetail } from '../../../shared/domain/meeting';
import { Banner } from '../../components/Banner';
import { useWrite } from '../../data/hooks';
import { AddCases } from './AddCases';
import { AgendaRow } from './AgendaRow';
import { minutesText, reason } from './meeting-format';

/**
 * The agenda: cases in the order the room takes them. Reorder by dragging the handle, with the dnd-kit keyboard
 * (Space on the handle, arrows, Space), with Alt+Up / Alt+Down anywhere in a row, or with the move buttons.
 * Presenter and minutes are edited in place; readiness is for the meeting's date.
 */
export function Agenda({ meeting }: { meeting: MeetingDetail }) {
  const [order, setOrder] = useState(() => meeting.items.map((i) => i.id));
  const [message, setMessage] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [announce, setAnnounce] = useState('');
  const [adding, setAdding] = useState(false);
  /** The case whose handle gets the focus back after a keyboard move (its row may be moved in the page). */
  const refocus = useRef<number | null>(null);
  // Moves made quickly one after another are saved in the order they were made.
  const saveOrder = useWrite('agenda:reorder', { serial: `agenda-order-${meeting.id}` });
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
    const result = await saveOrder.mutateAsync({ meetingId: meeting.id, itemIds: next });
    if (!result.ok) {
      setOrder(previous);
      setMessage({ kind: 'error', text: `Order not saved: ${reason(result.error)}` });
      return;
    }
    setMessage(null);
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
            <AddCases meeting={meeting} onClose={() => setAdding(false)} />
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
