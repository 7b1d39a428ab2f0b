import { useEffect, useMemo, useState } from 'react';
import type { MeetingDeck, Slide } from '../../../shared/deck/model';
import type { MeetingDetail } from '../../../shared/domain/meeting';
import { call, invoke } from '../../api';
import { hrefFor } from '../../router';
import { framesOf, shortPatientLabel, type SlideFrame } from '../../slides/frame';
import { SlideStage } from '../../slides/SlideStage';
import { SlideView } from '../../slides/SlideView';
import { reason } from './meeting-format';
import { Banner } from '../../components/Banner';

const FIELD_LABEL: Record<string, string> = {
  title: 'Slide title',
  summary: 'Summary',
  diagnosis: 'Diagnosis',
  site: 'Site',
  question: 'Question for the board',
  history: 'Clinical history',
  comorbidities: 'Comorbidities',
  explanation: 'Staging explanation',
  proposal: 'Proposed plan',
};

/** Frames numbered as the room will see them: hidden slides are left out of the count. */
function editorFrames(deck: MeetingDeck): SlideFrame[] {
  const frames = framesOf(deck);
  const total = deck.slides.filter((s) => !s.hidden).length;
  let n = 0;
  return frames.map((f, i) => ({ ...f, number: deck.slides[i].hidden ? n : ++n, total }));
}

/**
 * The deck editor: every slide of the meeting (hidden ones too). The presenter hides, reorders and rewords slides;
 * an edited text stays as edited, everything else follows the record as it changes.
 */
export function DeckEditor({ meeting }: { meeting: MeetingDetail }) {
  const [deck, setDeck] = useState<MeetingDeck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    call('deck:get', { meetingId: meeting.id, includeHidden: true }).then(
      (d) => {
        if (!live) return;
        setDeck(d);
        setSelected((s) => (s && d.slides.some((x) => x.key === s) ? s : (d.slides[0]?.key ?? null)));
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [meeting.id, meeting.items, reload]);
  const frames = useMemo(() => (deck ? editorFrames(deck) : []), [deck]);

  if (error) return <Banner message={{ kind: 'error', text: error }} />;
  if (!deck) return <div className="loading">Building the slides...</div>;
  const index = deck.slides.findIndex((s) => s.key === selected);
  const slide = deck.slides[index];
  const section = slide?.itemId != null ? deck.sections.find((s) => s.itemId === slide.itemId) : undefined;

  async function edit(s: Slide, change: { hidden?: boolean; position?: number; text?: Record<string, string | null> }) {
    const result = await invoke('deck:editSlide', { itemId: s.itemId!, slideKey: s.key, ...change });
    if (!result.ok) return setError(reason(result.error));
    setError(null);
    setReload((r) => r + 1);
  }
  async function reset(s: Slide) {
    const result = await invoke('deck:resetSlide', { itemId: s.itemId!, slideKey: s.key });
    if (!result.ok) return setError(reason(result.error));
    setReload((r) => r + 1);
  }

  const agendaSlide = deck.slides[0];
  return (
    <div className="deck-editor">
      <nav className="deck-editor__list" aria-label="Slides">
        {agendaSlide && (
          <SlideEntry
            slide={agendaSlide}
            frame={frames[0]}
            selected={selected === agendaSlide.key}
            onSelect={() => setSelected(agendaSlide.key)}
          />
        )}
        {deck.sections.map((sec) => (
          <div key={sec.itemId} className="deck-editor__section">
            <div className="deck-editor__case">
              <span className="num-badge">{sec.number}</span> {shortPatientLabel(sec.label)}
              <span className="muted small"> · {sec.minutes} min</span>
            </div>
            {deck.slides.slice(sec.firstSlide, sec.firstSlide + sec.slideCount).map((s, j) => (
              <SlideEntry
                key={s.key}
                slide={s}
                frame={frames[sec.firstSlide + j]}
                selected={selected === s.key}
                onSelect={() => setSelected(s.key)}
                onUp={j > 0 ? () => void edit(s, { position: j - 1 }) : undefined}
                onDown={j < sec.slideCount - 1 ? () => void edit(s, { position: j + 1 }) : undefined}
                onHide={() => void edit(s, { hidden: !s.hidden })}
              />
            ))}
          </div>
        ))}
      </nav>
      <div className="deck-editor__main">
        {error && (
          <div className="banner banner--error" role="alert">
            {error}
          </div>
        )}
        {slide ? (
          <>
            <div className="deck-editor__bar">
              <div>
                <h2>{slide.title}</h2>
                <p className="muted small">
                  {slide.hidden
                    ? 'Hidden: left out of the meeting deck and the exports.'
                    : `Slide ${frames[index].number} of ${frames[index].total}.`}{' '}
                  {slide.edited.length
                    ? `Edited: ${slide.edited.map((f) => FIELD_LABEL[f] ?? f).join(', ')}; everything else follows the record.`
                    : 'Follows the record.'}
                </p>
              </div>
              <div className="deck-editor__actions">
                {slide.itemId !== null && (
                  <>
                    <button
                      type="button"
                      className="button"
                      onClick={() => void edit(slide, { hidden: !slide.hidden })}
                    >
                      {slide.hidden ? 'Show slide' : 'Hide slide'}
                    </button>
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => void reset(slide)}
                      disabled={!slide.edited.length && !slide.hidden}
                    >
                      Back to the record
                    </button>
                  </>
                )}
                <a
                  className="button button--primary"
                  href={hrefFor({ name: 'present', id: meeting.id, deidentified: false })}
                >
                  Present
                </a>
              </div>
            </div>
            <SlideStage className={`deck-editor__stage${slide.hidden ? ' is-hidden' : ''}`} label="Slide preview">
              <SlideView slide={slide} frame={frames[index]} />
            </SlideStage>
            {slide.editable.length > 0 && section && (
              <SlideTextForm
                key={`${slide.key}:${JSON.stringify(slide.text)}:${slide.title}`}
                slide={slide}
                onSave={(text) => edit(slide, { text })}
              />
            )}
            {slide.notes && (
              <details className="deck-editor__notes">
                <summary>Speaker notes (presenter view only)</summary>
                <p>{slide.notes}</p>
              </details>
            )}
          </>
        ) : (
          <p className="clin-empty">No slides yet: add cases to the agenda.</p>
        )}
      </div>
    </div>
  );
}

