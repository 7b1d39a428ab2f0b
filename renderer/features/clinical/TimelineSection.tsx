import { useState } from 'react';
import {
  EVENT_KIND_LABEL,
  EVENT_KINDS,
  EventInput,
  type EventKind,
  type TimelineEntry,
} from '../../../shared/domain/clinical';
import { dayMonthYear, readableDates } from '../../../shared/dates';
import { Field } from '../../components/Field';
import { useWrite } from '../../data/hooks';
import { SectionHead } from './clinical-controls';
import { plainMessage, serverFieldErrors } from './clinical-format';
import { Banner } from '../../components/Banner';

const KIND_LABEL: Record<TimelineEntry['kind'], string> = {
  presentation: 'Presentation',
  study: 'Imaging',
  biopsy: 'Biopsy',
  diagnosis: 'Diagnosis',
  review: 'Expert review',
  treatment: 'Treatment',
  discussion: 'Board',
};

/** The case's story in date order, drawn from the record; presentation and treatments are added here by hand. */
export function TimelineSection({ caseId, entries }: { caseId: number; entries: TimelineEntry[] }) {
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const removal = useWrite('timeline:removeEvent');

  async function remove(id: number) {
    const result = await removal.mutateAsync({ id });
    setError(result.ok ? null : plainMessage(result.error));
  }

  return (
    <section className="clin-section" aria-labelledby="clin-timeline">
      <SectionHead
        id="clin-timeline"
        title="Timeline"
        sub="Drawn from the record: imported studies and pathology appear on their own."
        action={
          !adding && (
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Add event
            </button>
          )
        }
      />
      {adding && (
        <EventForm
          caseId={caseId}
          hasPresentation={entries.some((e) => e.kind === 'presentation')}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}
      {error && <Banner message={{ kind: 'error', text: error }} />}
      {entries.length === 0 ? (
        <div className="clin-empty">
          Nothing dated in the record yet. Add the presentation date, import a study or add a pathology report.
        </div>
      ) : (
        <ol className="timeline" aria-label="Case timeline">
          {entries.map((e, i) => (
            <li key={`${e.source.type}-${e.source.id}-${e.kind}-${i}`} className={`tl tl--${e.kind}`}>
              <div className="tl__date">{e.date ? dayMonthYear(e.date) : <span className="muted">No date</span>}</div>
              <div className="tl__dot" aria-hidden="true" />
              <div className="tl__body">
                <div className="tl__top">
                  <span className={`tl__kind tl__kind--${e.kind}`}>{KIND_LABEL[e.kind]}</span>
                  <span className="tl__title">{readableDates(e.title)}</span>
                </div>
                {e.detail && <div className="tl__detail">{readableDates(e.detail)}</div>}
              </div>
              {e.source.type === 'event' && (
                <button
                  type="button"
                  className="button button--ghost button--small tl__remove"
                  aria-label={`Remove ${e.title} of ${dayMonthYear(e.date)}`}
                  onClick={() => void remove(Number(e.source.id))}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function EventForm({
  caseId,
  hasPresentation,
  onDone,
  onCancel,
}: {
  caseId: number;
  hasPresentation: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState<EventKind>(hasPresentation ? 'surgery' : 'presentation');
  const [date, setDate] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const add = useWrite('timeline:addEvent');

  async function save() {
    const parsed = EventInput.safeParse({ kind, date: date.trim(), text });
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((i) => [
            String(i.path[0]),
            i.path[0] === 'date' && date.trim() === '' ? 'Give the date (YYYY-MM-DD, or YYYY-MM)' : i.message,
          ]),
        ),
      );
      return;
    }
    const result = await add.mutateAsync({ caseId, event: parsed.data });
    if (!result.ok) {
      setErrors(serverFieldErrors(result.error, 'event'));
      setBanner(`Not added: ${plainMessage(result.error)}`);
      return;
    }
    onDone();
  }

  return (
    <div className="event-form" role="group" aria-label="New timeline event">
      {banner && <Banner message={{ kind: 'error', text: banner }} />}
      <div className="grid grid--event">
        <Field label="Event" error={errors.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as EventKind)}>
              {EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {EVENT_KIND_LABEL[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Date" error={errors.date} hint="YYYY-MM-DD, or YYYY-MM when only the month is known">
          {(p) => <input {...p} value={date} placeholder="2026-09-01" onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field
          label="What happened"
          error={errors.text}
          hint={kind === 'presentation' ? 'Optional for the presentation' : 'Required for a treatment'}
        >
          {(p) => (
            <input
              {...p}
              value={text}
              placeholder={
                kind === 'presentation'
                  ? 'e.g. painless enlarging thigh mass'
                  : 'e.g. Doxorubicin + ifosfamide, 3 cycles'
              }
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="event-form__actions">
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={() => void save()}>
          Add to timeline
        </button>
      </div>
    </div>
  );
}
