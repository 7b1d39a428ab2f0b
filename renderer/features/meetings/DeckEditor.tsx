import { useMemo, useState } from 'react';
import type { MeetingDeck, Slide } from '../../../shared/deck/model';
import type { MeetingDetail } from '../../../shared/domain/meeting';
import { Banner } from '../../components/Banner';
import { useRead, useWrite } from '../../data/hooks';
import { hrefFor } from '../../router';
import { framesOf, shortPatientLabel, type SlideFrame } from '../../slides/frame';
import { SlideStage } from '../../slides/SlideStage';
import { SlideView } from '../../slides/SlideView';
import { FrozenNote } from './FrozenNote';
import { reason } from './meeting-format';
import { SlideEntry } from './SlideEntry';
import { FIELD_LABEL, SlideTextForm } from './SlideTextForm';

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
  // A finished meeting shows each signed-off case's slides as frozen at sign-off; `live` shows the record now.
  const [live, setLive] = useState(false);
  // Agenda changes (cases added, moved, removed) refetch the deck: see AFTER_WRITE.
  const { data: deck, error: loadError } = useRead('deck:get', { meetingId: meeting.id, includeHidden: true, live });
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Edits to one case's slides are saved in the order they were made (a move, then another, then a hide).
  const editSlide = useWrite('deck:editSlide', { serial: `deck-${meeting.id}` });
  const resetSlide = useWrite('deck:resetSlide', { serial: `deck-${meeting.id}` });
  const frames = useMemo(() => (deck ? editorFrames(deck) : []), [deck]);

  if (!deck)
    return loadError ? (
      <Banner message={{ kind: 'error', text: loadError.message }} />
    ) : (
      <div className="loading">Building the slides...</div>
    );
  // The slide picked, or the first one when none is (or the picked one is gone from the deck).
  const selected = deck.slides.some((x) => x.key === chosen) ? chosen : (deck.slides[0]?.key ?? null);
  const index = deck.slides.findIndex((s) => s.key === selected);
  const slide = deck.slides[index];
  const section = slide?.itemId != null ? deck.sections.find((s) => s.itemId === slide.itemId) : undefined;
  // Frozen slides are the record of what the board saw: not edited (edits would change the live slides only).
  const frozenShown = (sec: { frozen?: unknown } | undefined) => Boolean(sec?.frozen) && !live;
  const editable = !frozenShown(section);

  async function edit(s: Slide, change: { hidden?: boolean; position?: number; text?: Record<string, string | null> }) {
    const result = await editSlide.mutateAsync({ itemId: s.itemId!, slideKey: s.key, ...change });
    setError(result.ok ? null : reason(result.error));
  }
  async function reset(s: Slide) {
    const result = await resetSlide.mutateAsync({ itemId: s.itemId!, slideKey: s.key });
    if (!result.ok) setError(reason(result.error));
  }

  // The agenda slides (one per page of a long agenda) come before the first case.
  const agendaSlides = deck.slides.slice(0, deck.sections[0]?.firstSlide ?? deck.slides.length);
  return (
    <div className="deck-editor">
      <nav className="deck-editor__list" aria-label="Slides">
        {agendaSlides.map((a, i) => (
          <SlideEntry
            key={a.key}
            slide={a}
            frame={frames[i]}
            selected={selected === a.key}
            onSelect={() => setChosen(a.key)}
          />
        ))}
        {deck.sections.map((sec) => (
          <div key={sec.itemId} className="deck-editor__section">
            <div className="deck-editor__case">
              <span className="num-badge">{sec.number}</span> {shortPatientLabel(sec.label)}
              <span className="muted small"> · {sec.minutes} min</span>
            </div>
            {sec.frozen && <FrozenNote frozen={sec.frozen} live={live} onToggle={() => setLive(!live)} />}
            {deck.slides
              .slice(sec.firstSlide, sec.firstSlide + sec.slideCount)
              .map((s, j) =>
                frozenShown(sec) ? (
                  <SlideEntry
                    key={s.key}
                    slide={s}
                    frame={frames[sec.firstSlide + j]}
                    selected={selected === s.key}
                    onSelect={() => setChosen(s.key)}
                  />
                ) : (
                  <SlideEntry
                    key={s.key}
                    slide={s}
                    frame={frames[sec.firstSlide + j]}
                    selected={selected === s.key}
                    onSelect={() => setChosen(s.key)}
                    onUp={j > 0 ? () => void edit(s, { position: j - 1 }) : undefined}
                    onDown={j < sec.slideCount - 1 ? () => void edit(s, { position: j + 1 }) : undefined}
                    onHide={() => void edit(s, { hidden: !s.hidden })}
                  />
                ),
              )}
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
                  {!editable
                    ? 'Frozen at sign-off: the slide as the board saw it.'
                    : slide.edited.length
                      ? `Edited: ${slide.edited.map((f) => FIELD_LABEL[f] ?? f).join(', ')}; everything else follows the record.`
                      : 'Follows the record.'}
                </p>
              </div>
              <div className="deck-editor__actions">
                {slide.itemId !== null && editable && (
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
            {slide.editable.length > 0 && section && editable && (
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