function SlideEntry({
  slide,
  frame,
  selected,
  onSelect,
  onUp,
  onDown,
  onHide,
}: {
  slide: Slide;
  frame: SlideFrame;
  selected: boolean;
  onSelect: () => void;
  onUp?: () => void;
  onDown?: () => void;
  onHide?: () => void;
}) {
  return (
    <div className={`slide-entry${selected ? ' slide-entry--on' : ''}${slide.hidden ? ' slide-entry--hidden' : ''}`}>
      <button
        type="button"
        className="slide-entry__pick"
        onClick={onSelect}
        aria-current={selected ? 'true' : undefined}
      >
        {/* The name is the visible title and tags; the thumbnail repeats the slide's whole text. */}
        <SlideStage className="slide-entry__thumb" decorative>
          <SlideView slide={slide} frame={frame} />
        </SlideStage>
        <span className="slide-entry__text">
          <span className="slide-entry__title">{slide.title}</span>
          <span className="slide-entry__tags">
            {slide.hidden ? <span className="mchip">Hidden</span> : <span className="muted small">{frame.number}</span>}
            {slide.edited.length > 0 && <span className="mchip mchip--edited">Edited</span>}
          </span>
        </span>
      </button>
      {onHide && (
        <span className="slide-entry__tools">
          <button
            type="button"
            className="icon-button"
            onClick={onUp}
            disabled={!onUp}
            aria-label={`Move ${slide.title} up`}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={onDown}
            disabled={!onDown}
            aria-label={`Move ${slide.title} down`}
          >
            ↓
          </button>
          <button
            type="button"
            className="icon-button icon-button--text"
            onClick={onHide}
            aria-label={`${slide.hidden ? 'Show' : 'Hide'} ${slide.title}`}
          >
            {slide.hidden ? 'Show' : 'Hide'}
          </button>
        </span>
      )}
    </div>
  );
}

/** The slide's editable texts; only the fields changed are sent, and an emptied field goes back to the record. */
function SlideTextForm({
  slide,
  onSave,
}: {
  slide: Slide;
  onSave: (text: Record<string, string | null>) => Promise<void>;
}) {
  const current = (f: string) => (f === 'title' ? slide.title : (slide.text[f] ?? ''));
  const [values, setValues] = useState(() => Object.fromEntries(slide.editable.map((f) => [f, current(f)])));
  const [saving, setSaving] = useState(false);
  const changed = slide.editable.filter((f) => values[f] !== current(f));
  async function save() {
    setSaving(true);
    await onSave(Object.fromEntries(changed.map((f) => [f, values[f]])));
    setSaving(false);
  }
  return (
    <form
      className="slide-text"
      aria-label="Slide text"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {slide.editable.map((f) => {
        const edited = slide.edited.includes(f);
        const long =
          f !== 'title' && (current(f).length > 80 || ['history', 'question', 'proposal', 'explanation'].includes(f));
        return (
          <div key={f} className={`slide-text__field${edited ? ' is-edited' : ''}`}>
            <label htmlFor={`slide-${f}`}>
              {FIELD_LABEL[f] ?? f}
              {edited && <span className="mchip mchip--edited">Edited</span>}
            </label>
            {long ? (
              <textarea
                id={`slide-${f}`}
                rows={f === 'history' ? 6 : 3}
                value={values[f]}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              />
            ) : (
              <input
                id={`slide-${f}`}
                value={values[f]}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              />
            )}
            {edited && (
              <div className="slide-text__record">
                <span className="muted small">The record says: {slide.recordText[f] || '(empty)'}</span>
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => void onSave({ [f]: null })}
                >
                  Use the record
                </button>
              </div>
            )}
          </div>
        );
      })}
      <div className="section-actions">
        {changed.length > 0 && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setValues(Object.fromEntries(slide.editable.map((f) => [f, current(f)])))}
          >
            Undo changes
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={!changed.length || saving}>
          {saving ? 'Saving...' : 'Save slide text'}
        </button>
      </div>
    </form>
  );
}
