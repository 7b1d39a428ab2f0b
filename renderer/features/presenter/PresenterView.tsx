import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { Banner } from '../../components/Banner';
import { useRead } from '../../data/hooks';
import { hrefFor, navigate } from '../../router';
import { framesOf, sectionAt } from '../../slides/frame';
import { SlideStage } from '../../slides/SlideStage';
import { SlideView } from '../../slides/SlideView';
import { useCaseTimers } from './case-timers';
import { CaseNav } from './CaseNav';
import { useDeckKeys } from './deck-keys';
import { PresenterBar } from './PresenterBar';
import { rememberedPlace, rememberPlace, slideParam, startIndex, withoutSlideParam } from './presenter-place';
import { otherPanel, presenterCommand, useSlidesOnly, type SidePanel } from './presenter-keys';
import { PresenterSide } from './PresenterSide';
import { canReview } from './live-review';
import { useAudienceLink } from './useAudienceLink';
import '../../styles/meetings.css';

// The viewer (cornerstone) loads only when a presenter opens a series: not with every screen of the app.
const LiveReview = lazy(() => import('./LiveReview').then((m) => ({ default: m.LiveReview })));

/** A button clicked with the mouse gives the focus back, so Space and Enter keep moving the slides. */
function releaseFocus(e: MouseEvent) {
  const button = (e.target as HTMLElement).closest('button');
  if (e.detail > 0 && button && !button.closest('.presenter__panel')) button.blur();
}

/**
 * Presenter mode: the current slide large, the next one, the speaker notes, the cases with a timer each against
 * their minutes, and the decision for the case on screen. F shows the slides alone (full screen); the audience
 * window (second display in Electron, a second browser window here) follows every move.
 */
export function PresenterView({ meetingId, deidentified }: { meetingId: number; deidentified: boolean }) {
  // Decisions recorded here re-read the meeting (the case list shows them): see AFTER_WRITE.
  const deckRead = useRead('deck:get', { meetingId, deidentified });
  const meetingRead = useRead('meetings:get', { id: meetingId });
  const deck = deckRead.data;
  const meeting = meetingRead.data;
  /** The slide on screen; null until the deck is here and says where to start. */
  const [at, setAt] = useState<number | null>(null);
  const [slidesOnly, setSlidesOnly] = useSlidesOnly();
  const [panel, setPanel] = useState<SidePanel>('notes');
  /** The slide on screen opened in the viewer (live review); the slide stays where it was. */
  const [reviewing, setReviewing] = useState(false);
  if (deck && at === null) setAt(startIndex(deck.slides, slideParam(window.location.hash), rememberedPlace(meetingId)));
  // Followed once: the address drops ?slide= (without a navigation), so a reload comes back to the slide on screen.
  useEffect(() => {
    const hash = window.location.hash;
    if (at !== null && slideParam(hash) !== null)
      window.history.replaceState(window.history.state, '', withoutSlideParam(hash));
  }, [at === null]); // eslint-disable-line react-hooks/exhaustive-deps
  const index = at ?? 0;

  const frames = useMemo(() => (deck ? framesOf(deck) : []), [deck]);
  const count = deck?.slides.length ?? 0;
  const slide = deck?.slides[index];
  const section = deck ? sectionAt(deck.sections, index) : null;
  // Undefined until the deck is here: a reload resumes the running timer instead of stopping it.
  const timers = useCaseTimers(meetingId, deck ? (section?.itemId ?? null) : undefined);
  const go = useCallback((i: number) => setAt(i), []);
  const audience = useAudienceLink({ meetingId, deidentified, slides: deck?.slides, index, setIndex: go });

  // Every move is kept for a reload.
  useEffect(() => {
    if (slide) rememberPlace(meetingId, { key: slide.key, index });
  }, [meetingId, slide?.key, index]); // eslint-disable-line react-hooks/exhaustive-deps

  const endReview = useCallback(() => setReviewing(false), []);
  const leave = useCallback(() => navigate({ name: 'meeting', id: meetingId, tab: 'agenda' }), [meetingId]);
  const { typed, message } = useDeckKeys({
    count,
    sections: deck?.sections ?? [],
    index,
    go,
    onEscape: () => (slidesOnly ? setSlidesOnly(false) : leave()),
    onKey: (key) => {
      const command = presenterCommand(key);
      if (command === 'slides-only') setSlidesOnly(!slidesOnly);
      else if (command === 'decision-panel') setPanel(otherPanel);
      else if (command === 'review') {
        if (!slide || !canReview(slide) || slidesOnly) return false;
        setReviewing(true);
      }
      return command !== null;
    },
    enabled: Boolean(deck) && !reviewing,
  });

  useEffect(() => {
    document.title = deck ? `Presenting: ${deck.title}` : 'BoardPrep';
    return () => {
      document.title = 'BoardPrep';
    };
  }, [deck]);

  const error = deckRead.error ?? meetingRead.error;
  if (!deck || !meeting)
    return error ? (
      <Banner message={{ kind: 'error', text: error.message }} className="present-error" />
    ) : (
      <div className="present-loading">Building the slides...</div>
    );
  if (!slide) {
    return (
      <div className="present-loading">
        No slides: add cases to the agenda first.{' '}
        <a href={hrefFor({ name: 'meeting', id: meetingId, tab: 'agenda' })}>Back to the agenda</a>
      </div>
    );
  }

  if (reviewing && canReview(slide))
    return (
      <Suspense fallback={<div className="loading">Loading the viewer...</div>}>
        <LiveReview slide={slide} onBack={endReview} />
      </Suspense>
    );

  const keysHint = typed ? `Case ${typed}… press Enter` : message;
  const current = (
    <>
      <SlideStage className={slidesOnly ? 'present-full__stage' : 'presenter__stage'} label="Current slide">
        <SlideView slide={slide} frame={frames[index]} />
      </SlideStage>
      {keysHint && <div className="present-typed">{keysHint}</div>}
      {!slidesOnly && canReview(slide) && (
        <button
          type="button"
          className="pbutton pbutton--small live-review__open"
          onClick={() => setReviewing(true)}
          title="Open the case's series in the viewer at the key image; the audience keeps the slide (V)"
        >
          Open in viewer
        </button>
      )}
    </>
  );
  if (slidesOnly) {
    return (
      <div className="present-full" data-testid="slides-only">
        {current}
      </div>
    );
  }

  // What every pane is about: the deck, the slide on screen and its case.
  const here = { deck, meetingId, index, section };
  const bar = { onSlidesOnly: () => setSlidesOnly(true), onLeave: leave };
  const items = new Map(meeting.items.map((i) => [i.id, i]));
  return (
    // Not a control: it hands the focus back after a mouse click on any button inside (keys have nothing to undo).
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div className="presenter" onClick={releaseFocus}>
      <PresenterBar {...here} deidentified={deidentified} timers={timers} audience={audience} {...bar} />
      <div className="presenter__grid">
        <main className="presenter__current">{current}</main>
        <CaseNav {...here} items={items} elapsed={timers.elapsed} go={go} />
        <PresenterSide {...here} frames={frames} panel={panel} setPanel={setPanel} />
      </div>
    </div>
  );
}
