import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { MeetingDeck } from '../../../shared/deck/model';
import type { MeetingDetail } from '../../../shared/domain/meeting';
import { call } from '../../api';
import { hrefFor, navigate } from '../../router';
import { framesOf, sectionAt, shortDate } from '../../slides/frame';
import { SlideStage } from '../../slides/SlideStage';
import { SlideView } from '../../slides/SlideView';
import { DecisionForm } from '../meetings/DecisionForm';
import { proposedFromSlides } from '../meetings/DecisionPage';
import { DECISION_STATUS_LABEL } from '../meetings/meeting-format';
import { openAudience } from './audience-window';
import { mmss, useCaseTimers } from './case-timers';
import { useDeckKeys } from './deck-keys';
import { GONE_MS, useDeckSync, type SyncMessage } from './deck-sync';
import '../../styles/meetings.css';
import { Banner } from '../../components/Banner';

/** The slide asked for in the address (?slide=3, e.g. after switching de-identification), or null. */
const slideParam = (): number | null => {
  const raw = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('slide');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
};

/** The slide on screen, kept for the browser session so a reload of the presenter view comes back to it. */
const placeKey = (meetingId: number) => `boardprep.present.${meetingId}`;
function rememberedPlace(meetingId: number): { key: string; index: number } | null {
  try {
    const raw = window.sessionStorage.getItem(placeKey(meetingId));
    return raw ? (JSON.parse(raw) as { key: string; index: number }) : null;
  } catch {
    return null;
  }
}
function rememberPlace(meetingId: number, place: { key: string; index: number }) {
  try {
    window.sessionStorage.setItem(placeKey(meetingId), JSON.stringify(place));
  } catch {
    /* private mode */
  }
}

/** Where to start: the address first, then the slide this tab was on (by key, as slides may have moved), else 1. */
export function startIndex(deck: MeetingDeck, meetingId: number): number {
  const last = Math.max(0, deck.slides.length - 1);
  const asked = slideParam();
  if (asked !== null) return Math.min(asked, last);
  const place = rememberedPlace(meetingId);
  if (!place) return 0;
  const at = deck.slides.findIndex((s) => s.key === place.key);
  return at >= 0 ? at : Math.min(place.index, last);
}

/**
 * Presenter mode: the current slide large, the next one, the speaker notes, the cases with a timer each against
 * their minutes, and the decision for the case on screen. F shows the slides alone (full screen); the audience
 * window (second display in Electron, a second browser window here) follows every move.
 */
