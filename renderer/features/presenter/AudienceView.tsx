import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { framesOf } from '../../slides/frame';
import { SlideStage } from '../../slides/SlideStage';
import { SlideView } from '../../slides/SlideView';
import { useDeckKeys } from './deck-keys';
import { PING_MS, useDeckSync } from './deck-sync';
import '../../styles/meetings.css';
import { Banner } from '../../components/Banner';
import { useRead } from '../../data/hooks';
import { followIndex } from './audience-probe';

/**
 * The audience window: the slides alone, filling the screen, following the presenter view. Its keys work too
 * (a clicker sends them here when this window has the focus) and move the presenter view along.
 */
export function AudienceView({ meetingId, deidentified: initial }: { meetingId: number; deidentified: boolean }) {
  const [deidentified, setDeidentified] = useState(initial);
  const { data: deck, error } = useRead('deck:get', { meetingId, deidentified });
  const [index, setIndex] = useState(0);
  const [pending, setPending] = useState<{ key: string; index: number } | null>(null);
  const [linked, setLinked] = useState(false);
  /** Esc left the audience view but the window could not close itself: the screen goes blank until asked back. */
  const [left, setLeft] = useState(false);

  /**
   * The presenter left presenter mode (or closed its page): the projector shows "Presentation ended", no patient.
   * The window stays open and still answers, so presenting again (or the reloaded presenter view) brings the slides.
   */
  const [ended, setEnded] = useState(false);

  const post = useDeckSync(meetingId, (m) => {
    if (m.type === 'hello' && m.from === 'presenter') {
      // A presenter view (re)opened: say this window is here, it sends its slide back.
      if (!leftRef.current) post({ type: 'ping', from: 'audience' });
      return;
    }
    if (m.type === 'bye' && m.from === 'presenter') {
      setEnded(true);
      return;
    }
    if (m.type !== 'slide' || m.from !== 'presenter') return;
    setEnded(false);
    setLinked(true);
    if (m.deidentified !== deidentified) setDeidentified(m.deidentified);
    setPending({ key: m.key, index: m.index });
  });

  // Apply the presenter's slide once the deck it refers to is here.
  useEffect(() => {
    if (!deck || !pending) return;
    setIndex(followIndex(deck.slides, pending.key, pending.index));
  }, [deck, pending]);

  const leftRef = useRef(false);
  leftRef.current = left;
  useEffect(() => {
    if (left) return;
    post({ type: 'hello', from: 'audience' });
    // A steady "still here": the presenter notices a closed window even when the goodbye below is lost.
    const ping = setInterval(() => post({ type: 'ping', from: 'audience' }), PING_MS);
    const bye = () => post({ type: 'bye', from: 'audience' });
    window.addEventListener('pagehide', bye);
    window.addEventListener('beforeunload', bye);
    document.title = 'BoardPrep: audience';
    return () => {
      clearInterval(ping);
      window.removeEventListener('pagehide', bye);
      window.removeEventListener('beforeunload', bye);
      bye();
    };
  }, [meetingId, left]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Esc: out of full screen first; then close the window (the presenter is told), or blank it if it cannot close. */
  const escape = useCallback(() => {
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
      return;
    }
    setLeft(true);
    window.close();
  }, []);

  const frames = useMemo(() => (deck ? framesOf(deck) : []), [deck]);
  const go = useCallback(
    (i: number) => {
      if (!deck) return;
      setIndex(i);
      const s = deck.slides[i];
      if (s) post({ type: 'slide', from: 'audience', key: s.key, index: i, deidentified });
    },
    [deck, deidentified, post],
  );
  const { typed, message } = useDeckKeys({
    count: deck?.slides.length ?? 0,
    sections: deck?.sections ?? [],
    index,
    go,
    onEscape: escape,
    onKey: (key) => {
      if (key !== 'f' && key !== 'F') return false;
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      return true;
    },
    enabled: Boolean(deck) && !left && !ended,
  });

  if (error && !deck) return <Banner message={{ kind: 'error', text: error.message }} className="present-error" />;
  if (left) {
    return (
      <div className="present-full present-full--audience present-left" data-testid="audience-left">
        <div className="present-left__box" role="status">
          <p>
            <strong>Audience view stopped.</strong> The presenter view has been told.
          </p>
          <p>Close this window, or show the slides here again.</p>
          {/* The window's only action: Enter or Space brings the slides back. */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <button type="button" className="pbutton" autoFocus onClick={() => setLeft(false)}>
            Show the slides again
          </button>
        </div>
      </div>
    );
  }
  if (ended) {
    return (
      <div className="present-full present-full--audience present-left" data-testid="audience-ended">
        <div className="present-left__box" role="status">
          <p>
            <strong>Presentation ended</strong>
          </p>
          <p>The slides come back here when the presenter starts again.</p>
        </div>
      </div>
    );
  }
  const slide = deck?.slides[index];
  return (
    <div className="present-full present-full--audience" data-testid="audience" data-linked={linked ? 'true' : 'false'}>
      {deck && slide ? (
        <SlideStage className="present-full__stage" label="Current slide">
          <SlideView slide={slide} frame={frames[index]} />
        </SlideStage>
      ) : (
        <div className="present-loading">{deck ? 'No slides yet.' : 'Waiting for the slides...'}</div>
      )}
      {(typed || message) && <div className="present-typed">{typed ? `Case ${typed}… press Enter` : message}</div>}
    </div>
  );
}
