import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MeetingDeck } from '../../../shared/deck/model';
import { call } from '../../api';
import { framesOf } from '../../slides/frame';
import { SlideStage } from '../../slides/SlideStage';
import { SlideView } from '../../slides/SlideView';
import { useDeckKeys } from './deck-keys';
import { useDeckSync } from './deck-sync';
import '../../styles/meetings.css';

/**
 * The audience window: the slides alone, filling the screen, following the presenter view. Its keys work too
 * (a clicker sends them here when this window has the focus) and move the presenter view along.
 */
export function AudienceView({ meetingId, deidentified: initial }: { meetingId: number; deidentified: boolean }) {
  const [deidentified, setDeidentified] = useState(initial);
  const [deck, setDeck] = useState<MeetingDeck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [pending, setPending] = useState<{ key: string; index: number } | null>(null);
  const [linked, setLinked] = useState(false);

  useEffect(() => {
    let live = true;
    call('deck:get', { meetingId, deidentified }).then(
      (d) => live && setDeck(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [meetingId, deidentified]);

  const post = useDeckSync(meetingId, (m) => {
    if (m.type !== 'slide' || m.from !== 'presenter') return;
    setLinked(true);
    if (m.deidentified !== deidentified) setDeidentified(m.deidentified);
    setPending({ key: m.key, index: m.index });
  });

  // Apply the presenter's slide once the deck it refers to is here.
  useEffect(() => {
    if (!deck || !pending) return;
    const at = deck.slides.findIndex((s) => s.key === pending.key);
    setIndex(at >= 0 ? at : Math.min(pending.index, deck.slides.length - 1));
  }, [deck, pending]);

  useEffect(() => {
    post({ type: 'hello', from: 'audience' });
    const bye = () => post({ type: 'bye', from: 'audience' });
    window.addEventListener('beforeunload', bye);
    document.title = 'BoardPrep: audience';
    return () => {
      window.removeEventListener('beforeunload', bye);
      bye();
    };
  }, [meetingId]); // eslint-disable-line react-hooks/exhaustive-deps

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
  const { typed } = useDeckKeys({
    count: deck?.slides.length ?? 0,
    sections: deck?.sections ?? [],
    index,
    go,
    onEscape: () => document.fullscreenElement && void document.exitFullscreen(),
    onKey: (key) => {
      if (key !== 'f' && key !== 'F') return false;
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      return true;
    },
    enabled: Boolean(deck),
  });

  if (error) return <div className="present-error banner banner--error">{error}</div>;
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
      {typed && <div className="present-typed">Case {typed}… press Enter</div>}
    </div>
  );
}