export function PresenterView({ meetingId, deidentified }: { meetingId: number; deidentified: boolean }) {
  const [deck, setDeck] = useState<MeetingDeck | null>(null);
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [slidesOnly, setSlidesOnly] = useState(false);
  const [panel, setPanel] = useState<'notes' | 'decision'>('notes');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [audience, setAudience] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([call('deck:get', { meetingId, deidentified }), call('meetings:get', { id: meetingId })]).then(
      ([d, m]) => {
        if (!live) return;
        setDeck(d);
        setMeeting(m);
        setIndex(startIndex(d, meetingId));
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [meetingId, deidentified]);

  const frames = useMemo(() => (deck ? framesOf(deck) : []), [deck]);
  const count = deck?.slides.length ?? 0;
  const slide = deck?.slides[index];
  const section = deck ? sectionAt(deck.sections, index) : null;
  const timers = useCaseTimers(meetingId, section?.itemId ?? null);

  /** When the audience window last said it is open (0: not seen). */
  const lastSeen = useRef(0);
  const audienceRef = useRef(audience);
  audienceRef.current = audience;
  const audienceGone = useCallback((text: string) => {
    lastSeen.current = 0;
    if (!audienceRef.current) return;
    setAudience(false);
    setNotice({ ok: false, text });
  }, []);

  const post = useDeckSync(meetingId, (m: SyncMessage) => {
    if (m.from !== 'audience') return;
    if (m.type === 'bye')
      return audienceGone('The audience window was closed: the slides are no longer shown to the room.');
    const wasThere = audienceRef.current;
    lastSeen.current = Date.now();
    if (!wasThere) {
      setAudience(true);
      setNotice((n) => (n && !n.ok && n.text.startsWith('The audience window') ? null : n));
    }
    if (!deck) return;
    if (m.type === 'hello' || (m.type === 'ping' && !wasThere)) {
      // A new (or newly found) audience window: show it the slide on screen here.
      if (slide) post({ type: 'slide', from: 'presenter', key: slide.key, index, deidentified });
    } else if (m.type === 'slide') {
      const at = deck.slides.findIndex((s) => s.key === m.key);
      setIndex(at >= 0 ? at : Math.min(m.index, count - 1));
    }
  });

  // A window that stops saying it is open is asked once (a hidden window's timers may be slowed, its messages are
  // not); no answer means it has been closed (its goodbye can be lost when it closes).
  const probedAt = useRef(0);
  useEffect(() => {
    const t = setInterval(() => {
      const now = Date.now();
      if (!audienceRef.current || !lastSeen.current || now - lastSeen.current <= GONE_MS) {
        probedAt.current = 0;
        return;
      }
      if (!probedAt.current) {
        probedAt.current = now;
        post({ type: 'hello', from: 'presenter' });
      } else if (now - probedAt.current > 1500) {
        probedAt.current = 0;
        audienceGone('The audience window is no longer responding: it was probably closed.');
      }
    }, 500);
    return () => clearInterval(t);
  }, [audienceGone]); // eslint-disable-line react-hooks/exhaustive-deps

  // Say hello on opening (also after a reload): an audience window still open answers and is synced again.
  useEffect(() => post({ type: 'hello', from: 'presenter' }), []); // eslint-disable-line react-hooks/exhaustive-deps

  // Every move goes to the audience window, and is kept for a reload.
  useEffect(() => {
    if (!slide) return;
    post({ type: 'slide', from: 'presenter', key: slide.key, index, deidentified });
    rememberPlace(meetingId, { key: slide.key, index });
  }, [slide?.key, index, deidentified]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => post({ type: 'bye', from: 'presenter' }), []); // eslint-disable-line react-hooks/exhaustive-deps

  const go = useCallback((i: number) => setIndex(i), []);
  const leave = useCallback(() => navigate({ name: 'meeting', id: meetingId, tab: 'agenda' }), [meetingId]);

  const toggleSlidesOnly = useCallback((on: boolean) => {
    setSlidesOnly(on);
    if (on) document.documentElement.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);
  useEffect(() => {
    const onChange = () => !document.fullscreenElement && setSlidesOnly(false);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const { typed, message } = useDeckKeys({
    count,
    sections: deck?.sections ?? [],
    index,
    go,
    onEscape: () => (slidesOnly ? toggleSlidesOnly(false) : leave()),
    onKey: (key) => {
      if (key === 'f' || key === 'F') return (toggleSlidesOnly(!slidesOnly), true);
      if (key === 'd' || key === 'D') return (setPanel((p) => (p === 'decision' ? 'notes' : 'decision')), true);
      return false;
    },
    enabled: Boolean(deck),
  });

  // The case list shows each case's decision as it is recorded.
  const onDecision = useCallback(
    () =>
      void call('meetings:get', { id: meetingId }).then(
        (m) => setMeeting(m),
        () => undefined,
      ),
    [meetingId],
  );

  useEffect(() => {
    document.title = deck ? `Presenting: ${deck.title}` : 'BoardPrep';
    return () => {
      document.title = 'BoardPrep';
    };
  }, [deck]);

  if (error) return <Banner message={{ kind: 'error', text: error }} className="present-error" />;
  if (!deck || !meeting) return <div className="present-loading">Building the slides...</div>;
  if (!slide) {
    return (
      <div className="present-loading">
        No slides: add cases to the agenda first.{' '}
        <a href={hrefFor({ name: 'meeting', id: meetingId, tab: 'agenda' })}>Back to the agenda</a>
      </div>
    );
  }

  const next = deck.slides[index + 1];
  const itemById = new Map(meeting.items.map((i) => [i.id, i]));
  const caseOfSection = section ? itemById.get(section.itemId) : undefined;
  const spent = section ? timers.elapsed(section.itemId) : 0;
  const allotted = (section?.minutes ?? 0) * 60_000;
  const tone = !section ? 'idle' : spent > allotted ? 'over' : spent > allotted * 0.8 ? 'near' : 'ok';
  const keysHint = typed ? `Case ${typed}… press Enter` : message;

  if (slidesOnly) {
    return (
      <div className="present-full" data-testid="slides-only">
        <SlideStage className="present-full__stage" label="Current slide">
          <SlideView slide={slide} frame={frames[index]} />
        </SlideStage>
        {keysHint && <div className="present-typed">{keysHint}</div>}
      </div>
    );
  }

  // A button clicked with the mouse gives the focus back, so Space and Enter keep moving the slides.
  const releaseFocus = (e: MouseEvent) => {
    const button = (e.target as HTMLElement).closest('button');
    if (e.detail > 0 && button && !button.closest('.presenter__panel')) button.blur();
  };

  return (
    // Not a control: it hands the focus back after a mouse click on any button inside (keys have nothing to undo).
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div className="presenter" onClick={releaseFocus}>
      <header className="presenter__bar">
        <div className="presenter__title" title={`${deck.title}, ${shortDate(deck.startsAt)}`}>
          <strong>{deck.title}</strong>
          {deck.deidentified && <span className="mchip mchip--deid">De-identified</span>}
        </div>
        <div className="presenter__where" aria-live="polite">
          <span className="presenter__pos" data-testid="presenter-position">
            {index + 1} / {count}
          </span>
          {section ? (
            <>
              Case <strong>{section.number}</strong> of {deck.sections.length}
              {section.label !== `Case ${section.number}` ? `: ${section.label}` : ''}
            </>
          ) : (
            'Agenda'
          )}
        </div>
        <div
          className={`ptimer ptimer--${tone}`}
          data-testid="case-timer"
          title="Time on this case against its minutes"
        >
          {section ? (
            <>
              <span className="ptimer__value">{mmss(spent)}</span>
              <span className="ptimer__of"> / {section.minutes}:00</span>
              <span className="ptimer__track">
                <span
                  className="ptimer__fill"
                  style={{ width: `${Math.min(100, (spent / Math.max(1, allotted)) * 100)}%` }}
                />
              </span>
            </>
          ) : (
            <span className="ptimer__of">No case on screen</span>
          )}
          <button
            type="button"
            className="pbutton pbutton--small"
            onClick={timers.togglePause}
            aria-label={timers.paused ? 'Resume the timer' : 'Pause the timer'}
          >
            {timers.paused ? '▶' : '❚❚'}
          </button>
        </div>
        <div className="presenter__actions">
          <button
            type="button"
            className={`pbutton${audience ? ' pbutton--on' : ''}`}
            data-testid="audience-button"
            title={audience ? 'The audience window is open and follows this view' : 'No audience window open'}
            onClick={() =>
              void openAudience(meetingId, deidentified).then((r) => setNotice({ ok: r.ok, text: r.message }))
            }
          >
            {audience ? 'Audience window ✓' : 'Open audience window'}
          </button>
          <a
            className={`pbutton${deidentified ? ' pbutton--on' : ''}`}
            href={`${hrefFor({ name: 'present', id: meetingId, deidentified: !deidentified })}${deidentified ? '?' : '&'}slide=${index}`}
            title="For teaching and second opinions: no names, MRNs or dates of birth on the slides"
          >
            {deidentified ? 'De-identified ✓' : 'De-identify'}
          </a>
          <button
            type="button"
            className="pbutton"
            onClick={() => toggleSlidesOnly(true)}
            title="Slides only, full screen (F)"
          >
            Slides only
          </button>
          <button type="button" className="pbutton" onClick={leave} title="Leave presenter mode (Esc)">
            Exit
          </button>
        </div>
      </header>
      {notice && (
        <div className={`presenter__notice${notice.ok ? '' : ' is-error'}`} role="status">
          {notice.text}
          <button type="button" className="pbutton pbutton--small" onClick={() => setNotice(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      <div className="presenter__grid">
        <main className="presenter__current">
          <SlideStage className="presenter__stage" label="Current slide">
            <SlideView slide={slide} frame={frames[index]} />
          </SlideStage>
          {keysHint && <div className="present-typed">{keysHint}</div>}
        </main>
        <nav className="pcases" aria-label="Cases">
          <button type="button" className={`pcase${index === 0 ? ' pcase--on' : ''}`} onClick={() => go(0)}>
            <span className="pcase__num">≡</span>
            <span className="pcase__name">
              <span className="pcase__label">Agenda</span>
              <span className="pcase__meta">{deck.sections.length} cases</span>
            </span>
          </button>
          {deck.sections.map((s) => {
            const item = itemById.get(s.itemId);
            const t = timers.elapsed(s.itemId);
            const over = t > s.minutes * 60_000;
            return (
              <button
                key={s.itemId}
                type="button"
                className={`pcase${section?.itemId === s.itemId ? ' pcase--on' : ''}${item && item.state !== 'pending' ? ' pcase--done' : ''}`}
                onClick={() => s.slideCount && go(s.firstSlide)}
                disabled={s.slideCount === 0}
                aria-current={section?.itemId === s.itemId ? 'true' : undefined}
              >
                <span className="pcase__num">{s.number}</span>
                <span className="pcase__name">
                  <span className="pcase__label">{s.label}</span>
                  <span className="pcase__meta" title={s.presenter || 'No presenter'}>
                    {s.presenter || 'No presenter'}
                  </span>
                  <span className={`pcase__time${over ? ' is-over' : ''}`} data-testid="pcase-time">
                    {t ? `${mmss(t)} / ` : ''}
                    {s.minutes} min{over ? ' · over' : ''}
                  </span>
                  {item && item.decision.status !== 'none' && (
                    <span className={`pcase__decision pcase__decision--${item.decision.status}`}>
                      {DECISION_STATUS_LABEL[item.decision.status]}
                    </span>
                  )}
                </span>
              </button>
            );
          })}
        </nav>
        <aside className="presenter__side">
          <div className={`presenter__next${panel === 'decision' ? ' presenter__next--small' : ''}`}>
            <div className="plabel">Next{panel === 'decision' && next ? `: ${next.title}` : ''}</div>
            {panel === 'decision' ? null : next ? (
              <SlideStage className="presenter__next-stage" label="Next slide">
                <SlideView slide={next} frame={frames[index + 1]} />
              </SlideStage>
            ) : (
              <div className="presenter__end">End of the deck</div>
            )}
          </div>
          <div className="ptabs" role="tablist" aria-label="Presenter panel">
            <button
              type="button"
              role="tab"
              aria-selected={panel === 'notes'}
              className={`ptab${panel === 'notes' ? ' ptab--on' : ''}`}
              onClick={() => setPanel('notes')}
            >
              Notes
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={panel === 'decision'}
              className={`ptab${panel === 'decision' ? ' ptab--on' : ''}`}
              onClick={() => setPanel('decision')}
              disabled={!section}
              title="Decision for the case on screen (D)"
            >
              Decision{caseOfSection ? `: case ${section!.number}` : ''}
            </button>
          </div>
          <div className="presenter__panel" role="tabpanel">
            {panel === 'decision' && section ? (
              <div className="presenter__decision">
                <DecisionForm
                  key={section.itemId}
                  itemId={section.itemId}
                  meetingId={meetingId}
                  compact
                  proposed={proposedFromSlides(
                    deck.slides.slice(section.firstSlide, section.firstSlide + section.slideCount),
                  )}
                  onChanged={onDecision}
                />
              </div>
            ) : (
              <div className="presenter__notes" data-testid="speaker-notes">
                {slide.notes ? slide.notes : <span className="muted">No notes for this slide.</span>}
              </div>
            )}
          </div>
          <p className="pcases__keys">
            → Space PgDn next · ← PgUp back · Home End · <kbd>3</kbd> <kbd>Enter</kbd> case 3 · <kbd>F</kbd> slides only
            · <kbd>D</kbd> decision · <kbd>Esc</kbd> exit
          </p>
        </aside>
      </div>
    </div>
  );
}
